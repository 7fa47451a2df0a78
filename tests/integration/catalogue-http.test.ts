// Catalogue pages and curation over HTTP: anonymous browsing, members, coordinators, bad input.
import { ProjectModel } from "../../src/modules/projects/project.model";
import type { Actor } from "../../src/modules/accounts/actor";
import { loginAs } from "../support/auth";
import { useTestApp } from "../support/test-app";

const ctx = useTestApp();
const system: Actor = { id: "seed", name: "Seed", role: "admin" };

beforeEach(async () => {
  await ctx.services.taxonomy.seed();
});

const base = {
  title: "Ponti di parole",
  summary: "Mediazione linguistica negli sportelli.",
  description: "Un progetto **di prova**.\n\n- uno\n- due",
  themes: ["accessibilita-servizi"],
  zones: ["lunigiana"],
  tags: ["italiano-l2"],
  targetGroups: ["famiglie"],
  startDate: "2020-01-15",
  endDate: "2021-06-30",
  budget: "125000",
  contactName: "Anna Referente",
  contactEmail: "anna@example.org",
  leadOrganisation: "Cooperativa Il Mandorlo",
};

const publish = (raw: Record<string, unknown>) =>
  ctx.services.projects.create(system, raw, { status: "published" });

describe("public catalogue pages", () => {
  it("When an anonymous visitor opens a published project, then every field shows, the contact is hidden and the notes section is there", async () => {
    await publish({
      ...base,
      cup: "J51B19000370006",
      partners: "Comune A\nAssociazione B",
      links: "Sito | https://example.org/p",
    });
    const res = await ctx.agent().get("/projects/ponti-di-parole");
    expect(res.status).toBe(200);
    for (const text of [
      "Ponti di parole",
      "Cooperativa Il Mandorlo",
      "Associazione B",
      "J51B19000370006",
      "€ 125.000",
      "15 gennaio 2020",
      "Accessibilità dei servizi",
      "Lunigiana",
      "Massa-Carrara",
      "Formazione civico-linguistica e italiano L2",
      'href="https://example.org/p"',
      "<strong>di prova</strong>",
      "Note dei partecipanti",
    ]) {
      expect([text, res.text.includes(text)]).toEqual([text, true]);
    }
    expect(res.text).not.toContain("anna@example.org");
    expect(res.text).toContain("visibili solo ai membri");
    const member = await loginAs(ctx, "member");
    const seen = await member.agent.get("/projects/ponti-di-parole");
    expect(seen.text).toContain("anna@example.org");
  });

  it("When a project is a draft, then anonymous visitors and members get 404 and it is not listed", async () => {
    await ctx.services.projects.create(system, base);
    expect((await ctx.agent().get("/projects/ponti-di-parole")).status).toBe(404);
    const member = await loginAs(ctx, "member");
    expect((await member.agent.get("/projects/ponti-di-parole")).status).toBe(404);
    const list = await ctx.agent().get("/projects");
    expect(list.text).not.toContain("Ponti di parole");
    expect(list.text).toContain("0 progetti");
  });

  it("When the browse page is filtered by theme, tag, zone, target or year, then only matching projects show, with counts per value", async () => {
    await publish(base);
    await publish({
      ...base,
      title: "Casa comune",
      themes: ["governance-multilivello"],
      zones: ["apuane"],
      tags: ["abitare"],
      startDate: "2021-03-01",
    });
    await publish({
      ...base,
      title: "Terza via",
      themes: ["governance-multilivello"],
      zones: ["apuane"],
      tags: ["abitare"],
      targetGroups: ["msna"],
    });
    const all = await ctx.agent().get("/projects");
    expect(all.text).toContain("3 progetti");
    expect(all.text).toMatch(/Governance multilivello e multistakeholder \(2\)/);
    expect(all.text).toMatch(/Apuane \(2\)/);
    const byTheme = await ctx.agent().get("/projects?theme=governance-multilivello&sort=title");
    expect(byTheme.text).toContain("2 progetti");
    expect(byTheme.text.indexOf("Casa comune")).toBeLessThan(byTheme.text.indexOf("Terza via"));
    expect(byTheme.text).not.toContain("Ponti di parole</a>");
    const combined = await ctx.agent().get("/projects?zone=apuane&tag=abitare&target=msna&year=2020");
    expect(combined.text).toContain("1 progetto");
    expect(combined.text).toContain("Terza via");
    const empty = await ctx.agent().get("/projects?theme=&tag=&year=");
    expect(empty.status).toBe(200);
  });

  it("When the browse query is malformed or names unknown values, then it is a 400, never a 500", async () => {
    for (const url of [
      "/projects?theme=a&theme=b",
      "/projects?theme=non-esiste",
      "/projects?year=20x1",
      "/projects?sort=$where",
      "/projects?page=0",
      "/projects?foo=bar",
    ]) {
      const res = await ctx.agent().get(url);
      expect([url, res.status]).toEqual([url, 400]);
    }
  });

  it("When a project page is in the anonymous page cache and the project or its notes change, then the next visit shows the change", async () => {
    const p = await publish(base);
    const visit = async () => (await ctx.agent().get("/projects/ponti-di-parole")).text;
    await visit(); // asked for once: rendered, not kept
    expect(await visit()).toContain("Ponti di parole"); // asked for again: kept
    // Changed behind the app's back (no change event): the cached page is still served.
    await ProjectModel.updateOne({ _id: p._id }, { $set: { title: "Titolo mai mostrato" } });
    expect(await visit()).not.toContain("Titolo mai mostrato");
    // Changed through the app: the cache is dropped.
    const edited = await ctx.services.projects.update(
      system,
      String(p._id),
      { ...base, title: "Ponti di parole, seconda edizione" },
      p.version,
    );
    await visit();
    expect(await visit()).toContain("Ponti di parole, seconda edizione");
    // A note published on it: the (cached) page shows it on the next visit.
    await ctx.services.notes.core.create(
      { id: "c1", name: "Carla Coordinatrice", role: "coordinator" },
      edited.slug,
      {
        kind: "worked",
        theme: "accessibilita-servizi",
        question: null,
        title: "Lo sportello del sabato",
        body: "Aperto anche il sabato mattina.",
        tags: [],
      },
    );
    expect(await visit()).toContain("Lo sportello del sabato");
  });

  it("When a related project or a theme label changes, then the related cards (rendered once and kept) show the change", async () => {
    await publish(base);
    const other = await publish({ ...base, title: "Parole in comune", cup: undefined });
    const visitAs = async (lang: "it" | "en") =>
      (await ctx.agent().get("/projects/ponti-di-parole").set("Cookie", `lang=${lang}`)).text;
    const relatedOf = (page: string) => page.slice(page.indexOf('id="related-title"'));
    expect(relatedOf(await visitAs("it"))).toContain("Parole in comune");
    expect(relatedOf(await visitAs("it"))).toContain("Accessibilità dei servizi");
    expect(relatedOf(await visitAs("en"))).toContain("Accessibility of services");
    await ctx.services.projects.update(
      system,
      String(other._id),
      { ...base, title: "Parole per tutti", slug: other.slug },
      other.version,
    );
    const c = await loginAs(ctx, "coordinator");
    const edited = await c.agent
      .post("/curation/vocabularies/theme/accessibilita-servizi")
      .type("form")
      .send({ _csrf: await c.csrf(), label_it: "Servizi accessibili", label_en: "Accessible services" });
    expect(edited.status).toBe(303);
    const it = relatedOf(await visitAs("it"));
    expect(it).toContain("Parole per tutti");
    expect(it).not.toContain("Parole in comune");
    expect(it).toContain("Servizi accessibili");
    expect(relatedOf(await visitAs("en"))).toContain("Accessible services");
  });

  it("When a slug changes, then the old address answers 301 to the new one", async () => {
    const p = await publish(base);
    await ctx.services.projects.update(system, String(p._id), { ...base, slug: "ponti-nuovi" }, p.version);
    const res = await ctx.agent().get("/projects/ponti-di-parole");
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe("/projects/ponti-nuovi");
  });

  it("When a visitor opens a theme, a tag or a zone, then it lists its projects with counts (and guiding questions for themes)", async () => {
    await publish(base);
    const theme = await ctx.agent().get("/themes/accessibilita-servizi");
    expect(theme.status).toBe(200);
    expect(theme.text).toContain("Domande guida");
    expect(theme.text).toContain("Ponti di parole");
    expect(theme.text).toContain("1 progetto");
    const themes = await ctx.agent().get("/themes");
    expect(themes.text).toContain('href="/themes/accessibilita-servizi"');
    const tag = await ctx.agent().get("/tags/italiano-l2");
    expect(tag.text).toContain("Ponti di parole");
    expect(tag.text).toContain("italiano per stranieri");
    const zone = await ctx.agent().get("/zones/lunigiana");
    expect(zone.text).toContain("Ponti di parole");
    expect(zone.text).toContain("Massa-Carrara");
    expect((await ctx.agent().get("/zones")).text).toMatch(
      /Lunigiana<\/a> <span class="badge atl-count">1 progetto/,
    );
    expect((await ctx.agent().get("/themes/nope")).status).toBe(404);
    const en = await ctx.agent().get("/themes/accessibilita-servizi").set("Accept-Language", "en");
    expect(en.text).toContain("Guiding questions");
  });

  it("When every field holds HTML or script, then the pages show it as inert text", async () => {
    const evil = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    await publish({
      ...base,
      title: `T ${evil}`,
      summary: evil,
      description: `${evil} [a](javascript:alert(1))`,
      call: evil,
      leadOrganisation: evil,
      partners: evil,
      outcomes: evil,
      contactName: evil,
      links: `${evil} | https://example.org/x`,
    });
    const slug = (await ProjectModel.findOne().lean())!.slug;
    const member = await loginAs(ctx, "member");
    for (const res of [
      await ctx.agent().get(`/projects/${slug}`),
      await member.agent.get(`/projects/${slug}`),
      await ctx.agent().get("/projects"),
    ]) {
      expect(res.status).toBe(200);
      expect(res.text).not.toContain("<script>alert");
      expect(res.text).not.toContain("<img src=x");
      expect(res.text).not.toContain('href="javascript:');
      expect(res.text).toContain("&lt;script>");
    }
  });
});

describe("curation over HTTP", () => {
  it("When a coordinator submits an invalid form, then it comes back 400 with their input and each error tied to its field", async () => {
    const c = await loginAs(ctx, "coordinator");
    const form = await c.agent.get("/projects/new");
    expect(form.status).toBe(200);
    expect(form.text).toContain('name="_csrf"');
    const res = await c.agent
      .post("/projects")
      .type("form")
      .send({
        _csrf: await c.csrf(),
        title: "Il mio <b>titolo</b>",
        startDate: "2023-02-30",
        cup: "BAD",
        themes: ["accessibilita-servizi", "coinvolgimento-comunita"],
      });
    expect(res.status).toBe(400);
    expect(res.text).toContain('value="Il mio &lt;b>titolo&lt;/b>"');
    expect(res.text).toMatch(/id="f-startDate"[^>]*aria-describedby="f-startDate-error"/);
    expect(res.text).toContain('id="f-startDate-error"');
    expect(res.text).toContain("Data non valida");
    expect(res.text).toContain("Il CUP ha 15 caratteri");
    expect(res.text).toMatch(/value="coinvolgimento-comunita" checked/);
    expect(await ProjectModel.countDocuments()).toBe(0);
    const objectInField = await c.agent
      .post("/projects")
      .type("json")
      .set("x-csrf-token", await c.csrf())
      .send({ title: { $gt: "" } });
    expect(objectInField.status).toBe(400);
  });

  it("When a coordinator creates, sends to review, publishes, archives and restores a project, then each step works and is in the history", async () => {
    const c = await loginAs(ctx, "coordinator");
    const created = await c.agent
      .post("/projects")
      .type("form")
      .send({ _csrf: await c.csrf(), ...base });
    expect(created.status).toBe(303);
    expect(created.headers.location).toBe("/projects/ponti-di-parole");
    let version = 1;
    for (const action of ["submit", "publish", "archive", "restore"]) {
      const res = await c.agent
        .post("/projects/ponti-di-parole/status")
        .type("form")
        .send({ _csrf: await c.csrf(), action, version: String(version) });
      expect([action, res.status]).toEqual([action, 303]);
      version++;
    }
    expect(await ProjectModel.findOne({ slug: "ponti-di-parole" }).lean()).toMatchObject({
      status: "published",
      version: 5,
    });
    const history = await c.agent.get("/projects/ponti-di-parole/history");
    expect(history.status).toBe(200);
    for (const word of [
      "creazione",
      "invio in revisione",
      "pubblicazione",
      "archiviazione",
      "ripristino dall'archivio",
    ]) {
      expect([word, history.text.includes(word)]).toEqual([word, true]);
    }
    expect(history.text).toContain(c.user.name);
    const wrong = await c.agent
      .post("/projects/ponti-di-parole/status")
      .type("form")
      .send({ _csrf: await c.csrf(), action: "submit", version: "5" });
    expect(wrong.status).toBe(409);
  });

  it("When two coordinators edit the same version, then the second gets a 409 page with both versions and nothing is overwritten", async () => {
    const p = await ctx.services.projects.create(system, base);
    const a = await loginAs(ctx, "coordinator");
    const b = await loginAs(ctx, "coordinator");
    const editA = await a.agent.get("/projects/ponti-di-parole/edit");
    expect(editA.text).toContain('name="version" value="1"');
    const first = await a.agent
      .post("/projects/ponti-di-parole/edit")
      .type("form")
      .send({ _csrf: await a.csrf(), ...base, title: "Titolo di A", version: "1" });
    expect(first.status).toBe(303);
    const second = await b.agent
      .post("/projects/ponti-di-parole/edit")
      .type("form")
      .send({ _csrf: await b.csrf(), ...base, title: "Titolo di B", version: "1" });
    expect(second.status).toBe(409);
    expect(second.text).toContain("Qualcun altro ha modificato il progetto");
    expect(second.text).toContain("Titolo di A");
    expect(second.text).toContain("Titolo di B");
    expect(second.text).toContain('name="version" value="2"');
    expect(await ProjectModel.findById(p._id).lean()).toMatchObject({ title: "Titolo di A", version: 2 });
    // Choosing to save over the version now shown is explicit, and works.
    const again = await b.agent
      .post("/projects/ponti-di-parole/edit")
      .type("form")
      .send({ _csrf: await b.csrf(), ...base, title: "Titolo di B", version: "2" });
    expect(again.status).toBe(303);
  });

  it("When a coordinator compares two versions and restores the first, then the diff is readable and the content comes back", async () => {
    const p = await ctx.services.projects.create(system, base);
    await ctx.services.projects.update(
      system,
      String(p._id),
      { ...base, title: "Secondo titolo", zones: ["apuane"] },
      1,
    );
    const c = await loginAs(ctx, "coordinator");
    const diff = await c.agent.get("/projects/ponti-di-parole/diff?from=1&to=2");
    expect(diff.status).toBe(200);
    expect(diff.text).toMatch(/<del>Ponti di parole<\/del>/);
    expect(diff.text).toMatch(/<ins>Secondo titolo<\/ins>/);
    expect(diff.text).toMatch(/<del>Lunigiana<\/del>/);
    expect((await c.agent.get("/projects/ponti-di-parole/diff?from=1&to=99")).status).toBe(404);
    expect((await c.agent.get("/projects/ponti-di-parole/diff?from=x&to=2")).status).toBe(400);
    const restore = await c.agent
      .post("/projects/ponti-di-parole/revisions/1/restore")
      .type("form")
      .send({ _csrf: await c.csrf(), version: "2" });
    expect(restore.status).toBe(303);
    expect(await ProjectModel.findById(p._id).lean()).toMatchObject({
      title: "Ponti di parole",
      zones: ["lunigiana"],
      version: 3,
    });
  });

  it("When a coordinator deletes a project, then the public loses it and the undo button brings it back", async () => {
    await publish(base);
    const c = await loginAs(ctx, "coordinator");
    const del = await c.agent
      .post("/projects/ponti-di-parole/delete")
      .type("form")
      .send({ _csrf: await c.csrf(), version: "1" });
    expect(del.status).toBe(303);
    expect((await ctx.agent().get("/projects/ponti-di-parole")).status).toBe(404);
    const deletedList = await c.agent.get("/projects?status=deleted");
    expect(deletedList.text).toContain("Ponti di parole");
    expect((await c.agent.get("/projects")).text).not.toContain("Ponti di parole</a>");
    const page = await c.agent.get("/projects/ponti-di-parole");
    expect(page.text).toContain("Annulla l'eliminazione");
    const undo = await c.agent
      .post("/projects/ponti-di-parole/undelete")
      .type("form")
      .send({ _csrf: await c.csrf() });
    expect(undo.status).toBe(303);
    expect((await ctx.agent().get("/projects/ponti-di-parole")).status).toBe(200);
  });

  it("When a member or an anonymous visitor tries curation, then they are refused and nothing changes", async () => {
    await ctx.services.projects.create(system, base);
    const m = await loginAs(ctx, "member");
    const res = await m.agent
      .post("/projects")
      .type("form")
      .send({ _csrf: await m.csrf(), ...base, title: "Da membro" });
    expect(res.status).toBe(403);
    expect((await m.agent.get("/projects/ponti-di-parole/edit")).status).toBe(403);
    const status = await m.agent
      .post("/projects/ponti-di-parole/status")
      .type("form")
      .send({ _csrf: await m.csrf(), action: "publish", version: "1" });
    expect(status.status).toBe(403);
    const anon = await ctx.agent().get("/projects/new").set("accept", "text/html");
    expect(anon.status).toBe(303);
    expect(anon.headers.location).toMatch(/^\/login\?next=/);
    expect(await ProjectModel.findOne().lean()).toMatchObject({ status: "draft", version: 1 });
  });
});

describe("tag curation over HTTP", () => {
  it("When a coordinator renames and then merges tags, then old addresses redirect and projects follow", async () => {
    await publish({ ...base, tags: ["italiano-l2"] });
    const c = await loginAs(ctx, "coordinator");
    const rename = await c.agent
      .post("/curation/tags/italiano-l2")
      .type("form")
      .send({
        _csrf: await c.csrf(),
        slug: "lingua-italiana",
        label_it: "Lingua italiana",
        label_en: "Italian language",
        synonyms: "L2, italiano per stranieri",
      });
    expect(rename.status).toBe(303);
    const old = await ctx.agent().get("/tags/italiano-l2");
    expect([old.status, old.headers.location]).toEqual([301, "/tags/lingua-italiana"]);
    const clash = await c.agent
      .post("/curation/tags/scuola")
      .type("form")
      .send({ _csrf: await c.csrf(), slug: "lingua-italiana", label_it: "Scuola" });
    expect(clash.status).toBe(400);
    expect(clash.text).toContain("già usato da un altro tag");
    const merge = await c.agent
      .post("/curation/tags/lingua-italiana/merge")
      .type("form")
      .send({ _csrf: await c.csrf(), into: "scuola" });
    expect(merge.status).toBe(303);
    const survivor = await ctx.agent().get("/tags/scuola");
    expect(survivor.text).toContain("Ponti di parole");
    expect(survivor.text).toContain("Lingua italiana");
    const chain = await ctx.agent().get("/tags/italiano-l2");
    expect(chain.status).toBe(301);
    expect((await ctx.agent().get("/projects?tag=scuola")).text).toContain("1 progetto");
  });

  it("When a member proposes a tag, then it waits for a coordinator, who approves it", async () => {
    const m = await loginAs(ctx, "member");
    const res = await m.agent
      .post("/tags/propose")
      .type("form")
      .send({ _csrf: await m.csrf(), label_it: "Economia circolare" });
    expect(res.status).toBe(201);
    expect(res.text).toContain("attende il coordinamento");
    expect((await ctx.agent().get("/tags")).text).not.toContain("Economia circolare");
    const c = await loginAs(ctx, "coordinator");
    const page = await c.agent.get("/curation/tags");
    expect(page.text).toContain("Economia circolare");
    expect(
      (
        await m.agent
          .post("/curation/tags/economia-circolare/approve")
          .type("form")
          .send({ _csrf: await m.csrf() })
      ).status,
    ).toBe(403);
    const ok = await c.agent
      .post("/curation/tags/economia-circolare/approve")
      .type("form")
      .send({ _csrf: await c.csrf() });
    expect(ok.status).toBe(303);
    expect((await ctx.agent().get("/tags")).text).toContain("Economia circolare");
  });

  it("When a coordinator edits a theme's guiding questions, then the theme page shows them", async () => {
    const c = await loginAs(ctx, "coordinator");
    const res = await c.agent
      .post("/curation/vocabularies/theme/governance-multilivello")
      .type("form")
      .send({
        _csrf: await c.csrf(),
        label_it: "Governance",
        label_en: "Governance",
        questions_it: "Prima domanda?\nSeconda domanda?",
        questions_en: "First?\nSecond?",
      });
    expect(res.status).toBe(303);
    const page = await ctx.agent().get("/themes/governance-multilivello");
    expect(page.text).toContain("Seconda domanda?");
    const bad = await c.agent
      .post("/curation/vocabularies/theme/governance-multilivello")
      .type("form")
      .send({ _csrf: await c.csrf(), label_it: "", label_en: "x" });
    expect(bad.status).toBe(400);
  });
});
