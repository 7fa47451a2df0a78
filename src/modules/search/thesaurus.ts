// The domain thesaurus: groups of equivalent expressions, edited by coordinators, fed to search.
import mongoose, { Schema } from "mongoose";
import { foldForMatch } from "./normalize";

const thesaurusSchema = new Schema(
  {
    _id: { type: String, required: true },
    groups: { type: [[String]], default: [] },
    updatedBy: { type: String },
  },
  { collection: "search_thesaurus", versionKey: false, timestamps: true },
);
export const ThesaurusModel = mongoose.model("SearchThesaurus", thesaurusSchema);

const DOC_ID = "default";

/** The starting thesaurus: common equivalences of the trade (coordinators extend it). */
export const DEFAULT_THESAURUS: string[][] = [
  ["mediazione interculturale", "mediazione linguistico-culturale", "mediazione culturale"],
  ["MSNA", "minori stranieri non accompagnati"],
  ["italiano L2", "italiano per stranieri", "italiano seconda lingua"],
  ["SAI", "Sistema di accoglienza e integrazione"],
  ["CAS", "centri di accoglienza straordinaria"],
  ["FAMI", "Fondo Asilo Migrazione e Integrazione"],
  ["PIZ", "piano integrato zonale", "piani integrati zonali"],
  ["scuola", "scuole"],
  ["donna", "donne"],
  ["giovane", "giovani"],
];

/** Cleans a list of groups: trimmed terms, no empties, no duplicates, at least two terms each. */
export function cleanGroups(groups: string[][]): string[][] {
  const out: string[][] = [];
  for (const group of groups) {
    const terms = [...new Set(group.map((t) => t.replace(/\s+/g, " ").trim()).filter(Boolean))];
    if (terms.length >= 2) out.push(terms);
  }
  return out;
}

export async function loadThesaurus(): Promise<string[][]> {
  const doc = await ThesaurusModel.findById(DOC_ID).lean<{ groups: string[][] }>();
  return doc ? doc.groups : DEFAULT_THESAURUS;
}

export async function saveThesaurus(groups: string[][], updatedBy: string): Promise<string[][]> {
  const clean = cleanGroups(groups);
  await ThesaurusModel.updateOne({ _id: DOC_ID }, { $set: { groups: clean, updatedBy } }, { upsert: true });
  return clean;
}

/** Parses the editing form: one group per line, terms separated by commas or semicolons. */
export function parseThesaurusText(text: string): string[][] {
  return cleanGroups(text.split(/\r?\n/).map((line) => line.split(/[,;]/)));
}

export function thesaurusToText(groups: string[][]): string {
  return groups.map((g) => g.join(", ")).join("\n");
}

/**
 * Index-time expansion: the terms of every group that the text mentions, plus their equivalents.
 * Meilisearch's own synonyms skip multi-word expressions that contain stop words ("non", "per"),
 * so documents also carry the equivalents themselves.
 */
export function expansions(text: string, groups: string[][]): string[] {
  const folded = ` ${foldForMatch(text).replace(/[^\p{L}\p{N}']+/gu, " ")} `;
  const out = new Set<string>();
  for (const group of groups) {
    const hit = group.some((term) =>
      folded.includes(
        ` ${foldForMatch(term)
          .replace(/[^\p{L}\p{N}']+/gu, " ")
          .trim()} `,
      ),
    );
    if (hit) for (const term of group) out.add(term);
  }
  return [...out];
}

/** Meilisearch synonyms: every term of a group points at the others (lowercased). */
export function synonymsOf(groups: string[][]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const group of groups) {
    const terms = [...new Set(group.map((t) => t.toLowerCase()))];
    for (const term of terms) {
      const others = terms.filter((t) => t !== term);
      out[term] = [...new Set([...(out[term] ?? []), ...others])];
    }
  }
  return out;
}
