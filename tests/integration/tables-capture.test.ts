// Live capture: session codes (wrong, expired, reused after close, throttled), contributions from guests
// and members landing as notes of their session, the moderation queue's session filter, the live feed.
import http from "node:http";
import mongoose from "mongoose";
import type { AddressInfo } from "node:net";
import { NoteModel } from "../../src/modules/notes/note.model";
import { TableSessionModel } from "../../src/modules/tables/session.model";
import { reset as resetThrottle } from "../../src/infra/throttle";
import { CODE_TRIES_PER_ADDRESS } from "../../src/modules/tables/capture.service";
import { createUser, csrfFrom, loginAs } from "../support/auth";
import { useTestApp } from "../support/test-app";
import {
  contribute,
  createEvent,
  createSession,
  joinWithCode,
  openSession,
  resetTables,
} from "./tables-fixtures";

const ctx = useTestApp({ resetBeforeEach: false, env: { NOTES_TRUSTED_AFTER: "0" } });

beforeEach(async () => {
  await resetTables(ctx);
});

async function openedSession() {
  const coordinator = await loginAs(ctx, "coordinator");
  const eventId = await createEvent(coordinator);
  const sessionId = await createSession(ctx, coordinator, eventId);
  const code = await openSession(coordinator, sessionId);
  return { coordinator, eventId, sessionId, code };
}

describe("session codes", () => {
  test("When a facilitator opens a session, then it gets a 6-character code without ambiguous characters", async () => {
    const { code } = await openedSession();
    expect(code).toMatch(/^[ACDEFHJKMNPRTUVWXY34679]{6}$/);
  });

  test("When a guest types a wrong code, then they get a clear message and no pass", async () => {
    await openedSession();
    const { joined } = await joinWithCode(ctx, "AAAAAA");
    expect(joined.status).toBe(400);
    expect(joined.text).toContain("Nessuna sessione aperta ha questo codice");
    expect(String(joined.headers["set-cookie"] ?? "")).not.toContain("atl.tablepass");
  });

  test("When a guest types the code in lower case with a space, then they join", async () => {
    const { code } = await openedSession();
    const { joined } = await joinWithCode(ctx, `${code.slice(0, 3).toLowerCase()} ${code.slice(3)}`);
    expect(joined.status).toBe(303);
    expect(joined.headers.location).toBe("/partecipa/contributo");
  });

  test("When a guest gives no name, then the form asks for one", async () => {
    const { code } = await openedSession();
    const { joined } = await joinWithCode(ctx, code, "");
    expect(joined.status).toBe(400);
    expect(joined.text).toContain("Scrivi il tuo nome");
  });

  test("When the session was closed, then its code is refused as expired, and a pass taken before stops working", async () => {
    const { coordinator, sessionId, code } = await openedSession();
    const early = await joinWithCode(ctx, code);
    expect(early.joined.status).toBe(303);
    await coordinator.agent
      .post(`/sessions/${sessionId}/close`)
      .type("form")
      .send({ _csrf: await coordinator.csrf() })
      .expect(303);
    const late = await joinWithCode(ctx, code);
    expect(late.joined.status).toBe(410);
    expect(late.joined.text).toContain("Il codice non è più valido");
    const res = await early.agent
      .post("/partecipa/contributo")
      .type("form")
      .send({ _csrf: early.csrf, kind: "worked", body: "Troppo tardi" });
    expect(res.status).toBe(410);
    expect(res.text).toContain("La sessione è chiusa");
    expect(await NoteModel.countDocuments({})).toBe(0);
  });

  test("When the session's time is up, then its code is expired even if nobody closed it", async () => {
    const { sessionId, code } = await openedSession();
    await TableSessionModel.updateOne(
      { _id: sessionId },
      { $set: { openUntil: new Date(Date.now() - 1000) } },
    );
    const { joined } = await joinWithCode(ctx, code);
    expect(joined.status).toBe(410);
  });

  test("When a session is reopened, then it gets a new code and the old one is expired", async () => {
    const { coordinator, sessionId, code } = await openedSession();
    await coordinator.agent
      .post(`/sessions/${sessionId}/close`)
      .type("form")
      .send({ _csrf: await coordinator.csrf() })
      .expect(303);
    const again = await openSession(coordinator, sessionId);
    expect(again).not.toBe(code);
    expect((await joinWithCode(ctx, code)).joined.status).toBe(410);
    expect((await joinWithCode(ctx, again)).joined.status).toBe(303);
  });

  test("When one address tries many wrong codes, then it is throttled, even for the right code", async () => {
    const { code } = await openedSession();
    const agent = ctx.agent();
    for (let i = 0; i < CODE_TRIES_PER_ADDRESS.points; i++) {
      const { joined } = await joinWithCode(ctx, "AAAAA" + "CDEFHJKMNP"[i], "Rita", agent);
      expect(joined.status).toBe(400);
    }
    const { joined } = await joinWithCode(ctx, code, "Rita", agent);
    expect(joined.status).toBe(429);
    expect(joined.text).toContain("Troppi tentativi");
    await resetThrottle(CODE_TRIES_PER_ADDRESS, "::ffff:127.0.0.1");
    await resetThrottle(CODE_TRIES_PER_ADDRESS, "127.0.0.1");
  });

  test("When a room on one network joins with the right code at the same moment, then nobody is throttled", async () => {
    const { code } = await openedSession();
    const joins = await Promise.all(
      Array.from({ length: 40 }, (_, i) => joinWithCode(ctx, code, `Persona ${i}`)),
    );
    expect(joins.map((j) => j.joined.status)).toEqual(Array(40).fill(303));
  });

  test("When a member who is not the facilitator asks for the session view, then it is refused", async () => {
    const { sessionId } = await openedSession();
    const member = await loginAs(ctx, "member");
    expect((await member.agent.get(`/sessions/${sessionId}`)).status).toBe(403);
    const open = await member.agent
      .post(`/sessions/${sessionId}/open`)
      .type("form")
      .send({ _csrf: await member.csrf() });
    expect(open.status).toBe(403);
  });

  test("When the facilitator has an account, then they open and close their session without being a coordinator", async () => {
    const coordinator = await loginAs(ctx, "coordinator");
    const facilitator = await createUser(ctx, { role: "member" });
    const eventId = await createEvent(coordinator);
    const sessionId = await createSession(ctx, coordinator, eventId, { facilitatorEmail: facilitator.email });
    const them = await loginAs(ctx, facilitator);
    const code = await openSession(them, sessionId);
    expect(code).toHaveLength(6);
  });
});

describe("contributions", () => {
  test("When a guest contributes, then it lands as a pending note of the session, labelled in the queue, never linked to an account", async () => {
    const { coordinator, sessionId, eventId, code } = await openedSession();
    const guest = await joinWithCode(ctx, code, "Omar <b>(esempio)</b>");
    const res = await contribute(guest, { project: "open" });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe("/partecipa/contributo?sent=1");
    const note = await NoteModel.findOne({}).lean();
    expect(note).toMatchObject({
      status: "pending",
      guest: true,
      kind: "recommendation",
      theme: "monitoraggio-valutazione",
      question: "t3-q3",
    });
    expect(String(note!.tableSession)).toBe(sessionId);
    expect(String(note!.event)).toBe(eventId);
    expect(note!.author.id).toMatch(/^guest-/);
    expect(await ctx.services.accounts.findByEmail("omar")).toBeNull();
    const queue = await coordinator.agent
      .get(`/moderation/notes?session=${sessionId}`)
      .set("accept", "text/html");
    expect(queue.text).toContain("Pochi indicatori comuni");
    expect(queue.text).toContain("Sessione: Incontro di prova (esempio)");
    expect(queue.text).toContain("di Omar &lt;b>(esempio)&lt;/b> (ospite)");
    expect(queue.text).not.toContain(`/members/${note!.author.id}`);
    const thanks = await guest.agent.get("/partecipa/contributo?sent=1");
    expect(thanks.text).toContain("Grazie!");
  });

  test("When notes are published without moderation (NOTES_TRUSTED_AFTER=0), then a guest's contribution still waits", async () => {
    const { code } = await openedSession();
    await contribute(await joinWithCode(ctx, code));
    expect((await NoteModel.findOne({}).lean())!.status).toBe("pending");
  });

  test("When a signed-in member contributes with the code, then the note is theirs and follows the trusted-members rule", async () => {
    const { code } = await openedSession();
    const member = await loginAs(ctx, "member");
    const csrf = await member.csrf();
    const joined = await member.agent.post("/partecipa").type("form").send({ _csrf: csrf, code });
    expect(joined.status).toBe(303);
    const res = await contribute({ agent: member.agent, csrf });
    expect(res.status).toBe(303);
    const note = await NoteModel.findOne({}).lean();
    expect(note).toMatchObject({ guest: false, author: { id: member.user.id }, status: "published" });
  });

  test("When the queue is filtered by another session, then the contribution is not listed", async () => {
    const { coordinator, eventId, code } = await openedSession();
    await contribute(await joinWithCode(ctx, code));
    const other = await createSession(ctx, coordinator, eventId, { theme: "accessibilita-servizi" });
    const queue = await coordinator.agent
      .get(`/moderation/notes?session=${other}`)
      .set("accept", "text/html");
    expect(queue.text).not.toContain("Pochi indicatori comuni");
    expect((await coordinator.agent.get("/moderation/notes?session=nope")).status).toBe(400);
  });

  test("When a contribution is empty, too long, names an unknown project or question, then the form comes back with the text and the error", async () => {
    const { code } = await openedSession();
    const guest = await joinWithCode(ctx, code);
    const empty = await contribute(guest, { body: "   " });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain("Scrivi il tuo contributo");
    const long = await contribute(guest, { body: "x".repeat(2001) });
    expect(long.status).toBe(400);
    expect(long.text).toContain("massimo 2.000 caratteri");
    const project = await contribute(guest, {
      project: "nessun-progetto-cosi",
      body: "Il mio testo resta qui",
    });
    expect(project.status).toBe(400);
    expect(project.text).toContain("Nessun progetto pubblicato ha questo indirizzo");
    expect(project.text).toContain("Il mio testo resta qui");
    const draft = await contribute(guest, { project: "hidden" });
    expect(draft.status).toBe(400);
    const question = await contribute(guest, { question: "t1-q1" });
    expect(question.status).toBe(400);
    const kind = await contribute(guest, { kind: "brilliant" });
    expect(kind.status).toBe(400);
    expect(await NoteModel.countDocuments({})).toBe(0);
  });

  test("When a contribution is sent as JSON with bad input, then the answer is a 400 JSON error, not a 500", async () => {
    const { code } = await openedSession();
    const guest = await joinWithCode(ctx, code);
    const res = await guest.agent
      .post("/partecipa/contributo")
      .set("accept", "application/json")
      .send({ _csrf: guest.csrf, kind: ["worked"], body: { $gt: "" } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: "validation_failed" });
  });

  test("When the same form is sent twice, then one contribution is kept", async () => {
    const { code } = await openedSession();
    const guest = await joinWithCode(ctx, code);
    const page = await guest.agent.get("/partecipa/contributo");
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    const idem = /name="idem" value="([^"]+)"/.exec(page.text)![1]!;
    const form = { _csrf: csrf, idem, kind: "worked", body: "Una sola volta" };
    await Promise.all([
      guest.agent.post("/partecipa/contributo").type("form").send(form),
      guest.agent.post("/partecipa/contributo").type("form").send(form),
    ]);
    expect(await NoteModel.countDocuments({})).toBe(1);
  });

  test("When a guest floods the session, then they are throttled and what was accepted stays", async () => {
    const { code } = await openedSession();
    const guest = await joinWithCode(ctx, code);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++)
      statuses.push((await contribute(guest, { body: `Contributo numero ${i}` })).status);
    expect(statuses.slice(0, 6)).toEqual([303, 303, 303, 303, 303, 303]);
    expect(statuses.slice(6)).toEqual([429, 429]);
    expect(await NoteModel.countDocuments({})).toBe(6);
    const refused = await contribute(guest, { body: "Il testo del rifiutato" });
    expect(refused.text).toContain("Troppi contributi in poco tempo");
    expect(refused.text).toContain("Il testo del rifiutato");
  });

  test("When someone without a pass posts a contribution, then nothing is stored and they are asked for the code", async () => {
    await openedSession();
    const agent = ctx.agent();
    const res = await contribute({ agent, csrf: await csrfFrom(agent, "/partecipa") });
    expect(res.status).toBe(400);
    expect(res.text).toContain("Codice di sessione");
    expect(await NoteModel.countDocuments({})).toBe(0);
  });

  test("When a pass cookie is forged, then it is ignored", async () => {
    const { sessionId } = await openedSession();
    const agent = ctx.agent();
    const csrf = await csrfFrom(agent, "/partecipa");
    const fake = Buffer.from(JSON.stringify([sessionId, "x", "Mallory", Date.now() + 3600_000])).toString(
      "base64url",
    );
    const res = await agent
      .post("/partecipa/contributo")
      .set("cookie", `atl.tablepass=${fake}.AAAA`)
      .type("form")
      .send({ _csrf: csrf, kind: "worked", body: "falso" });
    expect(res.status).toBe(400);
    expect(await NoteModel.countDocuments({})).toBe(0);
  });
});

describe("the live view", () => {
  test("When a guest contributes, then the facilitator's JSON feed and the page without JavaScript show it", async () => {
    const { coordinator, sessionId, code } = await openedSession();
    const before = await coordinator.agent
      .get(`/sessions/${sessionId}/live`)
      .set("accept", "application/json");
    expect(before.body.items).toEqual([]);
    await contribute(await joinWithCode(ctx, code), { body: "Arrivo dal telefono" });
    const after = await coordinator.agent
      .get(`/sessions/${sessionId}/live`)
      .set("accept", "application/json");
    expect(after.body.items).toHaveLength(1);
    expect(after.body.items[0].html).toContain("Arrivo dal telefono");
    const last = after.body.items[0].id as string;
    // Asked again after it, the feed repeats only what came shortly before (contributions commit in any
    // order): the client tells them apart by id.
    const again = await coordinator.agent
      .get(`/sessions/${sessionId}/live?after=${last}`)
      .set("accept", "application/json");
    expect((again.body as { items: { id: string }[] }).items.map((i) => i.id)).toEqual([last]);
    const page = await coordinator.agent.get(`/sessions/${sessionId}`).set("accept", "text/html");
    expect(page.text).toContain("Arrivo dal telefono");
  });

  /** The facilitator's event stream on a real port: the text received so far, and a way to wait for some. */
  async function stream(sessionId: string, cookieOf: () => Promise<string>) {
    const server = http.createServer(ctx.app);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    let text = "";
    let status = 0;
    const cookie = await cookieOf();
    const req = http.get(
      {
        host: "127.0.0.1",
        port,
        path: `/sessions/${sessionId}/live`,
        headers: { accept: "text/event-stream", cookie },
      },
      (res) => {
        status = res.statusCode ?? 0;
        res.on("data", (chunk: Buffer) => (text += chunk.toString()));
      },
    );
    req.on("error", () => undefined);
    return {
      status: () => status,
      text: () => text,
      async waitFor(part: string, ms = 10_000) {
        const deadline = Date.now() + ms;
        while (!text.includes(part)) {
          if (Date.now() > deadline) throw new Error(`"${part}" not received within ${ms} ms`);
          await new Promise((r) => setTimeout(r, 25));
        }
      },
      async close() {
        req.destroy();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      },
    };
  }

  const cookieOfAgent = (agent: unknown) => () =>
    Promise.resolve(
      (agent as { jar: { getCookies(o: object): { toValueString(): string }[] } }).jar
        .getCookies({ domain: "127.0.0.1", path: "/", secure: false, script: false })
        .map((c) => c.toValueString())
        .join("; "),
    );

  test("When the facilitator listens to the event stream, then a new contribution arrives as an event", async () => {
    const { coordinator, sessionId, code } = await openedSession();
    await coordinator.agent.get("/me");
    const live = await stream(sessionId, cookieOfAgent(coordinator.agent));
    try {
      await live.waitFor("retry:");
      expect(live.status()).toBe(200);
      await contribute(await joinWithCode(ctx, code), { body: "In diretta dal tavolo" });
      await live.waitFor("In diretta dal tavolo");
      expect(live.text()).toMatch(/id: [a-f0-9]{24}\nevent: contribution/);
    } finally {
      await live.close();
    }
  });

  test("When contributions sent at once become visible out of their ids' order, then the stream still shows each once", async () => {
    const { coordinator, sessionId, eventId, code } = await openedSession();
    await coordinator.agent.get("/me");
    const live = await stream(sessionId, cookieOfAgent(coordinator.agent));
    try {
      await live.waitFor("retry:");
      await contribute(await joinWithCode(ctx, code), { body: "Il primo arrivato" });
      await live.waitFor("Il primo arrivato");
      // A contribution whose id was made before the first one's but that committed after it.
      const earlier = mongoose.Types.ObjectId.createFromTime(Math.floor(Date.now() / 1000) - 3);
      await NoteModel.create({
        _id: earlier,
        tableSession: sessionId,
        event: eventId,
        author: { id: "guest-late", name: "Ritardataria (esempio)" },
        guest: true,
        kind: "lesson",
        theme: "monitoraggio-valutazione",
        title: "Arrivato dopo",
        body: "Il commit arrivato dopo",
      });
      ctx.services.notes.core.changed();
      await live.waitFor("Il commit arrivato dopo");
      await new Promise((r) => setTimeout(r, 1500));
      const ids = [...live.text().matchAll(/id: ([a-f0-9]{24})\nevent: contribution/g)].map((m) => m[1]);
      expect(ids).toHaveLength(2);
      expect(ids).toContain(String(earlier));
    } finally {
      await live.close();
    }
  });
});
