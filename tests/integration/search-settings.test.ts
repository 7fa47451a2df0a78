// Settings, synonyms and the thesaurus: changing them reaches the index; failures are shown to admins.
import { useTestApp } from "../support/test-app";
import { loginAs } from "../support/auth";
import { SYSTEM_ACTOR } from "../../src/modules/accounts/actor";
import { SearchStateModel } from "../../src/modules/search/index-admin";
import { OutboxModel } from "../../src/modules/search/outbox.model";
import { indexUid } from "../../src/modules/search/sources";
import { writeFixture } from "./search-fixtures";
import { waitFor } from "./search-support";
import { succeeded } from "../../src/modules/search/meili-tasks";

const ctx = useTestApp({ resetBeforeEach: false });

const drained = () =>
  waitFor(
    "outbox drained",
    async () => (await OutboxModel.countDocuments({ status: "pending" })) === 0,
    30_000,
  );

async function slugs(q: string): Promise<string[]> {
  const res = await ctx.agent().get(`/api/v1/search?q=${encodeURIComponent(q)}`);
  return (res.body.hits as { slug: string }[]).map((h) => h.slug);
}

const projectsIndex = () =>
  ctx.infra.meili.index(indexUid(ctx.config.meiliIndexPrefix, ctx.services.search.registry.get("project")!));

beforeAll(async () => {
  await ctx.services.taxonomy.seed();
  await writeFixture();
  await drained();
  // The seeded tags changed the synonyms since start: bring the index in line first.
  await ctx.services.search.syncSettings();
}, 60_000);

describe("search settings and thesaurus", () => {
  it("When a coordinator adds a thesaurus group, then the index is rebuilt and the new synonym finds projects", async () => {
    expect(await slugs("spazio compiti")).not.toContain("scuole");
    const coordinator = await loginAs(ctx, "coordinator");
    const page = await coordinator.agent.get("/admin/search/thesaurus");
    expect(page.status).toBe(200);
    expect(page.text).toContain("MSNA, minori stranieri non accompagnati");
    const current = /<textarea[^>]*>([\s\S]*?)<\/textarea>/.exec(page.text)![1]!;
    const res = await coordinator.agent
      .post("/admin/search/thesaurus")
      .type("form")
      .send({
        _csrf: await coordinator.csrf(),
        thesaurus: `${current.replace(/&#39;/g, "'")}\ndoposcuola, spazio compiti`,
      });
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/saved=\d+/);
    await waitFor(
      "rebuilt with the new group",
      async () => (await slugs("spazio compiti")).includes("scuole"),
      30_000,
    );
    // The old groups are still there.
    expect(await slugs("MSNA")).toContain("msna-long");
  }, 60_000);

  it("When the thesaurus form is bad or the user is not a coordinator, then nothing is saved", async () => {
    const coordinator = await loginAs(ctx, "coordinator");
    const tooLong = await coordinator.agent
      .post("/admin/search/thesaurus")
      .type("form")
      .send({ _csrf: await coordinator.csrf(), thesaurus: "a, b\n".repeat(12_000) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.text).toContain('aria-describedby="thesaurus-hint f-thesaurus-error"');
    const member = await loginAs(ctx, "member");
    const denied = await member.agent
      .post("/admin/search/thesaurus")
      .type("form")
      .send({ _csrf: await member.csrf(), thesaurus: "x, y" });
    expect(denied.status).toBe(403);
    expect((await member.agent.get("/admin/search/thesaurus")).status).toBe(403);
  });

  it("When a tag is renamed, then the projects carrying it are found by the new label", async () => {
    expect(await slugs("trame civiche")).not.toContain("citta");
    await ctx.services.taxonomy.updateTag(SYSTEM_ACTOR, "reti-territoriali", {
      slug: "",
      label_it: "Trame civiche",
      label_en: "Civic threads",
      description_it: "",
      description_en: "",
      synonyms: [],
    });
    await waitFor(
      "renamed tag indexed",
      async () => (await slugs("trame civiche")).includes("citta"),
      30_000,
    );
  });

  it("When the settings drift from what the code wants, then they are applied in place without a rebuild", async () => {
    await ctx.services.search.syncSettings(); // settle what earlier tests changed (the renamed tag)
    const before = await projectsIndex().getRawInfo();
    await succeeded(ctx.infra.meili, projectsIndex().updateStopWords([]));
    await SearchStateModel.updateOne({ _id: "project" }, { $set: { settingsHash: "stale" } });
    await ctx.services.search.syncSettings();
    expect((await projectsIndex().getStopWords()).length).toBeGreaterThan(100);
    expect((await projectsIndex().getRawInfo()).createdAt).toEqual(before.createdAt);
    expect((await SearchStateModel.findById("project").lean())!.settingsHash).not.toBe("stale");
  });

  it("When the index does not yet allow a filter (settings still being applied), then MongoDB answers instead of an error", async () => {
    await succeeded(ctx.infra.meili, projectsIndex().updateFilterableAttributes([]));
    try {
      const res = await ctx.agent().get("/api/v1/search?type=project&zone=aretina");
      expect(res.status).toBe(200);
      expect((res.body.hits as { slug: string }[]).map((h) => h.slug)).toContain("scuole");
    } finally {
      await SearchStateModel.updateOne({ _id: "project" }, { $set: { settingsHash: "stale" } });
      await ctx.services.search.syncSettings();
    }
  });

  it("When changes failed to index, then coordinators see them and only admins can queue them again", async () => {
    await OutboxModel.create({
      type: "project",
      docId: "0123456789abcdef01234567",
      status: "failed",
      attempts: 10,
      lastError: "Meilisearch task 42 (documentAdditionOrUpdate) failed: invalid_document_id",
    });
    // Coordinators read the figures, without the button; they may not queue anything again.
    const coordinator = await loginAs(ctx, "coordinator");
    const seen = await coordinator.agent.get("/admin/search");
    expect(seen.status).toBe(200);
    expect(seen.text).toContain("0123456789abcdef01234567");
    expect(seen.text).not.toContain('action="/admin/search/retry"');
    const refused = await coordinator.agent
      .post("/admin/search/retry")
      .type("form")
      .send({ _csrf: await coordinator.csrf() });
    expect(refused.status).toBe(403);
    expect(await OutboxModel.countDocuments({ status: "failed" })).toBe(1);
    const admin = await loginAs(ctx, "admin");
    const page = await admin.agent.get("/admin/search");
    expect(page.text).toContain('action="/admin/search/retry"');
    expect(page.status).toBe(200);
    expect(page.text).toContain("0123456789abcdef01234567");
    expect(page.text).toContain("invalid_document_id");
    const ready = await ctx.agent().get("/readyz");
    expect(JSON.stringify(ready.body)).toMatch(/"failed":1/);
    const retry = await admin.agent
      .post("/admin/search/retry")
      .type("form")
      .send({ _csrf: await admin.csrf() });
    expect(retry.status).toBe(303);
    expect(retry.headers.location).toBe("/admin/search?retried=1");
    expect(await OutboxModel.countDocuments({ status: "failed" })).toBe(0);
    expect((await ctx.agent().get("/admin/search")).status).not.toBe(200);
  });
});
