import supertest from "supertest";
import { createApp } from "../../src/app";
import { createMeiliClient } from "../../src/infra/meili";
import { readinessChecks } from "../../src/composition";
import { loginAs } from "../support/auth";
import { useTestApp } from "../support/test-app";

const ctx = useTestApp({ resetBeforeEach: false });

describe("app shell", () => {
  it("When a browser asks for the home page in Italian, then it gets the Italian layout", async () => {
    const res = await ctx.agent().get("/").set("Accept-Language", "it-IT,it;q=0.9");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/text\/html/);
    expect(res.text.startsWith("<!doctype html>")).toBe(true);
    expect(res.text).toContain('<html lang="it">');
    expect(res.text).toContain("Vai al contenuto principale");
    expect(res.text).toContain("Governance multilivello e multistakeholder");
  });

  it("When anonymous visitors ask for a cached page, with or without gzip, then each gets the same page", async () => {
    const plain = async () => {
      const res = await ctx.agent().get("/").set("accept-encoding", "identity");
      expect(res.headers["content-encoding"]).toBeUndefined();
      return res.text;
    };
    const zipped = async () => {
      const res = await ctx.agent().get("/").set("accept-encoding", "gzip");
      expect(res.headers["content-encoding"]).toBe("gzip");
      expect(res.headers.vary).toMatch(/Accept-Encoding/);
      return res.text;
    };
    const first = await plain(); // rendered, then kept
    expect(first).toContain("<!doctype html>");
    expect(await zipped()).toBe(first);
    expect(await plain()).toBe(first); // from the cache, inflated
  });

  it("When a signed-in page is rendered, then it is compressed in one piece (a length, not chunks) or sent plain", async () => {
    const member = await loginAs(ctx, "member");
    const zipped = await member.agent.get("/").set("accept-encoding", "gzip");
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(Number(zipped.headers["content-length"])).toBeGreaterThan(0);
    expect(zipped.headers["transfer-encoding"]).toBeUndefined();
    expect(zipped.text).toContain(member.user.name);
    const plain = await member.agent.get("/").set("accept-encoding", "identity");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.text).toBe(zipped.text);
  });

  it("When Accept-Language prefers English, then the page is in English", async () => {
    const res = await ctx.agent().get("/").set("Accept-Language", "en-GB,en;q=0.9,it;q=0.5");
    expect(res.text).toContain('<html lang="en">');
    expect(res.text).toContain("Skip to main content");
    expect(res.text).toContain("Multi-level and multi-stakeholder governance");
  });

  it("When the user switches language, then a cookie keeps the choice and they go back where they were", async () => {
    const agent = ctx.agent();
    const res = await agent.get("/lang/en?next=%2F%3Fa%3D1");
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe("/?a=1&lang=en");
    expect(String(res.headers["set-cookie"])).toMatch(/lang=en;.*HttpOnly;.*SameSite=Lax/);
    const home = await agent.get("/").set("Accept-Language", "it");
    expect(home.text).toContain('<html lang="en">');
  });

  it("When the language switch is given an outside next URL or an unknown language, then it refuses", async () => {
    const offsite = await ctx.agent().get("/lang/it?next=https%3A%2F%2Fevil.example%2F");
    expect(offsite.headers.location).toBe("/?lang=it");
    const unknown = await ctx.agent().get("/lang/xx");
    expect(unknown.status).toBe(400);
  });

  it("When a page does not exist, then browsers get an HTML 404 and API clients JSON", async () => {
    const html = await ctx.agent().get("/no/such/page").set("Accept", "text/html");
    expect(html.status).toBe(404);
    expect(html.text).toContain("Pagina non trovata");
    const json = await ctx.agent().get("/api/v1/nothing");
    expect(json.status).toBe(404);
    expect(json.body).toMatchObject({ error: expect.any(String), code: "not_found" });
  });

  it("When a JSON body is malformed, then the answer is 400 with a clear message", async () => {
    const res = await ctx
      .agent()
      .post("/api/v1/anything")
      .set("Content-Type", "application/json")
      .send("{bad json");
    expect(res.status).toBe(400);
    expect(res.body.error).toBe("The request body is not valid JSON");
  });

  it("When any page is served, then it carries a strict CSP and a request id", async () => {
    const res = await ctx.agent().get("/").set("X-Request-Id", "abc-123");
    const csp = res.headers["content-security-policy"];
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(res.headers["x-request-id"]).toBe("abc-123");
    expect(res.headers["x-powered-by"]).toBeUndefined();
    const bogus = await ctx.agent().get("/").set("X-Request-Id", "<script>");
    expect(bogus.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("When the page references assets, then they are served locally and compressed (as JSON is)", async () => {
    const home = await ctx.agent().get("/");
    const assets = [...home.text.matchAll(/(?:href|src)="(\/(?:static|vendor)\/[^"#]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThanOrEqual(4);
    for (const asset of assets) {
      const res = await ctx.agent().get(asset.replace(/&amp;/g, "&"));
      expect([asset, res.status]).toEqual([asset, 200]);
    }
    const css = await ctx
      .agent()
      .get("/vendor/bootstrap-italia/css/bootstrap-italia.min.css")
      .set("Accept-Encoding", "gzip");
    expect(css.headers["content-encoding"]).toBe("gzip");
    // JSON (and other responses that do not compress themselves) too.
    const openapi = await ctx.agent().get("/api/v1/openapi.json").set("Accept-Encoding", "gzip");
    expect(openapi.status).toBe(200);
    expect(openapi.headers["content-encoding"]).toBe("gzip");
    expect(openapi.body.openapi).toMatch(/^3\./);
    const missing = await ctx.agent().get("/static/nope.js");
    expect(missing.status).toBe(404);
  });

  it("When every dependency answers, then /healthz and /readyz are 200", async () => {
    expect((await ctx.agent().get("/healthz")).body).toEqual({ status: "ok" });
    const ready = await ctx.agent().get("/readyz");
    expect(ready.status).toBe(200);
    expect(ready.body.checks.mongodb.ok).toBe(true);
    expect(ready.body.checks.meilisearch.ok).toBe(true);
  });

  it("When Meilisearch does not answer, then /readyz is 503 naming it and pages still render", async () => {
    const infra = { ...ctx.infra, meili: createMeiliClient("http://127.0.0.1:9", "x".repeat(16)) };
    const readiness = readinessChecks(infra, ctx.services);
    const app = createApp({ ...infra, services: ctx.services, readiness });
    const ready = await supertest(app).get("/readyz");
    expect(ready.status).toBe(503);
    expect(ready.body.failing).toEqual(["meilisearch"]);
    expect((await supertest(app).get("/")).status).toBe(200);
  });

  it("When the app is shutting down, then /readyz is 503 so the balancer stops sending traffic", async () => {
    const app = createApp({
      ...ctx.infra,
      services: ctx.services,
      readiness: ctx.readiness,
      isShuttingDown: () => true,
    });
    const ready = await supertest(app).get("/readyz");
    expect(ready.status).toBe(503);
    expect(ready.body.shuttingDown).toBe(true);
  });
});
