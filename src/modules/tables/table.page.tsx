// A table's page body: its guiding questions with the newest notes of each kind, the counts and their
// charts, the projects and the sessions. The same for every reader, so it is rendered once per table,
// question and language and kept (as a compressed fragment) until a note, project, vocabulary or event
// changes here, or for TABLE_MS at most.
import { renderToString } from "preact-render-to-string";
import { ExpiringMap } from "../../infra/expiring-map";
import { HtmlFragment } from "../../web/fragments";
import { translator, type Lang, type Translate } from "../../web/i18n/index";
import { anonymousContext, PageContext } from "../../../views/page-context";
import type { ChartBlock } from "../../../views/tables/Chart";
import { TableBody, type QuestionBlock, type SessionSummary } from "../../../views/tables/TablePages";
import { KIND_KEY } from "../../../views/components/NoteCard";
import { labelOf, NOTE_KINDS, type TaxonomyService, type Term, type Vocabulary } from "../taxonomy/index";
import { chartSvg, type ChartRow } from "./charts";
import { TABLE_MS, type Count, type NoteCounts, type TableData, type TablesQueries } from "./tables.queries";

/** Colours of the kinds of note in the charts (contrast of at least 3:1 on white). */
const KIND_COLORS = {
  worked: "#00784d",
  worked_less: "#a35a00",
  recommendation: "#0059b3",
  lesson: "#5c6f82",
};
const SUMMARY_ITEMS = 8;

/** "A: 3; B: 2; …" for a chart's description (the table has every number). */
function summary(t: Translate, items: { label: string; n: number }[]): string {
  const shown = items.slice(0, SUMMARY_ITEMS).map((i) => `${i.label}: ${i.n}`);
  const more = items.length - shown.length;
  return `${shown.join("; ")}${more > 0 ? `; ${t.plural("tables.chart.more", more)}` : ""}.`;
}

function countChart(
  t: Translate,
  id: string,
  kind: "zones" | "groups" | "years",
  items: { label: string; n: number }[],
): ChartBlock {
  const title = t(`tables.chart.${kind}.title`);
  return {
    id,
    title,
    svg: chartSvg({
      id: `${id}-svg`,
      title,
      description: t(`tables.chart.${kind}.desc`, { data: summary(t, items) }),
      rows: items,
      orientation: kind === "years" ? "vertical" : "horizontal",
      countLabel: t("tables.chart.count"),
    }),
    columns: [t("tables.chart.col.label"), t("tables.chart.col.count")],
    rows: items.map((i) => [i.label, i.n]),
  };
}

function labelled(vocab: Vocabulary, kind: "zone" | "targetGroup", counts: Count[], lang: Lang) {
  return counts.map((c) => {
    const term = vocab.get(kind, c.key);
    return { label: term ? labelOf(term, lang) : c.key, n: c.n };
  });
}

function kindsChart(t: Translate, id: string, theme: Term, counts: NoteCounts): ChartBlock {
  const title = t("tables.chart.kinds.title");
  const label = (q: string | null) => {
    const i = theme.guidingQuestions.findIndex((g) => g.id === q);
    return i >= 0 ? t("tables.table.question", { n: i + 1 }) : t("tables.table.noQuestion");
  };
  const ordered = [...counts.byQuestion].sort((a, b) => {
    const ia = theme.guidingQuestions.findIndex((g) => g.id === a.question);
    const ib = theme.guidingQuestions.findIndex((g) => g.id === b.question);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
  });
  const rows: ChartRow[] = ordered.flatMap((q) =>
    NOTE_KINDS.map((k) => ({ label: label(q.question), n: q.byKind[k], series: t(KIND_KEY[k]) })),
  );
  return {
    id,
    title,
    svg: chartSvg({
      id: `${id}-svg`,
      title,
      description: t("tables.chart.kinds.desc", {
        data: summary(
          t,
          ordered.map((q) => ({ label: label(q.question), n: q.total })),
        ),
      }),
      rows: rows.filter((r) => r.n > 0),
      orientation: "horizontal",
      countLabel: t("tables.chart.count"),
      series: NOTE_KINDS.map((k) => ({ name: t(KIND_KEY[k]), color: KIND_COLORS[k] })),
    }),
    columns: [
      t("tables.chart.col.question"),
      ...NOTE_KINDS.map((k) => t(KIND_KEY[k])),
      t("tables.chart.col.total"),
    ],
    rows: ordered.map((q) => [label(q.question), ...NOTE_KINDS.map((k) => q.byKind[k]), q.total]),
  };
}

function chartsOf(
  t: Translate,
  lang: Lang,
  vocab: Vocabulary,
  theme: Term,
  counts: NoteCounts,
  prefix: string,
  withKinds: boolean,
) {
  return [
    ...(withKinds ? [kindsChart(t, `${prefix}-kinds`, theme, counts)] : []),
    countChart(t, `${prefix}-zones`, "zones", labelled(vocab, "zone", counts.byZone, lang)),
    countChart(t, `${prefix}-groups`, "groups", labelled(vocab, "targetGroup", counts.byTargetGroup, lang)),
    countChart(
      t,
      `${prefix}-years`,
      "years",
      counts.byYear.map((y) => ({ label: y.key, n: y.n })),
    ),
  ];
}

function questionBlocks(data: TableData, theme: Term, lang: Lang, t: Translate): QuestionBlock[] {
  const block = (id: string | null, number: number | null, text: string): QuestionBlock => ({
    id,
    number,
    text,
    counts: data.questionCounts.get(id) ?? emptyCounts(),
    newest: NOTE_KINDS.map((kind) => ({
      kind,
      notes: data.newest.filter((n) => (n.view.note.question ?? null) === id && n.view.note.kind === kind),
    })),
  });
  const blocks = theme.guidingQuestions.map((q, i) => block(q.id, i + 1, lang === "en" ? q.en : q.it));
  // Notes that answer no question (or one no longer listed) come last.
  const known = new Set(theme.guidingQuestions.map((q) => q.id));
  if ([...data.questionCounts.keys()].some((q) => q === null || !known.has(q))) {
    blocks.push(block(null, null, t("tables.table.noQuestion")));
  }
  return blocks;
}

function emptyCounts(): NoteCounts {
  return {
    total: 0,
    withoutProject: 0,
    byKind: { worked: 0, worked_less: 0, recommendation: 0, lesson: 0 },
    byQuestion: [],
    byZone: [],
    byTargetGroup: [],
    byYear: [],
    projects: [],
  };
}

export function createTablePages(deps: {
  queries: TablesQueries;
  taxonomy: TaxonomyService;
  sessionsOfTheme: (theme: string) => Promise<SessionSummary[]>;
}) {
  const bodies = new ExpiringMap<HtmlFragment>(TABLE_MS, 200);
  const clear = () => {
    deps.queries.clear();
    bodies.clear();
  };
  deps.taxonomy.onChange(clear);

  return {
    clear,
    /** The rendered body of a table's page (narrowed to a guiding question when given). */
    async body(theme: Term, number: number, question: string | undefined, lang: Lang): Promise<HtmlFragment> {
      const key = `${theme.key}|${question ?? ""}|${lang}`;
      const hit = bodies.get(key);
      if (hit) return hit;
      const epoch = bodies.epoch;
      const [data, vocab, tags, sessions] = await Promise.all([
        deps.queries.table(theme.key),
        deps.taxonomy.vocabulary(),
        deps.taxonomy.tags(),
        deps.sessionsOfTheme(theme.key),
      ]);
      const t = translator(lang);
      const questions = questionBlocks(data, theme, lang, t);
      const focus = question ? questions.find((q) => q.id === question) : undefined;
      const counts = focus?.counts ?? data.counts;
      const prefix = `chart-${theme.key}${focus ? `-${focus.id}` : ""}`;
      const html = renderToString(
        <PageContext.Provider value={anonymousContext(lang)}>
          <TableBody
            theme={theme}
            number={number}
            focus={focus}
            counts={data.counts}
            questions={questions}
            charts={chartsOf(t, lang, vocab, theme, counts, prefix, !focus)}
            labels={{ vocab, tags }}
            sessions={sessions}
          />
        </PageContext.Provider>,
      );
      const fragment = new HtmlFragment(html);
      // A change during the render cleared the cache: do not keep what may be stale.
      bodies.setIfSince(epoch, key, fragment);
      return fragment;
    },
  };
}

export type TablePages = ReturnType<typeof createTablePages>;
