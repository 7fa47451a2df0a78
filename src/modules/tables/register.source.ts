// The recommendations register in the search index: an item is a document while it is active and the
// report it comes from is published; it leaves the index when withdrawn from the register or when its
// report is withdrawn. Its zones are those with a status recorded.
import crypto from "node:crypto";
import mongoose, { type ClientSession } from "mongoose";
import {
  createMemoryFallback,
  enqueueIndexingMany,
  recommendationHit,
  RECOMMENDATION_FACET_FIELDS,
  type RecommendationSearchDocument,
  type SearchSource,
} from "../search/index";
import {
  RECOMMENDATION_PROJECTION_VERSION,
  recommendationSettings,
  recommendationToDocument,
} from "./register.document";
import { RecommendationModel, type RecommendationDoc } from "./register.model";
import { ReportModel } from "./report.model";

const ACTIVE = { state: "active" as const };

/** The slugs of published reports among these. */
async function publishedSlugs(slugs: string[]): Promise<Set<string>> {
  const unique = [...new Set(slugs)];
  if (unique.length === 0) return new Set();
  const rows = await ReportModel.find(
    { slug: { $in: unique }, publishedVersion: { $ne: null } },
    { slug: 1 },
  ).lean();
  return new Set(rows.map((r) => r.slug));
}

async function toDocs(rows: RecommendationDoc[]): Promise<RecommendationSearchDocument[]> {
  const published = await publishedSlugs(rows.map((r) => r.report?.slug ?? ""));
  return rows
    .map((r) => recommendationToDocument(r, published.has(r.report?.slug ?? "")))
    .filter((d) => d !== null);
}

/**
 * Queues a report's register items for the index, in the transaction of the change that may take them in
 * or out (the report published or withdrawn, the register brought in line with it).
 */
export async function queueItemsOfReport(session: ClientSession, slug: string): Promise<void> {
  const rows = await RecommendationModel.find({ "report.slug": slug }, { _id: 1 }).session(session).lean();
  await enqueueIndexingMany(
    "recommendation",
    rows.map((r) => r._id),
    { session },
  );
}

export function createRecommendationSource(): SearchSource {
  async function* iterate(batchSize: number): AsyncIterable<RecommendationSearchDocument[]> {
    let last: mongoose.Types.ObjectId | undefined;
    for (;;) {
      const rows = await RecommendationModel.find({ ...ACTIVE, ...(last ? { _id: { $gt: last } } : {}) })
        .sort({ _id: 1 })
        .limit(batchSize)
        .lean<RecommendationDoc[]>();
      if (rows.length === 0) return;
      last = rows.at(-1)!._id;
      yield await toDocs(rows);
    }
  }

  async function all(): Promise<RecommendationSearchDocument[]> {
    const out: RecommendationSearchDocument[] = [];
    for await (const batch of iterate(1000)) out.push(...batch);
    return out;
  }

  return {
    type: "recommendation",
    indexName: "recommendations",
    projectionKey: () =>
      Promise.resolve(
        crypto
          .createHash("sha256")
          .update(`recommendation:${RECOMMENDATION_PROJECTION_VERSION}`)
          .digest("hex")
          .slice(0, 16),
      ),
    settings: () => Promise.resolve(recommendationSettings()),
    async load(ids) {
      const valid = ids.filter((id) => mongoose.isValidObjectId(id));
      const rows = await RecommendationModel.find({ _id: { $in: valid } }).lean<RecommendationDoc[]>();
      return new Map((await toDocs(rows)).map((d) => [d.id, d]));
    },
    iterate,
    async *versions() {
      for await (const batch of iterate(1000)) {
        for (const d of batch) yield { id: d.id, version: d.version };
      }
    },
    count: () => RecommendationModel.countDocuments(ACTIVE),
    // The register holds dozens to a few hundred items: while Meilisearch cannot answer, they are read and
    // matched in memory.
    fallback: createMemoryFallback<RecommendationSearchDocument>({
      documents: all,
      fields: RECOMMENDATION_FACET_FIELDS,
      text: (d) => ({ title: d.code, rest: `${d.text}\n${d.reportTitle}` }),
      toHit: (d) => recommendationHit(d),
      date: (d) => d.date,
      sortTitle: (d) => d.code,
    }),
  };
}
