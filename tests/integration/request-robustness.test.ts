// Defect D1 of the trust issue: no request, however broken, may end the process or hang forever.
import http from "node:http";
import net from "node:net";
import { PassThrough, Writable } from "node:stream";
import type { Request } from "express";
import { readUpload } from "../../src/modules/projects/import.routes";
import { write } from "../../src/web/csv";
import { ClientClosedError, ValidationError } from "../../src/web/errors";
import { loginAs } from "../support/auth";
import { useTestApp } from "../support/test-app";

const ctx = useTestApp();

const TRUNCATED = Buffer.from(
  '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.json"\r\n' +
    'Content-Type: application/json\r\n\r\n[{"title":"x"}]',
);

describe("a broken upload", () => {
  it("When a multipart body ends without its closing boundary, then the import answers 400 and the process lives on", async () => {
    const coordinator = await loginAs(ctx, "coordinator");
    const { agent } = coordinator;
    const token = await coordinator.csrf();
    const res = await agent
      .post(`/admin/import?_csrf=${encodeURIComponent(token)}`)
      .set("content-type", "multipart/form-data; boundary=XYZ")
      .set("accept", "text/html")
      .send(TRUNCATED);
    expect(res.status).toBe(400);
    expect(res.text).toContain("non è arrivato per intero");
    expect((await ctx.agent().get("/healthz")).status).toBe(200);
    expect(await ctx.infra.mongo.collection("projects").countDocuments()).toBe(0);
    // A good upload right after still works.
    const good = await agent
      .post(`/admin/import?_csrf=${encodeURIComponent(token)}`)
      .set("accept", "text/html")
      .field("dryRun", "1")
      .attach("file", Buffer.from("[]"), "empty.json");
    expect(good.status).not.toBe(500);
  });

  it("When the multipart header names no boundary, then the answer is 400 and nothing is left reading", async () => {
    const coordinator = await loginAs(ctx, "coordinator");
    const { agent } = coordinator;
    const res = await agent
      .post(`/admin/import?_csrf=${encodeURIComponent(await coordinator.csrf())}`)
      .set("content-type", "multipart/form-data")
      .set("accept", "text/html")
      .send(TRUNCATED);
    expect(res.status).toBe(400);
    expect((await ctx.agent().get("/healthz")).status).toBe(200);
  });

  it("When the client goes away mid-upload, then reading the upload settles (it does not wait forever)", async () => {
    let outcome: Promise<unknown> | undefined;
    const server = http.createServer((req) => {
      outcome = readUpload(req as Request).then(
        () => "resolved",
        (err: unknown) => err,
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as net.AddressInfo;
    const socket = net.connect(port, "127.0.0.1");
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    socket.write(
      "POST /admin/import HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=XYZ\r\n" +
        "Content-Length: 100000\r\n\r\n",
    );
    socket.write(TRUNCATED);
    await new Promise((r) => setTimeout(r, 100));
    socket.destroy();
    const deadline = Date.now() + 3000;
    while (!outcome && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    let timer: NodeJS.Timeout | undefined;
    const result = await Promise.race([
      outcome,
      new Promise((r) => (timer = setTimeout(() => r("still waiting"), 3000))),
    ]);
    clearTimeout(timer);
    server.closeAllConnections();
    server.close();
    expect(result).toBeInstanceOf(ClientClosedError);
  });

  it("When the body is cut short with the connection kept, then reading the upload rejects with a 400", async () => {
    const body = new PassThrough();
    Object.assign(body, {
      headers: { "content-type": "multipart/form-data; boundary=XYZ" },
      complete: true,
    });
    const pending = readUpload(body as unknown as Request);
    body.end(TRUNCATED);
    await expect(pending).rejects.toBeInstanceOf(ValidationError);
  });
});

describe("an export whose reader goes away", () => {
  it("When the reader stops reading and closes, then the pending write rejects instead of waiting for room", async () => {
    const slow = new Writable({ highWaterMark: 4, write: () => undefined }); // never calls back: never drains
    const pending = write(slow, "x".repeat(100));
    slow.destroy();
    await expect(pending).rejects.toBeInstanceOf(ClientClosedError);
    await expect(write(slow, "more")).rejects.toBeInstanceOf(ClientClosedError);
  });

  it("When a reader abandons a download, then the app still answers", async () => {
    const server = http.createServer(ctx.app);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as net.AddressInfo;
    const socket = net.connect(port, "127.0.0.1");
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    socket.write("GET /export/projects.csv HTTP/1.1\r\nHost: x\r\n\r\n");
    await new Promise((r) => setTimeout(r, 50));
    socket.destroy();
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(200);
    server.closeAllConnections();
    server.close();
  });
});
