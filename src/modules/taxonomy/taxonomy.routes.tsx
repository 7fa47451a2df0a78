// The tag index (public), tag proposals (members), tag and vocabulary curation (coordinators). The pages
// of a theme, a zone or a tag list projects: the catalogue serves them (projects/terms.routes.tsx).
import express, { type Request, type Response, type Router } from "express";
import { requireRole } from "../../web/auth-guards";
import { NotFoundError, ValidationError } from "../../web/errors";
import { isMessageKey } from "../../web/i18n/index";
import type { PageCache } from "../../web/page-cache";
import { sendPage } from "../../web/render";
import { parseOr400 } from "../../web/validate";
import { TermIndexPage } from "../../../views/taxonomy/TermIndexPage";
import type { TagFormState } from "../../../views/taxonomy/CurationForm";
import { ProposeTagPage } from "../../../views/taxonomy/ProposeTagPage";
import { TagCurationPage } from "../../../views/taxonomy/TagCurationPage";
import { TermEditPage, VocabulariesPage } from "../../../views/taxonomy/VocabularyPages";
import { actorOf } from "../accounts/index";
import type { TaxonomyService } from "./taxonomy.service";
import { VOCABULARY_KINDS, labelOf, type Term, type VocabularyKind } from "./taxonomy.types";
import {
  csrfOnlySchema,
  keyParamSchema,
  mergeFormSchema,
  slugParamSchema,
  tagFormSchema,
  termFormSchema,
} from "./taxonomy.schemas";

export function taxonomyRouter(deps: { taxonomy: TaxonomyService; cache: PageCache }): Router {
  const { taxonomy, cache } = deps;
  const router = express.Router();
  const coordinator = requireRole("coordinator");
  const member = requireRole("member");

  router.get("/tags", async (req, res) => {
    if (cache.sendCached(req, res, req.originalUrl)) return;
    const index = await taxonomy.tags();
    const entries = index.all
      .filter((tag) => tag.status === "active")
      .map((tag) => ({ href: `/tags/${tag.slug}`, label: labelOf(tag, req.lang), count: tag.usageCount }))
      .sort((a, b) => a.label.localeCompare(b.label, req.lang));
    const actions = res.locals.user ? (
      <p>
        <a href="/tags/propose">{req.t("tax.propose.title")}</a>
        {res.locals.user.role !== "member" ? (
          <>
            {" · "}
            <a href="/curation/tags">{req.t("tax.curation.title")}</a>
            {" · "}
            <a href="/curation/vocabularies">{req.t("tax.vocab.title")}</a>
          </>
        ) : null}
      </p>
    ) : undefined;
    cache.send(req, res, req.originalUrl, () => (
      <TermIndexPage title="tax.tags.title" lead="tax.tags.lead" entries={entries} actions={actions} />
    ));
  });

  router.get("/tags/propose", member, (req, res) => {
    sendPage(req, res, <ProposeTagPage />);
  });

  router.post("/tags/propose", member, async (req, res) => {
    const body = req.body as Record<string, unknown>;
    try {
      const form = parseOr400(tagFormSchema, body, "form");
      const tag = await taxonomy.proposeTag(actorOf(res.locals.user!), { ...form, slug: "" });
      sendPage(req, res, <ProposeTagPage notice={req.t("tax.propose.done", { label: tag.label_it })} />, 201);
    } catch (err) {
      const state = formErrorState(req, err, "propose", body);
      sendPage(req, res, <ProposeTagPage state={state} />, 400);
    }
  });

  // --- Curation (coordinators) ---

  function formErrorState(
    req: Request,
    err: unknown,
    formId: string,
    body: Record<string, unknown>,
  ): TagFormState {
    if (!(err instanceof ValidationError)) throw err;
    const errors: Record<string, string> = {};
    for (const d of err.details) {
      const field = d.field.split(".")[0] || "label_it";
      errors[field] = isMessageKey(d.message)
        ? req.t(d.message)
        : d.message === "required"
          ? req.t("tax.error.required")
          : `${req.t("tax.error.invalid")} (${d.message})`;
    }
    const values = Object.fromEntries(
      Object.entries(body).filter(([, v]) => typeof v === "string"),
    ) as Record<string, string>;
    return { formId, values, errors };
  }

  async function curationPage(req: Request, res: Response, status = 200, state?: TagFormState) {
    const index = await taxonomy.tags();
    sendPage(req, res, <TagCurationPage tags={index.all} state={state} />, status);
  }

  router.get("/curation/tags", coordinator, (req, res) => curationPage(req, res));

  router.post("/curation/tags", coordinator, async (req, res) => {
    const body = req.body as Record<string, unknown>;
    try {
      await taxonomy.createTag(actorOf(res.locals.user!), parseOr400(tagFormSchema, body, "form"));
      res.redirect(303, "/curation/tags");
    } catch (err) {
      await curationPage(req, res, 400, formErrorState(req, err, "create", body));
    }
  });

  router.post("/curation/tags/:slug", coordinator, async (req, res) => {
    const { slug } = parseOr400(slugParamSchema, req.params, "address");
    const body = req.body as Record<string, unknown>;
    try {
      await taxonomy.updateTag(actorOf(res.locals.user!), slug, parseOr400(tagFormSchema, body, "form"));
      res.redirect(303, "/curation/tags");
    } catch (err) {
      await curationPage(req, res, 400, formErrorState(req, err, slug, body));
    }
  });

  router.post("/curation/tags/:slug/merge", coordinator, async (req, res) => {
    const { slug } = parseOr400(slugParamSchema, req.params, "address");
    const body = req.body as Record<string, unknown>;
    try {
      const { into } = parseOr400(mergeFormSchema, body, "form");
      const survivor = await taxonomy.mergeTags(actorOf(res.locals.user!), slug, into);
      res.redirect(303, `/tags/${survivor.slug}`);
    } catch (err) {
      await curationPage(req, res, 400, formErrorState(req, err, `merge-${slug}`, body));
    }
  });

  const statusAction = (name: "retire" | "reactivate" | "approve" | "reject") =>
    router.post(`/curation/tags/:slug/${name}`, coordinator, async (req, res) => {
      const { slug } = parseOr400(slugParamSchema, req.params, "address");
      parseOr400(csrfOnlySchema, req.body, "form");
      const actor = actorOf(res.locals.user!);
      const fn = {
        retire: taxonomy.retireTag,
        reactivate: taxonomy.reactivateTag,
        approve: taxonomy.approveTag,
        reject: taxonomy.rejectTag,
      }[name];
      await fn(actor, slug);
      res.redirect(303, "/curation/tags");
    });
  statusAction("retire");
  statusAction("reactivate");
  statusAction("approve");
  statusAction("reject");

  router.get("/curation/vocabularies", coordinator, async (req, res) => {
    const vocab = await taxonomy.vocabulary();
    const terms = Object.fromEntries(
      VOCABULARY_KINDS.map((k) => [
        k,
        {
          theme: vocab.themes,
          zone: vocab.zones,
          province: vocab.provinces,
          targetGroup: vocab.targetGroups,
          funding: vocab.funding,
        }[k],
      ]),
    ) as Record<VocabularyKind, Term[]>;
    sendPage(req, res, <VocabulariesPage terms={terms} />);
  });

  const termValues = (term: Term) => ({
    label_it: term.label_it,
    label_en: term.label_en,
    description_it: term.description_it,
    description_en: term.description_en,
    questions_it: term.guidingQuestions.map((q) => q.it).join("\n"),
    questions_en: term.guidingQuestions.map((q) => q.en).join("\n"),
  });

  router.get("/curation/vocabularies/:kind/:key", coordinator, async (req, res) => {
    const { kind, key } = parseOr400(keyParamSchema, req.params, "address");
    const term = (await taxonomy.vocabulary()).get(kind, key);
    if (!term) throw new NotFoundError("No such term");
    sendPage(req, res, <TermEditPage term={term} values={termValues(term)} errors={{}} />);
  });

  router.post("/curation/vocabularies/:kind/:key", coordinator, async (req, res) => {
    const { kind, key } = parseOr400(keyParamSchema, req.params, "address");
    const term = (await taxonomy.vocabulary()).get(kind, key);
    if (!term) throw new NotFoundError("No such term");
    const body = req.body as Record<string, unknown>;
    try {
      await taxonomy.updateTerm(
        actorOf(res.locals.user!),
        kind,
        key,
        parseOr400(termFormSchema, body, "form"),
      );
      res.redirect(303, "/curation/vocabularies");
    } catch (err) {
      const state = formErrorState(req, err, "term", body);
      sendPage(req, res, <TermEditPage term={term} values={state.values} errors={state.errors} />, 400);
    }
  });

  return router;
}
