// Writing notes: the form (with preview and kept drafts), edits, deletion, replies, useful marks, flags.
import crypto from "node:crypto";
import express, { type ErrorRequestHandler, type Request, type Response, type Router } from "express";
import { requireUser } from "../../web/auth-guards";
import { AppError, ForbiddenError, NotFoundError, TooManyRequestsError } from "../../web/errors";
import { take } from "../../infra/throttle";
import { renderMarkdown } from "../../web/markdown";
import { sendPage } from "../../web/render";
import { wantsJson } from "../../web/error-handler";
import { fieldErrorsOf, parseForm, parseOr400, throwIfJson, type FieldErrors } from "../../web/validate";
import { actorOf } from "../accounts/index";
import type { ProjectRefs } from "../projects/index";
import type { TaxonomyService } from "../taxonomy/index";
import { NoteFormPage, type NoteFormValues, type NoteTarget } from "../../../views/notes/NoteFormPage";
import type { NotesCore } from "./note.service";
import { NoteValidationError, openProject, verifyDraftToken } from "./note.rules";
import {
  editFormSchema,
  emptyForm,
  idParams,
  newNoteQuery,
  noteFormSchema,
  previewSchema,
  reasonSchema,
  replySchema,
  slugParams,
  tableNoteQuery,
  themeParams,
} from "./note.schemas";
import type { NoteDoc } from "./note.model";

export interface NotesRouterDeps {
  core: NotesCore;
  taxonomy: TaxonomyService;
  projects: Pick<ProjectRefs, "refBySlug" | "refsOf">;
  secret: string;
}

/**
 * New notes and replies per member, one budget for both: a member at a working table may post a handful
 * in a few minutes; a script posting thirty in a row is stopped. Taken before the note is checked.
 */
export const NOTE_POSTS_PER_USER = { name: "note-posts-user", points: 10, windowSeconds: 600 };

const FORM_FIELDS = ["kind", "theme", "question", "title", "body", "tags", "reason"] as const;

/** Only the text fields of a posted form, as strings (to show the form again or keep a draft). */
function valuesOf(body: unknown): NoteFormValues {
  const out: Record<string, string> = {};
  const b = (body ?? {}) as Record<string, unknown>;
  for (const k of FORM_FIELDS) if (typeof b[k] === "string") out[k] = b[k].slice(0, 20_000);
  return out;
}

function valuesOfNote(note: NoteDoc, tagSlugs: string[]): NoteFormValues {
  return {
    kind: note.kind,
    theme: note.theme,
    question: note.question ?? "",
    title: note.title,
    body: note.body,
    tags: tagSlugs.join(", "),
  };
}

export function notesRouter(deps: NotesRouterDeps): Router {
  const { core, taxonomy } = deps;
  const router = express.Router();

  async function showForm(
    req: Request,
    res: Response,
    opts: {
      target: NoteTarget;
      values: NoteFormValues;
      errors?: FieldErrors;
      action: string;
      version?: number;
      idem?: string;
      restored?: boolean;
      preview?: boolean;
      status?: number;
      /** What the service refused: field errors, and the tags it did not know. */
      error?: unknown;
    },
  ) {
    const vocab = await taxonomy.vocabulary();
    const user = res.locals.user!;
    sendPage(
      req,
      res,
      <NoteFormPage
        target={opts.target}
        vocab={vocab}
        values={opts.values}
        errors={opts.errors}
        action={opts.action}
        version={opts.version}
        idem={opts.idem}
        draftToken={core.draftToken(
          user.id,
          opts.target.kind === "project" ? opts.target.slug : `table:${opts.target.key}`,
        )}
        restored={opts.restored}
        previewHtml={opts.preview && opts.values.body ? renderMarkdown(opts.values.body) : undefined}
        unknownTags={opts.error instanceof NoteValidationError ? opts.error.tags : undefined}
      />,
      opts.status ?? 200,
    );
  }

  router.get("/projects/:slug/notes/new", requireUser, async (req, res) => {
    const { slug } = parseOr400(slugParams, req.params, "address");
    parseOr400(newNoteQuery, req.query, "query");
    const project = await openProject(deps.projects, slug);
    const draft = await core.findDraft(res.locals.user!.id, project.slug);
    await showForm(req, res, {
      target: { kind: "project", slug: project.slug, title: project.title },
      values: draft ? valuesOf(draft) : { theme: project.themes[0] },
      restored: !!draft,
      preview: !!draft,
      action: `/projects/${project.slug}/notes`,
      idem: crypto.randomBytes(16).toString("base64url"),
    });
  });

  router.post("/projects/:slug/notes", requireUser, async (req, res) => {
    const { slug } = parseOr400(slugParams, req.params, "address");
    const project = await openProject(deps.projects, slug);
    const action = `/projects/${project.slug}/notes`;
    const body = req.body as Record<string, unknown>;
    const idem = typeof body?.idem === "string" ? body.idem : undefined;
    const parsed = parseForm(noteFormSchema, req.body);
    const target: NoteTarget = { kind: "project", slug: project.slug, title: project.title };
    const again = (errors: FieldErrors | undefined, status: number, preview = false, error?: unknown) =>
      showForm(req, res, {
        target,
        values: valuesOf(req.body),
        errors,
        action,
        idem,
        status,
        preview,
        error,
      });
    if (!parsed.ok) {
      throwIfJson(req, parsed.errors);
      await again(parsed.errors, 400);
      return;
    }
    if (parsed.data.preview) {
      await again(undefined, 200, true);
      return;
    }
    const attempt = await take(NOTE_POSTS_PER_USER, res.locals.user!.id);
    if (!attempt.ok) {
      if (wantsJson(req) || req.is("application/json"))
        throw new TooManyRequestsError(req.t("notes.error.tooMany"), attempt.retryAfterSeconds);
      res.setHeader("Retry-After", String(attempt.retryAfterSeconds));
      await again({ _form: "notes.error.tooMany" }, 429);
      return;
    }
    try {
      const { note } = await core.create(actorOf(res.locals.user!), project.slug, parsed.data);
      // The note's own page says what happened: published, or waiting for a coordinator.
      res.redirect(303, `/notes/${String(note._id)}?notice=posted`);
    } catch (err) {
      const errors = fieldErrorsOf(err);
      if (!errors || !(err instanceof AppError)) throw err;
      throwIfJson(req, errors);
      await again(errors, err.status, false, err);
    }
  });

  /** A working table (theme) a note may be written on alone, or 404. */
  async function tableOf(params: unknown): Promise<{ kind: "table"; key: string; label: string }> {
    const { theme } = parseOr400(themeParams, params, "address");
    const term = (await taxonomy.vocabulary()).get("theme", theme);
    if (!term) throw new NotFoundError(`No working table ${theme}`);
    return { kind: "table", key: term.key, label: term.label_it };
  }

  router.get("/tables/:theme/notes/new", requireUser, async (req, res) => {
    const target = await tableOf(req.params);
    const { question } = parseOr400(tableNoteQuery, req.query, "query");
    await showForm(req, res, {
      target: { ...target, label: await tableLabel(target.key, req.lang) },
      values: { theme: target.key, question: question ?? "" },
      action: `/tables/${target.key}/notes`,
      idem: crypto.randomBytes(16).toString("base64url"),
    });
  });

  router.post("/tables/:theme/notes", requireUser, async (req, res) => {
    const table = await tableOf(req.params);
    const target = { ...table, label: await tableLabel(table.key, req.lang) };
    const action = `/tables/${target.key}/notes`;
    const body = req.body as Record<string, unknown>;
    const idem = typeof body?.idem === "string" ? body.idem : undefined;
    const parsed = parseForm(noteFormSchema, req.body);
    const values = { ...valuesOf(req.body), theme: target.key };
    const again = (errors: FieldErrors | undefined, status: number, preview = false, error?: unknown) =>
      showForm(req, res, { target, values, errors, action, idem, status, preview, error });
    if (!parsed.ok) {
      throwIfJson(req, parsed.errors);
      await again(parsed.errors, 400);
      return;
    }
    if (parsed.data.preview) {
      await again(undefined, 200, true);
      return;
    }
    try {
      // The address names the table: a theme posted in the body does not move the note elsewhere.
      const form = { ...parsed.data, theme: target.key };
      const { note } = await core.create(actorOf(res.locals.user!), null, form);
      res.redirect(303, `/notes/${String(note._id)}?notice=posted`);
    } catch (err) {
      const errors = fieldErrorsOf(err);
      if (!errors || !(err instanceof AppError)) throw err;
      throwIfJson(req, errors);
      await again(errors, err.status, false, err);
    }
  });

  async function tableLabel(key: string, lang: string): Promise<string> {
    const term = (await taxonomy.vocabulary()).get("theme", key);
    return term ? (lang === "en" ? term.label_en || term.label_it : term.label_it) : key;
  }

  // The live preview goes through the same sanitiser as the published note.
  router.post("/notes/preview", requireUser, (req, res) => {
    const { body } = parseOr400(previewSchema, req.body, "body");
    res.json({ html: renderMarkdown(body) });
  });

  async function editable(req: Request, res: Response) {
    const { id } = parseOr400(idParams, req.params, "address");
    const note = await core.load(id);
    const user = res.locals.user!;
    const moderator = user.role === "coordinator" || user.role === "admin";
    if (note.author.id !== user.id && !moderator) throw new ForbiddenError("This is not your note");
    if (!note.project) {
      // A note on a working table alone: edited there, back to its own page.
      const target: NoteTarget = {
        kind: "table",
        key: note.theme,
        label: await tableLabel(note.theme, req.lang),
      };
      return { id, note, target, back: `/notes/${id}` };
    }
    const ref = await projectRefOf(note.project);
    if (!ref) throw new NotFoundError("No such note");
    const target: NoteTarget = { kind: "project", slug: ref.slug, title: ref.title };
    return { id, note, target, back: `/projects/${ref.slug}#note-${id}` };
  }

  async function projectRefOf(id: { toString(): string } | null | undefined) {
    return id ? (await deps.projects.refsOf([id])).get(String(id)) : undefined;
  }

  router.get("/notes/:id/edit", requireUser, async (req, res) => {
    const { id, note, target } = await editable(req, res);
    const tags = await taxonomy.tags();
    // The tags as the member sees them (their labels): the form finds a tag by its label as by its slug.
    const slugs = (note.tags ?? [])
      .map((t) => tags.byId.get(String(t)))
      .filter((tag) => tag !== undefined)
      .map((tag) => (req.lang === "en" && tag.label_en ? tag.label_en : tag.label_it));
    await showForm(req, res, {
      target,
      values: valuesOfNote(note.toObject<NoteDoc>(), slugs),
      action: `/notes/${id}/edit`,
      version: note.version,
    });
  });

  router.post("/notes/:id/edit", requireUser, async (req, res) => {
    const { id, target, back } = await editable(req, res);
    const action = `/notes/${id}/edit`;
    const body = req.body as Record<string, unknown>;
    const version = Number(typeof body?.version === "string" ? body.version : 0) || 0;
    const parsed = parseForm(editFormSchema, req.body);
    const again = (errors: FieldErrors | undefined, status: number, preview = false, error?: unknown) =>
      showForm(req, res, {
        target,
        values: valuesOf(req.body),
        errors,
        action,
        version,
        status,
        preview,
        error,
      });
    if (!parsed.ok) {
      throwIfJson(req, parsed.errors);
      await again(parsed.errors, 400);
      return;
    }
    if (parsed.data.preview) {
      await again(undefined, 200, true);
      return;
    }
    try {
      await core.update(actorOf(res.locals.user!), id, parsed.data, req.ip);
      res.redirect(303, back);
    } catch (err) {
      const errors = fieldErrorsOf(err);
      if (!errors || !(err instanceof AppError)) throw err;
      throwIfJson(req, errors);
      await again(errors, err.status, false, err);
    }
  });

  router.post("/notes/:id/delete", requireUser, async (req, res) => {
    const { id } = parseOr400(idParams, req.params, "address");
    parseOr400(emptyForm, req.body, "form");
    const note = await core.load(id);
    const project = await projectRefOf(note.project);
    await core.remove(actorOf(res.locals.user!), id, req.ip);
    res.redirect(303, project ? `/projects/${project.slug}#notes` : `/tables/${note.theme}`);
  });

  function backToNote(res: Response, id: string, notice?: string) {
    res.redirect(303, notice ? `/notes/${id}?notice=${notice}` : `/notes/${id}`);
  }

  router.post("/notes/:id/replies", requireUser, async (req, res) => {
    const { id } = parseOr400(idParams, req.params, "address");
    const { body } = parseOr400(replySchema, req.body, "form");
    const attempt = await take(NOTE_POSTS_PER_USER, res.locals.user!.id);
    if (!attempt.ok)
      throw new TooManyRequestsError(req.t("notes.error.tooManyReplies"), attempt.retryAfterSeconds);
    const { published, replyId } = await core.reply(actorOf(res.locals.user!), id, body);
    res.redirect(
      303,
      `/notes/${id}?notice=${published ? "reply_published" : "reply_pending"}#reply-${replyId}`,
    );
  });

  router.post("/notes/:id/useful", requireUser, async (req, res) => {
    const { id } = parseOr400(idParams, req.params, "address");
    parseOr400(emptyForm, req.body, "form");
    const result = await core.toggleUseful(actorOf(res.locals.user!), id);
    if (req.accepts(["html", "json"]) === "json") {
      res.json(result);
      return;
    }
    backToNote(res, id);
  });

  router.post("/notes/:id/flag", requireUser, async (req, res) => {
    const { id } = parseOr400(idParams, req.params, "address");
    const { reason } = parseOr400(reasonSchema, req.body, "form");
    await core.flag(actorOf(res.locals.user!), id, reason, req.ip);
    backToNote(res, id, "flagged");
  });

  return router;
}

/**
 * Mounted right after the notes router: when the note form is posted after the session expired
 * (the CSRF check fails or nobody is signed in), the text is kept for the user the form was issued to
 * and they are sent to log in; the form then comes back filled in. Nothing else happens.
 */
export function noteDraftRescue(deps: { core: NotesCore; secret: string }): ErrorRequestHandler {
  const path = /^\/projects\/([a-z0-9][a-z0-9-]{0,150})\/notes$/;
  return (err: unknown, req, res, next) => {
    const match = req.method === "POST" ? path.exec(req.path) : null;
    const status = err instanceof AppError ? err.status : 0;
    if (!match || (status !== 403 && status !== 401)) {
      next(err);
      return;
    }
    const slug = match[1]!;
    const userId = verifyDraftToken(
      deps.secret,
      (req.body as Record<string, unknown> | undefined)?.draftToken,
      slug,
    );
    if (!userId || (res.locals.user && res.locals.user.id !== userId)) {
      next(err);
      return;
    }
    const fields = valuesOf(req.body) as Record<string, string>;
    delete fields.reason;
    deps.core.saveDraft(userId, slug, fields).then(() => {
      res.redirect(
        303,
        `/login?notice=expired&next=${encodeURIComponent(`/projects/${slug}/notes/new?draft=1`)}`,
      );
    }, next);
  };
}
