// The first draft of a new report, from the proposal's groups (report.proposal.ts): one section per table
// and guiding question, with a sub-heading per kind, each group's shared features and its notes listed as
// citations; then a "recommendations" section listing the recommendation groups as items to rewrite.
import { markdownToText } from "../../web/markdown";
import type { Lang } from "../../web/i18n/define";
import type { Translate } from "../../web/i18n/index";
import { NOTE_KINDS, labelOf, type TaxonomyService } from "../taxonomy/index";
import type { TableNoteQueries } from "../notes/index";
import type { ProjectRefs } from "../projects/index";
import { proposeGroups, type Feature, type ProposalNote, type ProposalPart } from "./report.proposal";
import { SECTION_BODY_MAX, type ReportSnapshot } from "./report.model";
import type { ReportScope } from "./report.service";

/** At most this many notes feed a proposal (the newest); the docs say so. */
export const PROPOSAL_NOTES_MAX = 2000;

/** What a proposal reads: the notes' grouping fields, their projects' zones. */
export interface ProposalDeps {
  notes: Pick<TableNoteQueries, "forProposal">;
  projects: Pick<ProjectRefs, "factsOf">;
}

/** Markdown list text: no line breaks, no characters that would start Markdown syntax or a citation. */
const inline = (s: string) =>
  s
    .replace(/\s+/g, " ")
    .replace(/([\\`*_[\]<>#|])/g, "\\$1")
    .trim();

/** A section's lines within SECTION_BODY_MAX: a large scope's draft lists as many notes as fit. */
function fitted(lines: string[], t: Translate): string {
  const out: string[] = [];
  let size = 0;
  for (const [i, line] of lines.entries()) {
    if (size + line.length + 1 > SECTION_BODY_MAX - 500) {
      out.push("", t("reports.draft.more", { n: lines.slice(i).filter((l) => l.startsWith("- ")).length }));
      break;
    }
    out.push(line);
    size += line.length + 1;
  }
  return out.join("\n").trim();
}

export async function loadProposalNotes(deps: ProposalDeps, scope: ReportScope): Promise<ProposalNote[]> {
  const filter =
    scope.kind === "table"
      ? { theme: scope.theme ?? "" }
      : scope.kind === "event"
        ? { event: scope.event ?? "" }
        : {};
  const rows = await deps.notes.forProposal(filter, PROPOSAL_NOTES_MAX);
  const facts = await deps.projects.factsOf(rows.map((r) => r.project));
  // A note on a project readers cannot see (a draft, deleted) is left out, as on the table pages.
  return rows.flatMap((r) => {
    const project = r.project ? facts.get(r.project) : undefined;
    if (r.project && !project) return [];
    return [
      {
        id: r.id,
        theme: r.theme,
        question: r.question,
        kind: r.kind,
        title: r.title,
        text: markdownToText(r.body),
        tags: r.tags,
        zones: project?.zones ?? [],
      },
    ];
  });
}

/** The proposal's parts for a scope, in the tables' and questions' order. */
export async function proposalFor(
  deps: ProposalDeps & { taxonomy: TaxonomyService },
  scope: ReportScope,
): Promise<ProposalPart[]> {
  const [notes, vocab] = await Promise.all([loadProposalNotes(deps, scope), deps.taxonomy.vocabulary()]);
  return proposeGroups(notes, {
    themes: vocab.themes.map((t) => t.key),
    questions: (theme) => vocab.get("theme", theme)?.guidingQuestions.map((q) => q.id) ?? [],
    kinds: NOTE_KINDS,
  });
}

/** The draft's content: a title, an introduction to rewrite and the sections of the proposal. */
export async function draftOf(
  deps: { taxonomy: TaxonomyService },
  parts: ProposalPart[],
  title: string,
  lang: Lang,
  t: Translate,
): Promise<ReportSnapshot> {
  const [vocab, tags] = await Promise.all([deps.taxonomy.vocabulary(), deps.taxonomy.tags()]);
  const featureText = (f: Feature) => {
    const label =
      f.type === "tag"
        ? (tags.byId.get(f.value) && labelOf(tags.byId.get(f.value)!, lang)) || f.value
        : f.type === "zone"
          ? (vocab.get("zone", f.value) && labelOf(vocab.get("zone", f.value)!, lang)) || f.value
          : f.value;
    return t(`reports.feature.${f.type}`, { label: inline(label), n: f.n });
  };
  const noteLine = (n: ProposalNote) => `- ${inline(n.title)} [@nota:${n.id}]`;
  const sections: ReportSnapshot["sections"] = [];
  const recommendations: string[] = [];
  const keyOf = (p: ProposalPart) => `${p.theme}|${p.question ?? ""}`;
  for (const key of [...new Set(parts.map(keyOf))]) {
    const ofKey = parts.filter((p) => keyOf(p) === key);
    const { theme, question } = ofKey[0]!;
    const term = vocab.get("theme", theme);
    const number = vocab.themes.findIndex((x) => x.key === theme) + 1;
    const q = term?.guidingQuestions.find((x) => x.id === question);
    const heading = `${t("tables.table.title", { n: number, label: term ? labelOf(term, lang) : theme })}${
      q ? `: ${lang === "en" && q.en ? q.en : q.it}` : ""
    }`;
    const lines: string[] = [t("reports.draft.write_here"), ""];
    for (const part of ofKey) {
      lines.push(`### ${t(`notes.kind.${part.kind}`)}`, "");
      part.groups.forEach((g, i) => {
        lines.push(
          `**${t("reports.draft.group", { n: i + 1 })}** (${g.features.map(featureText).join(", ")})`,
          "",
          ...g.notes.map(noteLine),
          "",
        );
        if (part.kind === "recommendation") {
          recommendations.push(
            `- ${t("reports.draft.recommendation_todo")} ${g.notes.map((n) => `[@nota:${n.id}]`).join(" ")}`,
          );
        }
      });
      if (part.ungrouped.length > 0) {
        lines.push(`**${t("reports.draft.ungrouped")}**`, "", ...part.ungrouped.map(noteLine), "");
        if (part.kind === "recommendation") {
          for (const n of part.ungrouped) recommendations.push(`- ${inline(n.title)} [@nota:${n.id}]`);
        }
      }
    }
    sections.push({ heading: heading.slice(0, 200), kind: "text", body: fitted(lines, t) });
  }
  sections.push({
    heading: t("reports.draft.recommendations"),
    kind: "recommendations",
    body: fitted(recommendations, t),
  });
  return { title, summary: t("reports.draft.summary"), sections };
}
