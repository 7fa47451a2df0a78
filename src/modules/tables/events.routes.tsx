// Coordinators' pages for events and their table sessions (create, edit, delete), the public event pages,
// and the bulk invitation of an event's participants (pasted list or CSV upload).
import busboy from "busboy";
import express, { type Request, type Response, type Router } from "express";
import { hasRole, requireRole } from "../../web/auth-guards";
import { AppError, NotFoundError, ValidationError } from "../../web/errors";
import { renderMarkdown } from "../../web/markdown";
import { sendPage } from "../../web/render";
import { fieldErrorsOf, parseForm, parseOr400, throwIfJson, type FieldErrors } from "../../web/validate";
import { actorOf } from "../accounts/index";
import type { TableNoteQueries } from "../notes/index";
import type { TaxonomyService } from "../taxonomy/index";
import {
  EventFormPage,
  EventPage,
  EventsPage,
  InvitePage,
  SessionFormPage,
  type EventFormValues,
  type SessionFormValues,
} from "../../../views/tables/EventPages";
import type { CaptureService } from "./capture.service";
import type { EventQueries, EventView, SessionView } from "./events.queries";
import type { EventsService } from "./events.service";
import { INVITE_LIST_MAX, type InvitationsService } from "./invitations.service";
import { emptyForm, eventFormSchema, idParams, sessionFormSchema } from "./tables.schemas";

export interface EventsRouterDeps {
  events: EventsService;
  queries: EventQueries;
  capture: CaptureService;
  invitations: InvitationsService;
  taxonomy: TaxonomyService;
  notes: Pick<TableNoteQueries, "sessionCounts">;
}

const FILE_MAX = 1024 * 1024;
const EVENT_FIELDS = [
  "title",
  "date",
  "online",
  "place",
  "organisers",
  "participants",
  "description",
  "links",
] as const;

function stringsOf<K extends string>(body: unknown, keys: readonly K[]): Partial<Record<K, string>> {
  const b = (body ?? {}) as Record<string, unknown>;
  const out: Partial<Record<K, string>> = {};
  for (const k of keys) if (typeof b[k] === "string") out[k] = b[k].slice(0, 25_000);
  return out;
}

function eventValues(e: EventView): EventFormValues {
  return {
    title: e.title,
    date: e.date.toISOString().slice(0, 10),
    online: e.online ? "1" : "",
    place: e.place,
    organisers: e.organisers.join("\n"),
    participants: e.participants === null ? "" : String(e.participants),
    description: e.description,
    links: e.links.map((l) => `${l.label} | ${l.url}`).join("\n"),
  };
}

function sessionValuesOf(body: unknown): SessionFormValues {
  const b = (body ?? {}) as Record<string, unknown>;
  const s = stringsOf(b, [
    "theme",
    "facilitatorName",
    "facilitatorEmail",
    "participants",
    "projects",
  ] as const);
  const q = b.questions;
  return {
    ...s,
    questions: Array.isArray(q) ? q.filter((x) => typeof x === "string") : typeof q === "string" ? [q] : [],
  };
}

/** The pasted list and the CSV file of the invitation form (multipart, the file at most FILE_MAX). */
function readInviteForm(req: Request): Promise<{ list: string; file: string; tooLarge: boolean }> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({
        headers: req.headers,
        limits: { fileSize: FILE_MAX, files: 1, fields: 3, fieldSize: 200_000, parts: 4 },
      });
    } catch {
      req.resume();
      reject(
        new ValidationError("Send the form as multipart/form-data", [
          { field: "list", message: "tables.error.file" },
        ]),
      );
      return;
    }
    const out = { list: "", file: "", tooLarge: false };
    const chunks: Buffer[] = [];
    let settled = false;
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      req.unpipe(bb);
      req.resume();
      reject(err);
    };
    bb.on("field", (name, value) => {
      if (name === "list") out.list = value;
    });
    bb.on("file", (_name, stream) => {
      stream.on("data", (d: Buffer) => chunks.push(d));
      stream.on("limit", () => (out.tooLarge = true));
      stream.on("error", (err: Error) =>
        fail(new ValidationError(err.message, [{ field: "file", message: "tables.error.file" }])),
      );
    });
    bb.on("error", (err: Error) =>
      fail(new ValidationError(err.message, [{ field: "file", message: "tables.error.file" }])),
    );
    bb.on("close", () => {
      if (settled) return;
      settled = true;
      const bytes = Buffer.concat(chunks);
      out.file = bytes.includes(0) ? "\u0000" : bytes.toString("utf8");
      resolve(out);
    });
    req.on("aborted", () => fail(new ValidationError("The upload was interrupted")));
    req.pipe(bb);
  });
}

export function eventsRouter(deps: EventsRouterDeps): Router {
  const router = express.Router();
  const coordinator = requireRole("coordinator");

  async function eventOr404(id: string) {
    const found = await deps.queries.withSessions(id);
    if (!found) throw new NotFoundError("No such event");
    return found;
  }

  router.get("/events", async (req, res) => {
    sendPage(req, res, <EventsPage events={await deps.queries.list()} />);
  });

  router.get("/events/new", coordinator, (req, res) => {
    sendPage(req, res, <EventFormPage action="/events" values={{ online: "1" }} editing={false} />);
  });

  async function saveEvent(req: Request, res: Response, id?: string) {
    const action = id ? `/events/${id}/edit` : "/events";
    const parsed = parseForm(eventFormSchema, req.body);
    const again = (errors: FieldErrors, status: number) =>
      sendPage(
        req,
        res,
        <EventFormPage
          action={action}
          values={stringsOf(req.body, EVENT_FIELDS)}
          errors={errors}
          editing={!!id}
          version={Number((req.body as { version?: string })?.version) || undefined}
        />,
        status,
      );
    if (!parsed.ok) {
      throwIfJson(req, parsed.errors);
      again(parsed.errors, 400);
      return;
    }
    try {
      const actor = actorOf(res.locals.user!);
      const doc = id
        ? await deps.events.updateEvent(actor, id, parsed.data, req.ip)
        : await deps.events.createEvent(actor, parsed.data, req.ip);
      res.redirect(303, `/events/${String(doc._id)}`);
    } catch (err) {
      const errors = fieldErrorsOf(err);
      if (!errors || !(err instanceof AppError)) throw err;
      throwIfJson(req, errors);
      again(errors, err.status);
    }
  }

  router.post("/events", coordinator, (req, res) => saveEvent(req, res));

  router.get("/events/:id", async (req, res) => {
    const { id } = parseOr400(idParams, req.params, "address");
    const { event, sessions } = await eventOr404(id);
    const [vocab, counts] = await Promise.all([
      deps.taxonomy.vocabulary(),
      deps.notes.sessionCounts(sessions.map((s) => s.id)),
    ]);
    const user = res.locals.user;
    const rows = sessions.map((session: SessionView) => {
      const number = vocab.themes.findIndex((t) => t.key === session.theme) + 1;
      const c = counts.get(session.id);
      return {
        session,
        theme: vocab.get("theme", session.theme),
        number,
        counts: { pending: c?.pending ?? 0, published: c?.published ?? 0 },
        mayRun: !!user && (hasRole(user.role, "coordinator") || session.facilitator.userId === user.id),
      };
    });
    sendPage(
      req,
      res,
      <EventPage event={event} descriptionHtml={renderMarkdown(event.description)} sessions={rows} />,
    );
  });

  router.get("/events/:id/edit", coordinator, async (req, res) => {
    const { id } = parseOr400(idParams, req.params, "address");
    const { event } = await eventOr404(id);
    sendPage(
      req,
      res,
      <EventFormPage
        action={`/events/${id}/edit`}
        values={eventValues(event)}
        version={event.version}
        editing
      />,
    );
  });

  router.post("/events/:id/edit", coordinator, async (req, res) => {
    const { id } = parseOr400(idParams, req.params, "address");
    await eventOr404(id);
    await saveEvent(req, res, id);
  });

  router.post("/events/:id/delete", coordinator, async (req, res) => {
    const { id } = parseOr400(idParams, req.params, "address");
    parseOr400(emptyForm, req.body, "form");
    await deps.events.deleteEvent(actorOf(res.locals.user!), id, req.ip);
    res.redirect(303, "/events");
  });

  async function showSessionForm(
    req: Request,
    res: Response,
    opts: {
      event: EventView;
      action: string;
      values: SessionFormValues;
      errors?: FieldErrors;
      version?: number;
      editing: boolean;
      status?: number;
    },
  ) {
    const vocab = await deps.taxonomy.vocabulary();
    sendPage(
      req,
      res,
      <SessionFormPage
        action={opts.action}
        eventId={opts.event.id}
        eventTitle={opts.event.title}
        themes={vocab.themes}
        values={opts.values}
        errors={opts.errors}
        version={opts.version}
        editing={opts.editing}
      />,
      opts.status ?? 200,
    );
  }

  async function saveSession(req: Request, res: Response, event: EventView, sessionId?: string) {
    const action = sessionId ? `/sessions/${sessionId}/edit` : `/events/${event.id}/sessions`;
    const parsed = parseForm(sessionFormSchema, req.body);
    const again = (errors: FieldErrors, status: number) =>
      showSessionForm(req, res, {
        event,
        action,
        values: sessionValuesOf(req.body),
        errors,
        editing: !!sessionId,
        version: Number((req.body as { version?: string })?.version) || undefined,
        status,
      });
    if (!parsed.ok) {
      throwIfJson(req, parsed.errors);
      await again(parsed.errors, 400);
      return;
    }
    try {
      const actor = actorOf(res.locals.user!);
      if (sessionId) await deps.events.updateSession(actor, sessionId, parsed.data, req.ip);
      else await deps.events.createSession(actor, event.id, parsed.data, req.ip);
      res.redirect(303, `/events/${event.id}`);
    } catch (err) {
      const errors = fieldErrorsOf(err);
      if (!errors || !(err instanceof AppError)) throw err;
      throwIfJson(req, errors);
      await again(errors, err.status);
    }
  }

  router.get("/events/:id/sessions/new", coordinator, async (req, res) => {
    const { id } = parseOr400(idParams, req.params, "address");
    const { event, sessions } = await eventOr404(id);
    const vocab = await deps.taxonomy.vocabulary();
    const free = vocab.themes.find((t) => !sessions.some((s) => s.theme === t.key));
    await showSessionForm(req, res, {
      event,
      action: `/events/${id}/sessions`,
      values: { theme: free?.key },
      editing: false,
    });
  });

  router.post("/events/:id/sessions", coordinator, async (req, res) => {
    const { id } = parseOr400(idParams, req.params, "address");
    const { event } = await eventOr404(id);
    await saveSession(req, res, event);
  });

  async function sessionWithEvent(id: string) {
    const s = await deps.events.loadSession(id);
    const { event } = await eventOr404(String(s.event));
    return { session: s, event };
  }

  router.get("/sessions/:id/edit", coordinator, async (req, res) => {
    const { id } = parseOr400(idParams, req.params, "address");
    const { session: s, event } = await sessionWithEvent(id);
    const facilitatorEmail = await deps.events.emailOf(s.facilitator?.userId);
    await showSessionForm(req, res, {
      event,
      action: `/sessions/${id}/edit`,
      values: {
        theme: s.theme,
        facilitatorName: s.facilitator?.name ?? "",
        facilitatorEmail,
        participants: s.participants === null || s.participants === undefined ? "" : String(s.participants),
        questions: s.questions,
        projects: s.projects.join("\n"),
      },
      version: s.version,
      editing: true,
    });
  });

  router.post("/sessions/:id/edit", coordinator, async (req, res) => {
    const { id } = parseOr400(idParams, req.params, "address");
    const { event } = await sessionWithEvent(id);
    await saveSession(req, res, event, id);
  });

  router.post("/sessions/:id/delete", coordinator, async (req, res) => {
    const { id } = parseOr400(idParams, req.params, "address");
    parseOr400(emptyForm, req.body, "form");
    const eventId = await deps.events.deleteSession(actorOf(res.locals.user!), id, req.ip);
    res.redirect(303, `/events/${eventId}`);
  });

  router.get("/events/:id/invite", coordinator, async (req, res) => {
    const { id } = parseOr400(idParams, req.params, "address");
    const { event } = await eventOr404(id);
    sendPage(req, res, <InvitePage event={event} action={`/events/${id}/invite`} max={INVITE_LIST_MAX} />);
  });

  router.post("/events/:id/invite", coordinator, async (req, res) => {
    const { id } = parseOr400(idParams, req.params, "address");
    const { event } = await eventOr404(id);
    const action = `/events/${id}/invite`;
    const form = req.is("multipart/form-data")
      ? await readInviteForm(req)
      : {
          list:
            typeof (req.body as { list?: unknown })?.list === "string"
              ? (req.body as { list: string }).list
              : "",
          file: "",
          tooLarge: false,
        };
    const again = (errors: FieldErrors) =>
      sendPage(
        req,
        res,
        <InvitePage
          event={event}
          action={action}
          list={form.list.slice(0, 200_000)}
          errors={errors}
          max={INVITE_LIST_MAX}
        />,
        400,
      );
    if (form.tooLarge || form.file.includes("\u0000")) return again({ file: "tables.error.file" });
    if (form.list.length > 200_000) return again({ list: "tables.error.list_long" });
    const text = `${form.list}\n${form.file}`;
    if (!text.trim()) return again({ list: "tables.invite.empty" });
    const report = await deps.invitations.inviteList(actorOf(res.locals.user!), text, req.lang, req.ip ?? "");
    if (req.accepts(["html", "json"]) === "json") {
      res.json(report);
      return;
    }
    sendPage(req, res, <InvitePage event={event} action={action} report={report} max={INVITE_LIST_MAX} />);
  });

  return router;
}
