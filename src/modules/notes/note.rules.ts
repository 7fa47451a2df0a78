// Checks shared by the notes service: the project a note may be written on, vocabulary values, drafts.
import crypto from "node:crypto";
import { distance } from "fastest-levenshtein";
import mongoose from "mongoose";
import { ConflictError, NotFoundError, ValidationError, type ErrorDetail } from "../../web/errors";
import type { ProjectRefs } from "../projects/index";
import { slugify, type TagIndex, type TaxonomyService } from "../taxonomy/index";
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

/** Tags a member typed that match no tag, and the tags they may have meant (Italian labels). */
export interface UnknownTags {
  unknown: string[];
  suggestions: string[];
}

/** A note that is not valid; when tags were not found, which ones and what comes close. */
export class NoteValidationError extends ValidationError {
  constructor(
    details: ErrorDetail[],
    readonly tags?: UnknownTags,
  ) {
    super(
      tags
        ? `The note is not valid: unknown tags ${tags.unknown.join(", ")}` +
            (tags.suggestions.length > 0 ? ` (did you mean ${tags.suggestions.join(", ")}?)` : "")
        : "The note is not valid",
      details,
    );
  }
}

const fold = (s: string) =>
  s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();

/** Every name a tag answers to (slug, old slugs, labels, synonyms), folded, with the tag's slug. */
function namesOf(index: TagIndex): Map<string, string> {
  const names = new Map<string, string>();
  for (const tag of index.all) {
    if (tag.status !== "active" && tag.status !== "merged") continue;
    for (const name of [tag.slug, ...tag.oldSlugs, tag.label_it, tag.label_en, ...tag.synonyms]) {
      if (name && !names.has(fold(name))) names.set(fold(name), tag.slug);
    }
  }
  return names;
}

/** Up to three active tags whose names come close to what was typed (edit distance or containment). */
function closeTags(index: TagIndex, typed: string): string[] {
  const t = fold(typed);
  const scored = index.all
    .filter((tag) => tag.status === "active")
    .map((tag) => {
      const names = [tag.slug, tag.label_it, tag.label_en, ...tag.synonyms].filter(Boolean).map(fold);
      const best = Math.min(...names.map((n) => (n.includes(t) || t.includes(n) ? 1 : distance(t, n))));
      return { label: tag.label_it, best };
    })
    .filter((s) => s.best <= Math.max(2, Math.floor(t.length / 3)))
    .sort((a, b) => a.best - b.best || a.label.localeCompare(b.label, "it"));
  return scored.slice(0, 3).map((s) => s.label);
}

/**
 * Tags as members type them: a slug, an old slug, the Italian or English label or a synonym, in any case
 * and with or without accents. Returns the active tags' ids and what matched nothing, with close tags.
 */
export async function resolveTagNames(
  taxonomy: Pick<TaxonomyService, "tags" | "resolveTagSlugs">,
  typed: string[],
): Promise<{ ids: string[]; unknown?: UnknownTags }> {
  if (typed.length === 0) return { ids: [] };
  const index = await taxonomy.tags();
  const names = namesOf(index);
  const slugOf = (name: string) => names.get(fold(name)) ?? names.get(slugify(name, 60)) ?? name;
  const bySlug = new Map(typed.map((name) => [slugOf(name), name]));
  const { ids, unknown } = await taxonomy.resolveTagSlugs([...bySlug.keys()]);
  if (unknown.length === 0) return { ids };
  const asTyped = unknown.map((slug) => bySlug.get(slug) ?? slug);
  const suggestions = [...new Set(asTyped.flatMap((name) => closeTags(index, name)))].slice(0, 3);
  return { ids, unknown: { unknown: asTyped, suggestions } };
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
  const { ids, unknown } = await resolveTagNames(taxonomy, form.tags);
  if (unknown) details.push({ field: "tags", message: "notes.error.tags" });
  if (details.length > 0) throw new NoteValidationError(details, unknown);
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
