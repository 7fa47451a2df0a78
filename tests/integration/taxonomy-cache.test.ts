// The taxonomy's in-memory caches never keep a load that overlapped a change: the indexer reading the
// tags while a merge commits would otherwise cache the tags as they were, and pages would show them so for
// the cache's lifetime (seen as a flaky tag-merge page in CI).
import { TagModel } from "../../src/modules/taxonomy/tag.model";
import { VocabularyTermModel } from "../../src/modules/taxonomy/vocabulary.model";
import { useTestApp } from "../support/test-app";

const ctx = useTestApp();

test("When the tags are invalidated while a load is reading them, then that load is not kept", async () => {
  const taxonomy = ctx.services.taxonomy;
  await TagModel.create({ slug: "prima", label_it: "Prima", label_en: "First" });
  const loading = taxonomy.tags();
  // A change commits while the load is in flight (its query was already sent).
  taxonomy.invalidate();
  expect((await loading).bySlug.has("prima")).toBe(true);
  // Written without an invalidation: only a load that was not kept lets the next read see it.
  await TagModel.create({ slug: "seconda", label_it: "Seconda", label_en: "Second" });
  expect((await taxonomy.tags()).bySlug.has("seconda")).toBe(true);
  // A load that overlapped nothing is kept.
  await TagModel.create({ slug: "terza", label_it: "Terza", label_en: "Third" });
  expect((await taxonomy.tags()).bySlug.has("terza")).toBe(false);
});

test("When the vocabularies are invalidated while a load is reading them, then that load is not kept", async () => {
  const taxonomy = ctx.services.taxonomy;
  await taxonomy.seed();
  const loading = taxonomy.vocabulary();
  taxonomy.invalidate();
  await loading;
  await VocabularyTermModel.updateOne(
    { kind: "zone", key: "pratese" },
    { $set: { label_it: "Zona pratese" } },
  );
  expect((await taxonomy.vocabulary()).get("zone", "pratese")?.label_it).toBe("Zona pratese");
});
