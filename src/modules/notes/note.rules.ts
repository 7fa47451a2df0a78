// Checks shared by the notes service: the project a note may be written on, vocabulary values, drafts.
import crypto from "node:crypto";
import mongoose from "mongoose";
import { ConflictError, NotFoundError, ValidationError, type ErrorDetail } from "../../web/errors";
import type { ProjectRefs } from "../projects/index";
import type { TaxonomyService } from "../taxonomy/index";
import type { NoteForm } from "./note.schemas";

/** A project that takes notes: published and not deleted (archived or unknown projects do not). */
export async function openProject(projects: Pick<ProjectRefs, "refBySlug">, slug: string) {
  const p = await projects.refBySlug(slug);
  if (!p || (p.status !== "published" && p.status !== "archived")) {
    throw new NotFoundError(`No project ${slug}`);
  }
  if (p.status === "archived") {
    throw new ConflictError("This project is archived: it takes no new notes", [
      { field: "_form", message: "notes.error.archived" },
    ]);
  }
  return p;
}

/** Theme, guiding question and tags checked against the vocabularies; tags come back as ids. */
export async function checkVocabulary(
  taxonomy: TaxonomyService,
  form: Pick<NoteForm, "theme" | "question" | "tags">,
): Promise<{ tagIds: mongoose.Types.ObjectId[] }> {
  const vocab = await taxonomy.vocabulary();
  const details: ErrorDetail[] = [];
  const theme = vocab.get("theme", form.theme);
  if (!theme) details.push({ field: "theme", message: "notes.error.theme" });
  else if (form.question && !theme.guidingQuestions.some((q) => q.id === form.question)) {
    details.push({ field: "question", message: "notes.error.question" });
  }
  const { ids, unknown } = await taxonomy.resolveTagSlugs(form.tags);
  if (unknown.length > 0) details.push({ field: "tags", message: "notes.error.tags" });
  if (details.length > 0) throw new ValidationError("The note is not valid", details);
  return { tagIds: ids.map((id) => new mongoose.Types.ObjectId(id)) };
}

/** A token in the note form naming its user and project: it lets us keep the text if the session died. */
export function draftToken(secret: string, userId: string, slug: string): string {
  const mac = crypto.createHmac("sha256", secret).update(`note-draft|${userId}|${slug}`).digest("base64url");
  return `${userId}.${mac}`;
}

/** The user id a draft token was issued to, or undefined when it was not issued by us for this project. */
export function verifyDraftToken(secret: string, token: unknown, slug: string): string | undefined {
  if (typeof token !== "string") return undefined;
  const userId = token.split(".")[0] ?? "";
  if (!mongoose.isValidObjectId(userId)) return undefined;
  const expected = Buffer.from(draftToken(secret, userId, slug));
  const given = Buffer.from(token);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given) ? userId : undefined;
}
