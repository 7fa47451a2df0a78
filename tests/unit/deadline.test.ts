import express from "express";
import supertest from "supertest";
import { extendDeadline, requestDeadline } from "../../src/web/deadline";

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

function appWith(route: express.RequestHandler) {
  const app = express();
  app.use(
    requestDeadline({
      ms: 100,
      answer: (res, err) => res.status(err.status).json({ code: err.code }),
    }),
  );
  app.get("/", route);
  return app;
}

describe("the request deadline", () => {
  it("When a handler has not answered by the deadline, then the client gets a 503 with Retry-After", async () => {
    const res = await supertest(
      appWith(async (_req, res) => {
        await wait(300);
        if (!res.headersSent) res.send("late");
      }),
    ).get("/");
    expect(res.status).toBe(503);
    expect(res.headers["retry-after"]).toBe("5");
    expect(res.body.code).toBe("unavailable");
  });

  it("When a route extends its deadline (an import), then it may take longer", async () => {
    const res = await supertest(
      appWith(async (_req, res) => {
        extendDeadline(res, 1000);
        await wait(300);
        res.send("done");
      }),
    ).get("/");
    expect(res.status).toBe(200);
    expect(res.text).toBe("done");
  });

  it("When a response is already under way (an export), then the deadline leaves it alone", async () => {
    const res = await supertest(
      appWith(async (_req, res) => {
        res.write("first;");
        await wait(300);
        res.end("last");
      }),
    ).get("/");
    expect(res.status).toBe(200);
    expect(res.text).toBe("first;last");
  });
});
