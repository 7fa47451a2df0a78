// The pages a public service has: about, contacts, the accessibility statement (AgID's model), the API
// page built from the OpenAPI document (which lists every public endpoint), the status page for people,
// and the links to all of them (and to the feeds) on every page.
import { registeredRoutes } from "../support/routes";
import { useTestApp } from "../support/test-app";
import { ROUTE_TABLE } from "./route-table";

const ctx = useTestApp({ resetBeforeEach: false });

beforeAll(async () => {
  await ctx.services.taxonomy.seed();
});

/** Express's `:param` as OpenAPI's `{param}`. */
const openApiPath = (path: string) => path.replace(/:(\w+)/g, "{$1}");

/** Public endpoints are what programs read: the JSON API, the export, the feeds and the health checks. */
const isPublicEndpoint = (path: string) => /^\/(api\/|export\/|feeds\/|healthz$|readyz$)/.test(path);

describe("the OpenAPI document", () => {
  it("When the app's public GET endpoints are listed, then each one is in the OpenAPI document, the project notes too", async () => {
    const anonymous = new Set(
      ROUTE_TABLE.filter((r) => r.allow === "anonymous" && r.method === "GET").map((r) => r.path),
    );
    const endpoints = registeredRoutes(ctx.app)
      .filter((r) => r.method === "GET" && isPublicEndpoint(r.path) && anonymous.has(r.path))
      .map((r) => openApiPath(r.path));
    expect(endpoints).toContain("/api/v1/projects/{slug}/notes");
    const doc = (await ctx.agent().get("/api/v1/openapi.json")).body as {
      paths: Record<string, { get?: unknown }>;
    };
    const missing = endpoints.filter((p) => !doc.paths[p]?.get);
    expect(missing).toEqual([]);
  });

  it("When the document describes the project notes, then its schema names what the endpoint answers", async () => {
    const doc = (await ctx.agent().get("/api/v1/openapi.json")).body as {
      components: { schemas: Record<string, { properties: Record<string, unknown> }> };
    };
    expect(Object.keys(doc.components.schemas.ProjectNotes!.properties)).toEqual([
      "project",
      "total",
      "notes",
    ]);
    expect(doc.components.schemas.Note!.properties).toHaveProperty("bodyHtml");
  });
});

describe("the API page", () => {
  it("When a person opens /api, then every operation of the document is described, with its parameters", async () => {
    const doc = (await ctx.agent().get("/api/v1/openapi.json")).body as { paths: Record<string, unknown> };
    const res = await ctx.agent().get("/api");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/text\/html/);
    for (const path of Object.keys(doc.paths)) expect(res.text).toContain(`<code>${path}</code>`);
    expect(res.text).toContain('<a href="/api/v1/openapi.json"');
    expect(res.text).toMatch(/<code>slug<\/code>/);
    // The document's English text is marked as English on the Italian page.
    expect(res.text).toMatch(/<p lang="en">Published projects, newest first/);
  });
});

describe("the status page", () => {
  it("When everything answers, then /stato says so in words, names the parts and shows no internals", async () => {
    const res = await ctx.agent().get("/stato").set("Accept-Language", "it");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/text\/html/);
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(res.text).toContain("Tutto funziona.");
    expect(res.text).toContain("Archivio dei dati");
    expect(res.text).toContain("Motore di ricerca");
    expect(res.text).not.toMatch(/latencyMs|mongodb:\/\/|127\.0\.0\.1|\{"status"/);
  });

  it("When a dependency fails, then /stato says that part does not answer, without its error message", async () => {
    const failing = {
      name: "meilisearch",
      check: () => Promise.reject(new Error("connect ECONNREFUSED 10.1.2.3:7700 secret-key")),
    };
    ctx.readiness.push(failing);
    try {
      const res = await ctx.agent().get("/stato").set("Accept-Language", "it");
      expect(res.status).toBe(200);
      expect(res.text).toContain("Alcune parti del servizio hanno problemi");
      expect(res.text).toMatch(/<tr data-ok="false"><th scope="row">Motore di ricerca<\/th>/);
      expect(res.text).not.toMatch(/ECONNREFUSED|10\.1\.2\.3|secret-key/);
    } finally {
      ctx.readiness.splice(ctx.readiness.indexOf(failing), 1);
    }
  });
});

describe("the service pages and their links", () => {
  it.each(["/chi-siamo", "/contatti", "/accessibilita", "/api", "/stato"])(
    "When %s is opened in Italian and in English, then it answers a page in that language",
    async (path) => {
      const it = await ctx.agent().get(path).set("Accept-Language", "it");
      const en = await ctx.agent().get(`${path}?lang=en`);
      expect([it.status, en.status]).toEqual([200, 200]);
      expect(it.text).toContain('<html lang="it">');
      expect(en.text).toContain('<html lang="en">');
    },
  );

  it("When the accessibility statement is read, then it has AgID's sections, a feedback link, the enforcement link and a date", async () => {
    const res = await ctx.agent().get("/accessibilita").set("Accept-Language", "it");
    for (const heading of [
      "Stato di conformità",
      "Contenuti non accessibili",
      "Redazione della dichiarazione",
      "Meccanismo di feedback e recapiti",
      "Procedura di attuazione",
    ]) {
      expect(res.text).toContain(`>${heading}</h2>`);
    }
    expect(res.text).toContain("parzialmente conforme");
    expect(res.text).toMatch(
      /<a class="btn btn-primary atl-a11y-feedback" href="mailto:accessibilita@atlante\.invalid\?subject=/,
    );
    expect(res.text).toContain('href="https://form.agid.gov.it/"');
    expect(res.text).toMatch(/redatta il \d{1,2} \w+ \d{4}/);
    expect(res.text).toContain("fittizi");
  });

  it("When the contacts page is read, then its organisation data are marked as fictional", async () => {
    const res = await ctx.agent().get("/contatti").set("Accept-Language", "it");
    expect(res.text).toContain("ente di esempio");
    expect(res.text).toContain("mailto:segreteria@atlante.invalid");
    expect(res.text).toContain('href="/accessibilita#feedback"');
  });

  it("When any page is shown, then its footer links the service pages, the privacy notice and the Atom feed", async () => {
    for (const path of ["/", "/themes", "/login"]) {
      const res = await ctx.agent().get(path).set("Accept-Language", "it");
      for (const href of ["/chi-siamo", "/contatti", "/accessibilita", "/privacy", "/api", "/stato"]) {
        expect(res.text).toContain(`<a href="${href}">`);
      }
      expect(res.text).toContain('<a href="/feeds/atlante.atom" type="application/atom+xml">');
      expect(res.text).not.toContain('<a href="/readyz">');
    }
  });

  it("When a theme's page is shown, then its own feed is a visible link too", async () => {
    const res = await ctx.agent().get("/themes/governance-multilivello").set("Accept-Language", "it");
    expect(res.status).toBe(200);
    expect(res.text).toContain(
      '<a href="/feeds/themes/governance-multilivello.atom" type="application/atom+xml">',
    );
  });

  it("When the join form is shown, then it links the privacy notice", async () => {
    const res = await ctx.agent().get("/join").set("Accept-Language", "it");
    expect(res.text).toMatch(/class="small atl-join-privacy">[^<]*<a href="\/privacy">/);
  });
});
