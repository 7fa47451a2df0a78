// Text normalisation shared by what we index and what users type.
import { normalizeApostrophes } from "../../web/text";

/**
 * A CUP code (a letter, two digits, a letter, eleven digits) as people type it: any case, with spaces,
 * dashes or dots between its characters ("e13d 2100-0010 001").
 */
const TYPED_CUP = /(?<![\p{L}\p{N}])[a-z](?:[\s.-]?\d){2}[\s.-]?[a-z](?:[\s.-]?\d){11}(?![\p{L}\p{N}])/giu;

/** CUP codes in a text written as the index holds them: upper case, nothing between the characters. */
export function normalizeCups(text: string): string {
  return text.replace(TYPED_CUP, (cup) => cup.replace(/[\s.-]/g, "").toUpperCase());
}

/** A query as we send it to Meilisearch: apostrophes normalised, spaces collapsed, CUP codes compacted. */
export function normalizeQuery(q: string): string {
  return normalizeCups(normalizeApostrophes(q).replace(/\s+/g, " ").trim());
}

/** Lowercase, without accents: for matching thesaurus terms inside a text. */
export function foldForMatch(text: string): string {
  return normalizeApostrophes(text).normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}
