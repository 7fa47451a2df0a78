// Counts per filter value (theme, tag, zone, target group, year, status) of the projects a browse query
// matches: one $facet aggregation over the filter's most selective index, cached, and served a little
// stale (never more than a refresh) after an edit.
import type { QueryFilter } from "mongoose";
import type { IndexSpec } from "./project.filters";
import { ProjectModel, type ProjectDoc } from "./project.model";
import type { Facets } from "./project.view";

const FACET_CACHE_MS = 60_000;
const FACET_CACHE_MAX = 2000;
/** After an edit, how long a visitor waits for fresh counts before getting the previous ones. */
const STALE_WAIT_MS = 100;

interface FacetEntry {
  value: Promise<Facets>;
  expires: number;
  /** A change happened since `value` was computed. */
  stale: boolean;
  /** The one refresh running for this entry, with its start time. */
  refresh?: { value: Promise<Facets>; started: number };
}

/** Counts per filter value of the projects matching `match`, in one aggregation. */
async function aggregateFacets(match: QueryFilter<ProjectDoc>, hint: IndexSpec): Promise<Facets> {
  const count = (field: string) => [
    { $unwind: `$${field}` },
    { $group: { _id: `$${field}`, n: { $sum: 1 } } },
  ];
  const [raw] = await ProjectModel.aggregate<Record<string, { _id: unknown; n: number }[]>>(
    [
      { $match: match },
      { $project: { themes: 1, tags: 1, zones: 1, targetGroups: 1, startYear: 1, status: 1 } },
      {
        $facet: {
          total: [{ $count: "n" }],
          themes: count("themes"),
          tags: count("tags"),
          zones: count("zones"),
          targetGroups: count("targetGroups"),
          years: [
            { $match: { startYear: { $ne: null } } },
            { $group: { _id: "$startYear", n: { $sum: 1 } } },
          ],
          statuses: [{ $group: { _id: "$status", n: { $sum: 1 } } }],
        },
      },
    ],
    { hint },
  );
  const toMap = <K>(rows: { _id: unknown; n: number }[] | undefined, key: (v: unknown) => K) =>
    new Map((rows ?? []).map((r) => [key(r._id), r.n] as const));
  return {
    total: raw?.total?.[0]?.n ?? 0,
    themes: toMap(raw?.themes, String),
    tags: toMap(raw?.tags, String),
    zones: toMap(raw?.zones, String),
    targetGroups: toMap(raw?.targetGroups, String),
    years: toMap(raw?.years, Number),
    statuses: toMap(raw?.statuses, String),
  };
}

export function createFacetCounts() {
  // Promises, so that concurrent requests for the same counts share one aggregation.
  const cache = new Map<string, FacetEntry>();

  /**
   * Cached counts. Once an entry is merely old, it is served while one refresh runs in the background.
   * After a change, visitors wait for the refresh at most STALE_WAIT_MS, then get the previous counts:
   * the full catalogue's counts take a second or more at 100,000 projects, and an edit must not make the
   * next visitors pay it (the list itself is always read fresh).
   */
  function facets(match: QueryFilter<ProjectDoc>, hint: IndexSpec): Promise<Facets> {
    const key = JSON.stringify(match);
    const hit = cache.get(key);
    const now = Date.now();
    if (hit && !hit.stale && hit.expires > now) return hit.value;
    if (hit) {
      if (!hit.refresh) {
        const refresh = { value: aggregateFacets(match, hint), started: now };
        hit.refresh = refresh;
        refresh.value.then(
          () => {
            if (cache.get(key) === hit && hit.refresh === refresh)
              cache.set(key, { value: refresh.value, expires: Date.now() + FACET_CACHE_MS, stale: false });
          },
          () => {
            if (hit.refresh === refresh) hit.refresh = undefined;
          },
        );
      }
      const wait = hit.stale ? hit.refresh.started + STALE_WAIT_MS - now : 0;
      if (wait <= 0) return hit.value;
      const previous = hit.value;
      return Promise.race([
        hit.refresh.value.catch(() => previous),
        new Promise<Facets>((resolve) => setTimeout(() => resolve(previous), wait).unref()),
      ]);
    }
    const value = aggregateFacets(match, hint);
    if (cache.size >= FACET_CACHE_MAX) cache.delete(cache.keys().next().value!);
    cache.set(key, { value, expires: now + FACET_CACHE_MS, stale: false });
    void value.catch(() => cache.get(key)?.value === value && cache.delete(key));
    return value;
  }

  return {
    facets,
    /** After a change: every cached count is stale (refreshed on its next use; a running refresh is dropped). */
    markStale(): void {
      for (const entry of cache.values()) {
        entry.stale = true;
        entry.refresh = undefined;
      }
    },
    clear: () => cache.clear(),
  };
}
