// The read side of synthesis reports: published reports (what the public page, the API and the exports
// read, kept for REPORT_MS or until a report, note or project changes in this process), coordinators'
// lists and history, and the recommendations of a published report with their cited evidence (for the
// recommendations register).
import mongoose from "mongoose";
import { ExpiringMap, remembered } from "../../infra/expiring-map";
import { versionRow } from "./versions";
import { renderMarkdown } from "../../web/markdown";
import {
  byKey,
  citationsOf,
  resolveCitations,
  substituteCitations,
  textsOf,
  type CitationSources,
  type Reference,
} from "./report.citations";
import {
  ReportModel,
  ReportRevisionModel,
  type ReportDoc,
  type ReportSnapshot,
  type ReportStatus,
  type ScopeKind,
  type SectionKind,
} from "./report.model";
import { snapshotOfReport } from "./report.service";

export type { ReportSnapshot };

export const REPORT_MS = 60_000;

export interface ReportMeta {
  id: string;
  slug: string;
  scope: { kind: ScopeKind; theme: string | null; event: string | null };
  status: ReportStatus;
  version: number;
  publishedVersion: number | null;
  publishedAt: Date | null;
  publishedBy: { id: string; name: string } | null;
  updatedAt: Date;
  demo: boolean;
}

/** A version of a report with its citations numbered and resolved as they are now. */
export interface ResolvedReport {
  meta: ReportMeta;
  /** The version shown (the published one on public pages). */
  version: number;
  content: ReportSnapshot;
  references: Reference[];
}

/** A report rendered for a page: Markdown to safe HTML, citations as numbered links to the references. */
export interface ReportView extends ResolvedReport {
  summaryHtml: string;
  sections: { id: string; heading: string; kind: SectionKind; html: string }[];
}

/** One recommendation of a published report, with the sources it cites. */
export interface ReportRecommendation {
  section: string;
  /** The item's Markdown as written (citations included). */
  text: string;
  references: Reference[];
}

export function metaOf(doc: ReportDoc): ReportMeta {
  return {
    id: String(doc._id),
    slug: doc.slug,
    scope: {
      kind: doc.scope?.kind ?? "all",
      theme: doc.scope?.theme ?? null,
      event: doc.scope?.event ? String(doc.scope.event) : null,
    },
    status: doc.status,
    version: doc.version,
    publishedVersion: doc.publishedVersion ?? null,
    publishedAt: doc.publishedAt ?? null,
    publishedBy: doc.publishedBy ?? null,
    updatedAt: (doc as { updatedAt?: Date }).updatedAt ?? new Date(0),
    demo: !!doc.demo,
  };
}

/** HTML of a resolved report: each citation becomes `[n]` linking to its entry in the reference list. */
export function viewOf(report: ResolvedReport): ReportView {
  const refs = byKey(report.references);
  const html = (md: string) => renderMarkdown(substituteCitations(md, refs, (r) => `#ref-${r.n}`));
  return {
    ...report,
    summaryHtml: html(report.content.summary),
    sections: report.content.sections.map((s, i) => ({
      id: `s${i + 1}`,
      heading: s.heading,
      kind: s.kind,
      html: html(s.body),
    })),
  };
}

/** The items of a recommendations section: its top-level list items ("- ", "* " or "1. "). */
export function recommendationItems(body: string): string[] {
  const items: string[] = [];
  for (const line of body.split("\n")) {
    const m = /^(?:[-*+]|\d{1,3}[.)])\s+(.*)$/.exec(line);
    if (m) items.push(m[1]!.trim());
    else if (/^\s{2,}\S/.test(line) && items.length > 0) items[items.length - 1] += ` ${line.trim()}`;
  }
  return items.filter(Boolean);
}

export function createReportQueries(deps: { sources: CitationSources }) {
  const published = new ExpiringMap<Promise<ReportView | null>>(REPORT_MS, 200);

  async function resolve(doc: ReportDoc, version: number, content: ReportSnapshot): Promise<ResolvedReport> {
    const references = await resolveCitations(citationsOf(textsOf(content)), deps.sources);
    return { meta: metaOf(doc), version, content, references };
  }

  async function readPublished(slug: string): Promise<ReportView | null> {
    const doc = await ReportModel.findOne({ slug, publishedVersion: { $ne: null } }).lean<ReportDoc>();
    if (!doc) return null;
    const revision = await ReportRevisionModel.findOne({
      reportId: doc._id,
      version: doc.publishedVersion,
    }).lean();
    if (!revision) return null;
    return viewOf(await resolve(doc, revision.version, revision.snapshot as ReportSnapshot));
  }

  async function publishedView(slug: string): Promise<ReportView | null> {
    return remembered(published, slug, () => readPublished(slug));
  }

  return {
    /** The published version of a report, rendered, or null (none, or withdrawn). Kept for REPORT_MS. */
    published: publishedView,

    /** Published reports, newest publication first, with their published titles. */
    async listPublished(): Promise<{ meta: ReportMeta; title: string; summary: string }[]> {
      const docs = await ReportModel.find({ publishedVersion: { $ne: null } })
        .sort({ publishedAt: -1, _id: -1 })
        .limit(500)
        .lean<ReportDoc[]>();
      if (docs.length === 0) return [];
      const revisions = await ReportRevisionModel.find({
        $or: docs.map((d) => ({ reportId: d._id, version: d.publishedVersion })),
      }).lean();
      const byReport = new Map(revisions.map((r) => [String(r.reportId), r.snapshot as ReportSnapshot]));
      return docs.flatMap((d) => {
        const s = byReport.get(String(d._id));
        return s ? [{ meta: metaOf(d), title: s.title, summary: s.summary }] : [];
      });
    },

    /** Every report (coordinators' list), latest change first. */
    async listAll(): Promise<{ meta: ReportMeta; title: string }[]> {
      const docs = await ReportModel.find({}).sort({ updatedAt: -1 }).limit(500).lean<ReportDoc[]>();
      return docs.map((d) => ({ meta: metaOf(d), title: d.title }));
    },

    /** The working copy (any status), resolved and rendered, for coordinators. */
    async working(slug: string): Promise<ReportView | null> {
      const doc = await ReportModel.findOne({ slug }).lean<ReportDoc>();
      return doc ? viewOf(await resolve(doc, doc.version, snapshotOfReport(doc))) : null;
    },

    /** A report's versions, newest first. */
    async history(slug: string) {
      const doc = await ReportModel.findOne({ slug }).lean<ReportDoc>();
      if (!doc) return null;
      const revisions = await ReportRevisionModel.find({ reportId: doc._id }, { snapshot: 0 })
        .sort({ version: -1 })
        .limit(500)
        .lean();
      return {
        meta: metaOf(doc),
        title: doc.title,
        revisions: revisions.map(versionRow),
      };
    },

    /** The content of one version. */
    async revision(slug: string, version: number): Promise<ReportSnapshot | null> {
      const doc = await ReportModel.findOne({ slug }, { _id: 1 }).lean();
      if (!doc) return null;
      const r = await ReportRevisionModel.findOne({ reportId: doc._id, version }).lean();
      return r ? (r.snapshot as ReportSnapshot) : null;
    },

    /**
     * The recommendations of a published report: each item of its "recommendations" sections, with the
     * references it cites (numbered as in the report). Null when the report is not published.
     */
    async recommendationsOf(slug: string): Promise<ReportRecommendation[] | null> {
      const view = await publishedView(slug);
      if (!view) return null;
      const refs = byKey(view.references);
      return view.content.sections
        .filter((s) => s.kind === "recommendations")
        .flatMap((s) =>
          recommendationItems(s.body).map((text) => ({
            section: s.heading,
            text,
            references: citationsOf([text]).flatMap((c) => refs.get(`${c.kind}:${c.ref}`) ?? []),
          })),
        );
    },

    /** Published reports citing a note (e.g. to tell a moderator before withdrawing it). */
    async citing(noteId: string): Promise<string[]> {
      if (!mongoose.isValidObjectId(noteId)) return [];
      const rows = await ReportModel.find(
        { citedNotes: new mongoose.Types.ObjectId(noteId) },
        { slug: 1 },
      ).lean();
      return rows.map((r) => r.slug);
    },

    /** Forgets the kept published reports (a report, note or project changed). */
    clear: () => published.clear(),
  };
}

export type ReportQueries = ReturnType<typeof createReportQueries>;
