// Related projects: published projects sharing tags (weighing double) or zones with a project. The newest
// RELATED_CANDIDATES published projects of each tag and zone are kept in memory (a few MB even with every
// tag and zone loaded), so a project page asks MongoDB nothing for them: on 100,000 projects the query
// that picked them cost more than the rest of the page. Any change to the catalogue in this process
// drops them (re-read on next use); a change made by another process shows within the TTL.
import type { Types } from "mongoose";
import { ExpiringMap, remembered } from "../../infra/expiring-map";
import { LIST_PROJECTION } from "./project.filters";
import { ProjectModel } from "./project.model";
import { listedViewOf, type ListedProject, type ProjectView, type StoredProject } from "./project.view";

const RELATED_CANDIDATES = 60;
const RELATED_TTL_MS = 60_000;
const MAX_LISTS = 5000;

/**
 * A candidate as loaded. Its tags and zones are small integers (one number per distinct value, see
 * `code`): scoring compares them for every page, and numbers compare faster than 24-character ids.
 */
interface Candidate {
  id: string;
  /** The project's number (see `code`): marks it as met in one scoring pass, whatever list it came from. */
  idCode: number;
  tagCodes: number[];
  zoneCodes: number[];
  /** Plain ASCII lower case (sortKey): compared with < rather than a collator. */
  sortTitle: string;
  listed: ListedProject;
}
type Field = "tags" | "zones";

function hasCode(codes: number[], code: number): boolean {
  for (const c of codes) if (c === code) return true;
  return false;
}

export function createRelatedProjects(options: { ttlMs?: number } = {}) {
  const lists = new ExpiringMap<Promise<Candidate[]>>(options.ttlMs ?? RELATED_TTL_MS, MAX_LISTS);
  // One number per tag id, zone key or project id met (each kind apart). Tags and zones are bounded by
  // the vocabularies; projects by the published ones that were ever among the newest of a tag or zone.
  const codes = {
    tags: new Map<string, number>(),
    zones: new Map<string, number>(),
    ids: new Map<string, number>(),
  };
  let passes = 0;
  let seenIn = new Int32Array(1024);
  const code = (kind: Field | "ids", value: string): number => {
    const map = codes[kind];
    let n = map.get(value);
    if (n === undefined) map.set(value, (n = map.size));
    return n;
  };

  async function load(field: Field, value: string | Types.ObjectId): Promise<Candidate[]> {
    const rows = await ProjectModel.find(
      { [field]: value, status: "published", deletedAt: null },
      { ...LIST_PROJECTION, sortTitle: 1 },
    )
      .sort({ startDate: -1, _id: -1 })
      .hint({ [field]: 1, status: 1, deletedAt: 1, startDate: -1, _id: -1 })
      .limit(RELATED_CANDIDATES)
      .lean<(StoredProject & { sortTitle?: string })[]>();
    return rows.map((row) => {
      const listed = listedViewOf(row);
      return {
        id: listed.id,
        idCode: code("ids", listed.id),
        tagCodes: listed.tags.map((t) => code("tags", t)),
        zoneCodes: listed.zones.map((z) => code("zones", z)),
        sortTitle: row.sortTitle ?? "",
        listed,
      };
    });
  }

  /** The newest published projects with this tag or zone; one read per list, however many ask at once. */
  function candidates(field: Field, value: string | Types.ObjectId): Promise<Candidate[]> {
    return remembered(lists, `${field}|${String(value)}`, () => load(field, value));
  }

  async function of(
    project: Pick<ProjectView, "id" | "tags" | "zones">,
    limit = 5,
  ): Promise<ListedProject[]> {
    const { tags, zones } = project;
    const found = await Promise.all([
      ...tags.map((t) => candidates("tags", t)),
      ...zones.map((z) => candidates("zones", z)),
    ]);
    const tagCodes = tags.map((t) => code("tags", t));
    const zoneCodes = zones.map((z) => code("zones", z));
    // A project is in the list of each tag and zone it has: scored once. Synchronous from here on, so
    // this pass's number marks what it has met.
    if (passes === 2 ** 31 - 1) {
      passes = 0; // the marks are 32-bit: start again from a clean slate
      seenIn.fill(0);
    }
    const pass = ++passes;
    if (seenIn.length < codes.ids.size) {
      const grown = new Int32Array(Math.max(codes.ids.size, seenIn.length * 2));
      grown.set(seenIn);
      seenIn = grown;
    }
    const selfCode = codes.ids.get(project.id);
    if (selfCode !== undefined) seenIn[selfCode] = pass;
    // The best `limit` so far, best first: more shared (a tag counts twice), then by title, then by id.
    // (hasCode() rather than includes(), a mark rather than a Set: this runs for every candidate of
    // every page.)
    const best: Candidate[] = [];
    const scores: number[] = [];
    for (const list of found) {
      for (const c of list) {
        if (seenIn[c.idCode] === pass) continue;
        seenIn[c.idCode] = pass;
        let score = 0;
        for (const t of c.tagCodes) if (hasCode(tagCodes, t)) score += 2;
        for (const z of c.zoneCodes) if (hasCode(zoneCodes, z)) score += 1;
        const ranksBefore = (i: number) => {
          const other = best[i]!;
          const s = scores[i]!;
          if (score !== s) return score > s;
          if (c.sortTitle !== other.sortTitle) return c.sortTitle < other.sortTitle;
          return c.id < other.id;
        };
        if (best.length === limit && !ranksBefore(limit - 1)) continue;
        let i = best.length;
        while (i > 0 && ranksBefore(i - 1)) i--;
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
