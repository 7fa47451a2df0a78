// Writes to the recommendations register (coordinators only), on the house write path: one MongoDB
// transaction per change writes the items (their `version` goes up; a stale version is a conflict and
// writes nothing) and their history entries. Items come from a published report's recommendations
// (`syncFromReport`, the report page's "add to the register"): a code is given once and never changes;
// a later version of the report may add items, reword them (same item, new text in its history) or drop
// them (the item is withdrawn, its statuses kept). Statuses are recorded per zone-distretto.
import { distance } from "fastest-levenshtein";
import type { ClientSession, Connection } from "mongoose";
import { hasRole } from "../../web/auth-guards";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../../web/errors";
import { markdownToText } from "../../web/markdown";
import type { Actor } from "../accounts/index";
import { enqueueIndexing } from "../search/index";
import type { TaxonomyService } from "../taxonomy/index";
import { citationsOf, withoutCitations } from "./report.citations";
import type { ReportQueries } from "./report.queries";
import {
  RecommendationCounterModel,
  RecommendationHistoryModel,
  RecommendationModel,
  type RecommendationDoc,
  type RegisterStatus,
} from "./register.model";
import { queueItemsOfReport } from "./register.source";

/** A status to record for one zone: what the status form and the API send (already validated). */
export interface StatusInput {
  zone: string;
  status: RegisterStatus;
  /** YYYY-MM-DD. */
  date: string;
  note: string;
  /** http(s) address of the plan's text, or null. */
  link: string | null;
}

/** What a synchronisation did, by code. */
export interface SyncResult {
  created: string[];
  reworded: string[];
  withdrawn: string[];
  reinstated: string[];
  unchanged: number;
}

/** A change made on a version someone else has replaced meanwhile. */
export class RegisterConflictError extends ConflictError {
  constructor(readonly current: RecommendationDoc) {
    super("Someone changed this recommendation meanwhile", [
      { field: "_form", message: "register.error.stale" },
    ]);
  }
}

/** `R-T2-03`: the table's number (0: no single table, written `G`), then the counter. */
export function codeOf(tableNumber: number, seq: number): string {
  return `R-${tableNumber > 0 ? `T${tableNumber}` : "G"}-${String(seq).padStart(2, "0")}`;
}

/** How an item is recognised in a later version: its words, without citations, case or spacing. */
export function textKeyOf(text: string): string {
  return markdownToText(withoutCitations(text)).toLowerCase().replace(/\s+/g, " ").trim().slice(0, 1000);
}

/**
 * Two wordings close enough to be the same recommendation edited: a few characters apart (a typo, a word
 * changed), or mostly the same words (a word or two added or dropped).
 */
function sameRecommendation(a: string, b: string): boolean {
  if (distance(a, b) <= Math.max(3, Math.floor(0.2 * Math.max(a.length, b.length)))) return true;
  const wa = new Set(a.split(" "));
  const wb = new Set(b.split(" "));
  const common = [...wa].filter((w) => wb.has(w)).length;
  return common / (wa.size + wb.size - common) >= 0.6;
}

function requireCoordinator(actor: Actor): void {
  if (!hasRole(actor.role, "coordinator")) {
    throw new ForbiddenError("Only coordinators edit the recommendations register");
  }
}

export interface RegisterServiceDeps {
  connection: Connection;
  taxonomy: Pick<TaxonomyService, "vocabulary">;
  reports: Pick<ReportQueries, "published" | "recommendationsOf" | "clear">;
  /** The working table (theme) of each existing note, by id. */
  noteThemes(ids: string[]): Promise<Map<string, string | null>>;
}

interface Incoming {
  text: string;
  key: string;
  section: string;
  position: number;
  theme: string | null;
  notes: string[];
  projects: string[];
}

export function createRegisterService(deps: RegisterServiceDeps) {
  const listeners: (() => void)[] = [];
  const changed = () => listeners.forEach((l) => l());
  const by = (actor: Actor) => ({ id: actor.id, name: actor.name });

  async function nextSeq(session: ClientSession, prefix: string): Promise<number> {
    const counter = await RecommendationCounterModel.findOneAndUpdate(
      { _id: prefix },
      { $inc: { n: 1 } },
      { upsert: true, returnDocument: "after", session },
    ).lean<{ n: number }>();
    return counter.n;
  }

  async function history(session: ClientSession, doc: RecommendationDoc, entry: Record<string, unknown>) {
    await RecommendationHistoryModel.create(
      [{ itemId: doc._id, code: doc.code, version: doc.version, at: new Date(), ...entry }],
      { session },
    );
  }

  /** The items of a published report as the register reads them: table, evidence, normalised text. */
  async function incomingOf(slug: string) {
    // Published reports are kept 60 s per process: read the version another app process may have just
    // published, not a kept one.
    deps.reports.clear();
    const view = await deps.reports.published(slug);
    const items = await deps.reports.recommendationsOf(slug);
    if (!view || !items) throw new NotFoundError("No published report with this address");
    const noteIds = [...new Set(items.flatMap((i) => i.references.filter((r) => r.kind === "note")))].map(
      (r) => r.ref,
    );
    const themes = noteIds.length > 0 ? await deps.noteThemes(noteIds) : new Map<string, string | null>();
    const scopeTheme = view.meta.scope.kind === "table" ? view.meta.scope.theme : null;
    // Items with the same words (say the draft's "to write from [@nota:...]" lines) are told apart by
    // what they cite; otherwise an item is its words, so a citation added later keeps its code.
    const bare = items.map((item) => textKeyOf(item.text));
    const keys = items.map((item, i) =>
      bare.filter((k) => k === bare[i]).length > 1
        ? `${bare[i]} ${citationsOf([item.text])
            .map((c) => `${c.kind}:${c.ref}`)
            .sort()
            .join(" ")}`
        : bare[i]!,
    );
    const seen = new Set<string>();
    const incoming: Incoming[] = [];
    items.forEach((item, position) => {
      const key = keys[position]!;
      if (!bare[position] || seen.has(key)) return;
      seen.add(key);
      const notes = item.references.filter((r) => r.kind === "note").map((r) => r.ref);
      incoming.push({
        text: item.text,
        key,
        section: item.section,
        position,
        theme: scopeTheme ?? majorityTheme(notes.map((id) => themes.get(id) ?? null)),
        notes,
        projects: item.references.filter((r) => r.kind === "project").map((r) => r.ref),
      });
    });
    return { view, incoming };
  }

  return {
    onChange: (listener: () => void) => void listeners.push(listener),

    /**
     * Brings the register in line with a report's published version: new recommendations get the next
     * code of their table; a recommendation found again (same words, or a close rewording) keeps its code;
     * one the version no longer holds is withdrawn; a withdrawn one that comes back is reinstated.
     * Safe to run twice (the second run changes nothing).
     */
    async syncFromReport(actor: Actor, slug: string, options: { demo?: boolean } = {}): Promise<SyncResult> {
      requireCoordinator(actor);
      const { view, incoming } = await incomingOf(slug);
      const vocab = await deps.taxonomy.vocabulary();
      const numberOf = (theme: string | null) =>
        theme ? vocab.themes.findIndex((t) => t.key === theme) + 1 : 0;
      const reportVersion = view.version;
      const title = view.content.title;
      const result = await deps.connection.transaction(async (session) => {
        const out: SyncResult = { created: [], reworded: [], withdrawn: [], reinstated: [], unchanged: 0 };
        const existing = await RecommendationModel.find({ "report.slug": slug })
          .session(session)
          .lean<RecommendationDoc[]>();
        const byKey = new Map(existing.map((d) => [d.textKey, d]));
        const pairs: [Incoming, RecommendationDoc | null][] = [];
        const left: Incoming[] = [];
        for (const item of incoming) {
          const match = byKey.get(item.key);
          if (match) {
            pairs.push([item, match]);
            byKey.delete(item.key);
          } else left.push(item);
        }
        // Rewordings: an unmatched item close to an unmatched existing one of the same table.
        for (const item of left) {
          let best: RecommendationDoc | null = null;
          for (const d of byKey.values()) {
            if (d.theme !== item.theme || !sameRecommendation(d.textKey, item.key)) continue;
            if (!best || distance(d.textKey, item.key) < distance(best.textKey, item.key)) best = d;
          }
          if (best) byKey.delete(best.textKey);
          pairs.push([item, best]);
        }
        const person = by(actor);
        for (const [item, doc] of pairs) {
          const evidence = { notes: item.notes, projects: item.projects };
          if (!doc) {
            const tableNumber = numberOf(item.theme);
            const prefix = tableNumber > 0 ? `T${tableNumber}` : "G";
            const seq = await nextSeq(session, prefix);
            const [created] = await RecommendationModel.create(
              [
                {
                  code: codeOf(tableNumber, seq),
                  theme: tableNumber > 0 ? item.theme : null,
                  tableNumber,
                  seq,
                  text: item.text,
                  textKey: item.key,
                  section: item.section,
                  position: item.position,
                  report: { slug, title, version: reportVersion, firstVersion: reportVersion },
                  evidence,
                  createdBy: person,
                  updatedBy: person,
                  demo: options.demo ?? view.meta.demo,
                  version: 1,
                },
              ],
              { session },
            );
            const lean = created!.toObject<RecommendationDoc>();
            await history(session, lean, { action: "create", text: item.text, reportVersion, by: person });
            out.created.push(lean.code);
            continue;
          }
          const reworded = doc.text !== item.text;
          const reinstated = doc.state === "withdrawn";
          const moved =
            doc.section !== item.section ||
            doc.position !== item.position ||
            doc.report?.title !== title ||
            (doc.evidence?.notes ?? []).join() !== item.notes.join() ||
            (doc.evidence?.projects ?? []).join() !== item.projects.join();
          if (!reworded && !reinstated && !moved) {
            out.unchanged++;
            continue;
          }
          const next = await RecommendationModel.findOneAndUpdate(
            { _id: doc._id, version: doc.version },
            {
              $set: {
                text: item.text,
                textKey: item.key,
                section: item.section,
                position: item.position,
                "report.title": title,
                "report.version": reportVersion,
                evidence,
                state: "active",
                withdrawnAt: null,
                updatedBy: person,
              },
              $inc: { version: 1 },
            },
            { session, returnDocument: "after", runValidators: true },
          ).lean<RecommendationDoc>();
          if (!next) throw new RegisterConflictError(doc);
          if (reinstated) {
            await history(session, next, { action: "reinstate", text: item.text, reportVersion, by: person });
            out.reinstated.push(next.code);
          } else if (reworded) {
            await history(session, next, { action: "text", text: item.text, reportVersion, by: person });
            out.reworded.push(next.code);
          } else out.unchanged++;
        }
        for (const doc of byKey.values()) {
          if (doc.state === "withdrawn") continue;
          const next = await RecommendationModel.findOneAndUpdate(
            { _id: doc._id, version: doc.version },
            {
              $set: { state: "withdrawn", withdrawnAt: new Date(), updatedBy: person },
              $inc: { version: 1 },
            },
            { session, returnDocument: "after" },
          ).lean<RecommendationDoc>();
          if (!next) throw new RegisterConflictError(doc);
          await history(session, next, { action: "withdraw", reportVersion, by: person });
          out.withdrawn.push(next.code);
        }
        await queueItemsOfReport(session, slug);
        return out;
      });
      if (
        result.created.length +
        result.reworded.length +
        result.withdrawn.length +
        result.reinstated.length
      ) {
        changed();
      }
      return result;
    },

    /**
     * Records where an item stands in one zone's integrated plan, on the item's `expectedVersion` (a stale
     * one is a RegisterConflictError). The zone's earlier status stays in the history.
     */
    async setStatus(
      actor: Actor,
      code: string,
      input: StatusInput,
      expectedVersion: number,
    ): Promise<RecommendationDoc> {
      requireCoordinator(actor);
      const vocab = await deps.taxonomy.vocabulary();
      if (!vocab.get("zone", input.zone)) {
        throw new ValidationError("Unknown zone", [{ field: "zone", message: "register.error.zone" }]);
      }
      const doc = await deps.connection.transaction(async (session) => {
        const current = await RecommendationModel.findOne({ code })
          .session(session)
          .lean<RecommendationDoc>();
        if (!current) throw new NotFoundError("No recommendation with this code");
        if (current.version !== expectedVersion) throw new RegisterConflictError(current);
        const person = by(actor);
        const entry = { ...input, note: input.note.trim(), by: person, at: new Date() };
        const previous = current.statuses.find((s) => s.zone === input.zone)?.status ?? null;
        const statuses = [...current.statuses.filter((s) => s.zone !== input.zone), entry];
        const next = await RecommendationModel.findOneAndUpdate(
          { _id: current._id, version: current.version },
          { $set: { statuses, updatedBy: person }, $inc: { version: 1 } },
          { session, returnDocument: "after", runValidators: true },
        ).lean<RecommendationDoc>();
        if (!next) throw new RegisterConflictError(current);
        await history(session, next, {
          action: "status",
          zone: input.zone,
          status: input.status,
          previous,
          date: input.date,
          note: entry.note,
          link: input.link,
          by: person,
        });
        await enqueueIndexing(session, "recommendation", String(next._id));
        return next;
      });
      changed();
      return doc;
    },
  };
}

/** The theme most of an item's notes belong to (the first cited wins a tie); null without notes. */
function majorityTheme(themes: (string | null)[]): string | null {
  const counts = new Map<string, number>();
  for (const t of themes) if (t) counts.set(t, (counts.get(t) ?? 0) + 1);
  let best: string | null = null;
  for (const [t, n] of counts) if (best === null || n > counts.get(best)!) best = t;
  return best;
}

export type RegisterService = ReturnType<typeof createRegisterService>;
