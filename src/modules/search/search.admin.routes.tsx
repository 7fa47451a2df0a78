// Index status for administrators (with retry of failed changes) and the thesaurus for coordinators.
import express, { type Router } from "express";
import { z } from "zod";
import { requireRole } from "../../web/auth-guards";
import { ValidationError } from "../../web/errors";
import { sendPage } from "../../web/render";
import { SearchStatusPage, ThesaurusPage } from "../../../views/search/SearchAdminPages";
import { backlogStats, retryFailed } from "./indexer";
import { OutboxModel } from "./outbox.model";
import { detailsOf } from "./search.routes";
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

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input ?? {});
  if (!parsed.success) throw new ValidationError("The request is not valid", detailsOf(parsed.error));
  return parsed.data;
}

export function searchAdminRouter(deps: { resync: () => Promise<void> }): Router {
  const router = express.Router();

  router.get("/admin/search", requireRole("admin"), async (req, res) => {
    const q = parse(statusQuery, req.query);
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
    parse(z.strictObject({ _csrf: z.string().optional() }), req.body);
    const n = await retryFailed();
    res.redirect(303, `/admin/search?retried=${n}`);
  });

  router.get("/admin/search/thesaurus", requireRole("coordinator"), async (req, res) => {
    const q = parse(thesaurusQuery, req.query);
    sendPage(req, res, <ThesaurusPage text={thesaurusToText(await loadThesaurus())} saved={q.saved} />);
  });

  router.post("/admin/search/thesaurus", requireRole("coordinator"), async (req, res) => {
    const parsed = thesaurusFormSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      const raw = (req.body as { thesaurus?: unknown } | undefined)?.thesaurus;
      const text = typeof raw === "string" ? raw : "";
      sendPage(req, res, <ThesaurusPage text={text} error={parsed.error.issues[0]?.message} />, 400);
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
