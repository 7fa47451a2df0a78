// Writes to the catalogue. Every change runs in one MongoDB transaction that also writes a revision,
// an outbox entry for the search indexer and the tags' usage counts; `version` goes up by one.
import mongoose, { type ClientSession, type Connection } from "mongoose";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../../web/errors";
import { hasRole } from "../../web/auth-guards";
import { enqueueIndexing } from "../search/index";
import { isPublic } from "./project.refs";
import type { Actor } from "../accounts/index";
import { slugify, type TaxonomyService } from "../taxonomy/index";
import { validateProject, type FieldError, type ProjectInput, type ProjectRaw } from "./project.input";
import { ProjectModel, type ProjectDoc, type ProjectStatus } from "./project.model";
import { RevisionModel } from "./revision.model";
import { contentUpdateOf, snapshotOf, type Snapshot } from "./project.snapshot";
import { ProjectConflictError, ProjectValidationError } from "./project.errors";
import { TRANSITIONS, type TransitionName } from "./project.workflow";

type Update = Record<string, unknown>;

/** The browse sort key of a title (exported for the bulk import). */
export function sortKey(title: string): string {
  return title
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9 ]+/g, "")
    .trim()
    .slice(0, 200);
}

/** The stored fields of a validated input (exported for the bulk import). */
export function setOf(input: ProjectInput): Update {
  return {
    title: input.title,
    sortTitle: sortKey(input.title),
    summary: input.summary,
    description: input.description,
    fundingProgramme: input.fundingProgramme,
    call: input.call,
    cup: input.cup,
    leadOrganisation: input.leadOrganisation,
    partners: input.partners,
    zones: input.zones,
    provinces: input.provinces,
    startDate: input.startDate,
    endDate: input.endDate,
    startYear: input.startDate?.getUTCFullYear(),
    budgetCents: input.budgetCents,
    targetGroups: input.targetGroups,
    themes: input.themes,
    tags: input.tags.map((id) => new mongoose.Types.ObjectId(id)),
    outcomes: input.outcomes,
    links: input.links,
    contact: input.contact,
  };
}

/** $set for present values, $unset for the absent optional ones (so an emptied field is really cleared). */
function setAndUnset(values: Update): Update {
  const $set: Update = {};
  const $unset: Record<string, 1> = {};
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) $unset[k] = 1;
    else $set[k] = v;
  }
  return Object.keys($unset).length > 0 ? { $set, $unset } : { $set };
}

function isDuplicateKey(err: unknown): err is { code: number; keyPattern?: Record<string, unknown> } {
  return (err as { code?: number }).code === 11000;
}

export function createProjectService(deps: { connection: Connection; taxonomy: TaxonomyService }) {
  const { connection, taxonomy } = deps;
  const listeners: (() => void)[] = [];
  const changed = () => listeners.forEach((l) => l());
  /** Called inside the write's transaction when a project becomes public or stops being public. */
  const visibilityHooks: ((session: ClientSession, projectId: string) => Promise<void>)[] = [];

  function requireCurator(actor: Actor): void {
    if (!hasRole(actor.role, "coordinator"))
      throw new ForbiddenError("Only coordinators curate the catalogue");
  }

  /** Validates a raw project, uniqueness of slug and CUP included, reporting every field error at once. */
  async function validate(
    raw: ProjectRaw,
    exceptId?: mongoose.Types.ObjectId,
    currentSlug?: string,
  ): Promise<ProjectInput> {
    const { input, errors } = validateProject(raw, await taxonomy.vocabulary(), await taxonomy.tags());
    const slug =
      input.slug && input.slug !== currentSlug && !errors.some((e) => e.field === "slug")
        ? input.slug
        : undefined;
    const cup = errors.some((e) => e.field === "cup") ? undefined : input.cup;
    errors.push(...(await uniquenessErrors({ ...input, cup }, slug, exceptId)));
    if (errors.length > 0) throw new ProjectValidationError(errors);
    return input;
  }

  /** Field errors for a slug or CUP already used by another project. */
  async function uniquenessErrors(
    input: ProjectInput,
    slug: string | undefined,
    exceptId?: mongoose.Types.ObjectId,
  ) {
    const errors: FieldError[] = [];
    const notMe = exceptId ? { _id: { $ne: exceptId } } : {};
    if (slug && (await ProjectModel.exists({ ...notMe, $or: [{ slug }, { oldSlugs: slug }] }))) {
      errors.push({ field: "slug", key: "projects.error.slugTaken" });
    }
    if (input.cup && (await ProjectModel.exists({ ...notMe, cup: input.cup }))) {
      errors.push({ field: "cup", key: "projects.error.cupTaken" });
    }
    return errors;
  }

  async function freeSlug(title: string): Promise<string> {
    const base = slugify(title) || "progetto";
    for (let i = 1; i < 1000; i++) {
      const candidate = i === 1 ? base : `${base}-${i}`;
      if (!(await ProjectModel.exists({ $or: [{ slug: candidate }, { oldSlugs: candidate }] })))
        return candidate;
    }
    return `${base}-${new mongoose.Types.ObjectId().toHexString()}`;
  }

  /** Recounts the published uses of these tags (inside the write's transaction). */
  async function recountTags(session: ClientSession, tagIds: Iterable<string>): Promise<void> {
    const counts = new Map<string, number>();
    for (const id of new Set(tagIds)) {
      counts.set(
        id,
        await ProjectModel.countDocuments({
          tags: new mongoose.Types.ObjectId(id),
          status: "published",
          deletedAt: null,
        }).session(session),
      );
    }
    await taxonomy.setTagUsage(session, counts);
  }

  async function record(
    session: ClientSession,
    doc: ProjectDoc,
    action: string,
    actor: Actor,
    before?: ProjectDoc,
  ) {
    await RevisionModel.create(
      [
        {
          projectId: doc._id,
          version: doc.version,
          action,
          snapshot: snapshotOf(doc),
          by: { id: actor.id, name: actor.name },
          at: new Date(),
        },
      ],
      { session },
    );
    await enqueueIndexing(session, "project", String(doc._id));
    // Usage counts move by one when a tag enters or leaves a published, not deleted project.
    const visible = (p?: ProjectDoc) =>
      new Set(p && p.status === "published" && !p.deletedAt ? (p.tags ?? []).map(String) : []);
    const [was, is] = [visible(before), visible(doc)];
    const deltas = new Map<string, number>();
    for (const id of is) if (!was.has(id)) deltas.set(id, 1);
    for (const id of was) if (!is.has(id)) deltas.set(id, -1);
    await taxonomy.adjustTagUsage(session, deltas);
    // What hangs on the project's visibility (its notes in the search index) follows in the same write.
    if (before && isPublic(before) !== isPublic(doc)) {
      for (const hook of visibilityHooks) await hook(session, String(doc._id));
    }
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
      await record(session, doc, action, actor, current);
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
    const input = await validate(raw);
    const slug = input.slug ?? (await freeSlug(input.title));
    const by = { id: actor.id, name: actor.name };
    const status = options.status ?? "draft";
    try {
      const doc = await connection.transaction(async (session) => {
        const values = Object.fromEntries(Object.entries(setOf(input)).filter(([, v]) => v !== undefined));
        const [created] = await ProjectModel.create(
          [
            {
              ...values,
              slug,
              status,
              demo: options.demo ?? false,
              createdBy: by,
              updatedBy: by,
              version: 1,
              publishedAt: status === "published" ? new Date() : undefined,
            },
          ],
          { session },
        );
        const lean = created!.toObject<ProjectDoc>();
        await record(session, lean, "create", actor);
        return lean;
      });
      changed();
      return doc;
    } catch (err) {
      if (isDuplicateKey(err)) {
        const field = err.keyPattern && "cup" in err.keyPattern ? "cup" : "slug";
        throw new ProjectValidationError([
          { field, key: field === "cup" ? "projects.error.cupTaken" : "projects.error.slugTaken" },
        ]);
      }
      throw err;
    }
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
    const input = await validate(raw, before._id, before.slug);
    try {
      return await change(
        actor,
        id,
        expectedVersion,
        "update",
        async (current) => {
          const newSlug = input.slug && input.slug !== current.slug ? input.slug : undefined;
          const clash = await uniquenessErrors(input, newSlug, current._id);
          if (clash.length > 0) throw new ProjectValidationError(clash);
          const u = setAndUnset(setOf(input));
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
      if (isDuplicateKey(err)) {
        const field = err.keyPattern && "cup" in err.keyPattern ? "cup" : "slug";
        throw new ProjectValidationError([
          { field, key: field === "cup" ? "projects.error.cupTaken" : "projects.error.slugTaken" },
        ]);
      }
      throw err;
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
      const content = contentUpdateOf(snapshot, live);
      if (content.cup && (await ProjectModel.exists({ _id: { $ne: current._id }, cup: content.cup }))) {
        throw new ValidationError("The CUP of that version now belongs to another project", [
          { field: "cup", message: "CUP already used by another project" },
        ]);
      }
      return setAndUnset({ ...content, sortTitle: sortKey(content.title) });
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
      const next = { ...snapshotOf({ ...existing, ...setOf(input), slug: existing.slug }) };
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

  // A merged tag's projects move to the survivor, in the merge's transaction.
  taxonomy.onTagMerged(async (session, loser, survivor, actor) => {
    const loserId = new mongoose.Types.ObjectId(loser.id);
    const survivorId = new mongoose.Types.ObjectId(survivor.id);
    const affected = await ProjectModel.find({ tags: loserId }, { _id: 1 }).session(session).lean();
    if (affected.length === 0) return;
    const ids = affected.map((p) => p._id);
    await ProjectModel.updateMany({ _id: { $in: ids } }, { $addToSet: { tags: survivorId } }, { session });
    await ProjectModel.updateMany(
      { _id: { $in: ids } },
      {
        $pull: { tags: loserId },
        $inc: { version: 1 },
        $set: { updatedBy: { id: actor.id, name: actor.name } },
      },
      { session },
    );
    const docs = await ProjectModel.find({ _id: { $in: ids } })
      .session(session)
      .lean<ProjectDoc[]>();
    await RevisionModel.insertMany(
      docs.map((d) => ({
        projectId: d._id,
        version: d.version,
        action: `merge-tag:${loser.slug}`,
        snapshot: snapshotOf(d),
        by: { id: actor.id, name: actor.name },
        at: new Date(),
      })),
      { session },
    );
    for (const d of docs) await enqueueIndexing(session, "project", String(d._id));
    await recountTags(session, [loser.id, survivor.id]);
    changed();
  });
  // A renamed or retired tag changes what the search index shows for its projects.
  taxonomy.onTagChanged(async (session, tag) => {
    const ids = await ProjectModel.find({ tags: new mongoose.Types.ObjectId(tag.id) }, { _id: 1 })
      .session(session)
      .lean();
    for (const p of ids) await enqueueIndexing(session, "project", String(p._id));
    changed();
  });

  return {
    create,
    update,
    transition,
    softDelete,
    undoDelete,
    restoreRevision,
    upsert,
    /**
     * Registers a hook run in the write's transaction when a project is published, archived, unpublished,
     * deleted or restored (notes re-index theirs: they are public only while their project is).
     */
    onVisibilityChanged: (hook: (session: ClientSession, projectId: string) => Promise<void>) =>
      void visibilityHooks.push(hook),
    /** Registers a function called after every catalogue change (to clear caches). */
    onChange: (listener: () => void) => void listeners.push(listener),
    /** Tells the listeners that the catalogue changed (the bulk import writes without this service). */
    notifyChanged: changed,
  };
}

export type ProjectService = ReturnType<typeof createProjectService>;
