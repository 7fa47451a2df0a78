// The pages every public service has: about, contacts, the accessibility statement, the API page (built
// from the OpenAPI document) and the service status (built from the readiness checks, for people).
import express, { type Router } from "express";
import { sendPage } from "../../web/render";
import { openApiDocument } from "../../web/openapi";
import { runCheck, type ReadinessCheck } from "../../web/health";
import { AboutPage, ContactsPage } from "../../../views/site/InfoPages";
import { AccessibilityPage } from "../../../views/site/AccessibilityPage";
import { ApiPage } from "../../../views/site/ApiPage";
import { StatusPage, type StatusPart } from "../../../views/site/StatusPage";
import { apiOperations } from "./api-doc";

/** Readiness checks people are shown, by name; any other check is shown as "another component". */
const KNOWN_PARTS = new Set(["mongodb", "meilisearch", "indexer", "process", "embedded"]);

export function siteRouter(deps: { checks: ReadinessCheck[] }): Router {
  const router = express.Router();
  router.get("/chi-siamo", (req, res) => sendPage(req, res, <AboutPage />));
  router.get("/contatti", (req, res) => sendPage(req, res, <ContactsPage />));
  router.get("/accessibilita", (req, res) => sendPage(req, res, <AccessibilityPage />));
  router.get("/api", (req, res) =>
    sendPage(req, res, <ApiPage operations={apiOperations(openApiDocument())} />),
  );
  router.get("/stato", async (req, res) => {
    const results = await Promise.all(deps.checks.map(runCheck));
    // Names and up/down only: details (errors, counts, latencies) stay on /readyz, for operators.
    const parts: StatusPart[] = deps.checks.map((c, i) => ({
      part: KNOWN_PARTS.has(c.name) ? (c.name as StatusPart["part"]) : "unknown",
      ok: results[i]?.ok === true,
    }));
    res.set("Cache-Control", "no-store");
    sendPage(req, res, <StatusPage parts={parts} checkedAt={new Date()} />);
  });
  return router;
}
