// How the browse page reads the catalogue: which index each query walks (MongoDB's profiler records the
// real queries of a request), and counts that follow edits. Timings are in `npm run bench`, not here.
import type { Document } from "mongodb";
import { ProjectModel } from "../../src/modules/projects/project.model";
import type { Actor } from "../../src/modules/accounts/actor";
import { useTestApp } from "../support/test-app";

const ctx = useTestApp();
const system: Actor = { id: "seed", name: "Seed", role: "admin" };

beforeEach(async () => {
  await ctx.services.taxonomy.seed();
});

const base = {
  title: "Ponti di parole",
  summary: "Mediazione linguistica negli sportelli.",
  themes: ["accessibilita-servizi"],
  zones: ["lunigiana"],
  tags: ["italiano-l2"],
  targetGroups: ["famiglie"],
  startDate: "2020-01-15",
};

const publish = (raw: Record<string, unknown>) =>
  ctx.services.projects.create(system, raw, { status: "published" });

/** The operations on the projects collection while `run` runs, as MongoDB's profiler recorded them. */
async function profiled(run: () => Promise<unknown>): Promise<Document[]> {
  const db = ProjectModel.db.db!;
  await db.command({ profile: 0 });
  await db
    .collection("system.profile")
    .drop()
    .catch(() => undefined);
  await db.command({ profile: 2 });
  try {
    await run();
  } finally {
    await db.command({ profile: 0 });
  }
  const ops = await db
    .collection("system.profile")
    .find({ ns: `${db.databaseName}.projects` })
    .toArray();
  await db.collection("system.profile").drop(); // the test app's reset cannot empty it
  return ops;
}

describe("browse queries", () => {
  it("When one zone is browsed sorted by title, then the page comes from the zone's title index, reading only that zone's projects", async () => {
    for (const title of ["Zeta", "Alfa", "Mu"]) await publish({ ...base, title });
    for (const title of ["Beta", "Gamma", "Delta", "Epsilon"])
      await publish({ ...base, title, zones: ["apuane"] });
    let text = "";
    const ops = await profiled(async () => {
      text = (await ctx.agent().get("/projects?zone=lunigiana&sort=title")).text;
    });
    expect(text.indexOf("Alfa")).toBeGreaterThan(0);
    expect(text.indexOf("Alfa")).toBeLessThan(text.indexOf("Mu"));
    expect(text.indexOf("Mu")).toBeLessThan(text.indexOf("Zeta"));
    expect(text).not.toContain("Gamma");
    // Only the page's query (the search indexer may read projects meanwhile).
    const find = ops.find((op) => op.command?.find === "projects" && op.command?.filter?.zones);
    expect(find?.planSummary).toMatch(/IXSCAN \{ zones: 1, status: 1, deletedAt: 1, sortTitle: 1/);
    expect(find?.hasSortStage).toBeFalsy();
    expect(find?.docsExamined).toBe(3);
  });

  it("When a zone and a year are browsed, then the counts read only the projects of that zone and year", async () => {
    await publish({ ...base, title: "Uno" });
    await publish({ ...base, title: "Due", themes: ["governance-multilivello"] });
    await publish({ ...base, title: "Tre", startDate: "2022-05-01" });
    await publish({ ...base, title: "Quattro", startDate: "2023-05-01" });
    let text = "";
    const ops = await profiled(async () => {
      text = (await ctx.agent().get("/projects?zone=lunigiana&year=2020")).text;
    });
    expect(text).toContain("2 progetti");
    expect(text).toMatch(/Governance multilivello e multistakeholder \(1\)/);
    const counts = ops.find(
      (op) => op.command?.aggregate === "projects" && op.command?.pipeline?.[0]?.$match?.zones,
    );
    expect(counts?.planSummary).toMatch(/IXSCAN \{ zones: 1, startYear: 1, status: 1, deletedAt: 1/);
    expect(counts?.docsExamined).toBe(2);
  });

  it("When counts were shown and projects are then published or deleted, then the next pages show the new counts", async () => {
    const first = await publish(base);
    expect((await ctx.agent().get("/projects")).text).toContain("1 progetto");
    expect((await ctx.agent().get("/zones")).text).toMatch(
      /Lunigiana<\/a> <span class="badge atl-count">1 progetto/,
    );
    await publish({ ...base, title: "Casa comune", zones: ["apuane"] });
    const after = await ctx.agent().get("/projects");
    expect(after.text).toContain("2 progetti");
    expect(after.text).toMatch(/Apuane \(1\)/);
    await ctx.services.projects.softDelete(system, String(first._id), first.version);
    const deleted = await ctx.agent().get("/projects");
    expect(deleted.text).toContain("1 progetto");
    expect(deleted.text).not.toMatch(/Lunigiana \(1\)/);
    expect((await ctx.agent().get("/zones")).text).not.toMatch(
      /Lunigiana<\/a> <span class="badge atl-count">1/,
    );
  });

  it("When a draft exists, then public counts never include it, while a coordinator's status filter does", async () => {
    await publish(base);
    await ctx.services.projects.create(system, { ...base, title: "Bozza", zones: ["apuane"] });
    const counts = await ctx.services.projectQueries.publishedCounts();
    expect(counts.total).toBe(1);
    expect(counts.zones.get("apuane")).toBeUndefined();
    const all = await ctx.services.projectQueries.browse({ status: "all" }, "title", 1, {
      role: "coordinator",
    });
    expect(all.facets.total).toBe(2);
    expect(all.items.map((p) => p.title)).toEqual(["Bozza", "Ponti di parole"]);
  });
});
