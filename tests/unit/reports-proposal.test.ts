// The draft proposal's grouping (report.proposal.ts) on a small fixture, and the citation syntax.
import {
  proposeGroups,
  salientTerms,
  wordsOf,
  type ProposalNote,
} from "../../src/modules/tables/report.proposal";
import {
  citationsOf,
  substituteCitations,
  byKey,
  type Reference,
} from "../../src/modules/tables/report.citations";
import { recommendationItems } from "../../src/modules/tables/report.queries";

const note = (id: string, over: Partial<ProposalNote>): ProposalNote => ({
  id,
  theme: "t1",
  question: "q1",
  kind: "worked",
  title: "",
  text: "",
  tags: [],
  zones: [],
  ...over,
});

const ORDER = {
  themes: ["t1", "t2"],
  questions: () => ["q1", "q2"],
  kinds: ["worked", "recommendation"] as const,
};

const FIXTURE: ProposalNote[] = [
  note("a1", {
    title: "Mediazione linguistica a scuola",
    text: "I mediatori in classe con le famiglie.",
    tags: ["med"],
  }),
  note("a2", {
    title: "Mediatori per i colloqui",
    text: "Colloqui con le famiglie e i mediatori.",
    tags: ["med"],
  }),
  note("a3", {
    title: "Diario di bordo",
    text: "Un diario di bordo condiviso fra operatori.",
    zones: ["pisana"],
  }),
  note("a4", {
    title: "Il diario settimanale",
    text: "Diario di bordo letto ogni settimana.",
    zones: ["pisana"],
  }),
  note("a5", { title: "Sportello casa", text: "Orientamento abitativo per nuclei arrivati da poco." }),
  note("a6", { title: "Mediazione", text: "Mediazione anche qui.", tags: ["med"], kind: "recommendation" }),
  note("a7", { title: "Altra domanda", text: "Colloqui.", tags: ["med"], question: "q2" }),
];

describe("the draft proposal", () => {
  test("When notes share a tag, or a zone and a salient word, then they form a group; a note that shares little stays apart", () => {
    const parts = proposeGroups(FIXTURE, ORDER);
    expect(parts.map((p) => `${p.theme}/${p.question}/${p.kind}`)).toEqual([
      "t1/q1/worked",
      "t1/q1/recommendation",
      "t1/q2/worked",
    ]);
    const first = parts[0]!;
    expect(first.groups.map((g) => g.notes.map((n) => n.id))).toEqual([
      ["a1", "a2"],
      ["a3", "a4"],
    ]);
    expect(first.ungrouped.map((n) => n.id)).toEqual(["a5"]);
    expect(first.groups[0]!.features[0]).toEqual({ type: "tag", value: "med", n: 2 });
    expect(first.groups[1]!.features).toEqual(
      expect.arrayContaining([
        { type: "zone", value: "pisana", n: 2 },
        { type: "term", value: "diario", n: 2 },
      ]),
    );
    // Kinds and questions are never mixed: a6 and a7 share the tag but not the kind or the question.
    expect(parts[1]!.ungrouped.map((n) => n.id)).toEqual(["a6"]);
    expect(parts[2]!.ungrouped.map((n) => n.id)).toEqual(["a7"]);
  });

  test("When the same notes come in another order, then the proposal is the same", () => {
    expect(proposeGroups([...FIXTURE].reverse(), ORDER)).toEqual(proposeGroups(FIXTURE, ORDER));
  });

  test("When a zone alone is shared, then the notes are not grouped (it scores 1 of the 2 needed)", () => {
    const parts = proposeGroups(
      [
        note("b1", { title: "Corsi serali", zones: ["z"] }),
        note("b2", { title: "Sportello legale", zones: ["z"] }),
      ],
      ORDER,
    );
    expect(parts[0]!.groups).toEqual([]);
  });

  test("When words are counted, then stop words, short words and elisions are left out", () => {
    expect(wordsOf("Dell'integrazione nelle scuole e per gli alunni")).toEqual([
      "integrazione",
      "scuole",
      "alunni",
    ]);
    const terms = salientTerms([
      note("c1", { title: "scuole scuole progetto" }),
      note("c2", { title: "famiglie progetto" }),
    ]);
    expect(terms.get("c1")).toEqual(["scuole"]);
  });
});

describe("the citation syntax", () => {
  test("When a text cites notes and projects, then they are found once each, in order, in Italian or English", () => {
    expect(
      citationsOf(["a [@nota:abc] b [@progetto:sportello-1] c [@note:abc] [@project:x] [@altro:y] [@nota:]"]),
    ).toEqual([
      { kind: "note", ref: "abc" },
      { kind: "project", ref: "sportello-1" },
      { kind: "project", ref: "x" },
    ]);
  });

  test("When citations are substituted, then a source becomes a numbered link and a withdrawn one plain text", () => {
    const refs: Reference[] = [
      { kind: "note", ref: "abc", n: 1, title: "T", href: "/notes/abc", withdrawn: false },
      { kind: "project", ref: "x", n: 2, title: "", href: null, withdrawn: true },
    ];
    expect(substituteCitations("a [@nota:abc] b [@progetto:x]", byKey(refs), (r) => r.href)).toBe(
      "a [\\[1\\]](/notes/abc) b \\[2\\]",
    );
  });

  test("When a recommendations section is read, then each top-level list item is one recommendation", () => {
    expect(recommendationItems("Intro\n- Uno [@nota:a]\n  continua\n* Due\n1. Tre\n\nfine")).toEqual([
      "Uno [@nota:a] continua",
      "Due",
      "Tre",
    ]);
  });
});
