// The catalogue's service layer against real MongoDB: model rules, transitions, revisions, conflicts, tags.
import { ConflictError, ForbiddenError } from "../../src/web/errors";
import { ProjectModel } from "../../src/modules/projects/project.model";
import { RevisionModel } from "../../src/modules/projects/revision.model";
import { OutboxModel } from "../../src/modules/search/outbox.model";
import { VocabularyTermModel } from "../../src/modules/taxonomy/vocabulary.model";
import { TagModel } from "../../src/modules/taxonomy/tag.model";
import { ProjectConflictError, ProjectValidationError } from "../../src/modules/projects/project.errors";
import { parseEuroCents } from "../../src/modules/projects/project.input";
import { diffSnapshots } from "../../src/modules/projects/project.snapshot";
import type { Actor } from "../../src/modules/accounts/actor";
import type { ProjectView } from "../../src/modules/projects/project.view";
import { useTestApp } from "../support/test-app";

const ctx = useTestApp();
const coordinator: Actor = { id: "c1", name: "Carla Coordinatrice", role: "coordinator" };
const member: Actor = { id: "m1", name: "Mario Membro", role: "member" };

beforeEach(async () => {
  await ctx.services.taxonomy.seed();
});

const base = {
  title: "Ponti di parole",
  summary: "Mediazione linguistica negli sportelli.",
  themes: ["accessibilita-servizi"],
  zones: ["lunigiana"],
  tags: ["italiano-l2"],
  startDate: "2020-01-15",
  endDate: "2021-06-30",
  budget: "125.000,50",
};

/** A project as the pages read it (the read model). */
async function viewOf(p: { slug: string }): Promise<ProjectView> {
  const found = await ctx.services.projectQueries.getBySlug(p.slug, { role: "coordinator" });
  if (!found || !("project" in found)) throw new Error(`no project ${p.slug}`);
  return found.project;
}

async function fieldErrorsOf(promise: Promise<unknown>): Promise<Record<string, string>> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ProjectValidationError) {
      return Object.fromEntries(err.fieldErrors.map((e) => [e.field, e.key]));
    }
    throw err;
  }
  throw new Error("expected a validation error");
}

describe("project model rules", () => {
  it("When a project is created, then it is a draft at version 1 with a slug, cents, derived provinces, a revision and an outbox entry", async () => {
    const p = await ctx.services.projects.create(coordinator, base);
    expect(p).toMatchObject({
      status: "draft",
      version: 1,
      slug: "ponti-di-parole",
      budgetCents: 12500050,
      provinces: ["MS"],
      startYear: 2020,
    });
    expect(p.createdBy).toMatchObject({ id: "c1", name: "Carla Coordinatrice" });
    expect(await RevisionModel.countDocuments({ projectId: p._id })).toBe(1);
    expect(await OutboxModel.countDocuments({ type: "project", docId: String(p._id) })).toBe(1);
  });

  it("When a date does not exist (2023-02-30) or the end precedes the start, then each is a field error and nothing is stored", async () => {
    expect(
      await fieldErrorsOf(ctx.services.projects.create(coordinator, { ...base, startDate: "2023-02-30" })),
    ).toMatchObject({
      startDate: "projects.error.dateInvalid",
    });
    expect(
      await fieldErrorsOf(
        ctx.services.projects.create(coordinator, {
          ...base,
          startDate: "2022-05-01",
          endDate: "2022-04-30",
        }),
      ),
    ).toMatchObject({ endDate: "projects.error.endBeforeStart" });
    expect(await ProjectModel.countDocuments()).toBe(0);
  });

  it("When the CUP is malformed or already used, when links are not http(s), when values are unknown, then each field says so", async () => {
    await ctx.services.projects.create(coordinator, { ...base, cup: "J51B19000370006" });
    const errors = await fieldErrorsOf(
      ctx.services.projects.create(coordinator, {
        ...base,
        title: "Altro",
        cup: "j51b19000370006",
        links: "Sito | javascript:alert(1)",
        themes: ["non-esiste"],
        tags: ["tag-inventato"],
        budget: "12,5,0",
        contactEmail: "not-an-email",
      }),
    );
    expect(errors).toEqual({
      cup: "projects.error.cupTaken",
      links: "projects.error.linkInvalid",
      themes: "projects.error.unknownValue",
      tags: "projects.error.unknownTags",
      budget: "projects.error.budgetFormat",
      contactEmail: "projects.error.emailFormat",
    });
    expect(
      await fieldErrorsOf(ctx.services.projects.create(coordinator, { ...base, cup: "J51B1900037000" })),
    ).toMatchObject({
      cup: "projects.error.cupFormat",
    });
  });

  it("When two projects have the same title, then the second gets its own slug; an explicit colliding slug is refused", async () => {
    const a = await ctx.services.projects.create(coordinator, base);
    const b = await ctx.services.projects.create(coordinator, base);
    expect([a.slug, b.slug]).toEqual(["ponti-di-parole", "ponti-di-parole-2"]);
    expect(
      await fieldErrorsOf(ctx.services.projects.create(coordinator, { ...base, slug: "ponti-di-parole" })),
    ).toEqual({
      slug: "projects.error.slugTaken",
    });
    expect(
      await fieldErrorsOf(ctx.services.projects.create(coordinator, { ...base, slug: "Ponti di Parole!" })),
    ).toEqual({
      slug: "projects.error.slugFormat",
    });
  });

  it("When amounts are written in the usual ways, then they become exact integer cents", () => {
    expect(parseEuroCents("125.000,50")).toBe(12500050);
    expect(parseEuroCents("125000.5")).toBe(12500050);
    expect(parseEuroCents("€ 1.234.567")).toBe(123456700);
    expect(parseEuroCents("0,1")).toBe(10);
    expect(parseEuroCents("19,99")).toBe(1999);
    expect(parseEuroCents("-5")).toBeUndefined();
    expect(parseEuroCents("1e5")).toBeUndefined();
  });

  it("When a member tries to create or change a project, then the service refuses", async () => {
    await expect(ctx.services.projects.create(member, base)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("curation transitions, deletion and history", () => {
  it("When a project goes draft -> in_review -> published -> archived -> published, then each step bumps the version and is in the history", async () => {
    const p = await ctx.services.projects.create(coordinator, base);
    const s = ctx.services.projects;
    const r1 = await s.transition(coordinator, String(p._id), "submit", 1);
    const r2 = await s.transition(coordinator, String(p._id), "publish", r1.version);
    const r3 = await s.transition(coordinator, String(p._id), "archive", r2.version);
    const r4 = await s.transition(coordinator, String(p._id), "restore", r3.version);
    expect([r1.status, r2.status, r3.status, r4.status]).toEqual([
      "in_review",
      "published",
      "archived",
      "published",
    ]);
    expect(r4.version).toBe(5);
    expect(r2.publishedAt).toBeInstanceOf(Date);
    const history = await ctx.services.projectQueries.revisions(p._id);
    expect(history.map((h) => h.action)).toEqual(["restore", "archive", "publish", "submit", "create"]);
    // A step that does not start from the right status is refused and changes nothing.
    await expect(s.transition(coordinator, String(p._id), "submit", 5)).rejects.toBeInstanceOf(ConflictError);
    const back = await s.transition(coordinator, String(p._id), "archive", 5);
    await expect(s.transition(coordinator, String(p._id), "return", back.version)).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect((await ProjectModel.findById(p._id).lean())!.version).toBe(6);
  });

  it("When a project is soft-deleted, then the public cannot see it, tag counts drop, and undo brings it back", async () => {
    const p = await ctx.services.projects.create(coordinator, base, { status: "published" });
    const tag = await TagModel.findOne({ slug: "italiano-l2" }).lean();
    expect(tag!.usageCount).toBe(1);
    const deleted = await ctx.services.projects.softDelete(coordinator, String(p._id), p.version);
    expect(deleted.deletedAt).toBeInstanceOf(Date);
    expect(await ctx.services.projectQueries.getBySlug(p.slug, {})).toBeNull();
    expect(await ctx.services.projectQueries.getBySlug(p.slug, { role: "coordinator" })).not.toBeNull();
    expect((await TagModel.findOne({ slug: "italiano-l2" }).lean())!.usageCount).toBe(0);
    const back = await ctx.services.projects.undoDelete(coordinator, String(p._id));
    expect(back.deletedAt).toBeNull();
    expect(await ctx.services.projectQueries.getBySlug(p.slug, {})).not.toBeNull();
    expect((await TagModel.findOne({ slug: "italiano-l2" }).lean())!.usageCount).toBe(1);
  });

  it("When someone saves over a stale version, then it is a conflict carrying the saved project, and nothing is overwritten", async () => {
    const p = await ctx.services.projects.create(coordinator, base);
    await ctx.services.projects.update(coordinator, String(p._id), { ...base, title: "Prima modifica" }, 1);
    let conflict: unknown;
    try {
      await ctx.services.projects.update(
        coordinator,
        String(p._id),
        { ...base, title: "Seconda modifica" },
        1,
      );
    } catch (err) {
      conflict = err;
    }
    expect(conflict).toBeInstanceOf(ProjectConflictError);
    expect((conflict as ProjectConflictError).status).toBe(409);
    expect((conflict as ProjectConflictError).current.title).toBe("Prima modifica");
    const stored = await ProjectModel.findById(p._id).lean();
    expect(stored).toMatchObject({ title: "Prima modifica", version: 2 });
    expect(await RevisionModel.countDocuments({ projectId: p._id })).toBe(2);
  });

  it("When an earlier version is restored, then its content comes back as a new version and the diff shows the changes", async () => {
    const p = await ctx.services.projects.create(coordinator, { ...base, description: "riga uno\nriga due" });
    const v2 = await ctx.services.projects.update(
      coordinator,
      String(p._id),
      { ...base, title: "Titolo nuovo", description: "riga uno\nriga tre", zones: ["apuane"] },
      1,
    );
    const restored = await ctx.services.projects.restoreRevision(coordinator, String(p._id), 1, v2.version);
    expect(restored).toMatchObject({
      title: "Ponti di parole",
      description: "riga uno\nriga due",
      zones: ["lunigiana"],
      version: 3,
      slug: "ponti-di-parole",
    });
    const [r1, r2] = await Promise.all([
      ctx.services.projectQueries.revision(p._id, 1),
      ctx.services.projectQueries.revision(p._id, 2),
    ]);
    const diffs = diffSnapshots(r1!.snapshot, r2!.snapshot, (_f, v) =>
      Array.isArray(v) ? v.join(",") : String(v),
    );
    expect(diffs.map((d) => d.field)).toEqual(["title", "description", "zones"]);
    expect(diffs[1]!.lines).toEqual([
      { kind: "same", text: "riga uno" },
      { kind: "del", text: "riga due" },
      { kind: "add", text: "riga tre" },
    ]);
    const last = await ctx.services.projectQueries.revisions(p._id);
    expect(last[0]).toMatchObject({ version: 3, action: "restore:1", by: { name: "Carla Coordinatrice" } });
  });

  it("When the slug is changed, then the old one still finds the project (for a 301)", async () => {
    const p = await ctx.services.projects.create(coordinator, base, { status: "published" });
    await ctx.services.projects.update(coordinator, String(p._id), { ...base, slug: "ponti-nuovi" }, 1);
    expect(await ctx.services.projectQueries.getBySlug("ponti-di-parole", {})).toEqual({
      redirectTo: "ponti-nuovi",
    });
    // The old slug stays reserved: a new project cannot take it and break the redirect.
    expect(
      await fieldErrorsOf(ctx.services.projects.create(coordinator, { ...base, slug: "ponti-di-parole" })),
    ).toEqual({
      slug: "projects.error.slugTaken",
    });
  });
});

describe("tags and vocabularies", () => {
  it("When seeding runs on terms seeded before towns and everyday words existed, then it fills them in, except where a coordinator edited the term", async () => {
    const legacy = { $unset: { towns: 1, aliases: 1 } };
    await VocabularyTermModel.updateOne({ kind: "zone", key: "pratese" }, legacy);
    await VocabularyTermModel.updateOne({ kind: "targetGroup", key: "msna" }, legacy);
    await VocabularyTermModel.updateOne(
      { kind: "zone", key: "pistoiese" },
      { ...legacy, $set: { editedAt: new Date() } },
    );
    await ctx.services.taxonomy.seed();
    ctx.services.taxonomy.invalidate();
    const vocab = await ctx.services.taxonomy.vocabulary();
    expect(vocab.get("zone", "pratese")!.towns).toEqual(["Prato"]);
    expect(vocab.get("targetGroup", "msna")!.aliases).toContain("minori soli");
    expect(vocab.get("zone", "pistoiese")!.towns).toEqual([]);
  });

  it("When seeding runs again after a coordinator edited a theme, then the edit survives and nothing is duplicated", async () => {
    const count = await VocabularyTermModel.countDocuments();
    expect(count).toBeGreaterThan(50);
    await ctx.services.taxonomy.updateTerm(coordinator, "theme", "governance-multilivello", {
      label_it: "Governance (modificato)",
      label_en: "Governance (edited)",
      description_it: "",
      description_en: "",
    });
    const again = await ctx.services.taxonomy.seed();
    expect(again).toEqual({ terms: 0, tags: 0 });
    expect(await VocabularyTermModel.countDocuments()).toBe(count);
    const theme = (await ctx.services.taxonomy.vocabulary()).get("theme", "governance-multilivello");
    expect(theme!.label_it).toBe("Governance (modificato)");
    expect(theme!.guidingQuestions.length).toBe(2);
  });

  it("When a tag is renamed, then its old slug resolves to the new one and projects keep it", async () => {
    const p = await ctx.services.projects.create(coordinator, base, { status: "published" });
    await ctx.services.taxonomy.updateTag(coordinator, "italiano-l2", {
      slug: "lingua-italiana",
      label_it: "Lingua italiana",
      label_en: "Italian language",
      description_it: "",
      description_en: "",
      synonyms: ["L2"],
    });
    expect(await ctx.services.taxonomy.findTag("italiano-l2")).toEqual({ redirectTo: "lingua-italiana" });
    const tag = await TagModel.findOne({ slug: "lingua-italiana" }).lean();
    expect((await ProjectModel.findById(p._id).lean())!.tags.map(String)).toEqual([String(tag!._id)]);
    // Seeding does not bring the renamed seed tag back.
    await ctx.services.taxonomy.seed();
    expect(await TagModel.countDocuments({ slug: "italiano-l2" })).toBe(0);
  });

  it("When a tag is renamed, then each of its projects is queued for the search index once", async () => {
    const published = await ctx.services.projects.create(coordinator, base, { status: "published" });
    const draft = await ctx.services.projects.create(coordinator, { ...base, title: "Bozza" });
    const entries = (id: unknown) => OutboxModel.countDocuments({ type: "project", docId: String(id) });
    const before = [await entries(published._id), await entries(draft._id)];
    await ctx.services.taxonomy.updateTag(coordinator, "italiano-l2", {
      slug: "italiano-l2",
      label_it: "Italiano come lingua seconda",
      label_en: "Italian as a second language",
      description_it: "",
      description_en: "",
      synonyms: [],
    });
    expect([await entries(published._id), await entries(draft._id)]).toEqual(before.map((n) => n + 1));
  });

  it("When one tag is merged into another, then every project moves to the survivor, synonyms are kept and the old slug redirects", async () => {
    const a = await ctx.services.projects.create(
      coordinator,
      { ...base, tags: ["italiano-l2"] },
      { status: "published" },
    );
    const b = await ctx.services.projects.create(
      coordinator,
      { ...base, title: "B", tags: ["italiano-l2", "scuola"] },
      { status: "published" },
    );
    const survivor = await ctx.services.taxonomy.mergeTags(coordinator, "italiano-l2", "scuola");
    expect(survivor.synonyms).toEqual(
      expect.arrayContaining(["Formazione civico-linguistica e italiano L2", "italiano per stranieri"]),
    );
    const scuola = await TagModel.findOne({ slug: "scuola" }).lean();
    for (const id of [a._id, b._id]) {
      const p = (await ProjectModel.findById(id).lean())!;
      expect(p.tags.map(String)).toEqual([String(scuola!._id)]);
    }
    expect(scuola!.usageCount).toBe(2);
    expect((await ProjectModel.findById(a._id).lean())!.version).toBe(2);
    expect(await ctx.services.taxonomy.findTag("italiano-l2")).toEqual({ redirectTo: "scuola" });
    expect(await ctx.services.taxonomy.resolveTagSlugs(["italiano-l2"])).toEqual({
      ids: [String(scuola!._id)],
      unknown: [],
    });
  });

  it("When a member proposes a tag, then it waits (not usable) until a coordinator approves it; retired tags are refused", async () => {
    const proposed = await ctx.services.taxonomy.proposeTag(member, {
      slug: "",
      label_it: "Economia circolare",
      label_en: "",
      description_it: "",
      description_en: "",
      synonyms: [],
    });
    expect(proposed).toMatchObject({ status: "proposed", slug: "economia-circolare" });
    expect(
      await fieldErrorsOf(
        ctx.services.projects.create(coordinator, { ...base, tags: ["economia-circolare"] }),
      ),
    ).toEqual({
      tags: "projects.error.unknownTags",
    });
    await ctx.services.taxonomy.approveTag(coordinator, "economia-circolare");
    await expect(
      ctx.services.projects.create(coordinator, { ...base, tags: ["economia-circolare"] }),
    ).resolves.toBeTruthy();
    await ctx.services.taxonomy.retireTag(coordinator, "scuola");
    expect(
      await fieldErrorsOf(ctx.services.projects.create(coordinator, { ...base, tags: ["scuola"] })),
    ).toEqual({
      tags: "projects.error.unknownTags",
    });
  });
});

describe("upsert for import and API", () => {
  it("When the same row is upserted twice, then it is created, then left unchanged; a change by CUP updates it; bad rows return field errors", async () => {
    const row = { ...base, cup: "J51B19000370006" };
    const first = await ctx.services.projects.upsert(coordinator, row);
    expect(first).toMatchObject({ ok: true, action: "created" });
    const second = await ctx.services.projects.upsert(coordinator, row);
    expect(second).toMatchObject({ ok: true, action: "unchanged" });
    const third = await ctx.services.projects.upsert(coordinator, { ...row, title: "Titolo aggiornato" });
    expect(third).toMatchObject({
      ok: true,
      action: "updated",
      project: { title: "Titolo aggiornato", version: 2 },
    });
    const bad = await ctx.services.projects.upsert(coordinator, { ...row, startDate: "2023-02-30" });
    expect(bad).toEqual({ ok: false, errors: [{ field: "startDate", key: "projects.error.dateInvalid" }] });
    expect(await ProjectModel.countDocuments()).toBe(1);
  });
});

describe("related projects", () => {
  it("When projects share tags or zones, then the related list ranks shared tags above shared zones, shows only published ones and never the project itself", async () => {
    const vocab = await ctx.services.taxonomy.vocabulary();
    const tags = (await ctx.services.taxonomy.tags()).all.filter((t) => t.status === "active");
    const [t1, t2, t3] = tags.map((t) => t.slug);
    const [z1, z2] = vocab.zones.map((z) => z.key);
    const make = (title: string, fields: { tags: string[]; zones: string[] }, status = "published") =>
      ctx.services.projects.create(
        coordinator,
        { ...base, title, ...fields },
        status === "published" ? { status: "published" } : {},
      );
    const subject = await make("Soggetto", { tags: [t1!, t2!], zones: [z1!] });
    const twoTags = await make("Due tag in comune", { tags: [t1!, t2!], zones: [z2!] });
    const tagAndZone = await make("Un tag e la zona", { tags: [t2!], zones: [z1!] });
    const oneTag = await make("Un tag", { tags: [t1!], zones: [z2!] });
    const zoneOnly = await make("Solo la zona", { tags: [t3!], zones: [z1!] });
    await make("Niente in comune", { tags: [t3!], zones: [z2!] });
    await make("Bozza con due tag", { tags: [t1!, t2!], zones: [z1!] }, "draft");
    const removed = await make("Eliminato con due tag", { tags: [t1!, t2!], zones: [z1!] });
    await ctx.services.projects.softDelete(coordinator, String(removed._id), removed.version);

    const related = await ctx.services.projectQueries.related(await viewOf(subject));
    expect(related.map((p) => p.title)).toEqual([
      "Due tag in comune", // 2 tags: 4
      "Un tag e la zona", // 1 tag + zone: 3
      "Un tag", // 1 tag: 2
      "Solo la zona", // zone: 1
    ]);
    expect(related.map((p) => p.id)).toEqual(
      [twoTags, tagAndZone, oneTag, zoneOnly].map((p) => String(p._id)),
    );
    // Only the fields a list needs travel back.
    expect(related[0]).toMatchObject({ slug: twoTags.slug, summary: base.summary });
    expect(related[0]).not.toHaveProperty("description");
    expect(related[0]).not.toHaveProperty("score");
    expect(await ctx.services.projectQueries.related(await viewOf(subject), 2)).toHaveLength(2);
    // Nothing to share: nothing related (an empty list must not match projects without tags or zones).
    const alone = await make("Isolato", { tags: [], zones: [] });
    await make("Anche lui senza", { tags: [], zones: [] });
    expect(await ctx.services.projectQueries.related(await viewOf(alone))).toEqual([]);
  });

  it("When the catalogue changes after related lists were read, then the next page sees the change", async () => {
    const tags = (await ctx.services.taxonomy.tags()).all.filter((t) => t.status === "active");
    const [t1, t2] = tags.map((t) => t.slug);
    const subject = await ctx.services.projects.create(
      coordinator,
      { ...base, title: "Soggetto", tags: [t1!, t2!] },
      { status: "published" },
    );
    const first = await ctx.services.projects.create(
      coordinator,
      { ...base, title: "Primo", tags: [t1!] },
      { status: "published" },
    );
    const q = ctx.services.projectQueries;
    expect((await q.related(await viewOf(subject))).map((p) => p.title)).toEqual(["Primo"]);
    // A closer project is published: it comes first.
    const closer = await ctx.services.projects.create(
      coordinator,
      { ...base, title: "Più vicino", tags: [t1!, t2!] },
      { status: "published" },
    );
    expect((await q.related(await viewOf(subject))).map((p) => p.title)).toEqual(["Più vicino", "Primo"]);
    // Renamed, then deleted: the list follows.
    const renamed = await ctx.services.projects.update(
      coordinator,
      String(first._id),
      { ...base, title: "Primo, rinominato", tags: [t1!] },
      first.version,
    );
    expect((await q.related(await viewOf(subject))).map((p) => p.title)).toEqual([
      "Più vicino",
      "Primo, rinominato",
    ]);
    await ctx.services.projects.softDelete(coordinator, String(closer._id), closer.version);
    await ctx.services.projects.transition(coordinator, String(renamed._id), "archive", renamed.version);
    expect(await q.related(await viewOf(subject))).toEqual([]);
  });
});

/** The paths in `value` that hold something else than plain data (a Mongoose or driver object, an `_id`). */
function unplain(value: unknown, path = "$"): string[] {
  if (value === null || typeof value !== "object") return [];
  if (value instanceof Date) return [];
  const proto = Object.getPrototypeOf(value) as unknown;
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return [path];
  return Object.entries(value).flatMap(([k, v]) =>
    k === "_id" ? [`${path}.${k}`] : unplain(v, `${path}.${k}`),
  );
}

describe("the project as public pages read it", () => {
  it("When pages read projects (one, a list, related ones, an API page), then they get plain data with string ids", async () => {
    const tags = ["italiano-l2", "scuola"];
    const p = await ctx.services.projects.create(
      coordinator,
      { ...base, tags, links: "Sito | https://example.org/", contactName: "Referente" },
      { status: "published" },
    );
    await ctx.services.projects.create(
      coordinator,
      { ...base, title: "Vicino", tags },
      { status: "published" },
    );
    const q = ctx.services.projectQueries;
    const page = await q.pageProject(p.slug, {});
    const browse = await q.browse({}, "start", 1, {});
    const view = await viewOf(p);
    const reads = {
      page,
      browse: browse.items,
      related: await q.related(view),
      api: (await q.list({}, "start", 1, 20)).items,
    };
    expect(unplain(reads)).toEqual([]);
    expect(view).toMatchObject({ id: String(p._id), tags: p.tags.map(String), links: [{ label: "Sito" }] });
    expect(reads.related.map((r) => r.title)).toEqual(["Vicino"]);
  });

  it("When a published project is read again, then it comes from memory (from its second read on), until any change to the catalogue", async () => {
    const p = await ctx.services.projects.create(coordinator, base, { status: "published" });
    const q = ctx.services.projectQueries;
    const read = async () => {
      const found = await q.pageProject(p.slug, {});
      if (!found || !("project" in found)) throw new Error("not found");
      return found.project;
    };
    const first = await read(); // asked for once: not kept (most projects are asked for once in a while)
    const second = await read(); // asked for again: kept
    expect(second).not.toBe(first);
    expect(await read()).toBe(second);
    const edited = await ctx.services.projects.update(
      coordinator,
      String(p._id),
      { ...base, title: "Ponti di parole, seconda edizione", slug: p.slug },
      p.version,
    );
    expect(await q.pageProject(p.slug, {})).toMatchObject({
      project: { title: "Ponti di parole, seconda edizione", version: edited.version },
    });
    // Unpublished: gone for the public at once, still there for coordinators (never from memory).
    await ctx.services.projects.transition(coordinator, String(p._id), "archive", edited.version);
    expect(await q.pageProject(p.slug, {})).toBeNull();
    expect(await q.pageProject(p.slug, { role: "coordinator" })).toMatchObject({
      project: { status: "archived" },
    });
  });
});
