// Published reports in the search index: a report is a document while it has a published version (the
// version the public reads), and leaves the index when it is withdrawn. Its zones are those of the projects
// of the notes its published version cites (notes the public may read, on public projects), or none.
import crypto from "node:crypto";
import mongoose from "mongoose";
import type { TableNoteQueries } from "../notes/index";
import type { ProjectRefs } from "../projects/index";
import {
  createMemoryFallback,
  reportHit,
  REPORT_FACET_FIELDS,
  type ReportSearchDocument,
  type SearchSource,
} from "../search/index";
import { citationsOf, textsOf } from "./report.citations";
import { REPORT_PROJECTION_VERSION, reportSettings, reportToDocument } from "./report.document";
import { ReportModel, ReportRevisionModel, type ReportDoc, type ReportSnapshot } from "./report.model";

const PUBLISHED = { publishedVersion: { $ne: null } };

export interface ReportSourceDeps {
  notes: Pick<TableNoteQueries, "citable">;
  projects: Pick<ProjectRefs, "factsOf">;
}

export function createReportSource(deps: ReportSourceDeps): SearchSource {
  /** The zones of each snapshot: those of the public projects of the visible notes it cites. */
  async function zonesOf(snapshots: ReportSnapshot[]): Promise<string[][]> {
    const cited = snapshots.map((s) =>
      citationsOf(textsOf(s))
        .filter((c) => c.kind === "note")
        .map((c) => c.ref),
    );
    const notes = await deps.notes.citable(cited.flat());
    const projectOf = (id: string) => {
      const n = notes.get(id);
      return n?.visible ? n.project : null;
    };
    const facts = await deps.projects.factsOf(cited.flat().map(projectOf));
    return cited.map((ids) =>
      ids.flatMap((id) => {
        const p = projectOf(id);
        return p ? (facts.get(p)?.zones ?? []) : [];
      }),
    );
  }

  async function toDocs(rows: ReportDoc[]): Promise<ReportSearchDocument[]> {
    const live = rows.filter((r) => r.publishedVersion != null);
    if (live.length === 0) return [];
    const revisions = await ReportRevisionModel.find({
      $or: live.map((r) => ({ reportId: r._id, version: r.publishedVersion })),
    }).lean();
    const snapshotOf = new Map(revisions.map((r) => [String(r.reportId), r.snapshot as ReportSnapshot]));
    const withSnapshot = live.flatMap((r) => {
      const s = snapshotOf.get(String(r._id));
      return s ? [{ report: r, snapshot: s }] : [];
    });
    const zones = await zonesOf(withSnapshot.map((x) => x.snapshot));
    return withSnapshot
      .map((x, i) => reportToDocument(x.report, x.snapshot, zones[i]!))
      .filter((d) => d !== null);
  }

  async function* iterate(batchSize: number): AsyncIterable<ReportSearchDocument[]> {
    let last: mongoose.Types.ObjectId | undefined;
    for (;;) {
      const rows = await ReportModel.find({ ...PUBLISHED, ...(last ? { _id: { $gt: last } } : {}) })
        .sort({ _id: 1 })
        .limit(batchSize)
        .lean<ReportDoc[]>();
      if (rows.length === 0) return;
      last = rows.at(-1)!._id;
      yield await toDocs(rows);
    }
  }

  async function all(): Promise<ReportSearchDocument[]> {
    const out: ReportSearchDocument[] = [];
    for await (const batch of iterate(500)) out.push(...batch);
    return out;
  }

  return {
    type: "report",
    indexName: "reports",
    projectionKey: () =>
      Promise.resolve(
        crypto.createHash("sha256").update(`report:${REPORT_PROJECTION_VERSION}`).digest("hex").slice(0, 16),
      ),
    settings: () => Promise.resolve(reportSettings()),
    async load(ids) {
      const valid = ids.filter((id) => mongoose.isValidObjectId(id));
      const rows = await ReportModel.find({ _id: { $in: valid } }).lean<ReportDoc[]>();
      return new Map((await toDocs(rows)).map((d) => [d.id, d]));
    },
    iterate,
    async *versions() {
      for await (const batch of iterate(1000)) {
        for (const d of batch) yield { id: d.id, version: d.version };
      }
    },
    count: () => ReportModel.countDocuments(PUBLISHED),
    // Published reports are few: while Meilisearch cannot answer, they are read and matched in memory.
    fallback: createMemoryFallback<ReportSearchDocument>({
      documents: all,
      fields: REPORT_FACET_FIELDS,
      text: (d) => ({ title: d.title, rest: `${d.summary}\n${d.body}` }),
      toHit: (d) => reportHit(d),
      date: (d) => d.date,
    }),
  };
}
