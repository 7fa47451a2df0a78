// Where notes are read: the moderation queue, member profiles, working-table notes and the JSON API.
import express, { type Router } from "express";
import "./notes.openapi";
import mongoose from "mongoose";
import { requireRole } from "../../web/auth-guards";
import { NotFoundError, ValidationError } from "../../web/errors";
import { sendPage } from "../../web/render";
import { actorOf, type AccountsCore } from "../accounts/index";
import { parseOr400 } from "../../web/validate";
import type { ProjectRefs } from "../projects/index";
import type { TaxonomyService } from "../taxonomy/index";
import { QueuePage } from "../../../views/notes/QueuePage";
import { ProfilePage, ThemeNotesPage } from "../../../views/notes/ListPages";
import type { Moderation } from "./moderation.service";
import { toView, type NoteQueries, type SessionLabel } from "./note.queries";
import { NotePage } from "../../../views/notes/NotePage";
import { openProjectForRead } from "./note.api";
import { bulkSchema, idParams, queueQuery, slugParams } from "./note.schemas";
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
    const [{ items, counts }, waiting, l] = await Promise.all([
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
    return { items, counts, labels: l, sessions };
  }

  router.get("/moderation/notes", requireRole("coordinator"), async (req, res) => {
    const { filter = "all", session } = parseOr400(queueQuery, req.query, "query");
    const queue = await queueOf(filter, session);
    sendPage(req, res, <QueuePage {...queue} filter={filter} session={session} />);
  });

  router.post("/moderation/notes", requireRole("coordinator"), async (req, res) => {
    const parsed = bulkSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      const message = parsed.error.issues[0]?.message ?? "notes.error.invalid";
      throw new ValidationError(
        req.t(message.startsWith("notes.") ? (message as "notes.error.invalid") : "notes.error.invalid"),
        [{ field: String(parsed.error.issues[0]?.path[0] ?? "_form"), message }],
      );
    }
    const { ids, action, reason } = parsed.data;
    const result = await moderation.bulk(actorOf(res.locals.user!), ids, action, reason ?? "", req.ip);
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

  router.get("/notes/:id", async (req, res) => {
    const { id } = parseOr400(idParams, req.params, "address");
    const user = res.locals.user;
    const note = await queries.visible(id, { id: user?.id, role: user?.role });
    const project = note?.project ? await queries.projectRef(note.project, { role: user?.role }) : undefined;
    // A note on a project this reader cannot see is hidden with it; a session's contribution may have none.
    if (!note || (note.project && !project)) throw new NotFoundError("No such note");
    sendPage(req, res, <NotePage view={toView(note)} project={project} labels={await labels()} />);
  });

  router.get("/members/:id", async (req, res) => {
    const { id } = parseOr400(idParams, req.params, "address");
    const user = mongoose.isValidObjectId(id) ? await deps.accounts.findById(id) : null;
    if (!user || user.status !== "active") throw new NotFoundError("No such member");
    const [notes, l] = await Promise.all([queries.forAuthor(id), labels()]);
    sendPage(
      req,
      res,
      <ProfilePage name={user.name} organisation={user.organisation ?? ""} notes={notes} labels={l} />,
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
