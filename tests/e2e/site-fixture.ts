// A whole site to look at in a browser: the demo catalogue and notes, a member with a note waiting for
// moderation, a coordinator and an admin, everything indexed; and one sample address per page type.
import type { Page } from "playwright-core";
import { NoteModel } from "../../src/modules/notes/note.model";
import { ProjectModel } from "../../src/modules/projects/project.model";
import { OutboxModel } from "../../src/modules/search/outbox.model";
import { seedDemoNotes } from "../../src/seed/demo/notes-seed";
import { seedDemoProjects } from "../../src/seed/demo/seed-demo";
import { seedDemoSeminar } from "../../src/seed/demo/seminar-seed";
import { SEMINAR_KEY } from "../../src/seed/demo/seminar";
import { EventModel } from "../../src/modules/tables/event.model";
import { TableSessionModel } from "../../src/modules/tables/session.model";
import { createUser, loginAs, loginInBrowser, type TestUser } from "../support/auth";
import type { TestContext } from "../support/test-app";
import { postNote } from "../integration/notes-fixtures";
import { waitFor } from "../integration/search-support";

export interface SiteFixture {
  member: TestUser;
  coordinator: TestUser;
  admin: TestUser;
  /** A published demo project that has published notes. */
  project: { slug: string; title: string; theme: string; zone: string; tag: string };
  publishedNoteId: string;
  pendingNoteId: string;
  /** The demo seminar and one of its table sessions. */
  eventId: string;
  sessionId: string;
}

export async function seedSite(ctx: TestContext): Promise<SiteFixture> {
  await ctx.services.taxonomy.seed();
  await seedDemoProjects(ctx.services);
  await seedDemoNotes(ctx.infra.mongo);
  await seedDemoSeminar(ctx.infra.mongo);
  // The example reports and the register's example items and statuses (R-T1-01 among them).
  await ctx.services.tables.seedDemoReports(SEMINAR_KEY);
  await ctx.services.tables.seedDemoRegister();
  const event = await EventModel.findOne({}).lean();
  const tableSession = await TableSessionModel.findOne({ event: event!._id }).lean();
  const [member, coordinator, admin] = [
    await createUser(ctx, { role: "member", name: "Marta Mediatrice (esempio)" }),
    await createUser(ctx, { role: "coordinator", name: "Carlo Coordinatore (esempio)" }),
    await createUser(ctx, { role: "admin", name: "Alba Amministratrice (esempio)" }),
  ];
  const published = await NoteModel.findOne({ status: "published", deletedAt: null }).lean();
  const projectDoc = await ProjectModel.findById(published!.project).lean();
  const tags = await ctx.services.taxonomy.tags();
  const tag = tags.byId.get(String(projectDoc!.tags?.[0]))?.slug ?? "";
  const pending = await postNote(await loginAs(ctx, member), projectDoc!.slug, {
    title: "Il registro delle presenze (esempio)",
    tags: tag,
  });
  if (pending.status !== 303) throw new Error(`the pending note was not posted (${pending.status})`);
  const pendingNote = await NoteModel.findOne({ "author.id": member.id }).lean();
  ctx.services.catalogueCache.clear();
  await waitFor(
    "site indexed",
    async () => (await OutboxModel.countDocuments({ status: { $ne: "done" } })) === 0,
    60_000,
  );
  return {
    member,
    coordinator,
    admin,
    project: {
      slug: projectDoc!.slug,
      title: projectDoc!.title,
      theme: projectDoc!.themes[0]!,
      zone: projectDoc!.zones[0]!,
      tag,
    },
    publishedNoteId: String(published!._id),
    pendingNoteId: String(pendingNote!._id),
    eventId: String(event!._id),
    sessionId: String(tableSession!._id),
  };
}

export type Role = "anonymous" | "member" | "coordinator" | "admin";

export interface PageType {
  name: string;
  path: string;
  role: Role;
}

/** One address per kind of page, for each role that sees it. */
export function pageTypes(fx: SiteFixture): PageType[] {
  const p = fx.project;
  const anonymous: [string, string][] = [
    ["home", "/"],
    ["catalogue", "/projects"],
    ["project", `/projects/${p.slug}`],
    ["themes", "/themes"],
    ["theme", `/themes/${p.theme}`],
    ["theme notes", `/themes/${p.theme}/notes`],
    ["tags", "/tags"],
    ["tag", `/tags/${p.tag}`],
    ["zones", "/zones"],
    ["zone", `/zones/${p.zone}`],
    ["search", "/search?q=mediazione"],
    ["search, nothing found", "/search?q=zzqqxxyy"],
    ["note", `/notes/${fx.publishedNoteId}`],
    ["member profile", `/members/${fx.member.id}`],
    ["working tables", "/tables"],
    ["working table", `/tables/${p.theme}`],
    ["working table's notes", `/tables/${p.theme}/notes`],
    ["recommendations register", "/recommendations"],
    ["recommendations by zone", "/recommendations/matrix"],
    ["recommendation", "/recommendations/R-T1-01"],
    ["events", "/events"],
    ["event", `/events/${fx.eventId}`],
    ["join a session", "/partecipa"],
    ["login", "/login"],
    ["join", "/join"],
    ["forgot password", "/forgot"],
    ["about", "/chi-siamo"],
    ["contacts", "/contatti"],
    ["accessibility statement", "/accessibilita"],
    ["privacy notice", "/privacy"],
    ["API", "/api"],
    ["status", "/stato"],
    ["not found", "/no/such/page"],
  ];
  const member: [string, string][] = [
    ["my profile", "/me"],
    ["my sessions", "/me/sessions"],
    ["my notes", "/me/notes"],
    ["two-factor settings", "/me/2fa"],
    ["delete my account", "/me/delete"],
    ["new note", `/projects/${p.slug}/notes/new`],
    ["edit note", `/notes/${fx.pendingNoteId}/edit`],
    ["propose a tag", "/tags/propose"],
  ];
  const coordinator: [string, string][] = [
    ["moderation", "/moderation/notes"],
    ["new project", "/projects/new"],
    ["edit project", `/projects/${p.slug}/edit`],
    ["project history", `/projects/${p.slug}/history`],
    ["import", "/admin/import"],
    ["invite", "/admin/invite"],
    ["join requests", "/admin/join-requests"],
    ["tag curation", "/curation/tags"],
    ["vocabularies", "/curation/vocabularies"],
    ["vocabulary entry", `/curation/vocabularies/theme/${p.theme}`],
    ["thesaurus", "/admin/search/thesaurus"],
    ["scheduled jobs", "/admin/jobs"],
    ["new event", "/events/new"],
    ["edit event", `/events/${fx.eventId}/edit`],
    ["invite an event's participants", `/events/${fx.eventId}/invite`],
    ["new table session", `/events/${fx.eventId}/sessions/new`],
    ["table session", `/sessions/${fx.sessionId}`],
    ["recommendation with its status form", "/recommendations/R-T1-01"],
    ["edit table session", `/sessions/${fx.sessionId}/edit`],
  ];
  const admin: [string, string][] = [
    ["users", "/admin/users"],
    ["audit log", "/admin/audit"],
    ["search index", "/admin/search"],
  ];
  const rows = (role: Role, list: [string, string][]) => list.map(([name, path]) => ({ name, path, role }));
  return [
    ...rows("anonymous", anonymous),
    ...rows("member", member),
    ...rows("coordinator", coordinator),
    ...rows("admin", admin),
  ];
}

/** Logs the page's context in as the role's user (nothing for anonymous). */
export async function signIn(page: Page, baseUrl: string, fx: SiteFixture, role: Role): Promise<void> {
  if (role === "anonymous") return;
  await loginInBrowser(page, baseUrl, fx[role]);
}

/** The address with `lang` set. */
export function inLang(path: string, lang: "it" | "en"): string {
  return `${path}${path.includes("?") ? "&" : "?"}lang=${lang}`;
}
