// Coordinators' curation of projects: create, edit (with conflict detection), transitions,
// soft delete and undo, history, diffs and restores. Every route requires the coordinator role.
import express, { type Request, type Router } from "express";
import { requireRole } from "../../web/auth-guards";
import { NotFoundError } from "../../web/errors";
import { sendPage } from "../../web/render";
import { ProjectFormPage } from "../../../views/projects/ProjectFormPage";
import { ConflictPage, describeValue, DiffPage, HistoryPage } from "../../../views/projects/HistoryPages";
import { actorOf } from "../accounts/index";
import { parseOr400 } from "../../web/validate";
import type { TaxonomyService } from "../taxonomy/index";
import { projectRawSchema, validateProject, type ProjectFormValues } from "./project.input";
import { ProjectConflictError, ProjectValidationError } from "./project.errors";
import { formValuesOfProject, formValuesOfRaw, groupErrors } from "./project.form";
import type { ProjectQueries } from "./project.queries";
import type { ProjectService } from "./project.service";
import { diffSnapshots, snapshotOf, type Snapshot } from "./project.snapshot";
import {
  csrfBodySchema,
  diffQuerySchema,
  restoreParamsSchema,
  slugParamsSchema,
  transitionBodySchema,
  versionBodySchema,
} from "./project.schemas";

export function curationRouter(deps: {
  projects: ProjectService;
  queries: ProjectQueries;
  taxonomy: TaxonomyService;
}): Router {
  const { projects, queries, taxonomy } = deps;
  const router = express.Router();
  const coordinator = requireRole("coordinator");
  const labels = async () => ({ vocab: await taxonomy.vocabulary(), tags: await taxonomy.tags() });

  /** The project at :slug, whatever its status (coordinators only reach these routes). */
  async function load(req: Request) {
    const { slug } = parseOr400(slugParamsSchema, { slug: req.params.slug }, "address");
    const found = await queries.getBySlug(slug, { role: "coordinator" });
    if (!found) throw new NotFoundError(`No project ${slug}`);
    if ("redirectTo" in found) {
      const p = await queries.getBySlug(found.redirectTo, { role: "coordinator" });
      if (p && "project" in p) return p.project;
      throw new NotFoundError(`No project ${slug}`);
    }
    return found.project;
  }

  const emptyValues = (): ProjectFormValues => formValuesOfRaw({});

  router.get("/projects/new", coordinator, async (req, res) => {
    sendPage(
      req,
      res,
      <ProjectFormPage
        mode="create"
        action="/projects"
        cancelHref="/projects"
        values={emptyValues()}
        errors={{}}
        labels={await labels()}
      />,
    );
  });

  router.post("/projects", coordinator, async (req, res) => {
    const raw = parseOr400(projectRawSchema, req.body, "form");
    try {
      const project = await projects.create(actorOf(res.locals.user!), raw);
      res.redirect(303, `/projects/${project.slug}`);
    } catch (err) {
      if (!(err instanceof ProjectValidationError)) throw err;
      const page = (
        <ProjectFormPage
          mode="create"
          action="/projects"
          cancelHref="/projects"
          values={formValuesOfRaw(raw)}
          errors={groupErrors(err.fieldErrors, req.t)}
          labels={await labels()}
        />
      );
      sendPage(req, res, page, 400);
    }
  });

  router.get("/projects/:slug/edit", coordinator, async (req, res) => {
    const project = await load(req);
    const l = await labels();
    const base = `/projects/${project.slug}`;
    sendPage(
      req,
      res,
      <ProjectFormPage
        mode="edit"
        action={`${base}/edit`}
        cancelHref={base}
        title={project.title}
        version={project.version}
        values={formValuesOfProject(project, l.tags)}
        errors={{}}
        labels={l}
      />,
    );
  });

  router.post("/projects/:slug/edit", coordinator, async (req, res) => {
    const project = await load(req);
    const raw = parseOr400(projectRawSchema, req.body, "form");
    const { version } = parseOr400(versionBodySchema, { version: raw.version }, "form");
    const base = `/projects/${project.slug}`;
    try {
      const saved = await projects.update(actorOf(res.locals.user!), project.id, raw, version);
      res.redirect(303, `/projects/${saved.slug}`);
    } catch (err) {
      const l = await labels();
      if (err instanceof ProjectConflictError) {
        // Show what is saved next to what the user sent; nothing was written.
        const { input } = validateProject(raw, l.vocab, l.tags);
        const theirs = snapshotOf(err.current);
        const mine: Snapshot = {
          ...snapshotOf({
            ...err.current,
            ...input,
            slug: input.slug ?? err.current.slug,
          }),
          status: theirs.status,
          deleted: theirs.deleted,
        };
        const diffs = diffSnapshots(theirs, mine, (f, v) => describeValue(f, v, l, req.lang, req.t));
        const page = (
          <ConflictPage
            title={err.current.title}
            slug={err.current.slug}
            mine={version}
            theirs={err.current.version}
            diffs={diffs}
            values={formValuesOfRaw(raw)}
            errors={{}}
            labels={l}
          />
        );
        sendPage(req, res, page, 409);
        return;
      }
      if (!(err instanceof ProjectValidationError)) throw err;
      const page = (
        <ProjectFormPage
          mode="edit"
          action={`${base}/edit`}
          cancelHref={base}
          title={project.title}
          version={version}
          values={formValuesOfRaw(raw)}
          errors={groupErrors(err.fieldErrors, req.t)}
          labels={l}
        />
      );
      sendPage(req, res, page, 400);
    }
  });

  router.post("/projects/:slug/status", coordinator, async (req, res) => {
    const project = await load(req);
    const body = parseOr400(transitionBodySchema, req.body, "form");
    const saved = await projects.transition(actorOf(res.locals.user!), project.id, body.action, body.version);
    res.redirect(303, `/projects/${saved.slug}`);
  });

  router.post("/projects/:slug/delete", coordinator, async (req, res) => {
    const project = await load(req);
    const body = parseOr400(versionBodySchema, req.body, "form");
    await projects.softDelete(actorOf(res.locals.user!), project.id, body.version);
    // The page still opens for coordinators, with the "undo" button.
    res.redirect(303, `/projects/${project.slug}`);
  });

  router.post("/projects/:slug/undelete", coordinator, async (req, res) => {
    const project = await load(req);
    parseOr400(csrfBodySchema, req.body, "form");
    await projects.undoDelete(actorOf(res.locals.user!), project.id);
    res.redirect(303, `/projects/${project.slug}`);
  });

  router.get("/projects/:slug/history", coordinator, async (req, res) => {
    const project = await load(req);
    const revisions = await queries.revisions(project.id);
    sendPage(
      req,
      res,
      <HistoryPage
        title={project.title}
        slug={project.slug}
        currentVersion={project.version}
        revisions={revisions}
      />,
    );
  });

  router.get("/projects/:slug/diff", coordinator, async (req, res) => {
    const project = await load(req);
    const { from, to } = parseOr400(diffQuerySchema, req.query, "query");
    const [a, b] = await Promise.all([queries.revision(project.id, from), queries.revision(project.id, to)]);
    if (!a || !b) throw new NotFoundError("No such version");
    const l = await labels();
    const diffs = diffSnapshots(a.snapshot, b.snapshot, (f, v) => describeValue(f, v, l, req.lang, req.t));
    sendPage(
      req,
      res,
      <DiffPage title={project.title} slug={project.slug} from={from} to={to} diffs={diffs} />,
    );
  });

  router.post("/projects/:slug/revisions/:version/restore", coordinator, async (req, res) => {
    const { version: target } = parseOr400(restoreParamsSchema, req.params, "address");
    const project = await load(req);
    const body = parseOr400(versionBodySchema, req.body, "form");
    await projects.restoreRevision(actorOf(res.locals.user!), project.id, target, body.version);
    res.redirect(303, `/projects/${project.slug}/history`);
  });

  return router;
}
