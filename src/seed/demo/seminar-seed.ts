// Loads the seminar as demo content, after the demo projects: the event (fixed key), its four sessions
// (closed: it took place in 2021) and about 40 fictional contributions (fixed keys) as notes of those
// sessions, with their search outbox entries, in one transaction. Only what is missing is added.
import type { Connection } from "mongoose";
import type { Logger } from "../../infra/logger";
import { NoteModel } from "../../modules/notes/note.model";
import { ProjectModel } from "../../modules/projects/project.model";
import { enqueueIndexingMany } from "../../modules/search/outbox";
import { EventModel } from "../../modules/tables/event.model";
import { TableSessionModel } from "../../modules/tables/session.model";
import { titleOf } from "../../modules/notes/note.service";
import { SYSTEM_ACTOR } from "../../modules/accounts/actor";
import {
  SEMINAR,
  SEMINAR_CONTRIBUTIONS,
  SEMINAR_KEY,
  SEMINAR_PENDING,
  SEMINAR_PEOPLE,
  SEMINAR_SESSIONS,
} from "./seminar";

const day = (value: string) => new Date(`${value}T00:00:00Z`);

export async function seedDemoSeminar(connection: Connection, logger?: Logger): Promise<{ created: number }> {
  const held = new Date(`${SEMINAR.date}T09:30:00Z`);
  let created = 0;
  await connection.transaction(async (session) => {
    const found = await EventModel.findOne({ demoKey: SEMINAR_KEY }, { _id: 1, deletedAt: 1 })
      .session(session)
      .lean();
    let event = found ? { _id: found._id, deletedAt: found.deletedAt ?? null } : undefined;
    if (!event) {
      const [made] = await EventModel.create(
        [
          {
            title: SEMINAR.title,
            date: day(SEMINAR.date),
            online: SEMINAR.online,
            place: "",
            organisers: SEMINAR.organisers,
            participants: SEMINAR.participants,
            description: SEMINAR.description,
            links: [],
            createdBy: { id: SYSTEM_ACTOR.id, name: SYSTEM_ACTOR.name },
            demoKey: SEMINAR_KEY,
            demo: true,
          },
        ],
        { session },
      );
      event = { _id: made!._id, deletedAt: null };
      created++;
    }
    if (event.deletedAt) return; // a coordinator deleted the demo event: leave it so
    const sessions = new Map<string, string>();
    for (const s of SEMINAR_SESSIONS) {
      const doc = await TableSessionModel.findOne({ event: event._id, theme: s.theme }, { _id: 1 })
        .session(session)
        .lean();
      let id = doc ? String(doc._id) : undefined;
      if (!id) {
        const [made] = await TableSessionModel.create(
          [
            {
              event: event._id,
              theme: s.theme,
              facilitator: { name: s.facilitator, userId: null },
              participants: s.participants,
              projects: s.projects,
              status: "closed",
              openedAt: held,
              closedAt: new Date(held.getTime() + 3 * 3600_000),
              demo: true,
            },
          ],
          { session },
        );
        id = String(made!._id);
        created++;
      }
      sessions.set(s.theme, id);
    }
    const slugs = [...new Set(SEMINAR_CONTRIBUTIONS.flatMap(([, , , p]) => (p ? [p] : [])))];
    const projects = await ProjectModel.find({ slug: { $in: slugs }, deletedAt: null }, { slug: 1 })
      .session(session)
      .lean();
    const bySlug = new Map(projects.map((p) => [p.slug, p._id]));
    const existing = new Set(
      (
        await NoteModel.find({ demo: true, idempotencyKey: /^demo-seminar-/ }, { idempotencyKey: 1 })
          .session(session)
          .lean()
      ).map((n) => n.idempotencyKey),
    );
    const docs = SEMINAR_CONTRIBUTIONS.flatMap(([theme, question, kind, project, body], i) => {
      const key = `demo-seminar-${i}`;
      if (existing.has(key)) return [];
      const person = i % SEMINAR_PEOPLE.length;
      const at = new Date(held.getTime() + (i + 1) * 4 * 60_000);
      const published = !SEMINAR_PENDING.has(i);
      return [
        {
          project: project ? (bySlug.get(project) ?? null) : null,
          author: { id: `demo-guest-${person}`, name: SEMINAR_PEOPLE[person]! },
          guest: true,
          tableSession: sessions.get(theme),
          event: event._id,
          kind,
          theme,
          question,
          title: titleOf(body),
          body: `${body}\n\n_Contributo di esempio: persone e fatti sono inventati._`,
          status: published ? "published" : "pending",
          publishedAt: published ? at : null,
          createdAt: at,
          demo: true,
          idempotencyKey: key,
        },
      ];
    });
    if (docs.length === 0) return;
    const inserted = await NoteModel.insertMany(docs, { session });
    await enqueueIndexingMany(
      "note",
      inserted.map((n) => n._id),
      { session },
    );
    created += docs.length;
  });
  if (created > 0) logger?.info({ created }, "demo seminar loaded");
  return { created };
}
