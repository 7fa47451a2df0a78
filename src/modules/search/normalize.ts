// Text normalisation shared by what we index and what users type.
import { normalizeApostrophes } from "../../web/text";

/** A query as we send it to Meilisearch: apostrophes normalised, spaces collapsed. */
export function normalizeQuery(q: string): string {
  return normalizeApostrophes(q).replace(/\s+/g, " ").trim();
}

/** Lowercase, without accents: for matching thesaurus terms inside a text. */
export function foldForMatch(text: string): string {
  return normalizeApostrophes(text).normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}
