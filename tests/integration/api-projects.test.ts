// The public JSON API of the catalogue and its OpenAPI document, against the real app.
import { useTestApp } from "../support/test-app";
import { loginAs } from "../support/auth";
import type { Actor } from "../../src/modules/accounts/actor";

const ctx = useTestApp();
const coordinator: Actor = { id: "c1", name: "Carla Coordinatrice", role: "coordinator" };

beforeEach(async () => {
  await ctx.services.taxonomy.seed();
});

async function publish(title: string, extra: Record<string, string | string[]> = {}) {
  return ctx.services.projects.create(
    coordinator,
    { title, themes: ["accessibilita-servizi"], zones: ["lunigiana"], startDate: "2020-01-15", ...extra },
    { status: "published" },
  );
}

describe("public projects API", () => {
  it("When the list is asked, then published projects come with paging and no draft or contact leaks", async () => {
    for (let i = 1; i <= 5; i++)
      await publish(`Progetto ${i}`, { startDate: `202${i}-01-01`, contactEmail: `c${i}@example.org` });
    await ctx.services.projects.create(coordinator, { title: "Bozza segreta" });
    const res = await ctx.agent().get("/api/v1/projects?limit=2&page=2").expect(200);
    expect(res.body).toMatchObject({ page: 2, limit: 2, total: 5, pages: 3 });
    expect((res.body as { data: { title: string }[] }).data.map((p) => p.title)).toEqual([
      "Progetto 3",
      "Progetto 2",
    ]);
    expect(res.body.data[0]).toMatchObject({
      slug: "progetto-3",
      url: "/projects/progetto-3",
      themes: ["accessibilita-servizi"],
    });
    expect(JSON.stringify(res.body)).not.toMatch(/Bozza segreta|example\.org/);
  });

  it("When filters are given, then only matching published projects are listed; an unknown value is a 400", async () => {
    await publish("In Lunigiana");
    await publish("In Versilia", { zones: ["versilia"], tags: ["italiano-l2"] });
    const byZone = await ctx.agent().get("/api/v1/projects?zone=versilia").expect(200);
    expect((byZone.body as { data: { title: string }[] }).data.map((p) => p.title)).toEqual(["In Versilia"]);
    expect(byZone.body.data[0].tags).toEqual(["italiano-l2"]);
    const byTag = await ctx.agent().get("/api/v1/projects?tag=italiano-l2").expect(200);
    expect(byTag.body.total).toBe(1);
    const bad = await ctx.agent().get("/api/v1/projects?zone=atlantide").expect(400);
    expect(bad.body).toMatchObject({ code: "validation_failed", details: [{ field: "zone" }] });
  });

  it("When a project is published after the list was counted, then the next answer counts it (the cached total is forgotten)", async () => {
    await publish("Primo");
    const first = await ctx.agent().get("/api/v1/projects").expect(200);
    expect(first.body).toMatchObject({ total: 1 });
    await publish("Secondo");
    const second = await ctx.agent().get("/api/v1/projects").expect(200);
    expect(second.body).toMatchObject({ total: 2 });
  });

  it("When the API and the browse page are asked for the same filters and sort, then they list the same projects in the same order", async () => {
    for (const [title, zone, start] of [
      ["Zeta in Lunigiana", "lunigiana", "2021-03-01"],
      ["Alfa in Lunigiana", "lunigiana", "2019-05-01"],
      ["Beta in Versilia", "versilia", "2022-01-10"],
      ["Gamma in Lunigiana", "lunigiana", "2023-09-30"],
    ])
      await publish(title!, { zones: [zone!], startDate: start! });
    for (const query of ["zone=lunigiana&sort=title", "zone=lunigiana", "sort=updated", "year=2021"]) {
      const api = await ctx.agent().get(`/api/v1/projects?${query}`).expect(200);
      const page = await ctx.agent().get(`/projects?${query}`).expect(200);
      const listed = [
        ...page.text.matchAll(/<h[23] class="h5 mb-1"><a href="\/projects\/([a-z0-9-]+)"/g),
      ].map((m) => m[1]);
      expect([query, (api.body as { data: { slug: string }[] }).data.map((p) => p.slug)]).toEqual([
        query,
        listed,
      ]);
      expect(listed.length).toBe(api.body.total);
    }
  });

  it("When paging values or parameters are wrong, then the answer is a 400 naming them", async () => {
    for (const q of [
      "page=0",
      "limit=101",
      "limit=abc",
      "page=1.5",
      "colour=red",
      "page[$gt]=1",
      "sort=random",
    ]) {
      const res = await ctx.agent().get(`/api/v1/projects?${q}`);
      expect({ q, status: res.status, code: res.body.code }).toEqual({
        q,
        status: 400,
        code: "validation_failed",
      });
    }
  });

  it("When one project is asked, then a published one is returned, a draft is 404 even for a coordinator, and an old slug redirects", async () => {
    const p = await publish("Ponti di parole", { tags: ["italiano-l2"], budget: "1.000,50" });
    const draft = await ctx.services.projects.create(coordinator, { title: "Bozza" });
    const one = await ctx.agent().get("/api/v1/projects/ponti-di-parole").expect(200);
    expect(one.body.data).toMatchObject({
      title: "Ponti di parole",
      budgetCents: 100050,
      startDate: "2020-01-15",
      tags: ["italiano-l2"],
    });
    expect(one.body.data.contact).toBeUndefined();
    const { agent } = await loginAs(ctx, "coordinator");
    await agent.get(`/api/v1/projects/${draft.slug}`).expect(404);
    await ctx.services.projects.update(
      coordinator,
      String(p._id),
      {
        title: "Ponti nuovi",
        slug: "ponti-nuovi",
        themes: ["accessibilita-servizi"],
        zones: ["lunigiana"],
        startDate: "2020-01-15",
      },
      p.version,
    );
    const moved = await ctx.agent().get("/api/v1/projects/ponti-di-parole").expect(301);
    expect(moved.headers.location).toBe("/api/v1/projects/ponti-nuovi");
    await ctx.agent().get("/api/v1/projects/Not_A_Slug").expect(400);
    const missing = await ctx.agent().get("/api/v1/projects/nessuno").expect(404);
    expect(missing.body.code).toBe("not_found");
  });

  it("When the OpenAPI document is asked, then it is OpenAPI 3.1 describing the project paths and their schemas", async () => {
    const res = await ctx.agent().get("/api/v1/openapi.json").expect(200);
    expect(res.body.openapi).toBe("3.1.0");
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(["/api/v1/projects", "/api/v1/projects/{slug}"]),
    );
    expect(res.body.components.schemas.Project.properties).toHaveProperty("budgetCents");
    const refs = JSON.stringify(res.body).match(/#\/components\/(schemas|responses)\/\w+/g) ?? [];
    for (const ref of refs) {
      const [, kind, name] = ref.split("/").slice(1);
      expect(res.body.components[kind!]).toHaveProperty(name!);
    }
  });
});
