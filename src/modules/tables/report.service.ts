// Writes to synthesis reports (coordinators only). Every change runs in one MongoDB transaction that
// writes the report (its `version` goes up by one; a stale version is a conflict and writes nothing) and
// its revision. Citations are checked before anything is written: a note or project that does not exist,
// or that the public may not read, is refused by name. A change of the published version (a publication,
// a new one, a withdrawal) also writes the report's search outbox entry in that transaction.
import mongoose, { type ClientSession, type Connection } from "mongoose";
import { hasRole } from "../../web/auth-guards";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../../web/errors";
import type { Actor } from "../accounts/index";
import { enqueueIndexing } from "../search/index";
import { queueItemsOfReport } from "./register.source";
import { freeSlug } from "./versions";
import {
  citationsOf,
  textsOf,
  unusableCitations,
  type Citation,
  type CitationSources,
} from "./report.citations";
import {
  ReportModel,
  ReportRevisionModel,
  type ReportDoc,
  type ReportSnapshot,
  type ReportStatus,
  type ScopeKind,
} from "./report.model";

export type ReportTransition = "submit" | "publish" | "reopen" | "unpublish";

/** Which status each transition leaves from. */
export const REPORT_TRANSITIONS: Record<
  ReportTransition,
  { from: readonly ReportStatus[]; to: ReportStatus }
> = {
  submit: { from: ["draft"], to: "review" },
  publish: { from: ["review"], to: "published" },
  reopen: { from: ["review", "published"], to: "draft" },
  unpublish: { from: ["draft", "review", "published"], to: "draft" },
};

/**
 * What a transition writes on a document of the module (a report, guidelines) at `current`; a conflict
 * with `message` next to the form when the document cannot take it (its status, or nothing published to
 * withdraw). Publishing records who did it and makes the next version the public one.
 */
export function transitionFields(
  name: ReportTransition,
  current: { status: ReportStatus; version: number; publishedVersion?: number | null },
  actor: Actor,
  message: string,
): Record<string, unknown> {
  const rule = REPORT_TRANSITIONS[name];
  if (!rule.from.includes(current.status) || (name === "unpublish" && current.publishedVersion == null)) {
    throw new ConflictError(`A document that is ${current.status} cannot be sent to ${rule.to}`, [
      { field: "_form", message },
    ]);
  }
  if (name === "publish") {
    return {
      status: "published",
      publishedVersion: current.version + 1,
      publishedAt: new Date(),
      publishedBy: { id: actor.id, name: actor.name },
    };
  }
  if (name === "unpublish") return { status: "draft", publishedVersion: null };
  return { status: rule.to };
}

/** A save that cites sources the public cannot read: `refused` names each of them. */
export class CitationError extends ValidationError {
  constructor(readonly refused: Citation[]) {
    super(
      `These citations cannot be used: ${refused.map((c) => `${c.kind}:${c.ref}`).join(", ")}`,
      refused.map((c) => ({ field: "citations", message: `${c.kind}:${c.ref}` })),
    );
  }
}

/** A save made on a version someone else has replaced meanwhile. */
export class ReportConflictError extends ConflictError {
  constructor(readonly current: ReportDoc) {
    super("Someone changed this report meanwhile", [{ field: "_form", message: "reports.error.stale" }]);
  }
}

export interface ReportScope {
  kind: ScopeKind;
  theme?: string | null;
  event?: string | null;
}

export const snapshotOfReport = (r: Pick<ReportDoc, "title" | "summary" | "sections">): ReportSnapshot => ({
  title: r.title,
  summary: r.summary ?? "",
  sections: (r.sections ?? []).map((s) => ({
    heading: s.heading,
    kind: s.kind ?? "text",
    body: s.body ?? "",
  })),
});

function requireCoordinator(actor: Actor): void {
  if (!hasRole(actor.role, "coordinator")) throw new ForbiddenError("Only coordinators write reports");
}

export function createReportService(deps: { connection: Connection; sources: CitationSources }) {
  const listeners: (() => void)[] = [];
  const changed = () => listeners.forEach((l) => l());

  async function checkCitations(content: ReportSnapshot): Promise<Citation[]> {
    const cited = citationsOf(textsOf(content));
    const refused = await unusableCitations(cited, deps.sources);
    if (refused.length > 0) throw new CitationError(refused);
    return cited;
  }

  const citedFields = (cited: Citation[]) => ({
    citedNotes: cited
      .filter((c) => c.kind === "note" && mongoose.isValidObjectId(c.ref))
      .map((c) => new mongoose.Types.ObjectId(c.ref)),
    citedProjects: cited.filter((c) => c.kind === "project").map((c) => c.ref),
  });

  async function record(session: ClientSession, doc: ReportDoc, action: string, actor: Actor) {
    await ReportRevisionModel.create(
      [
        {
          reportId: doc._id,
          version: doc.version,
          action,
          status: doc.status,
          snapshot: snapshotOfReport(doc),
          by: { id: actor.id, name: actor.name },
          at: new Date(),
        },
      ],
      { session },
    );
  }

  const slugFor = (title: string) => freeSlug(title, "rapporto", (slug) => ReportModel.exists({ slug }));

  async function load(slug: string, session?: ClientSession): Promise<ReportDoc> {
    const doc = await ReportModel.findOne({ slug })
      .session(session ?? null)
      .lean<ReportDoc>();
    if (!doc) throw new NotFoundError("No such report");
    return doc;
  }

  /** Applies one change at `expectedVersion` (if given) atomically and records the revision. */
  async function change(
    actor: Actor,
    slug: string,
    expectedVersion: number | undefined,
    action: string,
    build: (current: ReportDoc) => Record<string, unknown> | Promise<Record<string, unknown>>,
  ): Promise<ReportDoc> {
    requireCoordinator(actor);
    const doc = await deps.connection.transaction(async (session) => {
      const current = await load(slug, session);
      if (expectedVersion !== undefined && current.version !== expectedVersion) {
        throw new ReportConflictError(current);
      }
      const $set = { ...(await build(current)), updatedBy: { id: actor.id, name: actor.name } };
      const next = await ReportModel.findOneAndUpdate(
        { _id: current._id, version: current.version },
        { $set, $inc: { version: 1 } },
        { session, returnDocument: "after", runValidators: true },
      ).lean<ReportDoc>();
      if (!next) throw new ReportConflictError((await load(slug, session)) ?? current);
      await record(session, next, action, actor);
      if (next.publishedVersion !== current.publishedVersion) {
        await enqueueIndexing(session, "report", String(next._id));
        // Its register items are searchable only while it is published.
        await queueItemsOfReport(session, next.slug);
      }
      return next;
    });
    changed();
    return doc;
  }

  return {
    load,
    onChange: (listener: () => void) => void listeners.push(listener),

    /** Starts a report (a draft) with its first content, usually the proposal's draft. */
    async create(
      actor: Actor,
      input: { scope: ReportScope; content: ReportSnapshot; demoKey?: string },
    ): Promise<ReportDoc> {
      requireCoordinator(actor);
      const cited = await checkCitations(input.content);
      const slug = await slugFor(input.content.title);
      const by = { id: actor.id, name: actor.name };
      const doc = await deps.connection.transaction(async (session) => {
        const [created] = await ReportModel.create(
          [
            {
              slug,
              ...input.content,
              scope: {
                kind: input.scope.kind,
                theme: input.scope.theme ?? null,
                event: input.scope.event ? new mongoose.Types.ObjectId(input.scope.event) : null,
              },
              ...citedFields(cited),
              createdBy: by,
              updatedBy: by,
              demoKey: input.demoKey ?? null,
              demo: !!input.demoKey,
              version: 1,
            },
          ],
          { session },
        );
        const lean = created!.toObject<ReportDoc>();
        await record(session, lean, "create", actor);
        return lean;
      });
      changed();
      return doc;
    },

    /**
     * Saves the content edited on `expectedVersion`. Editing a published report starts its next version
     * (a draft): the public keeps reading the published one until the next is published.
     */
    async update(actor: Actor, slug: string, content: ReportSnapshot, expectedVersion: number) {
      requireCoordinator(actor);
      const cited = await checkCitations(content);
      return change(actor, slug, expectedVersion, "update", (current) => ({
        ...content,
        ...citedFields(cited),
        status: current.status === "review" ? "review" : "draft",
      }));
    },

    /** Moves the report along draft -> review -> published, or back; publishing records who did it. */
    async transition(actor: Actor, slug: string, name: ReportTransition, expectedVersion: number) {
      return change(actor, slug, expectedVersion, name, async (current) => {
        const fields = transitionFields(name, current, actor, "reports.error.transition");
        // A source withdrawn since the last save cannot go public.
        if (name === "publish") await checkCitations(snapshotOfReport(current));
        return fields;
      });
    },

    /** Brings back the content of an earlier version as a new draft version. */
    async restore(actor: Actor, slug: string, version: number, expectedVersion: number) {
      requireCoordinator(actor);
      const report = await load(slug);
      const revision = await ReportRevisionModel.findOne({ reportId: report._id, version }).lean();
      if (!revision) throw new NotFoundError(`No version ${version} of this report`);
      const content = revision.snapshot as ReportSnapshot;
      const cited = await checkCitations(content);
      return change(actor, slug, expectedVersion, `restore:${version}`, () => ({
        ...content,
        ...citedFields(cited),
        status: "draft",
      }));
    },
  };
}

export type ReportService = ReturnType<typeof createReportService>;
