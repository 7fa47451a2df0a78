import express from "express";
import supertest from "supertest";
import { errorHandler, notFound } from "../../src/web/error-handler";
import { ConflictError, ForbiddenError, TooManyRequestsError, ValidationError } from "../../src/web/errors";
import { languageMiddleware } from "../../src/web/i18n/middleware";
import { createLogger } from "../../src/infra/logger";

function appThatThrows(error: unknown, exposeInternals = false) {
  const app = express();
  app.use(languageMiddleware());
  app.get("/boom", () => {
    throw error;
  });
  app.get("/async", async () => {
    await Promise.resolve();
    throw error;
  });
  app.use(notFound);
  app.use(errorHandler({ logger: createLogger("silent"), exposeInternals }));
  return app;
}

describe("the error handler", () => {
  it("When a handler has a bug, then the browser gets a 500 page that hides the internals", async () => {
    const app = appThatThrows(new Error("secret connection string mongodb://user:pw@x"));
    const res = await supertest(app).get("/boom").set("Accept", "text/html");
    expect(res.status).toBe(500);
    expect(res.text).toContain("Errore del server");
    expect(res.text).not.toContain("secret connection string");
    const json = await supertest(app).get("/async").set("Accept", "application/json");
    expect(json.status).toBe(500);
    expect(json.body).toMatchObject({ error: "Internal server error", code: "internal_error" });
  });

  it("When a service throws a typed error, then its status, message and details reach the client", async () => {
    const app = appThatThrows(new ValidationError("Invalid form", [{ field: "title", message: "Required" }]));
    const res = await supertest(app).get("/boom").set("Accept", "application/json");
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      error: "Invalid form",
      code: "validation_failed",
      details: [{ field: "title" }],
    });
    const conflict = await supertest(appThatThrows(new ConflictError("Stale version"))).get("/async");
    expect(conflict.status).toBe(409);
    expect(conflict.text).toContain("L'operazione è in conflitto con una modifica già salvata.");
    expect(conflict.text).not.toContain("Stale version");
  });

  it("When a client is throttled, then the answer carries Retry-After", async () => {
    const res = await supertest(appThatThrows(new TooManyRequestsError("Slow down", 42))).get("/boom");
    expect(res.status).toBe(429);
    expect(res.headers["retry-after"]).toBe("42");
    expect(res.text).toContain("42");
  });

  it("When developing, then the message of an unexpected error is shown to help debugging", async () => {
    const res = await supertest(appThatThrows(new Error("details for the developer"), true)).get("/boom");
    expect(res.text).toContain("details for the developer");
  });

  it("When an error reaches a browser in the Italian interface, then it reads Italian sentences naming the field, never the internal message", async () => {
    const forbidden = await supertest(appThatThrows(new ForbiddenError()))
      .get("/boom")
      .set("Accept", "text/html");
    expect(forbidden.status).toBe(403);
    expect(forbidden.text).toContain("Non hai i permessi");
    expect(forbidden.text).not.toContain("You are not allowed");
    const invalid = new ValidationError("Invalid query", [
      { field: "zone", message: 'Unknown zone "foo". Valid values: a, b' },
      { field: "reason", message: "notes.error.reason_empty" },
    ]);
    const page = await supertest(appThatThrows(invalid)).get("/boom").set("Accept", "text/html");
    expect(page.text).toContain("Controlla «zona-distretto»: il valore indicato non è valido.");
    expect(page.text).toContain("Scrivi un motivo.");
    expect(page.text).not.toMatch(/Unknown zone|Valid values|Invalid query/);
    // The API keeps its stable code and technical details.
    const json = await supertest(appThatThrows(invalid)).get("/boom").set("Accept", "application/json");
    expect(json.body).toMatchObject({ code: "validation_failed", error: "Invalid query" });
  });
});
