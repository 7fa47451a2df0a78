// Index status for administrators (with retry of failed changes) and the thesaurus for coordinators.
import express, { type Router } from "express";
import { z } from "zod";
import { hasRole, requireRole } from "../../web/auth-guards";
import { sendPage } from "../../web/render";
import { parseOr400 } from "../../web/validate";
import { isMessageKey } from "../../web/i18n/index";
import { SearchStatusPage, ThesaurusPage } from "../../../views/search/SearchAdminPages";
import { backlogStats, retryFailed } from "./indexer";
import { OutboxModel } from "./outbox.model";
import { thesaurusFormSchema } from "./search.schemas";
import { loadThesaurus, parseThesaurusText, saveThesaurus, thesaurusToText } from "./thesaurus";

const statusQuery = z.strictObject({
  retried: z
    .string()
    .regex(/^\d{1,9}$/)
    .transform(Number)
    .optional(),
});
const thesaurusQuery = z.strictObject({
  saved: z
    .string()
    .regex(/^\d{1,9}$/)
    .transform(Number)
    .optional(),
});

export function searchAdminRouter(deps: { resync: () => Promise<void> }): Router {
  const router = express.Router();

  // Coordinators read the figures; only admins act on them (the retry below checks it again).
  router.get("/admin/search", requireRole("coordinator"), async (req, res) => {
    const q = parseOr400(statusQuery, req.query);
    const [stats, failed] = await Promise.all([
      backlogStats(),
      OutboxModel.find({ status: "failed" }).sort({ updatedAt: -1 }).limit(200).lean(),
    ]);
    sendPage(
      req,
      res,
      <SearchStatusPage
        pending={stats.pending}
        failedTotal={stats.failed}
        retried={q.retried}
        canRetry={hasRole(res.locals.user?.role, "admin")}
        failed={failed.map((f) => ({
          type: f.type,
          docId: f.docId,
          attempts: f.attempts ?? 0,
          error: f.lastError ?? "",
          at: (f as { updatedAt?: Date }).updatedAt?.toISOString() ?? "",
        }))}
      />,
    );
  });

  router.post("/admin/search/retry", requireRole("admin"), async (req, res) => {
    parseOr400(z.strictObject({ _csrf: z.string().optional() }), req.body);
    const n = await retryFailed();
    res.redirect(303, `/admin/search?retried=${n}`);
  });

  router.get("/admin/search/thesaurus", requireRole("coordinator"), async (req, res) => {
    const q = parseOr400(thesaurusQuery, req.query);
    sendPage(req, res, <ThesaurusPage text={thesaurusToText(await loadThesaurus())} saved={q.saved} />);
  });

  router.post("/admin/search/thesaurus", requireRole("coordinator"), async (req, res) => {
    const parsed = thesaurusFormSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      const raw = (req.body as { thesaurus?: unknown } | undefined)?.thesaurus;
      const text = typeof raw === "string" ? raw : "";
      // The schema's messages are message keys: the coordinator reads a sentence in their language.
      const key = parsed.error.issues[0]?.message ?? "";
      const error = isMessageKey(key) ? req.t(key) : req.t("search.thesaurus.error.text");
      sendPage(req, res, <ThesaurusPage text={text} error={error} />, 400);
      return;
    }
    const user = res.locals.user!;
    const groups = await saveThesaurus(parseThesaurusText(parsed.data.thesaurus), `${user.id}:${user.name}`);
    // New synonyms and expansions: the settings sync rebuilds the index in the background.
    void deps.resync();
    res.redirect(303, `/admin/search/thesaurus?saved=${groups.length}`);
  });

  return router;
}
