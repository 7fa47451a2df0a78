// Writes to the catalogue: create, edit, the status workflow, deletion and restores. Every change runs in
// one MongoDB transaction that also writes a revision, an outbox entry for the search indexer and the
// tags' usage counts (project.writes.ts); `version` goes up by one.
import mongoose, { type ClientSession, type Connection } from "mongoose";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../../web/errors";
import { hasRole } from "../../web/auth-guards";
import type { Actor } from "../accounts/index";
import type { TaxonomyService } from "../taxonomy/index";
import { asFieldConflict, createProjectChecks } from "./project.checks";
import { ProjectConflictError, ProjectValidationError } from "./project.errors";
import { validateProject, type FieldError, type ProjectRaw } from "./project.input";
import { ProjectModel, type ProjectDoc, type ProjectStatus } from "./project.model";
import { snapshotOf, type Snapshot } from "./project.snapshot";
import {
  newProjectDoc,
  setAndUnset,
  storedValuesOf,
  storedValuesOfSnapshot,
  type Update,
} from "./project.stored";
import { isPublic } from "./project.refs";
import { registerTagHooks } from "./project.tags";
import { TRANSITIONS, type TransitionName } from "./project.workflow";
import { insertProjects, recordChange } from "./project.writes";
import { RevisionModel } from "./revision.model";

/** What a project's notes copy into their search documents: a change re-indexes them. */
const INHERITED = ["slug", "title", "zones", "provinces", "targetGroups", "tags"] as const;

function inheritedChanged(before: ProjectDoc, after: ProjectDoc): boolean {
  const key = (p: ProjectDoc) => JSON.stringify(INHERITED.map((f) => (p[f] ?? null) as unknown));
  return key(before) !== key(after);
}

export function createProjectService(deps: { connection: Connection; taxonomy: TaxonomyService }) {
  const { connection, taxonomy } = deps;
  const checks = createProjectChecks({ taxonomy });
  const listeners: (() => void)[] = [];
  const changed = () => listeners.forEach((l) => l());
  /**
   * Called inside the write's transaction when a project becomes public or stops being public, or when a
   * public project changes what its notes show or inherit in search (see INHERITED).
   */
  const notesContextHooks: ((session: ClientSession, projectId: string) => Promise<void>)[] = [];

  function requireCurator(actor: Actor): void {
    if (!hasRole(actor.role, "coordinator"))
      throw new ForbiddenError("Only coordinators curate the catalogue");
  }

  /**
   * Applies one change to a project at `expectedVersion` (if given), atomically:
   * a stale version throws ProjectConflictError and writes nothing.
   */
  async function change(
    actor: Actor,
    id: string,
    expectedVersion: number | undefined,
    action: string,
    build: (current: ProjectDoc) => Update | Promise<Update>,
    submitted?: ProjectRaw,
  ): Promise<ProjectDoc> {
    requireCurator(actor);
    if (!mongoose.isValidObjectId(id)) throw new NotFoundError("No such project");
    const result = await connection.transaction(async (session) => {
      const current = await ProjectModel.findById(id).session(session).lean<ProjectDoc>();
      if (!current) throw new NotFoundError("No such project");
      if (expectedVersion !== undefined && current.version !== expectedVersion) {
        throw new ProjectConflictError(current, expectedVersion, submitted);
      }
      const update = await build(current);
      const by = { id: actor.id, name: actor.name };
      const $set = { ...((update.$set as Update) ?? {}), updatedBy: by };
      const doc = await ProjectModel.findOneAndUpdate(
        { _id: current._id, version: current.version },
        { ...update, $set, $inc: { version: 1 } },
        { session, returnDocument: "after", runValidators: true },
      ).lean<ProjectDoc>();
      if (!doc) {
        const now = await ProjectModel.findById(id).session(session).lean<ProjectDoc>();
        throw new ProjectConflictError(now ?? current, expectedVersion ?? current.version, submitted);
      }
      await recordChange(session, taxonomy, { doc, before: current, action, by });
      // What hangs on the project's visibility and metadata (its notes in the search index) follows in the
      // same write.
      if (isPublic(current) !== isPublic(doc) || (isPublic(doc) && inheritedChanged(current, doc))) {
        for (const hook of notesContextHooks) await hook(session, String(doc._id));
      }
      return doc;
    });
    changed();
    return result;
  }

  /** Creates a project (a draft unless told otherwise); throws ProjectValidationError with field errors. */
  async function create(
    actor: Actor,
    raw: ProjectRaw,
    options: { status?: ProjectStatus; demo?: boolean } = {},
  ): Promise<ProjectDoc> {
    requireCurator(actor);
    const input = await checks.validate(raw);
    const slug = input.slug ?? (await checks.freeSlug(input.title));
    const by = { id: actor.id, name: actor.name };
    const doc = newProjectDoc(
      { ...input, slug },
      { status: options.status ?? "draft", demo: options.demo, by },
    );
    try {
      await insertProjects({ connection, taxonomy }, [doc], { action: "create", by });
    } catch (err) {
      throw asFieldConflict(err);
    }
    changed();
    return doc;
  }

  /** Saves an edit made on `expectedVersion`; a new slug keeps the old one as a redirect. */
  async function update(
    actor: Actor,
    id: string,
    raw: ProjectRaw,
    expectedVersion: number,
  ): Promise<ProjectDoc> {
    requireCurator(actor);
    const before = mongoose.isValidObjectId(id) ? await ProjectModel.findById(id, { slug: 1 }).lean() : null;
    if (!before) throw new NotFoundError("No such project");
    const input = await checks.validate(raw, before._id, before.slug);
    try {
      return await change(
        actor,
        id,
        expectedVersion,
        "update",
        async (current) => {
          const newSlug = input.slug && input.slug !== current.slug ? input.slug : undefined;
          const clash = await checks.uniquenessErrors(input, newSlug, current._id);
          if (clash.length > 0) throw new ProjectValidationError(clash);
          const u = setAndUnset(storedValuesOf(input));
          if (newSlug) {
            (u.$set as Update).slug = newSlug;
            const old = [...new Set([...(current.oldSlugs ?? []), current.slug])].filter(
              (s) => s !== newSlug,
            );
            (u.$set as Update).oldSlugs = old;
          }
          return u;
        },
        raw,
      );
    } catch (err) {
      throw asFieldConflict(err);
    }
  }

  async function transition(
    actor: Actor,
    id: string,
    name: TransitionName,
    expectedVersion: number,
  ): Promise<ProjectDoc> {
    const rule = TRANSITIONS[name];
    return change(actor, id, expectedVersion, name, (current) => {
      if (current.deletedAt) throw new ConflictError("The project is deleted: undo the deletion first");
      if (!(rule.from as readonly string[]).includes(current.status)) {
        throw new ConflictError(`A project that is ${current.status} cannot be sent to ${rule.to}`);
      }
      const $set: Update = { status: rule.to };
      if (rule.to === "published" && !current.publishedAt) $set.publishedAt = new Date();
      return { $set };
    });
  }

  async function softDelete(actor: Actor, id: string, expectedVersion: number): Promise<ProjectDoc> {
    return change(actor, id, expectedVersion, "delete", (current) => {
      if (current.deletedAt) throw new ConflictError("The project is already deleted");
      return { $set: { deletedAt: new Date(), deletedBy: { id: actor.id, name: actor.name } } };
    });
  }

  async function undoDelete(actor: Actor, id: string): Promise<ProjectDoc> {
    return change(actor, id, undefined, "undelete", (current) => {
      if (!current.deletedAt) throw new ConflictError("The project is not deleted");
      return { $set: { deletedAt: null }, $unset: { deletedBy: 1 } };
    });
  }

  /** Brings back the content of an earlier version as a new version (status and slug stay). */
  async function restoreRevision(
    actor: Actor,
    id: string,
    version: number,
    expectedVersion: number,
  ): Promise<ProjectDoc> {
    requireCurator(actor);
    if (!mongoose.isValidObjectId(id)) throw new NotFoundError("No such project");
    const revision = await RevisionModel.findOne({ projectId: id, version }).lean();
    if (!revision) throw new NotFoundError(`No version ${version} of this project`);
    const index = await taxonomy.tags();
    const live = (ids: string[]) =>
      ids
        .map((tid) => {
          let t = index.byId.get(tid);
          for (let i = 0; i < 10 && t?.status === "merged" && t.mergedInto; i++)
            t = index.byId.get(t.mergedInto);
          return t && t.status !== "proposed" ? t.id : undefined;
        })
        .filter((x): x is string => !!x);
    const snapshot = revision.snapshot as Snapshot;
    return change(actor, id, expectedVersion, `restore:${version}`, async (current) => {
      const content = storedValuesOfSnapshot(snapshot, live);
      if (content.cup && (await ProjectModel.exists({ _id: { $ne: current._id }, cup: content.cup }))) {
        throw new ValidationError("The CUP of that version now belongs to another project", [
          { field: "cup", message: "CUP already used by another project" },
        ]);
      }
      return setAndUnset(content);
    });
  }

  /**
   * Validates one row and creates or updates the project with the same CUP, else the same slug
   * (for import and the API). Never throws for bad input: returns the field errors instead.
   */
  async function upsert(
    actor: Actor,
    raw: ProjectRaw,
    options: { status?: ProjectStatus; demo?: boolean } = {},
  ): Promise<
    | { ok: true; action: "created" | "updated" | "unchanged"; project: ProjectDoc }
    | { ok: false; errors: FieldError[] }
  > {
    requireCurator(actor);
    const { input, errors } = validateProject(raw, await taxonomy.vocabulary(), await taxonomy.tags());
    if (errors.length > 0) return { ok: false, errors };
    const existing =
      (input.cup ? await ProjectModel.findOne({ cup: input.cup }).lean<ProjectDoc>() : null) ??
      (input.slug ? await ProjectModel.findOne({ slug: input.slug }).lean<ProjectDoc>() : null);
    try {
      if (!existing) return { ok: true, action: "created", project: await create(actor, raw, options) };
      const before = JSON.stringify(snapshotOf(existing));
      const next = { ...snapshotOf({ ...existing, ...storedValuesOf(input), slug: existing.slug }) };
      if (JSON.stringify(next) === before && (!options.status || options.status === existing.status)) {
        return { ok: true, action: "unchanged", project: existing };
      }
      let project = await update(
        actor,
        String(existing._id),
        { ...raw, slug: raw.slug ?? existing.slug },
        existing.version,
      );
      if (options.status && options.status !== project.status) {
        project = await change(
          actor,
          String(project._id),
          project.version,
          `status:${options.status}`,
          () => ({
            $set: {
              status: options.status,
              ...(options.status === "published" && !project.publishedAt ? { publishedAt: new Date() } : {}),
            },
          }),
        );
      }
      return { ok: true, action: "updated", project };
    } catch (err) {
      if (err instanceof ProjectValidationError) return { ok: false, errors: err.fieldErrors };
      throw err;
    }
  }

  registerTagHooks(taxonomy, changed);

  return {
    create,
    update,
    transition,
    softDelete,
    undoDelete,
    restoreRevision,
    upsert,
    /** A free slug for a title (not in `taken`, which it joins): for imports that hand out many at once. */
    freeSlug: checks.freeSlug,
    /**
     * Registers a hook run in the write's transaction when a project is published, archived, unpublished,
     * deleted or restored, or when a public project's title, slug, zones, provinces, target groups or tags
     * change (notes re-index theirs: they are public only while their project is, and inherit those).
     */
    onNotesContextChanged: (hook: (session: ClientSession, projectId: string) => Promise<void>) =>
      void notesContextHooks.push(hook),
    /** Registers a function called after every catalogue change (to clear caches). */
    onChange: (listener: () => void) => void listeners.push(listener),
    /** Tells the listeners that the catalogue changed (the bulk import writes without this service). */
    notifyChanged: changed,
  };
}

export type ProjectService = ReturnType<typeof createProjectService>;
