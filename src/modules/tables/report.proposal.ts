// The first draft Atlante proposes for a report: the published notes of its scope, per table and guiding
// question, per kind, in groups of notes that say similar things. Deterministic and explainable (see
// docs/reports.md): each note gets features (its tags, its project's zones, and its salient terms: the 5
// words of its title and body with the highest tf-idf over the scope's notes, after Italian stop words);
// two notes of the same (table, question, kind) are linked when their shared features score at least 2
// (a shared tag counts 2, a shared zone or salient term 1); groups are the linked notes (connected
// components). A group is named by the features most of its notes share.
import stopWordList from "../../seed/data/stopwords-it.json";
import type { NoteKind } from "../taxonomy/index";

export interface ProposalNote {
  id: string;
  theme: string;
  question: string | null;
  kind: NoteKind;
  title: string;
  /** Plain text of the body. */
  text: string;
  tags: string[];
  zones: string[];
}

export type FeatureType = "tag" | "zone" | "term";
export interface Feature {
  type: FeatureType;
  value: string;
  /** How many notes of the group have it. */
  n: number;
}

export interface ProposalGroup {
  features: Feature[];
  notes: ProposalNote[];
}

export interface ProposalPart {
  theme: string;
  question: string | null;
  kind: NoteKind;
  groups: ProposalGroup[];
  /** Notes linked to no other. */
  ungrouped: ProposalNote[];
}

export const TERMS_PER_NOTE = 5;
export const LINK_THRESHOLD = 2;
const WEIGHT: Record<FeatureType, number> = { tag: 2, zone: 1, term: 1 };
const STOP = new Set(stopWordList.map((w) => w.toLowerCase()));

/** Lower-case words of at least 4 letters that are not stop words (elisions such as "dell'" cut off). */
export function wordsOf(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}][\p{L}'’]*/gu) ?? [])
    .map((w) => w.replace(/^[\p{L}]{1,5}['’]/u, "").replace(/['’]/g, ""))
    .filter((w) => w.length >= 4 && !STOP.has(w));
}

/** Each note's salient terms: its TERMS_PER_NOTE words of highest tf-idf over all the notes given. */
export function salientTerms(notes: ProposalNote[]): Map<string, string[]> {
  const words = new Map(notes.map((n) => [n.id, wordsOf(`${n.title} ${n.text}`)]));
  const df = new Map<string, number>();
  for (const list of words.values()) for (const w of new Set(list)) df.set(w, (df.get(w) ?? 0) + 1);
  const out = new Map<string, string[]>();
  for (const [id, list] of words) {
    const tf = new Map<string, number>();
    for (const w of list) tf.set(w, (tf.get(w) ?? 0) + 1);
    const scored = [...tf].map(([w, f]) => ({ w, s: f * Math.log(notes.length / df.get(w)!) }));
    // Words every note uses say nothing about a group.
    scored.sort((a, b) => b.s - a.s || a.w.localeCompare(b.w));
    out.set(
      id,
      scored
        .filter((x) => x.s > 0)
        .slice(0, TERMS_PER_NOTE)
        .map((x) => x.w),
    );
  }
  return out;
}

function featuresOf(note: ProposalNote, terms: string[]): Set<string> {
  return new Set([
    ...note.tags.map((t) => `tag:${t}`),
    ...note.zones.map((z) => `zone:${z}`),
    ...terms.map((w) => `term:${w}`),
  ]);
}

const typeOf = (f: string) => f.slice(0, f.indexOf(":")) as FeatureType;

/** The score of what two notes share (tags 2, zones and salient terms 1 each). */
function score(a: Set<string>, b: Set<string>): number {
  let s = 0;
  for (const f of a) if (b.has(f)) s += WEIGHT[typeOf(f)];
  return s;
}

function groupsOf(notes: ProposalNote[], features: Map<string, Set<string>>) {
  const parent = notes.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (let i = 0; i < notes.length; i++) {
    for (let j = i + 1; j < notes.length; j++) {
      if (score(features.get(notes[i]!.id)!, features.get(notes[j]!.id)!) >= LINK_THRESHOLD) {
        const [a, b] = [find(i), find(j)];
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
  }
  const members = new Map<number, ProposalNote[]>();
  notes.forEach((n, i) => members.set(find(i), [...(members.get(find(i)) ?? []), n]));
  const groups: ProposalGroup[] = [];
  const ungrouped: ProposalNote[] = [];
  for (const list of members.values()) {
    if (list.length === 1) {
      ungrouped.push(list[0]!);
      continue;
    }
    const counts = new Map<string, number>();
    for (const n of list) for (const f of features.get(n.id)!) counts.set(f, (counts.get(f) ?? 0) + 1);
    const order: FeatureType[] = ["tag", "zone", "term"];
    const shared = [...counts]
      .filter(([, c]) => c >= 2)
      .sort(
        ([fa, ca], [fb, cb]) =>
          cb - ca || order.indexOf(typeOf(fa)) - order.indexOf(typeOf(fb)) || fa.localeCompare(fb),
      )
      .slice(0, 4)
      .map(([f, n]) => ({ type: typeOf(f), value: f.slice(f.indexOf(":") + 1), n }));
    groups.push({ features: shared, notes: list });
  }
  groups.sort((a, b) => b.notes.length - a.notes.length || a.notes[0]!.id.localeCompare(b.notes[0]!.id));
  return { groups, ungrouped };
}

/**
 * Groups notes per (table, guiding question, kind), in the order of `themes`, of each table's
 * `questions` (notes without a question last) and of `kinds`. Same input, same output.
 */
export function proposeGroups(
  input: ProposalNote[],
  order: { themes: string[]; questions: (theme: string) => string[]; kinds: readonly NoteKind[] },
): ProposalPart[] {
  const notes = [...input].sort((a, b) => a.id.localeCompare(b.id));
  const terms = salientTerms(notes);
  const features = new Map(notes.map((n) => [n.id, featuresOf(n, terms.get(n.id) ?? [])]));
  const parts: ProposalPart[] = [];
  for (const theme of order.themes) {
    const ofTheme = notes.filter((n) => n.theme === theme);
    if (ofTheme.length === 0) continue;
    const known = order.questions(theme);
    const questions: (string | null)[] = [...known, null];
    for (const question of questions) {
      const ofQuestion = ofTheme.filter((n) =>
        question === null ? !n.question || !known.includes(n.question) : n.question === question,
      );
      for (const kind of order.kinds) {
        const list = ofQuestion.filter((n) => n.kind === kind);
        if (list.length === 0) continue;
        parts.push({ theme, question, kind, ...groupsOf(list, features) });
      }
    }
  }
  return parts;
}
