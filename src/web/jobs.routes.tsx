// The jobs page: what the job runner did last and will do next, for coordinators and administrators.
import express, { type Router } from "express";
import { z } from "zod";
import type { JobRunner } from "../infra/jobs";
import { JobsPage } from "../../views/admin/JobsPage";
import { requireRole } from "./auth-guards";
import { sendPage } from "./render";
import { parseOr400 } from "./validate";

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** The page takes no parameters: anything in its query string is a 400. */
const noQuery = z.strictObject({});

export function jobsRouter(deps: { jobs: Pick<JobRunner, "status"> }): Router {
  const router = express.Router();
  router.get("/admin/jobs", requireRole("coordinator"), async (req, res) => {
    parseOr400(noQuery, req.query, "query");
    const jobs = await deps.jobs.status();
    sendPage(
      req,
      res,
      <JobsPage
        jobs={jobs.map((j) => ({
          ...j,
          lastStartedAt: iso(j.lastStartedAt),
          lastErrorAt: iso(j.lastErrorAt),
          nextRunAt: iso(j.nextRunAt),
        }))}
      />,
    );
  });
  return router;
}
