// Projects in lists, shared by the catalogue's pages (browse, project, theme, zone and tag pages) and the
// term indexes: a project's card, a list of cards, its pager labels, the count and status badges.
import type { ComponentChildren } from "preact";
import { CONTENT_LANG } from "./content-lang";
import { usePage } from "../page-context";
import type { MessageKey } from "../../src/web/i18n/index";
import type { TagIndex, Vocabulary } from "../../src/modules/taxonomy/taxonomy.types";
import { labelOf } from "../../src/modules/taxonomy/taxonomy.types";
import type { ListedProject } from "../../src/modules/projects/project.view";
import type { PagerLabels } from "./Pager";

/** What pages need to show vocabulary keys and tag ids as labels. */
export interface Labels {
  vocab: Vocabulary;
  tags: TagIndex;
}

export function StatusBadge(props: { status: string; deleted?: boolean }) {
  const { t } = usePage();
  return (
    <>
      <span class={`badge atl-status atl-status-${props.status}`}>
        {t(`projects.status.${props.status}` as MessageKey)}
      </span>
      {props.deleted ? (
        <span class="badge atl-status atl-status-deleted ms-1">{t("projects.deleted")}</span>
      ) : null}
    </>
  );
}

export function DemoBadge() {
  const { t } = usePage();
  return (
    <span class="badge atl-demo" title={t("projects.demo.note")}>
      {t("projects.demo")}
    </span>
  );
}

export function countLabel(t: ReturnType<typeof usePage>["t"], n: number): string {
  return t.plural("projects.count", n);
}

/** One project in a list: title, period, themes and zones, badges. */
export function ProjectCard(props: { project: ListedProject; labels: Labels; headingLevel?: 2 | 3 }) {
  const { lang, user } = usePage();
  const p = props.project;
  const Heading = props.headingLevel === 3 ? "h3" : "h2";
  const themes = (p.themes ?? []).map((k) => props.labels.vocab.get("theme", k)).filter((x) => !!x);
  const zones = (p.zones ?? []).map((k) => props.labels.vocab.get("zone", k)).filter((x) => !!x);
  const years = [p.startDate?.getUTCFullYear(), p.endDate?.getUTCFullYear()].filter(Boolean);
  return (
    <article class="atl-project-card">
      <Heading class="h5 mb-1">
        <a href={`/projects/${p.slug}`} lang={CONTENT_LANG}>
          {p.title}
        </a>
      </Heading>
      <p class="small text-muted mb-1">
        {p.leadOrganisation ? <span>{p.leadOrganisation}</span> : null}
        {years.length ? <span> · {[...new Set(years)].join("–")}</span> : null}
        {zones.length ? <span> · {zones.map((z) => labelOf(z, lang)).join(", ")}</span> : null}
      </p>
      {p.summary ? (
        <p class="mb-1" lang={CONTENT_LANG}>
          {p.summary}
        </p>
      ) : null}
      <p class="mb-0">
        {p.demo ? <DemoBadge /> : null}
        {user && p.status !== "published" ? <StatusBadge status={p.status} /> : null}
        {themes.map((th) => (
          <a key={th.key} class="badge atl-chip" href={`/themes/${th.key}`}>
            {labelOf(th, lang)}
          </a>
        ))}
      </p>
    </article>
  );
}

export function ProjectList(props: {
  items: ListedProject[];
  labels: Labels;
  headingLevel?: 2 | 3;
  empty?: ComponentChildren;
  /** Each item's ProjectCard already rendered (same order), e.g. kept from earlier pages. */
  cards?: string[];
}) {
  const { t } = usePage();
  const { cards } = props;
  if (props.items.length === 0) return <p>{props.empty ?? t("projects.none")}</p>;
  return (
    <ul class="list-unstyled atl-project-list">
      {props.items.map((p, i) =>
        cards?.[i] !== undefined ? (
          <li key={p.id} dangerouslySetInnerHTML={{ __html: cards[i] }} />
        ) : (
          <li key={p.id}>
            <ProjectCard project={p} labels={props.labels} headingLevel={props.headingLevel} />
          </li>
        ),
      )}
    </ul>
  );
}

/** The catalogue's lists page with "page n of m" between the previous and next links. */
export const PROJECTS_PAGER: PagerLabels = {
  previous: "projects.prev",
  next: "projects.next",
  page: "projects.page",
  nav: "projects.pagination",
};
