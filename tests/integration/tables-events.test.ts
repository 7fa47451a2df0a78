// Events and table sessions: coordinators create, edit and delete them (others are refused), bad input
// comes back in the form, and an event's participants are invited in bulk (list or CSV).
import { EventModel } from "../../src/modules/tables/event.model";
import { TableSessionModel } from "../../src/modules/tables/session.model";
import { UserModel } from "../../src/modules/accounts/user.model";
import { AccountTokenModel } from "../../src/modules/accounts/token.model";
import { createUser, loginAs, readMails } from "../support/auth";
import { useTestApp } from "../support/test-app";
import {
  contribute,
  createEvent,
  createSession,
  eventForm,
  joinWithCode,
  openSession,
  resetTables,
} from "./tables-fixtures";

const ctx = useTestApp({ resetBeforeEach: false });

beforeEach(async () => {
  await resetTables(ctx);
});

describe("events", () => {
  test("When a coordinator records an event, then its page shows its facts, links and Markdown safely", async () => {
    const coordinator = await loginAs(ctx, "coordinator");
    const id = await createEvent(coordinator, { description: "Testo **forte** <script>alert(1)</script>" });
    const page = await ctx.agent().get(`/events/${id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Incontro di prova (esempio)");
    expect(page.text).toContain("17 settembre 2021");
    expect(page.text).toContain("Online");
    expect(page.text).toContain("Regione Toscana, ANCI Toscana");
    expect(page.text).toContain("62 partecipanti");
    expect(page.text).toContain("<strong>forte</strong>");
    expect(page.text).not.toContain("<script>alert(1)");
    expect(page.text).toContain('href="https://example.org/programma"');
    expect((await ctx.agent().get("/events")).text).toContain("Incontro di prova (esempio)");
  });

  test("When a member or a visitor tries to create or edit an event, then they are refused and nothing changes", async () => {
    const coordinator = await loginAs(ctx, "coordinator");
    const id = await createEvent(coordinator);
    const member = await loginAs(ctx, "member");
    const csrf = await member.csrf();
    expect(
      (
        await member.agent
          .post("/events")
          .type("form")
          .send({ _csrf: csrf, ...eventForm() })
      ).status,
    ).toBe(403);
    const edit = await member.agent
      .post(`/events/${id}/edit`)
      .type("form")
      .send({ _csrf: csrf, ...eventForm({ title: "Preso" }) });
    expect(edit.status).toBe(403);
    expect((await member.agent.get("/events/new")).status).toBe(403);
    const anonymous = await ctx.agent().get("/events/new");
    expect(anonymous.status).toBe(303);
    expect(await EventModel.countDocuments({})).toBe(1);
    expect((await EventModel.findById(id).lean())!.title).toBe("Incontro di prova (esempio)");
  });

  test("When the event form has bad values, then it comes back with the input and an error next to each field", async () => {
    const coordinator = await loginAs(ctx, "coordinator");
    const res = await coordinator.agent
      .post("/events")
      .type("form")
      .send({
        _csrf: await coordinator.csrf(),
        ...eventForm({
          title: "",
          date: "2021-02-30",
          online: "",
          place: "",
          participants: "molti",
          links: "javascript:alert(1)",
        }),
        organisers: "Comune di prova",
      });
    expect(res.status).toBe(400);
    expect(res.text).toContain("Scrivi il titolo.");
    expect(res.text).toContain("Scrivi una data valida");
    expect(res.text).toContain("Scrivi un numero intero");
    expect(res.text).toContain("Ogni riga deve essere");
    expect(res.text).toContain("Comune di prova");
    const noPlace = await coordinator.agent
      .post("/events")
      .type("form")
      .send({ _csrf: await coordinator.csrf(), ...eventForm({ online: "", place: "" }) });
    expect(noPlace.status).toBe(400);
    expect(noPlace.text).toContain("oppure indica che l");
    expect(await EventModel.countDocuments({})).toBe(0);
  });

  test("When an event is edited from a stale form, then the edit is refused with a clear message", async () => {
    const coordinator = await loginAs(ctx, "coordinator");
    const id = await createEvent(coordinator);
    const csrf = await coordinator.csrf();
    await coordinator.agent
      .post(`/events/${id}/edit`)
      .type("form")
      .send({ _csrf: csrf, version: "1", ...eventForm({ title: "Primo" }) })
      .expect(303);
    const stale = await coordinator.agent
      .post(`/events/${id}/edit`)
      .type("form")
      .send({ _csrf: csrf, version: "1", ...eventForm({ title: "Secondo" }) });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain("Qualcuno ha modificato");
    expect((await EventModel.findById(id).lean())!).toMatchObject({ title: "Primo", version: 2 });
  });

  test("When an event's sessions hold contributions, then it cannot be deleted; an empty one can", async () => {
    const coordinator = await loginAs(ctx, "coordinator");
    const busy = await createEvent(coordinator);
    const session = await createSession(ctx, coordinator, busy);
    await contribute(await joinWithCode(ctx, await openSession(coordinator, session)));
    const csrf = await coordinator.csrf();
    const refused = await coordinator.agent.post(`/events/${busy}/delete`).type("form").send({ _csrf: csrf });
    expect(refused.status).toBe(409);
    const removeSession = await coordinator.agent
      .post(`/sessions/${session}/delete`)
      .type("form")
      .send({ _csrf: csrf });
    expect(removeSession.status).toBe(409);
    const empty = await createEvent(coordinator, { title: "Vuoto" });
    await coordinator.agent.post(`/events/${empty}/delete`).type("form").send({ _csrf: csrf }).expect(303);
    expect((await ctx.agent().get(`/events/${empty}`)).status).toBe(404);
  });
});

describe("table sessions", () => {
  test("When a coordinator adds a session, then the event page shows its table, facilitator, participants and questions", async () => {
    const coordinator = await loginAs(ctx, "coordinator");
    const eventId = await createEvent(coordinator);
    await createSession(ctx, coordinator, eventId, { questions: ["t3-q1", "t3-q2"] });
    const page = await ctx.agent().get(`/events/${eventId}`);
    expect(page.text).toContain("Tavolo 3: Metodi e strumenti di monitoraggio, valutazione e reporting");
    expect(page.text).toContain("Facilitazione: Anna (esempio)");
    expect(page.text).toContain("15 partecipanti");
    expect(page.text).toContain("Quali elementi hanno funzionato, quali hanno funzionato poco?");
    expect(page.text).not.toContain("data-code");
  });

  test("When a second session of the same table is added, or bad values are sent, then the form says why", async () => {
    const coordinator = await loginAs(ctx, "coordinator");
    const eventId = await createEvent(coordinator);
    await createSession(ctx, coordinator, eventId);
    const csrf = await coordinator.csrf();
    const again = await coordinator.agent
      .post(`/events/${eventId}/sessions`)
      .type("form")
      .send({ _csrf: csrf, theme: "monitoraggio-valutazione" });
    expect(again.status).toBe(409);
    expect(again.text).toContain("Questo tavolo ha già una sessione");
    const bad = await coordinator.agent.post(`/events/${eventId}/sessions`).type("form").send({
      _csrf: csrf,
      theme: "accessibilita-servizi",
      questions: "t1-q1",
      facilitatorEmail: "nessuno@example.org",
      projects: "non-esiste",
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain("Scegli una delle domande guida del tavolo.");
    expect(await TableSessionModel.countDocuments({})).toBe(1);
    const unknownTable = await coordinator.agent
      .post(`/events/${eventId}/sessions`)
      .type("form")
      .send({ _csrf: csrf, theme: "nessuno" });
    expect(unknownTable.status).toBe(400);
    expect(unknownTable.text).toContain("Scegli uno dei tavoli di lavoro.");
  });

  test("When a member tries to add or edit a session, then they are refused", async () => {
    const coordinator = await loginAs(ctx, "coordinator");
    const eventId = await createEvent(coordinator);
    const session = await createSession(ctx, coordinator, eventId);
    const member = await loginAs(ctx, "member");
    const csrf = await member.csrf();
    expect(
      (
        await member.agent
          .post(`/events/${eventId}/sessions`)
          .type("form")
          .send({ _csrf: csrf, theme: "accessibilita-servizi" })
      ).status,
    ).toBe(403);
    expect(
      (
        await member.agent
          .post(`/sessions/${session}/edit`)
          .type("form")
          .send({ _csrf: csrf, theme: "accessibilita-servizi" })
      ).status,
    ).toBe(403);
    expect(
      (await member.agent.post(`/sessions/${session}/delete`).type("form").send({ _csrf: csrf })).status,
    ).toBe(403);
  });
});

describe("bulk invitations", () => {
  async function invite(list: string, file?: { name: string; text: string }) {
    const coordinator = await loginAs(ctx, "coordinator");
    const eventId = await createEvent(coordinator);
    const csrf = await coordinator.csrf();
    const req = coordinator.agent
      .post(`/events/${eventId}/invite?_csrf=${encodeURIComponent(csrf)}`)
      .field("list", list);
    if (file) req.attach("file", Buffer.from(file.text), { filename: file.name, contentType: "text/csv" });
    return { res: await req, coordinator };
  }

  test("When a list is pasted, then each new address gets one invitation, and duplicates, members and bad addresses are reported", async () => {
    const member = await createUser(ctx, { role: "member", email: "gia.socia@example.org" });
    const { res } = await invite(
      [
        "Nuova Persona <nuova@example.org>",
        "altra@example.org, ALTRA@example.org; terza@example.org",
        "gia.socia@example.org",
        "non-un-indirizzo",
        "chiocciola@",
      ].join("\n"),
    );
    expect(res.status).toBe(200);
    expect(res.text).toContain("Inviti inviati ora: 3");
    expect(res.text).toContain("Indirizzi che hanno già un account: 1");
    expect(res.text).toContain("Indirizzi ripetuti nella lista (un solo invito ciascuno): 1");
    expect(res.text).toContain("Non sono indirizzi validi: 2");
    const invited = await UserModel.find({ status: "invited" }).lean();
    expect(invited.map((u) => u.email).sort()).toEqual([
      "altra@example.org",
      "nuova@example.org",
      "terza@example.org",
    ]);
    expect(invited.every((u) => u.role === "member")).toBe(true);
    expect(readMails(ctx).filter((m) => m.to === "altra@example.org")).toHaveLength(1);
    expect((await UserModel.findById(member.id).lean())!.status).toBe("active");
  });

  test("When a CSV with an email column is uploaded, then its addresses are invited, and those invited before are invited again", async () => {
    await createUser(ctx, { role: "member", email: "in.attesa@example.org", status: "invited" });
    const { res } = await invite("", {
      name: "partecipanti.csv",
      text: 'nome;email;ente\n"Rossi, Anna";anna@example.org;Comune\nBianchi;in.attesa@example.org;ASL\nVerdi;;Coop\n',
    });
    expect(res.status).toBe(200);
    expect(res.text).toContain("Inviti inviati ora: 1");
    expect(res.text).toContain("Inviti inviati di nuovo (a chi non aveva ancora accettato): 1");
    expect(await AccountTokenModel.countDocuments({ kind: "invite", usedAt: null })).toBe(2);
  });

  test("When the list is empty, or the file is not text, then the form says so and nobody is invited", async () => {
    const empty = await invite("   ");
    expect(empty.res.status).toBe(400);
    expect(empty.res.text).toContain("La lista è vuota");
    const binary = await invite("", { name: "x.csv", text: "a\u0000b@example.org" });
    expect(binary.res.status).toBe(400);
    expect(await UserModel.countDocuments({ status: "invited" })).toBe(0);
  });

  test("When a member posts a list, then nobody is invited", async () => {
    const coordinator = await loginAs(ctx, "coordinator");
    const eventId = await createEvent(coordinator);
    const member = await loginAs(ctx, "member");
    const res = await member.agent
      .post(`/events/${eventId}/invite`)
      .type("form")
      .send({ _csrf: await member.csrf(), list: "qualcuno@example.org" });
    expect(res.status).toBe(403);
    expect(await UserModel.countDocuments({ status: "invited" })).toBe(0);
  });
});
