// Seeds the vocabularies and the starting tags from src/seed/data on first start.
// Only missing entries are inserted: what coordinators edited is never overwritten.
import type { AnyBulkWriteOperation } from "mongoose";
import themesSeed from "../../seed/data/themes.json";
import territoriesSeed from "../../seed/data/territories.json";
import targetGroupsSeed from "../../seed/data/target-groups.json";
import fundingSeed from "../../seed/data/funding.json";
import areasSeed from "../../seed/data/intervention-areas.json";
import type { VocabularyKind } from "./taxonomy.types";
import { VocabularyTermModel } from "./vocabulary.model";
import { TagModel } from "./tag.model";

interface SeedTerm {
  kind: VocabularyKind;
  key: string;
  order: number;
  label_it: string;
  label_en: string;
  description_it?: string;
  description_en?: string;
  guidingQuestions?: { id: string; it: string; en: string }[];
  provinces?: string[];
  aliases?: string[];
  towns?: string[];
  role?: string;
}

/** Every vocabulary term in the seed files. */
export function seedTerms(): SeedTerm[] {
  const terms: SeedTerm[] = [];
  themesSeed.themes.forEach((t) =>
    terms.push({
      kind: "theme",
      key: t.id,
      order: t.number,
      label_it: t.label_it,
      label_en: t.label_en,
      guidingQuestions: t.guiding_questions.map((q) => ({ id: q.id, it: q.it, en: q.en })),
    }),
  );
  territoriesSeed.zones.forEach((z, i) =>
    terms.push({
      kind: "zone",
      key: z.id,
      order: i + 1,
      label_it: z.name_it,
      label_en: z.name_en,
      provinces: z.provinces,
      aliases: z.aliases_it,
      towns: z.towns_it,
    }),
  );
  territoriesSeed.provinces.forEach((p, i) =>
    terms.push({ kind: "province", key: p.code, order: i + 1, label_it: p.name_it, label_en: p.name_en }),
  );
  targetGroupsSeed.target_groups.forEach((g, i) =>
    terms.push({
      kind: "targetGroup",
      key: g.id,
      order: i + 1,
      label_it: g.label_it,
      label_en: g.label_en,
      description_en: g.note_en,
      aliases: g.aliases_it,
      role: g.role,
    }),
  );
  fundingSeed.funding.forEach((f, i) =>
    terms.push({
      kind: "funding",
      key: f.id,
      order: i + 1,
      label_it: f.label_it,
      label_en: f.label_en,
      description_it: f.description_it,
      description_en: f.description_en,
    }),
  );
  return terms;
}

/** Inserts the vocabulary terms and seed tags that do not exist yet; returns how many were added. */
export async function seedVocabularies(): Promise<{ terms: number; tags: number }> {
  const ops: AnyBulkWriteOperation[] = seedTerms().map((term) => ({
    updateOne: {
      filter: { kind: term.kind, key: term.key },
      update: { $setOnInsert: term },
      upsert: true,
    },
  }));
  const termResult = await VocabularyTermModel.bulkWrite(ops, { ordered: false });
  // Lists added to the seed later (towns of zones, everyday words of target groups) reach terms seeded
  // before them, unless a coordinator edited the term.
  const fillIns: AnyBulkWriteOperation[] = seedTerms().flatMap((term) =>
    (["towns", "aliases"] as const)
      .filter((field) => (term[field] ?? []).length > 0)
      .map((field) => ({
        updateOne: {
          filter: { kind: term.kind, key: term.key, editedAt: null, [field]: null },
          update: { $set: { [field]: term[field] } },
        },
      })),
  );
  if (fillIns.length > 0) await VocabularyTermModel.bulkWrite(fillIns, { ordered: false });

  // A seed tag renamed or merged by a coordinator keeps its old slug in oldSlugs: do not bring it back.
  const taken = new Set<string>();
  for (const t of await TagModel.find({}, { slug: 1, oldSlugs: 1 }).lean()) {
    taken.add(t.slug);
    for (const s of t.oldSlugs ?? []) taken.add(s);
  }
  const missing = areasSeed.intervention_areas.filter((a) => !taken.has(a.id));
  if (missing.length > 0) {
    await TagModel.bulkWrite(
      missing.map((a) => ({
        updateOne: {
          filter: { slug: a.id },
          update: {
            $setOnInsert: {
              slug: a.id,
              label_it: a.label_it,
              label_en: a.label_en,
              synonyms: [...new Set([...a.synonyms_it, ...a.synonyms_en])],
              status: "active",
              createdBy: { id: "system", name: "Atlante" },
            },
          },
          upsert: true,
        },
      })),
      { ordered: false },
    );
  }
  return { terms: termResult.upsertedCount, tags: missing.length };
}
