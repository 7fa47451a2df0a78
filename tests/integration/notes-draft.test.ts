// A note written while the session expires is not lost: it is kept and comes back after login.
import { NoteDraftModel, NoteModel } from "../../src/modules/notes/note.model";
import { csrfFrom, loginAs } from "../support/auth";
import { useTestApp } from "../support/test-app";
import { noteForm, resetMongo, seedCatalogue } from "./notes-fixtures";

const ctx = useTestApp({ resetBeforeEach: false });

beforeEach(async () => {
  await resetMongo(ctx);
  await seedCatalogue(ctx);
});

async function openForm(agent: ReturnType<typeof ctx.agent>) {
  const page = await agent.get("/projects/open/notes/new");
  const field = (name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(page.text)![1]!;
  return { _csrf: field("_csrf"), idem: field("idem"), draftToken: field("draftToken") };
}

test("When the session expires while a member writes a note, then the text is kept and restored after login", async () => {
  const member = await loginAs(ctx, "member");
  const form = await openForm(member.agent);
  // The session ends server-side (idle timeout) while the form is open.
  await ctx.infra.mongo.db!.collection("sessions").deleteMany({});
  const body = "Il **tavolo di coordinamento** ha funzionato perché si riuniva ogni mese.";
  const res = await member.agent
    .post("/projects/open/notes")
    .type("form")
    .send({ ...form, ...noteForm({ body, title: "Testo da non perdere" }) });
  expect(res.status).toBe(303);
  expect(res.headers.location).toBe(
    `/login?notice=expired&next=${encodeURIComponent("/projects/open/notes/new?draft=1")}`,
  );
  expect(await NoteModel.countDocuments({})).toBe(0);

  const token = await csrfFrom(member.agent, "/login");
  const login = await member.agent.post("/login").type("form").send({
    _csrf: token,
    email: member.user.email,
    password: member.user.password,
    next: "/projects/open/notes/new?draft=1",
  });
  expect(login.status).toBe(303);
  expect(login.headers.location).toBe("/projects/open/notes/new?draft=1");
  const again = await member.agent.get(login.headers.location!);
  expect(again.status).toBe(200);
  expect(again.text).toContain("Abbiamo recuperato il testo");
  expect(again.text).toContain('value="Testo da non perdere"');
  expect(again.text).toContain("Il **tavolo di coordinamento** ha funzionato perché si riuniva ogni mese.");
  // The preview of the restored text is rendered by the sanitiser.
  expect(again.text).toContain("<strong>tavolo di coordinamento</strong>");

  // Sending it now publishes it (to the queue) and the kept draft is gone.
  const fresh = await openForm(member.agent);
  const sent = await member.agent
    .post("/projects/open/notes")
    .type("form")
    .send({ ...fresh, ...noteForm({ body, title: "Testo da non perdere" }) });
  expect(sent.status).toBe(303);
  expect(await NoteModel.countDocuments({ title: "Testo da non perdere" })).toBe(1);
  expect(await NoteDraftModel.countDocuments({})).toBe(0);
});

test("When the draft token is forged or belongs to someone else, then nothing is kept", async () => {
  const member = await loginAs(ctx, "member");
  const other = await loginAs(ctx, "member");
  const form = await openForm(member.agent);
  await ctx.infra.mongo.db!.collection("sessions").deleteMany({});
  const forged = `${other.user.id}.${form.draftToken.split(".")[1]}`;
  const res = await ctx
    .agent()
    .post("/projects/open/notes")
    .type("form")
    .send({ ...form, draftToken: forged, ...noteForm() });
  expect(res.status).toBe(403);
  const wrongProject = await ctx
    .agent()
    .post("/projects/closed/notes")
    .type("form")
    .send({ ...form, ...noteForm() });
  expect(wrongProject.status).toBe(403);
  expect(await NoteDraftModel.countDocuments({})).toBe(0);
});

test("When another user opens the form, then they never see someone else's kept draft", async () => {
  const member = await loginAs(ctx, "member");
  const form = await openForm(member.agent);
  await ctx.infra.mongo.db!.collection("sessions").deleteMany({});
  await ctx
    .agent()
    .post("/projects/open/notes")
    .type("form")
    .send({ ...form, ...noteForm({ title: "Privata" }) });
  expect(await NoteDraftModel.countDocuments({})).toBe(1);
  const other = await loginAs(ctx, "member");
  const page = await other.agent.get("/projects/open/notes/new");
  expect(page.text).not.toContain("Privata");
  expect(page.text).not.toContain("Abbiamo recuperato il testo");
});
