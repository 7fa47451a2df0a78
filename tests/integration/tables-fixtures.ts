// Shared set-up of the working-tables tests: an event with a session made through the coordinators'
// forms, a session opened by its facilitator, guests that joined with its code.
import type supertest from "supertest";
import { csrfFrom, type LoggedIn } from "../support/auth";
import type { TestContext } from "../support/test-app";
import { TableSessionModel } from "../../src/modules/tables/session.model";
import { seedCatalogue } from "./notes-fixtures";

export const TABLE = "monitoraggio-valutazione";

/** Empties MongoDB (not Meilisearch, which these tests do not read) and the app's caches. */
export async function resetTables(ctx: TestContext): Promise<void> {
  await Promise.all((await ctx.infra.mongo.db!.collections()).map((c) => c.deleteMany({})));
  ctx.services.catalogueCache.clear();
  ctx.services.tables.pages.clear();
  await seedCatalogue(ctx);
}

export function eventForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    title: "Incontro di prova (esempio)",
    date: "2021-09-17",
    online: "1",
    place: "",
    organisers: "Regione Toscana\nANCI Toscana",
    participants: "62",
    description: "Un incontro **di prova**.",
    links: "Programma | https://example.org/programma",
    ...overrides,
  };
}

/** Creates an event through the form; returns its id. */
export async function createEvent(who: LoggedIn, overrides: Record<string, string> = {}): Promise<string> {
  const res = await who.agent
    .post("/events")
    .type("form")
    .send({ _csrf: await who.csrf(), ...eventForm(overrides) });
  if (res.status !== 303) throw new Error(`event form answered ${res.status}: ${res.text.slice(0, 300)}`);
  return /\/events\/([a-f0-9]{24})$/.exec(String(res.headers.location))![1]!;
}

/** Adds the session of a table to an event through the form; returns its id. */
export async function createSession(
  ctx: TestContext,
  who: LoggedIn,
  eventId: string,
  overrides: Record<string, string | string[]> = {},
): Promise<string> {
  const res = await who.agent
    .post(`/events/${eventId}/sessions`)
    .type("form")
    .send({
      _csrf: await who.csrf(),
      theme: TABLE,
      facilitatorName: "Anna (esempio)",
      participants: "15",
      ...overrides,
    });
  if (res.status !== 303) throw new Error(`session form answered ${res.status}: ${res.text.slice(0, 300)}`);
  void ctx;
  const s = await TableSessionModel.findOne({ event: eventId, theme: overrides.theme ?? TABLE }).lean();
  return String(s!._id);
}

/** Opens a session from its facilitator's view; returns the code the page shows. */
export async function openSession(who: LoggedIn, sessionId: string): Promise<string> {
  const res = await who.agent
    .post(`/sessions/${sessionId}/open`)
    .type("form")
    .send({ _csrf: await who.csrf(), hours: "2" });
  if (res.status !== 303) throw new Error(`open answered ${res.status}: ${res.text.slice(0, 300)}`);
  const page = await who.agent.get(`/sessions/${sessionId}`).set("accept", "text/html");
  const code = /data-code="([A-Z0-9]{6})"/.exec(page.text)?.[1];
  if (!code) throw new Error("no code on the session page");
  return code;
}

export interface Guest {
  agent: supertest.Agent;
  /** The CSRF token of the guest's forms. */
  csrf: string;
}

/** A visitor who typed the code (and a name) on /partecipa; the answer is returned as `joined`. */
export async function joinWithCode(
  ctx: TestContext,
  code: string,
  name = "Rita (esempio)",
  agent = ctx.agent(),
): Promise<Guest & { joined: supertest.Response }> {
  const csrf = await csrfFrom(agent, "/partecipa");
  const joined = await agent.post("/partecipa").type("form").send({ _csrf: csrf, code, name });
  return { agent, csrf, joined };
}

/** Sends a contribution from the guest's form (fresh CSRF token and one-time key from the page). */
export async function contribute(
  guest: Guest,
  fields: Record<string, string> = {},
): Promise<supertest.Response> {
  const page = await guest.agent.get("/partecipa/contributo").set("accept", "text/html");
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? guest.csrf;
  const idem = /name="idem" value="([^"]+)"/.exec(page.text)?.[1];
  return guest.agent
    .post("/partecipa/contributo")
    .type("form")
    .send({
      _csrf: csrf,
      ...(idem ? { idem } : {}),
      kind: "recommendation",
      question: "t3-q3",
      body: "Pochi indicatori comuni, uguali per tutti i progetti.",
      ...fields,
    });
}
