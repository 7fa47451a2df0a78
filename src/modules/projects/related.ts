// Related projects: published projects sharing tags (weighing double) or zones with a project. The newest
// RELATED_CANDIDATES published projects of each tag and zone are kept in memory (a few MB even with every
// tag and zone loaded), so a project page asks MongoDB nothing for them: on 100,000 projects the query
// that picked them cost more than the rest of the page. Any change to the catalogue in this process
// drops them (re-read on next use); a change made by another process shows within the TTL.
import type { Types } from "mongoose";
import { ExpiringMap } from "../../infra/expiring-map";
import { LIST_FIELDS, ProjectModel, type ProjectDoc } from "./project.model";
import type { ListedProject } from "./project.queries";

const RELATED_CANDIDATES = 60;
const RELATED_TTL_MS = 60_000;
const MAX_LISTS = 5000;

/**
 * A candidate as loaded. Its tags and zones are small integers (one number per distinct value, see
 * `code`): scoring compares them for every page, and numbers compare faster than 24-character ids.
 */
interface Candidate {
  id: string;
  tagCodes: number[];
  zoneCodes: number[];
  /** Plain ASCII lower case (sortKey): compared with < rather than a collator. */
  sortTitle: string;
  listed: ListedProject;
}
type Field = "tags" | "zones";

export function createRelatedProjects(options: { ttlMs?: number } = {}) {
  const lists = new ExpiringMap<Promise<Candidate[]>>(options.ttlMs ?? RELATED_TTL_MS, MAX_LISTS);
  // One number per tag id or zone key met (tags and zones apart); bounded by the vocabularies' sizes.
  const codes = { tags: new Map<string, number>(), zones: new Map<string, number>() };
  const code = (field: Field, value: string): number => {
    const map = codes[field];
    let n = map.get(value);
    if (n === undefined) map.set(value, (n = map.size));
    return n;
  };

  async function load(field: Field, value: string | Types.ObjectId): Promise<Candidate[]> {
    const rows = await ProjectModel.find(
      { [field]: value, status: "published", deletedAt: null },
      { ...LIST_FIELDS, sortTitle: 1 },
    )
      .sort({ startDate: -1, _id: -1 })
      .hint({ [field]: 1, status: 1, deletedAt: 1, startDate: -1, _id: -1 })
      .limit(RELATED_CANDIDATES)
      .lean<(ListedProject & { sortTitle?: string })[]>();
    return rows.map(({ sortTitle, ...listed }) => ({
      id: String(listed._id),
      tagCodes: (listed.tags ?? []).map((t) => code("tags", String(t))),
      zoneCodes: (listed.zones ?? []).map((z) => code("zones", z)),
      sortTitle: sortTitle ?? "",
      listed,
    }));
  }

  /** The newest published projects with this tag or zone; one read per list, however many ask at once. */
  function candidates(field: Field, value: string | Types.ObjectId): Promise<Candidate[]> {
    const key = `${field}|${String(value)}`;
    const hit = lists.get(key);
    if (hit) return hit;
    const items = load(field, value);
    lists.set(key, items);
    items.catch(() => lists.deleteIf(key, items));
    return items;
  }

  async function of(project: ProjectDoc, limit = 5): Promise<ListedProject[]> {
    const tags = (project.tags ?? []).map(String);
    const zones = project.zones ?? [];
    const found = await Promise.all([
      ...tags.map((t) => candidates("tags", t)),
      ...zones.map((z) => candidates("zones", z)),
    ]);
    const tagCodes = tags.map((t) => code("tags", t));
    const zoneCodes = zones.map((z) => code("zones", z));
    // A project is in the list of each tag and zone it has: scored once.
    const seen = new Set<string>([String(project._id)]);
    // The best `limit` so far, best first: more shared (a tag counts twice), then by title, then by id.
    const best: Candidate[] = [];
    const scores: number[] = [];
    const before = (c: Candidate, score: number, i: number) => {
      const other = best[i]!;
      if (score !== scores[i]) return score > scores[i]!;
      if (c.sortTitle !== other.sortTitle) return c.sortTitle < other.sortTitle;
      return c.id < other.id;
    };
    for (const list of found) {
      for (const c of list) {
        if (seen.has(c.id)) continue;
        seen.add(c.id);
        let score = 0;
        for (const t of c.tagCodes) if (tagCodes.includes(t)) score += 2;
        for (const z of c.zoneCodes) if (zoneCodes.includes(z)) score += 1;
        if (best.length === limit && !before(c, score, limit - 1)) continue;
        let i = best.length;
        while (i > 0 && before(c, score, i - 1)) i--;
        best.splice(i, 0, c);
        scores.splice(i, 0, score);
        if (best.length > limit) {
          best.pop();
          scores.pop();
        }
      }
    }
    return best.map((c) => c.listed);
  }

  return {
    of,
    /** After any change to the catalogue: every list is read again on its next use. */
    markStale(): void {
      lists.clear();
    },
  };
}
