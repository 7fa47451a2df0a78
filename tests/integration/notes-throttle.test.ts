// D8: posting notes and replies is throttled per member, the attempt taken before the note is checked.
import { NoteModel } from "../../src/modules/notes/note.model";
import { loginAs } from "../support/auth";
import { useTestApp } from "../support/test-app";
import { noteBy, postNote, resetMongo, seedCatalogue } from "./notes-fixtures";

const ctx = useTestApp({ resetBeforeEach: false });

beforeEach(async () => {
  await resetMongo(ctx);
  await seedCatalogue(ctx);
});

describe("D8: note posting", () => {
  test("When a member posts 30 notes in a row, then the 11th gets 429 with Retry-After and the form keeps the text", async () => {
    const member = await loginAs(ctx, "member");
    const statuses: number[] = [];
    let refused = "";
    let retryAfter = 0;
    for (let i = 0; i < 30; i++) {
      const res = await postNote(member, "open", { title: `Nota numero ${i}` });
      statuses.push(res.status);
      if (res.status === 429 && !refused) {
        refused = res.text;
        retryAfter = Number(res.headers["retry-after"]);
      }
    }
    expect(statuses.filter((s) => s === 303)).toHaveLength(10);
    expect(statuses.slice(10).every((s) => s === 429)).toBe(true);
    expect(await NoteModel.countDocuments({ "author.id": member.user.id })).toBe(10);
    expect(retryAfter).toBeGreaterThan(0);
    expect(refused).toContain("Hai pubblicato molte note e risposte in poco tempo");
    expect(refused).toContain("Nota numero 10");
    // Another member is not affected.
    const other = await loginAs(ctx, "member");
    expect((await postNote(other)).status).toBe(303);
  }, 60_000);

  test("When a member replies many times in a row, then replies share the budget and get 429", async () => {
    const coordinator = await loginAs(ctx, "coordinator");
    const id = await noteBy(ctx, coordinator);
    const member = await loginAs(ctx, "member");
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await member.agent
        .post(`/notes/${id}/replies`)
        .type("form")
        .send({ _csrf: await member.csrf(), body: `Risposta ${i}` });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 303)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    expect((await NoteModel.findById(id).lean())!.replies).toHaveLength(10);
  }, 60_000);
});
