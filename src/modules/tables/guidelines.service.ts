// Writes to guidelines documents (coordinators only), in the reports' shape: every change runs in one
// MongoDB transaction that writes the document (its `version` goes up by one; a stale version is a
// conflict and writes nothing) and its revision. Chosen recommendations are checked against the register
// before anything is written: an unknown code is refused by name, and so is a withdrawn one unless the
// document already held it (it then stays, shown as withdrawn). Guidelines are not searchable: no outbox.
import type { ClientSession, Connection } from "mongoose";
import { hasRole } from "../../web/auth-guards";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../../web/errors";
import type { Actor } from "../accounts/index";
import type { Citation } from "./report.citations";
import { freeSlug } from "./versions";
import { transitionFields, type ReportTransition } from "./report.service";
import {
  GUIDELINES_ITEMS_MAX,
  GuidelinesModel,
  GuidelinesRevisionModel,
  type GuidelinesDoc,
  type GuidelinesSnapshot,
} from "./guidelines.model";

/** One recommendation of the register, as guidelines read it. */
export interface RegisterItem {
  /** Its stable code, e.g. `R-T2-03`. */
  code: string;
  /** The working table (theme key) it belongs to; null for one of no single table. */
  theme: string | null;
  /** Its text (Markdown; it may cite notes and projects). */
  text: string;
  withdrawn: boolean;
  /** The notes and projects it rests on. */
  evidence: Citation[];
  /** The published report it comes from, if any. */
  report: { slug: string; title: string } | null;
  /** Its page in the register, if it has one. */
  href: string | null;
}

/** What guidelines read of the recommendations register. */
export interface RegisterReads {
  /** Every item, withdrawn ones included, in the register's order. */
  items(): Promise<RegisterItem[]>;
}

/** The key of the section that gathers recommendations of no single table (after the four tables). */
export const GENERAL_SECTION = "";

/** What a guidelines form sends: the texts and the chosen codes (grouped by table by the service). */
export interface GuidelinesInput {
  title: string;
  intro: string;
  /** Each table's introduction, by theme key. */
  sectionIntros: Record<string, string>;
  items: string[];
}

/** A save naming codes the register does not have, or withdrawn ones newly chosen. */
export class GuidelinesItemsError extends ValidationError {
  constructor(
    readonly unknown: string[],
    readonly withdrawn: string[],
  ) {
    super(`These recommendations cannot be chosen: ${[...unknown, ...withdrawn].join(", ")}`, [
      ...unknown.map((code) => ({ field: "items", message: `unknown:${code}` })),
      ...withdrawn.map((code) => ({ field: "items", message: `withdrawn:${code}` })),
    ]);
  }
}

/** A save made on a version someone else has replaced meanwhile. */
export class GuidelinesConflictError extends ConflictError {
  constructor(readonly current: GuidelinesDoc) {
    super("Someone changed these guidelines meanwhile", [
      { field: "_form", message: "guidelines.error.stale" },
    ]);
  }
}

export const snapshotOfGuidelines = (
  g: Pick<GuidelinesDoc, "title" | "intro" | "sections">,
): GuidelinesSnapshot => ({
  title: g.title,
  intro: g.intro ?? "",
  sections: (g.sections ?? []).map((s) => ({ theme: s.theme, intro: s.intro ?? "", items: [...s.items] })),
});

function requireCoordinator(actor: Actor): void {
  if (!hasRole(actor.role, "coordinator")) throw new ForbiddenError("Only coordinators write guidelines");
}

export function createGuidelinesService(deps: {
  connection: Connection;
  register: RegisterReads;
  /** The working tables' keys, in their order. */
  themes: () => Promise<string[]>;
}) {
  const listeners: (() => void)[] = [];
  const changed = () => listeners.forEach((l) => l());

  /** The sections of `input`: one per table in order, the chosen codes grouped under their table. */
  async function sectionsOf(input: GuidelinesInput, held: Set<string>) {
    const [themes, items] = await Promise.all([deps.themes(), deps.register.items()]);
    const byCode = new Map(items.map((i) => [i.code, i]));
    const chosen = [...new Set(input.items)];
    const unknown = chosen.filter((c) => !byCode.has(c));
    const withdrawn = chosen.filter((c) => byCode.get(c)?.withdrawn && !held.has(c));
    if (unknown.length > 0 || withdrawn.length > 0) throw new GuidelinesItemsError(unknown, withdrawn);
    if (chosen.length > GUIDELINES_ITEMS_MAX) {
      throw new ValidationError("Too many recommendations", [
        { field: "items", message: "guidelines.error.items_max" },
      ]);
    }
    const set = new Set(chosen);
    return [...themes, GENERAL_SECTION].map((theme) => ({
      theme,
      intro: input.sectionIntros[theme] ?? "",
      items: items
        .filter((i) => (i.theme ?? GENERAL_SECTION) === theme && set.has(i.code))
        .map((i) => i.code),
    }));
  }

  async function record(session: ClientSession, doc: GuidelinesDoc, action: string, actor: Actor) {
    await GuidelinesRevisionModel.create(
      [
        {
          guidelinesId: doc._id,
          version: doc.version,
          action,
          status: doc.status,
          snapshot: snapshotOfGuidelines(doc),
          by: { id: actor.id, name: actor.name },
          at: new Date(),
        },
      ],
      { session },
    );
  }

  const slugFor = (title: string) =>
    freeSlug(title, "linee-guida", (slug) => GuidelinesModel.exists({ slug }));

  async function load(slug: string, session?: ClientSession): Promise<GuidelinesDoc> {
    const doc = await GuidelinesModel.findOne({ slug })
      .session(session ?? null)
      .lean<GuidelinesDoc>();
    if (!doc) throw new NotFoundError("No such guidelines");
    return doc;
  }

  /** Applies one change at `expectedVersion` atomically and records the revision. */
  async function change(
    actor: Actor,
    slug: string,
    expectedVersion: number,
    action: string,
    build: (current: GuidelinesDoc) => Record<string, unknown> | Promise<Record<string, unknown>>,
  ): Promise<GuidelinesDoc> {
    requireCoordinator(actor);
    const doc = await deps.connection.transaction(async (session) => {
      const current = await load(slug, session);
      if (current.version !== expectedVersion) throw new GuidelinesConflictError(current);
      const $set = { ...(await build(current)), updatedBy: { id: actor.id, name: actor.name } };
      const next = await GuidelinesModel.findOneAndUpdate(
        { _id: current._id, version: current.version },
        { $set, $inc: { version: 1 } },
        { session, returnDocument: "after", runValidators: true },
      ).lean<GuidelinesDoc>();
      if (!next) throw new GuidelinesConflictError(await load(slug, session));
      await record(session, next, action, actor);
      return next;
    });
    changed();
    return doc;
  }

  const heldCodes = (doc: GuidelinesDoc) => new Set(doc.sections.flatMap((s) => s.items));

  return {
    load,
    onChange: (listener: () => void) => void listeners.push(listener),

    /** Starts a guidelines document (a draft) with a section per table and nothing chosen yet. */
    async create(
      actor: Actor,
      input: Omit<GuidelinesInput, "items"> & { items?: string[]; demoKey?: string },
    ): Promise<GuidelinesDoc> {
      requireCoordinator(actor);
      const sections = await sectionsOf({ ...input, items: input.items ?? [] }, new Set());
      const slug = await slugFor(input.title);
      const by = { id: actor.id, name: actor.name };
      const doc = await deps.connection.transaction(async (session) => {
        const [created] = await GuidelinesModel.create(
          [
            {
              slug,
              title: input.title,
              intro: input.intro,
              sections,
              createdBy: by,
              updatedBy: by,
              demoKey: input.demoKey ?? null,
              demo: !!input.demoKey,
              version: 1,
            },
          ],
          { session },
        );
        const lean = created!.toObject<GuidelinesDoc>();
        await record(session, lean, "create", actor);
        return lean;
      });
      changed();
      return doc;
    },

    /** Saves the texts and choices edited on `expectedVersion` (a published document gets a new draft). */
    async update(actor: Actor, slug: string, input: GuidelinesInput, expectedVersion: number) {
      requireCoordinator(actor);
      return change(actor, slug, expectedVersion, "update", async (current) => ({
        title: input.title,
        intro: input.intro,
        sections: await sectionsOf(input, heldCodes(current)),
        status: current.status === "review" ? "review" : "draft",
      }));
    },

    /** Moves the document along draft -> review -> published, or back; publishing records who did it. */
    async transition(actor: Actor, slug: string, name: ReportTransition, expectedVersion: number) {
      return change(actor, slug, expectedVersion, name, (current) =>
        transitionFields(name, current, actor, "guidelines.error.transition"),
      );
    },

    /** Brings back the content of an earlier version as a new draft version. */
    async restore(actor: Actor, slug: string, version: number, expectedVersion: number) {
      requireCoordinator(actor);
      const doc = await load(slug);
      const revision = await GuidelinesRevisionModel.findOne({ guidelinesId: doc._id, version }).lean();
      if (!revision) throw new NotFoundError(`No version ${version} of these guidelines`);
      const content = revision.snapshot as GuidelinesSnapshot;
      return change(actor, slug, expectedVersion, `restore:${version}`, () => ({
        ...content,
        status: "draft",
      }));
    },
  };
}

export type GuidelinesService = ReturnType<typeof createGuidelinesService>;
