import type { ClientSession } from "mongoose";
import type { Lang } from "../../web/i18n/define";
import type { Actor } from "../accounts/index";

/** Kinds of controlled vocabulary seeded from src/seed/data and edited by coordinators. */
export const VOCABULARY_KINDS = ["theme", "zone", "province", "targetGroup", "funding"] as const;
export type VocabularyKind = (typeof VOCABULARY_KINDS)[number];

export const TAG_STATUSES = ["active", "proposed", "retired", "merged"] as const;
export type TagStatus = (typeof TAG_STATUSES)[number];

/**
 * The kinds of experience a note records: the seminar's questions (what worked, what worked less, what do
 * we recommend) and lessons. A fixed vocabulary: notes store it, search filters on it.
 */
export const NOTE_KINDS = ["worked", "worked_less", "recommendation", "lesson"] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

export interface Term {
  kind: VocabularyKind;
  key: string;
  order: number;
  label_it: string;
  label_en: string;
  description_it: string;
  description_en: string;
  guidingQuestions: { id: string; it: string; en: string }[];
  provinces: string[];
  aliases: string[];
  /** Zones: the main towns whose names people use for the zone (search only). */
  towns: string[];
  role?: string;
  editedAt?: Date;
}

export interface Vocabulary {
  themes: Term[];
  zones: Term[];
  provinces: Term[];
  targetGroups: Term[];
  funding: Term[];
  get(kind: VocabularyKind, key: string): Term | undefined;
}

export interface TagView {
  id: string;
  slug: string;
  oldSlugs: string[];
  label_it: string;
  label_en: string;
  description_it: string;
  description_en: string;
  synonyms: string[];
  status: TagStatus;
  usageCount: number;
  mergedInto?: string;
  proposedBy?: { id?: string; name?: string };
}

export interface TagIndex {
  all: TagView[];
  byId: Map<string, TagView>;
  bySlug: Map<string, TagView>;
  byOldSlug: Map<string, TagView>;
}

/**
 * Called inside the merge transaction: move whatever references `loser` to `survivor`. The change hooks
 * run next, in the same transaction, for the survivor: they queue search updates (moved documents
 * included), so a merge hook does not (one outbox entry per document).
 */
export type TagMergeHook = (
  session: ClientSession,
  loser: TagView,
  survivor: TagView,
  actor: Actor,
) => Promise<void>;

/** Called inside the transaction that renamed or edited a tag (e.g. to reindex what shows its label). */
export type TagChangeHook = (session: ClientSession, tag: TagView) => Promise<void>;

/** A label in the reader's language, Italian when the English one is missing. */
export function labelOf(item: { label_it: string; label_en: string }, lang: Lang): string {
  return lang === "en" && item.label_en ? item.label_en : item.label_it;
}
