// Consistency check: ids and versions in MongoDB against those in Meilisearch.
import type { Meilisearch } from "meilisearch";
import { indexExists } from "./index-admin";
import { enqueueIndexingMany } from "./outbox";
import type { IndexedType } from "./outbox.model";
import { indexUid, type SearchSource } from "./sources";

export interface DriftReport {
  type: IndexedType;
  inSource: number;
  inIndex: number;
  /** In MongoDB (and visible to search) but not in the index. */
  missing: string[];
  /** In the index but gone from MongoDB (or no longer indexable). */
  extra: string[];
  /** In both, with an older version in the index. */
  stale: string[];
}

export function driftCount(report: DriftReport): number {
  return report.missing.length + report.extra.length + report.stale.length;
}

async function indexVersions(meili: Meilisearch, uid: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (!(await indexExists(meili, uid))) return out;
  const index = meili.index(uid);
  const limit = 5000;
  for (let offset = 0; ; offset += limit) {
    const page = await index.getDocuments<{ id: string; version: number }>({
      fields: ["id", "version"],
      limit,
      offset,
    });
    for (const d of page.results) out.set(String(d.id), Number(d.version));
    if (page.results.length < limit) break;
  }
  return out;
}

/** Compares both sides of one type. */
export async function checkSource(
  meili: Meilisearch,
  prefix: string,
  source: SearchSource,
): Promise<DriftReport> {
  const indexed = await indexVersions(meili, indexUid(prefix, source));
  const report: DriftReport = {
    type: source.type,
    inSource: 0,
    inIndex: indexed.size,
    missing: [],
    extra: [],
    stale: [],
  };
  const seen = new Set<string>();
  for await (const { id, version } of source.versions()) {
    report.inSource++;
    seen.add(id);
    const v = indexed.get(id);
    if (v === undefined) report.missing.push(id);
    else if (v !== version) report.stale.push(id);
  }
  for (const id of indexed.keys()) if (!seen.has(id)) report.extra.push(id);
  return report;
}

/** Repairs drift by queueing every drifting document: the indexer (the only writer) re-reads and fixes it. */
export async function queueRepairs(report: DriftReport): Promise<number> {
  const ids = [...report.missing, ...report.extra, ...report.stale];
  await enqueueIndexingMany(report.type, ids);
  return ids.length;
}
