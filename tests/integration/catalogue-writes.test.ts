// The catalogue's one bulk write path (insertProjects), which the project service, the import and the dataset
// generator share: each new project with its revision 1, its outbox entry and its tags' usage, all or nothing.
import { generateDataset } from "../../scripts/generate-dataset";
import type { Actor } from "../../src/modules/accounts/actor";
import { ProjectModel } from "../../src/modules/projects/project.model";
import { validateProject } from "../../src/modules/projects/project.input";
import { newProjectDoc } from "../../src/modules/projects/project.stored";
import { insertProjects } from "../../src/modules/projects/project.writes";
import { RevisionModel } from "../../src/modules/projects/revision.model";
import { OutboxModel } from "../../src/modules/search/outbox.model";
import { TagModel } from "../../src/modules/taxonomy/tag.model";
import { translator } from "../../src/web/i18n/index";
import { parseImportFile } from "../../src/modules/projects/import.format";
import { useTestApp } from "../support/test-app";

const ctx = useTestApp();
const by = { id: "c1", name: "Carla Coordinatrice" };
const coordinator: Actor = { ...by, role: "coordinator" };

beforeEach(async () => {
  await ctx.services.taxonomy.seed();
});

async function docsOf(
  rows: { title: string; slug: string; tags: string[] }[],
  status: "published" | "draft",
) {
  const [vocab, tags] = await Promise.all([ctx.services.taxonomy.vocabulary(), ctx.services.taxonomy.tags()]);
  return rows.map((row) => {
    const { input, errors } = validateProject({ ...row, zones: ["lunigiana"] }, vocab, tags);
    expect(errors).toEqual([]);
    return newProjectDoc({ ...input, slug: row.slug }, { status, by });
  });
}

const usageOf = async (slug: string) => (await TagModel.findOne({ slug }).lean())!.usageCount;

describe("insertProjects", () => {
  it("When new projects are inserted, then each has revision 1, one outbox entry and counts for its tags if published", async () => {
    const published = await docsOf(
      [
        { title: "Primo", slug: "primo", tags: ["italiano-l2", "scuola"] },
        { title: "Secondo", slug: "secondo", tags: ["italiano-l2"] },
      ],
      "published",
    );
    const draft = await docsOf([{ title: "Bozza", slug: "bozza", tags: ["scuola"] }], "draft");
    const deps = { connection: ctx.infra.mongo, taxonomy: ctx.services.taxonomy };
    await insertProjects(deps, [...published, ...draft], { action: "import", by });

    for (const doc of [...published, ...draft]) {
      const revisions = await RevisionModel.find({ projectId: doc._id }).lean();
      expect(revisions).toMatchObject([{ version: 1, action: "import", by, snapshot: { slug: doc.slug } }]);
      expect(await OutboxModel.countDocuments({ type: "project", docId: String(doc._id) })).toBe(1);
    }
    expect(await usageOf("italiano-l2")).toBe(2);
    expect(await usageOf("scuola")).toBe(1);
  });

  it("When one project of a batch takes a slug already used, then nothing of the batch is written", async () => {
    const [first] = await docsOf([{ title: "Primo", slug: "primo", tags: ["italiano-l2"] }], "published");
    const deps = { connection: ctx.infra.mongo, taxonomy: ctx.services.taxonomy };
    await insertProjects(deps, [first!], { action: "import", by });
    const [before, revisions, entries] = await Promise.all([
      usageOf("italiano-l2"),
      RevisionModel.countDocuments(),
      OutboxModel.countDocuments(),
    ]);

    const batch = await docsOf(
      [
        { title: "Altro", slug: "altro", tags: ["italiano-l2"] },
        { title: "Primo di nuovo", slug: "primo", tags: ["italiano-l2"] },
      ],
      "published",
    );
    await expect(insertProjects(deps, batch, { action: "import", by })).rejects.toMatchObject({
      code: 11000,
    });
    expect(await ProjectModel.exists({ slug: "altro" })).toBeNull();
    expect(await RevisionModel.countDocuments()).toBe(revisions);
    expect(await OutboxModel.countDocuments()).toBe(entries);
    expect(await usageOf("italiano-l2")).toBe(before);
  });

  it("When the service, an import and the dataset generator create projects, then each leaves the same records", async () => {
    const created = await ctx.services.projects.create(
      coordinator,
      { title: "Dal modulo", tags: ["scuola"] },
      { status: "published" },
    );
    const file = parseImportFile(Buffer.from("title,status,tags\nDal file,published,scuola\n"), "p.csv");
    await ctx.services.imports.importRows(coordinator, file.rows, translator("it"));
    await generateDataset(ctx.infra.mongo, { projects: 20, seed: 7, outbox: true });
    ctx.services.taxonomy.invalidate();

    const projects = await ProjectModel.find().lean();
    expect(projects.length).toBe(22);
    for (const p of projects) {
      expect(p).toMatchObject({ version: 1, oldSlugs: [], deletedAt: null });
      expect(await RevisionModel.countDocuments({ projectId: p._id, version: 1 })).toBe(1);
      expect(await OutboxModel.countDocuments({ type: "project", docId: String(p._id) })).toBe(1);
    }
    const actions = await RevisionModel.distinct("action");
    expect(actions.sort()).toEqual(["create", "generate", "import"]);
    // Usage counts are what a recount of the published projects gives.
    for (const tag of (await ctx.services.taxonomy.tags()).all) {
      const uses = projects.filter(
        (p) => p.status === "published" && p.tags.some((t) => String(t) === tag.id),
      ).length;
      expect([tag.slug, tag.usageCount]).toEqual([tag.slug, uses]);
    }
    expect(created.tags.map(String)).toEqual([
      (await TagModel.findOne({ slug: "scuola" }).lean())!._id.toString(),
    ]);
  });
});
