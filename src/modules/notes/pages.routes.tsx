// Where notes are read: the moderation queue, member profiles, working-table notes and the JSON API.
import express, { type Request, type Response, type Router } from "express";
import "./notes.openapi";
import mongoose from "mongoose";
import { requireRole, requireUser } from "../../web/auth-guards";
import { NotFoundError, ValidationError } from "../../web/errors";
import { sendPage } from "../../web/render";
import { actorOf, type AccountsCore } from "../accounts/index";
import { fieldErrorsOf, parseForm, parseOr400, throwIfJson, type FieldErrors } from "../../web/validate";
import type { ProjectRefs } from "../projects/index";
import type { TaxonomyService } from "../taxonomy/index";
import { QueuePage } from "../../../views/notes/QueuePage";
import { ProfilePage, ThemeNotesPage } from "../../../views/notes/ListPages";
import { MyNotesPage } from "../../../views/notes/MyNotesPage";
import type { Moderation } from "./moderation.service";
import { toViewFor, type NoteQueries, type SessionLabel } from "./note.queries";
import { NotePage } from "../../../views/notes/NotePage";
import { openProjectForRead } from "./note.api";
import {
  bulkSchema,
  idParams,
  notePageQuery,
  queueQuery,
  replyDecisionSchema,
  slugParams,
} from "./note.schemas";
import { noteJson } from "./note.api";

export interface NotePagesDeps {
  moderation: Moderation;
  queries: NoteQueries;
  taxonomy: TaxonomyService;
  accounts: Pick<AccountsCore, "findById">;
  projects: Pick<ProjectRefs, "refBySlug">;
  /** Labels and links of working-table sessions (given by the tables module). */
  sessionLabels: (ids: string[]) => Promise<Map<string, SessionLabel>>;
}

export function notePagesRouter(deps: NotePagesDeps): Router {
  const { moderation, queries, taxonomy } = deps;
  const router = express.Router();
  const labels = async () => ({ vocab: await taxonomy.vocabulary(), tags: await taxonomy.tags() });

  /** The queue's items with their sessions' labels, and the sessions that have contributions waiting. */
  async function queueOf(filter: "all" | "pending" | "flagged", session?: string) {
    const [{ items, replies, counts }, waiting, l] = await Promise.all([
      moderation.queue(filter, { session }),
      moderation.pendingSessions(),
      labels(),
    ]);
    const ids = [
      ...new Set([...waiting, ...(session ? [session] : []), ...items.flatMap((i) => i.sessionId ?? [])]),
    ];
    const named = await deps.sessionLabels(ids);
    const sessions = ids.flatMap((id) => {
      const label = named.get(id);
      return label ? [{ id, ...label }] : [];
    });
    return { items, replies, counts, labels: l, sessions };
  }

  /** The queue again after a refused decision: what was chosen stays chosen, the error sits by its field. */
  async function queueAgain(
    req: Request,
    res: Response,
    errors: FieldErrors,
    form: { selected?: string[]; action?: string; reason?: string; reply?: string },
  ) {
    throwIfJson(req, errors);
    const queue = await queueOf("all");
    sendPage(req, res, <QueuePage {...queue} filter="all" errors={errors} form={form} />, 400);
  }

  const stringsOf = (v: unknown): string[] =>
    (Array.isArray(v) ? v : [v]).filter(
      (s): s is string => typeof s === "string" && /^[a-f0-9]{24}$/.test(s),
    );
  const textOf = (v: unknown) => (typeof v === "string" ? v.slice(0, 500) : "");

  router.get("/moderation/notes", requireRole("coordinator"), async (req, res) => {
    const { filter = "all", session, select, decided } = parseOr400(queueQuery, req.query, "query");
    const queue = await queueOf(filter, session);
    // "Select all" without JavaScript: the same queue with every note ticked.
    const form = select === "all" ? { selected: queue.items.map((i) => String(i.view.note._id)) } : undefined;
    const result = decided ? { done: 1, failed: 0 } : undefined;
    sendPage(
      req,
      res,
      <QueuePage {...queue} filter={filter} session={session} form={form} result={result} />,
    );
  });

  router.post("/moderation/notes", requireRole("coordinator"), async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const form = { selected: stringsOf(body.ids), action: textOf(body.action), reason: textOf(body.reason) };
    const parsed = parseForm(bulkSchema, body);
    if (!parsed.ok) {
      await queueAgain(req, res, parsed.errors, form);
      return;
    }
    const { ids, action, reason } = parsed.data;
    let result: { done: number; failed: string[] };
    try {
      result = await moderation.bulk(actorOf(res.locals.user!), ids, action, reason ?? "", req.ip);
    } catch (err) {
      const errors = err instanceof ValidationError ? fieldErrorsOf(err) : undefined;
      if (!errors) throw err;
      await queueAgain(req, res, errors, form);
      return;
    }
    if (req.accepts(["html", "json"]) === "json") {
      res.json(result);
      return;
    }
    const queue = await queueOf("all");
    sendPage(
      req,
      res,
      <QueuePage {...queue} filter="all" result={{ done: result.done, failed: result.failed.length }} />,
    );
  });

  router.post("/moderation/replies", requireRole("coordinator"), async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const form = { reply: textOf(body.reply), reason: textOf(body.reason), action: textOf(body.action) };
    const parsed = parseForm(replyDecisionSchema, body);
    if (!parsed.ok) {
      await queueAgain(req, res, parsed.errors, form);
      return;
    }
    const { note, reply, action, reason } = parsed.data;
    try {
      await moderation.decideReply(actorOf(res.locals.user!), note, reply, action, reason ?? "", req.ip);
    } catch (err) {
      const errors = err instanceof ValidationError ? fieldErrorsOf(err) : undefined;
      if (!errors) throw err;
      await queueAgain(req, res, errors, form);
      return;
    }
    if (req.accepts(["html", "json"]) === "json") {
      res.json({ done: 1 });
      return;
    }
    res.redirect(303, "/moderation/notes?decided=reply");
  });

  router.get("/notes/:id", async (req, res) => {
    const { id } = parseOr400(idParams, req.params, "address");
    const user = res.locals.user;
    const note = await queries.visible(id, { id: user?.id, role: user?.role });
    const project = note?.project ? await queries.projectRef(note.project, { role: user?.role }) : undefined;
    // A note on a project this reader cannot see is hidden with it; a session's contribution may have none.
    if (!note || (note.project && !project)) throw new NotFoundError("No such note");
    const q = notePageQuery.safeParse(req.query);
    sendPage(
      req,
      res,
      <NotePage
        view={toViewFor(note, { id: user?.id, role: user?.role })}
        project={project}
        labels={await labels()}
        notice={user && q.success ? q.data.notice : undefined}
      />,
    );
  });

  router.get("/me/notes", requireUser, async (req, res) => {
    const userId = res.locals.user!.id;
    const [notes, drafts, l] = await Promise.all([
      queries.ofMember(userId),
      queries.draftsOf(userId),
      labels(),
    ]);
    sendPage(req, res, <MyNotesPage notes={notes} drafts={drafts} labels={l} />);
  });

  router.get("/members/:id", async (req, res) => {
    const { id } = parseOr400(idParams, req.params, "address");
    const user = mongoose.isValidObjectId(id) ? await deps.accounts.findById(id) : null;
    if (!user || user.status !== "active") throw new NotFoundError("No such member");
    // Members reading their own profile learn what waits (nobody else sees it).
    const self = res.locals.user?.id === id;
    const [notes, l, pending] = await Promise.all([
      queries.forAuthor(id),
      labels(),
      self ? queries.pendingOf(id) : Promise.resolve(0),
    ]);
    sendPage(
      req,
      res,
      <ProfilePage
        name={user.name}
        organisation={user.organisation ?? ""}
        notes={notes}
        labels={l}
        ownPending={self ? pending : undefined}
      />,
    );
  });

  router.get("/themes/:key/notes", async (req, res) => {
    const key = String(req.params.key);
    const l = await labels();
    const theme = l.vocab.get("theme", key);
    if (!theme) throw new NotFoundError("No such theme");
    const notes = await queries.forTheme(theme.key);
    sendPage(req, res, <ThemeNotesPage theme={theme} notes={notes} labels={l} />);
  });

  router.get("/api/v1/projects/:slug/notes", async (req, res) => {
    const { slug } = parseOr400(slugParams, req.params, "address");
    const project = await openProjectForRead(deps.projects, slug);
    const [views, tags] = await Promise.all([queries.forProject(project._id, {}), taxonomy.tags()]);
    res.json({
      project: { slug: project.slug, title: project.title },
      total: views.length,
      notes: views.map((v) => noteJson(v, tags, project.slug)),
    });
  });

  return router;
}
