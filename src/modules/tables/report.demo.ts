// Demo content: two fictional synthesis reports of the demo seminar ("esempio"), loaded on first start
// after the seminar: a published one of the whole event and a draft of its first table, both made from
// the proposed draft (so they cite the seminar's example contributions). Loading again adds nothing.
import type { Logger } from "../../infra/logger";
import { translator } from "../../web/i18n/index";
import { SYSTEM_ACTOR } from "../accounts/index";
import type { TaxonomyService } from "../taxonomy/index";
import { draftOf, proposalFor, type ProposalDeps } from "./report.draft";
import { EventModel } from "./event.model";
import { ReportModel } from "./report.model";
import type { ReportService } from "./report.service";
import { demoRecommendationsBody } from "./register.demo";

const PUBLISHED_KEY = "demo-report-seminar-2021";
const DRAFT_KEY = "demo-report-seminar-2021-table-1";

const INTRO =
  "Esempio: questo rapporto e le note che cita sono inventati, per mostrare come funziona Atlante.\n\n" +
  "Il 17 settembre 2021 più di 60 operatrici e operatori si sono confrontati online in quattro tavoli di lavoro. " +
  "Questa sintesi raccoglie ciò che è emerso, domanda per domanda, e le raccomandazioni per i piani integrati zonali.";

export async function seedDemoReports(
  deps: ProposalDeps & { reports: ReportService; taxonomy: TaxonomyService },
  eventKey: string,
  logger?: Logger,
): Promise<{ created: number }> {
  const event = await EventModel.findOne({ demoKey: eventKey, deletedAt: null }, { _id: 1 }).lean();
  if (!event) return { created: 0 };
  const eventId = String(event._id);
  const t = translator("it");
  let created = 0;
  if (!(await ReportModel.exists({ demoKey: PUBLISHED_KEY }))) {
    const scope = { kind: "event" as const, event: eventId };
    const parts = await proposalFor(deps, scope);
    const draft = await draftOf(
      { taxonomy: deps.taxonomy },
      parts,
      "Sintesi dei tavoli di lavoro del seminario (esempio)",
      "it",
      t,
    );
    // Recommendations written out (the draft only lists what to write them from), for the register's demo.
    const themes = (await deps.taxonomy.vocabulary()).themes.map((th) => th.key);
    const sections = draft.sections.map((s) =>
      s.kind === "recommendations" ? { ...s, body: demoRecommendationsBody(parts, themes) } : s,
    );
    const doc = await deps.reports.create(SYSTEM_ACTOR, {
      scope,
      content: { ...draft, sections, summary: INTRO },
      demoKey: PUBLISHED_KEY,
    });
    const review = await deps.reports.transition(SYSTEM_ACTOR, doc.slug, "submit", doc.version);
    await deps.reports.transition(SYSTEM_ACTOR, doc.slug, "publish", review.version);
    created++;
  }
  if (!(await ReportModel.exists({ demoKey: DRAFT_KEY }))) {
    const vocab = await deps.taxonomy.vocabulary();
    const theme = vocab.themes[0]?.key;
    if (theme) {
      const scope = { kind: "table" as const, theme };
      const draft = await draftOf(
        { taxonomy: deps.taxonomy },
        await proposalFor(deps, scope),
        "Bozza: sintesi del tavolo 1 (esempio)",
        "it",
        t,
      );
      await deps.reports.create(SYSTEM_ACTOR, { scope, content: draft, demoKey: DRAFT_KEY });
      created++;
    }
  }
  if (created > 0) logger?.info({ created }, "demo synthesis reports loaded");
  return { created };
}

/** The slug of the published demo report of the seminar, or null. */
export async function demoReportSlug(): Promise<string | null> {
  const doc = await ReportModel.findOne(
    { demoKey: PUBLISHED_KEY, publishedVersion: { $ne: null } },
    { slug: 1 },
  ).lean();
  return doc?.slug ?? null;
}
