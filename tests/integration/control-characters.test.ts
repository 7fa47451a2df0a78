// Defect D12 of the trust issue: NUL and other control characters never get stored, whatever the door.
import { NoteModel } from "../../src/modules/notes/note.model";
import { parseImportFile } from "../../src/modules/projects/import.format";
import { stripControlCharacters } from "../../src/web/control-chars";
import { loginAs } from "../support/auth";
import { useTestApp } from "../support/test-app";
import { lastNoteId, postNote, seedCatalogue } from "./notes-fixtures";

const ctx = useTestApp();

const DIRTY = "Prima\u0000riga\u0007 con\u000b controlli\u001b[31m\u007f\u0085 e\ttab\nfine\uffff";

describe("control characters in what people send", () => {
  it("When the text has C0/C1 controls, then they go and tabs and line breaks stay", () => {
    expect(stripControlCharacters(DIRTY)).toBe("Primariga con controlli[31m e\ttab\nfine");
  });

  it("When a note's title and body carry NUL and escapes, then neither is stored nor returned by the API", async () => {
    await seedCatalogue(ctx);
    const member = await loginAs(ctx, "member");
    const res = await postNote(member, "open", { title: `Titolo\u0000 pulito${DIRTY}`, body: DIRTY });
    expect(res.status).toBe(303);
    const note = await NoteModel.findById(await lastNoteId()).lean();
    // eslint-disable-next-line no-control-regex
    const control = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
    expect(note!.title).not.toMatch(control);
    expect(note!.body).not.toMatch(control);
    expect(note!.body).toContain("e\ttab\nfine");
    // The same through a JSON body.
    const json = await member.agent
      .post("/notes/preview")
      .set("x-csrf-token", await member.csrf())
      .send({ body: "a\u0000b" });
    expect(JSON.stringify(json.body)).not.toContain("\\u0000");
  });

  it("When an import file carries control characters, then the rows come out clean", () => {
    // (A raw NUL byte makes the whole file "binary" and refused; other controls are cleaned.)
    const csv = Buffer.from(`title,summary\r\n"Progetto\u0001 uno","Riga\u000c uno"\r\n`);
    const { rows } = parseImportFile(csv, "p.csv");
    expect(JSON.stringify(rows)).not.toMatch(/\\u000[1c]/);
    expect(JSON.stringify(rows)).toContain("Progetto uno");
    const json = Buffer.from(JSON.stringify([{ title: "Due\u0000", summary: "x\u001fy" }]));
    expect(JSON.stringify(parseImportFile(json, "p.json").rows)).not.toMatch(/\\u00(00|1f)/);
  });
});
