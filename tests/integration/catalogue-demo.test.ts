// Demo content: loaded on first start when DEMO_CONTENT is on, idempotent, fictional and labelled as such.
import { ProjectModel } from "../../src/modules/projects/project.model";
import { TagModel } from "../../src/modules/taxonomy/tag.model";
import { seedDemoProjects } from "../../src/seed/demo/seed-demo";
import { useTestApp } from "../support/test-app";

const ctx = useTestApp({ env: { DEMO_CONTENT: "true" }, resetBeforeEach: false });

describe("demo content", () => {
  it("When the app starts with demo content on, then about 40 published projects cover every theme and many zones, each tagged esempio", async () => {
    const projects = await ProjectModel.find({ demo: true }).lean();
    expect(projects.length).toBeGreaterThanOrEqual(38);
    expect(projects.length).toBeLessThanOrEqual(45);
    expect(projects.every((p) => p.status === "published")).toBe(true);
    const esempio = await TagModel.findOne({ slug: "esempio" }).lean();
    expect(projects.every((p) => p.tags.map(String).includes(String(esempio!._id)))).toBe(true);
    expect(new Set(projects.flatMap((p) => p.themes)).size).toBe(4);
    expect(new Set(projects.flatMap((p) => p.zones)).size).toBeGreaterThanOrEqual(25);
    expect(new Set(projects.flatMap((p) => p.tags.map(String))).size).toBeGreaterThanOrEqual(20);
    expect(esempio!.usageCount).toBe(projects.length);
    const page = await ctx.agent().get(`/projects/${projects[0]!.slug}`);
    expect(page.text).toContain('class="badge atl-demo"');
    expect(page.text).toContain("Progetto di esempio: i contenuti sono fittizi.");
    const home = await ctx.agent().get("/");
    expect(home.text).toContain(`Sfoglia i ${projects.length} progetti del catalogo`);
    expect(home.text).toContain('href="/themes/governance-multilivello"');
  });

  it("When seeding runs again after a coordinator edited a demo project, then nothing is added and the edit stays", async () => {
    const before = await ProjectModel.countDocuments();
    const one = (await ProjectModel.findOne({ demo: true }).lean())!;
    await ProjectModel.updateOne({ _id: one._id }, { $set: { title: "Titolo cambiato da un coordinatore" } });
    const result = await seedDemoProjects(ctx.services);
    expect(result).toEqual({ created: 0, skipped: before });
    expect(await ProjectModel.countDocuments()).toBe(before);
    expect((await ProjectModel.findById(one._id).lean())!.title).toBe("Titolo cambiato da un coordinatore");
  });
});
