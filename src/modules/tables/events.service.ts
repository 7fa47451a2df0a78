// Events and their table sessions: only coordinators create, edit and delete them. Each write runs in one
// transaction that bumps the document's version (a stale form is refused) and is audited afterwards.
import mongoose, { type ClientSession, type Connection } from "mongoose";
import { hasRole } from "../../web/auth-guards";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../../web/errors";
import type { AccountsCore, Actor } from "../accounts/index";
import type { AuditService } from "../audit/index";
import type { ProjectRefs } from "../projects/index";
import type { TableNoteQueries } from "../notes/index";
import type { TaxonomyService } from "../taxonomy/index";
import { EventModel, type EventDoc } from "./event.model";
import { TableSessionModel, type TableSessionDoc } from "./session.model";
import type { EventForm, SessionForm } from "./tables.schemas";

export interface EventsDeps {
  connection: Connection;
  audit: AuditService;
  taxonomy: TaxonomyService;
  accounts: Pick<AccountsCore, "findByEmail" | "findById">;
  projects: Pick<ProjectRefs, "refBySlug">;
  notes: Pick<TableNoteQueries, "sessionCounts">;
}

const STALE = [{ field: "_form", message: "tables.error.stale" }];

function requireCoordinator(actor: Actor): void {
  if (!hasRole(actor.role, "coordinator")) throw new ForbiddenError("Only coordinators manage events");
}

/** The day of a date field (YYYY-MM-DD) at UTC midnight. */
const dayOf = (value: string) => new Date(`${value}T00:00:00Z`);

export function createEventsService(deps: EventsDeps) {
  const listeners: (() => void)[] = [];
  const changed = () => listeners.forEach((l) => l());

  async function tx<T>(fn: (session: ClientSession) => Promise<T>): Promise<T> {
    const result = await deps.connection.transaction(fn);
    changed();
    return result;
  }

  async function loadEvent(id: string, session?: ClientSession) {
    if (!mongoose.isValidObjectId(id)) throw new NotFoundError("No such event");
    const doc = await EventModel.findOne({ _id: id, deletedAt: null }).session(session ?? null);
    if (!doc) throw new NotFoundError("No such event");
    return doc;
  }

  async function loadSession(id: string, session?: ClientSession) {
    if (!mongoose.isValidObjectId(id)) throw new NotFoundError("No such session");
    const doc = await TableSessionModel.findById(id).session(session ?? null);
    if (!doc || !(await EventModel.exists({ _id: doc.event, deletedAt: null }))) {
      throw new NotFoundError("No such session");
    }
    return doc;
  }

  function eventFields(form: EventForm) {
    return {
      title: form.title,
      date: dayOf(form.date),
      online: !!form.online,
      place: form.place,
      organisers: form.organisers,
      participants: form.participants,
      description: form.description,
      links: form.links,
    };
  }

  /** Checks a session form against the table's questions, the projects and the facilitator's account. */
  async function sessionFields(form: SessionForm) {
    const vocab = await deps.taxonomy.vocabulary();
    const theme = vocab.get("theme", form.theme);
    const details: { field: string; message: string }[] = [];
    if (!theme) details.push({ field: "theme", message: "tables.error.theme" });
    const questions = [...new Set(form.questions)];
    if (theme && questions.some((q) => !theme.guidingQuestions.some((g) => g.id === q))) {
      details.push({ field: "questions", message: "tables.error.question" });
    }
    const projects = [...new Set(form.projects)];
    const found = await Promise.all(projects.map((slug) => deps.projects.refBySlug(slug, ["published"])));
    if (found.some((p) => !p)) details.push({ field: "projects", message: "tables.error.projects" });
    let userId: string | null = null;
    if (form.facilitatorEmail) {
      const user = await deps.accounts.findByEmail(form.facilitatorEmail.toLowerCase());
      if (!user || user.status !== "active") {
        details.push({ field: "facilitatorEmail", message: "tables.error.facilitator_account" });
      } else userId = user._id.toString();
    }
    if (details.length > 0) throw new ValidationError("The session is not valid", details);
    return {
      theme: form.theme,
      facilitator: { name: form.facilitatorName, userId },
      participants: form.participants,
      questions,
      projects: found.map((p) => p!.slug),
    };
  }

  async function audited(actor: Actor, action: string, targetType: string, targetId: string, ip?: string) {
    await deps.audit.record({ actorId: actor.id, action, targetType, targetId, ip });
  }

  return {
    loadEvent,
    loadSession,
    /** The e-mail of a facilitator's account, to show it again in the session form. */
    async emailOf(userId: string | null | undefined): Promise<string> {
      return userId ? ((await deps.accounts.findById(userId))?.email ?? "") : "";
    },
    onChange: (listener: () => void) => void listeners.push(listener),

    /** Records an event (coordinators only). */
    async createEvent(actor: Actor, form: EventForm, ip?: string): Promise<EventDoc> {
      requireCoordinator(actor);
      const doc = await tx(async (session) => {
        const [created] = await EventModel.create(
          [{ ...eventFields(form), createdBy: { id: actor.id, name: actor.name } }],
          { session },
        );
        return created!.toObject<EventDoc>();
      });
      await audited(actor, "tables.event.create", "event", String(doc._id), ip);
      return doc;
    },

    /** Edits an event; a form older than the stored version is refused (409). */
    async updateEvent(actor: Actor, id: string, form: EventForm, ip?: string): Promise<EventDoc> {
      requireCoordinator(actor);
      const doc = await tx(async (session) => {
        const current = await loadEvent(id, session);
        if (form.version !== undefined && current.version !== form.version) {
          throw new ConflictError("Someone changed this event meanwhile: reload it", STALE);
        }
        current.set({ ...eventFields(form), updatedBy: { id: actor.id, name: actor.name } });
        current.version += 1;
        await current.save({ session });
        return current.toObject<EventDoc>();
      });
      await audited(actor, "tables.event.update", "event", id, ip);
      return doc;
    },

    /** Deletes an event (kept, hidden) unless its sessions hold contributions. */
    async deleteEvent(actor: Actor, id: string, ip?: string): Promise<void> {
      requireCoordinator(actor);
      await tx(async (session) => {
        const current = await loadEvent(id, session);
        const sessions = await TableSessionModel.find({ event: current._id }, { _id: 1 })
          .session(session)
          .lean();
        const counts = await deps.notes.sessionCounts(sessions.map((s) => String(s._id)));
        if ([...counts.values()].some((c) => c.pending + c.published + c.rejected > 0)) {
          throw new ConflictError("The event's sessions hold contributions", [
            { field: "_form", message: "tables.error.event_has_notes" },
          ]);
        }
        await TableSessionModel.deleteMany({ event: current._id }, { session });
        current.deletedAt = new Date();
        current.version += 1;
        await current.save({ session });
      });
      await audited(actor, "tables.event.delete", "event", id, ip);
    },

    /** Adds a table's session to an event (one per table). */
    async createSession(actor: Actor, eventId: string, form: SessionForm, ip?: string) {
      requireCoordinator(actor);
      const fields = await sessionFields(form);
      const doc = await tx(async (session) => {
        const event = await loadEvent(eventId, session);
        if (await TableSessionModel.exists({ event: event._id, theme: fields.theme }).session(session)) {
          throw new ConflictError("This table already has a session at this event", [
            { field: "theme", message: "tables.error.session_exists" },
          ]);
        }
        const [created] = await TableSessionModel.create([{ event: event._id, ...fields }], { session });
        return created!.toObject<TableSessionDoc>();
      });
      await audited(actor, "tables.session.create", "table_session", String(doc._id), ip);
      return doc;
    },

    /** Edits a session; its table cannot change once it has contributions. */
    async updateSession(actor: Actor, id: string, form: SessionForm, ip?: string) {
      requireCoordinator(actor);
      const fields = await sessionFields(form);
      const doc = await tx(async (session) => {
        const current = await loadSession(id, session);
        if (form.version !== undefined && current.version !== form.version) {
          throw new ConflictError("Someone changed this session meanwhile: reload it", STALE);
        }
        if (fields.theme !== current.theme) {
          const counts = (await deps.notes.sessionCounts([id])).get(id);
          if (counts && counts.pending + counts.published + counts.rejected > 0) {
            throw new ConflictError("The session holds contributions: its table stays", [
              { field: "theme", message: "tables.error.theme_fixed" },
            ]);
          }
          const clash = await TableSessionModel.exists({
            event: current.event,
            theme: fields.theme,
            _id: { $ne: current._id },
          }).session(session);
          if (clash) {
            throw new ConflictError("This table already has a session at this event", [
              { field: "theme", message: "tables.error.session_exists" },
            ]);
          }
        }
        current.set(fields);
        current.version += 1;
        await current.save({ session });
        return current.toObject<TableSessionDoc>();
      });
      await audited(actor, "tables.session.update", "table_session", id, ip);
      return doc;
    },

    /** Removes a session that received no contribution. */
    async deleteSession(actor: Actor, id: string, ip?: string): Promise<string> {
      requireCoordinator(actor);
      const eventId = await tx(async (session) => {
        const current = await loadSession(id, session);
        const counts = (await deps.notes.sessionCounts([id])).get(id);
        if (counts && counts.pending + counts.published + counts.rejected > 0) {
          throw new ConflictError("The session holds contributions", [
            { field: "_form", message: "tables.error.session_has_notes" },
          ]);
        }
        await TableSessionModel.deleteOne({ _id: current._id }, { session });
        return String(current.event);
      });
      await audited(actor, "tables.session.delete", "table_session", id, ip);
      return eventId;
    },
  };
}

export type EventsService = ReturnType<typeof createEventsService>;
