// Defect D11 of the trust issue: what browsers and logs keep of signed-in pages and CSRF tokens.
import { Writable } from "node:stream";
import express from "express";
import pino from "pino";
import supertest from "supertest";
import { requestLog } from "../../src/web/request-log";
import { loginAs } from "../support/auth";
import { useTestApp } from "../support/test-app";

const ctx = useTestApp();

describe("headers of signed-in pages", () => {
  it("When a member opens any page, then it is marked private, no-store; a visitor's public page is not", async () => {
    const { agent } = await loginAs(ctx, "member");
    for (const path of ["/", "/me", "/projects", "/search?q=x"]) {
      const res = await agent.get(path).set("accept", "text/html");
      expect(res.headers["cache-control"]).toMatch(/no-store/);
    }
    const anonymous = await ctx.agent().get("/projects");
    expect(anonymous.headers["cache-control"] ?? "").not.toMatch(/no-store/);
    const form = await ctx.agent().get("/login");
    expect(form.headers["cache-control"]).toMatch(/no-store/);
  });

  it("When any page is framed, then both headers refuse it the same way", async () => {
    const res = await ctx.agent().get("/");
    expect(res.headers["x-frame-options"]).toBe("DENY");
    expect(res.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  });

  it("When an import result page offers the language switch, then its link carries no CSRF token", async () => {
    const coordinator = await loginAs(ctx, "coordinator");
    const token = await coordinator.csrf();
    const res = await coordinator.agent
      .post(`/admin/import?_csrf=${encodeURIComponent(token)}`)
      .set("accept", "text/html")
      .field("dryRun", "1")
      .attach("file", Buffer.from("[]"), "empty.json");
    expect(res.text).toContain("/lang/en?next=%2Fadmin%2Fimport%3Flang%3Den");
    expect(res.text).not.toContain(`_csrf%3D${token}`);
  });
});

describe("the request log", () => {
  it("When a multipart form posts its CSRF token in the URL, then the log line leaves it out", async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const app = express();
    app.use(requestLog(pino({ level: "info" }, sink)));
    app.post("/admin/import", (_req, res) => res.send("ok"));
    await supertest(app).post("/admin/import?_csrf=s3cr3t-token&dry=1");
    await supertest(app).get("/reset/abcdefSECRET");
    expect(lines.join("")).not.toContain("s3cr3t-token");
    expect(lines.join("")).not.toContain("abcdefSECRET");
    expect(lines.join("")).toContain("/admin/import?dry=1");
  });
});
