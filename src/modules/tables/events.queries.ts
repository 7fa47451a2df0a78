// Reads of events and table sessions for pages (plain objects) and for the notes module's queue labels.
import mongoose from "mongoose";
import { labelOf, type TaxonomyService } from "../taxonomy/index";
import type { Lang } from "../../web/i18n/index";
import { EventModel, type EventDoc } from "./event.model";
import { TableSessionModel, type TableSessionDoc } from "./session.model";

export interface EventView {
  id: string;
  title: string;
  date: Date;
  online: boolean;
  place: string;
  organisers: string[];
  participants: number | null;
  description: string;
  links: { label: string; url: string }[];
  demo: boolean;
  version: number;
}

export interface SessionView {
  id: string;
  eventId: string;
  theme: string;
  facilitator: { name: string; userId: string | null };
  participants: number | null;
  questions: string[];
  projects: string[];
  status: "planned" | "open" | "closed";
  code: string | null;
  openUntil: Date | null;
  open: boolean;
  demo: boolean;
  version: number;
}

export function eventView(e: EventDoc): EventView {
  return {
    id: String(e._id),
    title: e.title,
    date: e.date,
    online: e.online ?? false,
    place: e.place ?? "",
    organisers: e.organisers ?? [],
    participants: e.participants ?? null,
    description: e.description ?? "",
    links: (e.links ?? []).map((l) => ({ label: l.label, url: l.url })),
    demo: e.demo ?? false,
    version: e.version,
  };
}

export function sessionView(s: TableSessionDoc, now = Date.now()): SessionView {
  const open = s.status === "open" && !!s.openUntil && s.openUntil.getTime() > now;
  return {
    id: String(s._id),
    eventId: String(s.event),
    theme: s.theme,
    facilitator: { name: s.facilitator?.name ?? "", userId: s.facilitator?.userId ?? null },
    participants: s.participants ?? null,
    questions: s.questions ?? [],
    projects: s.projects ?? [],
    // A session whose time ran out is closed, whatever was stored.
    status: s.status === "open" && !open ? "closed" : s.status,
    code: open ? (s.code ?? null) : null,
    openUntil: s.openUntil ?? null,
    open,
    demo: s.demo ?? false,
    version: s.version,
  };
}

export function createEventQueries(deps: { taxonomy: TaxonomyService }) {
  return {
    /** Events, newest first. */
    async list(limit = 200): Promise<EventView[]> {
      const rows = await EventModel.find({ deletedAt: null })
        .sort({ date: -1 })
        .limit(limit)
        .lean<EventDoc[]>();
      return rows.map(eventView);
    },

    /** An event and its sessions (in the tables' order), or undefined. */
    async withSessions(id: string): Promise<{ event: EventView; sessions: SessionView[] } | undefined> {
      if (!mongoose.isValidObjectId(id)) return undefined;
      const event = await EventModel.findOne({ _id: id, deletedAt: null }).lean<EventDoc>();
      if (!event) return undefined;
      const [sessions, vocab] = await Promise.all([
        TableSessionModel.find({ event: event._id }).lean<TableSessionDoc[]>(),
        deps.taxonomy.vocabulary(),
      ]);
      const order = (theme: string) => vocab.themes.findIndex((t) => t.key === theme);
      return {
        event: eventView(event),
        sessions: sessions.map((s) => sessionView(s)).sort((a, b) => order(a.theme) - order(b.theme)),
      };
    },

    /** The sessions held for a table, with their events, newest first. */
    async sessionsOfTheme(theme: string) {
      const sessions = await TableSessionModel.find({ theme }).lean<TableSessionDoc[]>();
      const events = await EventModel.find({
        _id: { $in: sessions.map((s) => s.event) },
        deletedAt: null,
      }).lean<EventDoc[]>();
      const byId = new Map(events.map((e) => [String(e._id), e]));
      return sessions
        .flatMap((s) => {
          const e = byId.get(String(s.event));
          return e ? [{ id: String(s._id), eventId: String(e._id), eventTitle: e.title, date: e.date }] : [];
        })
        .sort((a, b) => b.date.getTime() - a.date.getTime());
    },

    /** "Event title · table" and the session's page, by session id (the moderation queue shows them). */
    async labels(ids: string[], lang: Lang = "it"): Promise<Map<string, { label: string; href: string }>> {
      const valid = ids.filter((id) => mongoose.isValidObjectId(id));
      if (valid.length === 0) return new Map();
      const sessions = await TableSessionModel.find({ _id: { $in: valid } }).lean<TableSessionDoc[]>();
      const [events, vocab] = await Promise.all([
        EventModel.find({ _id: { $in: sessions.map((s) => s.event) } }, { title: 1 }).lean<EventDoc[]>(),
        deps.taxonomy.vocabulary(),
      ]);
      const titles = new Map(events.map((e) => [String(e._id), e.title]));
      return new Map(
        sessions.map((s) => {
          const theme = vocab.get("theme", s.theme);
          const table = theme ? labelOf(theme, lang) : s.theme;
          return [
            String(s._id),
            { label: `${titles.get(String(s.event)) ?? "—"} · ${table}`, href: `/sessions/${String(s._id)}` },
          ];
        }),
      );
    },
  };
}

export type EventQueries = ReturnType<typeof createEventQueries>;
