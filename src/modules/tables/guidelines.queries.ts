// The read side of guidelines documents: a version resolved against the register as it is now (each
// chosen code with its text, evidence and report; a code withdrawn or gone from the register is shown as
// withdrawn, never as a broken link), its references numbered across the whole document, its HTML for
// the pages and its `ExportSource` for the shared export path. Published documents are kept GUIDELINES_MS
// per language, or until guidelines, notes, projects or the register change in this process.
import { ExpiringMap, remembered } from "../../infra/expiring-map";
import { versionRow } from "./versions";
import { translator, type Lang } from "../../web/i18n/index";
import { renderMarkdown } from "../../web/markdown";
import { labelOf, type TaxonomyService } from "../taxonomy/index";
import {
  byKey,
  citationsOf,
  keyOf,
  resolveCitations,
  substituteCitations,
  type CitationSources,
  type Reference,
} from "./report.citations";
import type { ExportSource } from "./report.export.blocks";
import type { ReportStatus } from "./report.model";
import {
  GuidelinesModel,
  GuidelinesRevisionModel,
  type GuidelinesDoc,
  type GuidelinesSnapshot,
} from "./guidelines.model";
import {
  GENERAL_SECTION,
  snapshotOfGuidelines,
  type RegisterItem,
  type RegisterReads,
} from "./guidelines.service";

export const GUIDELINES_MS = 60_000;

export interface GuidelinesMeta {
  id: string;
  slug: string;
  status: ReportStatus;
  version: number;
  publishedVersion: number | null;
  publishedAt: Date | null;
  publishedBy: { id: string; name: string } | null;
  demo: boolean;
}

export interface GuidelinesItemView {
  code: string;
  withdrawn: boolean;
  /** The item as the document shows it (text, evidence, report), as Markdown with citations. */
  markdown: string;
  html: string;
  href: string | null;
}

/** A version of a guidelines document, resolved and rendered. */
export interface GuidelinesView {
  meta: GuidelinesMeta;
  version: number;
  content: GuidelinesSnapshot;
  introHtml: string;
  sections: { id: string; theme: string; label: string; introHtml: string; items: GuidelinesItemView[] }[];
  references: Reference[];
  /** The same document for the export path (PDF, DOCX, Markdown). */
  source: ExportSource;
}

export function metaOfGuidelines(doc: GuidelinesDoc): GuidelinesMeta {
  return {
    id: String(doc._id),
    slug: doc.slug,
    status: doc.status,
    version: doc.version,
    publishedVersion: doc.publishedVersion ?? null,
    publishedAt: doc.publishedAt ?? null,
    publishedBy: doc.publishedBy ?? null,
    demo: !!doc.demo,
  };
}

const escapeLabel = (s: string) => s.replace(/([\\[\]])/g, "\\$1").replace(/\n/g, " ");
const citationToken = (c: { kind: string; ref: string }) =>
  c.kind === "note" ? `[@nota:${c.ref}]` : `[@progetto:${c.ref}]`;

export function createGuidelinesQueries(deps: {
  sources: CitationSources;
  register: RegisterReads;
  taxonomy: TaxonomyService;
}) {
  const published = new ExpiringMap<Promise<GuidelinesView | null>>(GUIDELINES_MS, 200);

  /** The Markdown of one chosen item: its text, the evidence its text does not cite, its report. */
  function itemMarkdown(item: RegisterItem, t: ReturnType<typeof translator>): string {
    const cited = new Set(citationsOf([item.text]).map(keyOf));
    const evidence = item.evidence.filter((c) => !cited.has(keyOf(c))).map(citationToken);
    const out = [item.text.trim()];
    if (evidence.length > 0) out.push(`*${t("guidelines.item.evidence")}:* ${evidence.join(" ")}`);
    if (item.report) {
      out.push(
        `*${t("guidelines.item.report")}:* [${escapeLabel(item.report.title)}](/reports/${item.report.slug})`,
      );
    }
    return out.join("\n\n");
  }

  async function resolve(doc: GuidelinesDoc, version: number, content: GuidelinesSnapshot, lang: Lang) {
    const t = translator(lang);
    const [vocab, items] = await Promise.all([deps.taxonomy.vocabulary(), deps.register.items()]);
    const byCode = new Map(items.map((i) => [i.code, i]));
    // The section of no single table shows only when it holds something.
    const shown = content.sections.filter((s) => s.theme !== GENERAL_SECTION || s.intro || s.items.length);
    const sections = shown.map((s, i) => {
      const theme = vocab.get("theme", s.theme);
      return {
        id: `t${i + 1}`,
        theme: s.theme,
        label: theme ? labelOf(theme, lang) : s.theme || t("guidelines.section.general"),
        intro: s.intro,
        items: s.items.map((code) => {
          const item = byCode.get(code);
          const live = item && !item.withdrawn ? item : null;
          return {
            code,
            withdrawn: !live,
            markdown: live ? itemMarkdown(live, t) : `*${t("guidelines.item.withdrawn")}*`,
            href: live?.href ?? null,
          };
        }),
      };
    });
    const texts = [content.intro, ...sections.flatMap((s) => [s.intro, ...s.items.map((i) => i.markdown)])];
    const references = await resolveCitations(citationsOf(texts), deps.sources);
    const refs = byKey(references);
    const html = (md: string) => renderMarkdown(substituteCitations(md, refs, (r) => `#ref-${r.n}`));
    const view: GuidelinesView = {
      meta: metaOfGuidelines(doc),
      version,
      content,
      introHtml: html(content.intro),
      sections: sections.map((s) => ({
        id: s.id,
        theme: s.theme,
        label: s.label,
        introHtml: html(s.intro),
        items: s.items.map((i) => ({ ...i, html: html(i.markdown) })),
      })),
      references,
      source: {
        content: {
          title: content.title,
          summary: content.intro,
          sections: sections.map((s) => ({
            heading: s.label,
            body: [s.intro, ...s.items.map((i) => `### ${i.code}\n\n${i.markdown}`)]
              .filter(Boolean)
              .join("\n\n"),
          })),
        },
        references,
      },
    };
    return view;
  }

  async function readPublished(slug: string, lang: Lang): Promise<GuidelinesView | null> {
    const doc = await GuidelinesModel.findOne({
      slug,
      publishedVersion: { $ne: null },
    }).lean<GuidelinesDoc>();
    if (!doc) return null;
    const revision = await GuidelinesRevisionModel.findOne({
      guidelinesId: doc._id,
      version: doc.publishedVersion,
    }).lean();
    if (!revision) return null;
    return resolve(doc, revision.version, revision.snapshot as GuidelinesSnapshot, lang);
  }

  return {
    /** The published version, resolved in `lang`, or null (never published, or withdrawn). */
    published: (slug: string, lang: Lang) =>
      remembered(published, `${lang}:${slug}`, () => readPublished(slug, lang)),

    /** The working copy (any status), resolved, for coordinators. */
    async working(slug: string, lang: Lang): Promise<GuidelinesView | null> {
      const doc = await GuidelinesModel.findOne({ slug }).lean<GuidelinesDoc>();
      return doc ? resolve(doc, doc.version, snapshotOfGuidelines(doc), lang) : null;
    },

    /** Published documents, newest publication first, with their published titles. */
    async listPublished(): Promise<{ meta: GuidelinesMeta; title: string }[]> {
      const docs = await GuidelinesModel.find({ publishedVersion: { $ne: null } })
        .sort({ publishedAt: -1, _id: -1 })
        .limit(200)
        .lean<GuidelinesDoc[]>();
      if (docs.length === 0) return [];
      const revisions = await GuidelinesRevisionModel.find({
        $or: docs.map((d) => ({ guidelinesId: d._id, version: d.publishedVersion })),
      }).lean();
      const titles = new Map(
        revisions.map((r) => [String(r.guidelinesId), (r.snapshot as GuidelinesSnapshot).title]),
      );
      return docs.flatMap((d) => {
        const title = titles.get(String(d._id));
        return title === undefined ? [] : [{ meta: metaOfGuidelines(d), title }];
      });
    },

    /** Every document (coordinators' list), latest change first. */
    async listAll(): Promise<{ meta: GuidelinesMeta; title: string }[]> {
      const docs = await GuidelinesModel.find({}).sort({ updatedAt: -1 }).limit(200).lean<GuidelinesDoc[]>();
      return docs.map((d) => ({ meta: metaOfGuidelines(d), title: d.title }));
    },

    /** A document's versions, newest first. */
    async history(slug: string) {
      const doc = await GuidelinesModel.findOne({ slug }).lean<GuidelinesDoc>();
      if (!doc) return null;
      const revisions = await GuidelinesRevisionModel.find({ guidelinesId: doc._id }, { snapshot: 0 })
        .sort({ version: -1 })
        .limit(500)
        .lean();
      return {
        meta: metaOfGuidelines(doc),
        title: doc.title,
        revisions: revisions.map(versionRow),
      };
    },

    /** The content of one version. */
    async revision(slug: string, version: number): Promise<GuidelinesSnapshot | null> {
      const doc = await GuidelinesModel.findOne({ slug }, { _id: 1 }).lean();
      if (!doc) return null;
      const r = await GuidelinesRevisionModel.findOne({ guidelinesId: doc._id, version }).lean();
      return r ? (r.snapshot as GuidelinesSnapshot) : null;
    },

    /** Forgets the kept published documents. */
    clear: () => published.clear(),
  };
}

export type GuidelinesQueries = ReturnType<typeof createGuidelinesQueries>;
