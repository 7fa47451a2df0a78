import { Layout } from "../layout/Layout";
import { usePage } from "../page-context";
import type { MessageKey } from "../../src/web/i18n/index";
import { labelOf } from "../../src/modules/taxonomy/taxonomy.types";
import type { Facets, ListedProject, SortName } from "../../src/modules/projects/project.view";
import { Pager, pageHref } from "../components/Pager";
import { countLabel, ProjectList, PROJECTS_PAGER, type Labels } from "../components/ProjectList";

export interface BrowseQuery {
  theme?: string;
  tag?: string;
  zone?: string;
  target?: string;
  year?: string;
  status?: string;
  sort?: SortName;
}

export function browseHref(q: BrowseQuery, page = 1): string {
  return pageHref("/projects", q, page);
}

interface Option {
  value: string;
  label: string;
  count: number;
}

function FacetSelect(props: { name: string; label: MessageKey; options: Option[]; selected?: string }) {
  const { t } = usePage();
  const id = `filter-${props.name}`;
  return (
    <div class="select-wrapper mb-3">
      <label for={id}>{t(props.label)}</label>
      <select id={id} name={props.name}>
        <option value="">{t("projects.filter.any")}</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === props.selected}>
            {`${o.label} (${o.count})`}
          </option>
        ))}
      </select>
    </div>
  );
}

export function BrowsePage(props: {
  query: BrowseQuery;
  items: ListedProject[];
  facets: Facets;
  page: number;
  pages: number;
  labels: Labels;
  curator: boolean;
}) {
  const { t, lang } = usePage();
  const { vocab, tags } = props.labels;
  const f = props.facets;
  const q = props.query;
  const opts = (
    terms: { key: string; label_it: string; label_en: string }[],
    counts: Map<string, number>,
    selected?: string,
  ): Option[] =>
    terms
      .filter((term) => (counts.get(term.key) ?? 0) > 0 || term.key === selected)
      .map((term) => ({ value: term.key, label: labelOf(term, lang), count: counts.get(term.key) ?? 0 }));
  const tagOptions: Option[] = tags.all
    .filter((tag) => (f.tags.get(tag.id) ?? 0) > 0 || tag.slug === q.tag)
    .map((tag) => ({ value: tag.slug, label: labelOf(tag, lang), count: f.tags.get(tag.id) ?? 0 }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  const yearOptions: Option[] = [...f.years.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([y, n]) => ({ value: String(y), label: String(y), count: n }));
  const statusOptions: Option[] = ["draft", "in_review", "published", "archived"].map((s) => ({
    value: s,
    label: t(`projects.status.${s}` as MessageKey),
    count: f.statuses.get(s) ?? 0,
  }));
  const active = Object.entries(q).filter(([k, v]) => v && k !== "sort");
  return (
    <Layout title={t("projects.title")} description={t("projects.lead")}>
      <div class="container my-4">
        <div class="d-flex flex-wrap justify-content-between align-items-center">
          <h1>{t("projects.title")}</h1>
          {props.curator ? (
            <a class="btn btn-primary" href="/projects/new">
              {t("projects.new")}
            </a>
          ) : null}
        </div>
        <p class="lead">{t("projects.lead")}</p>
        <div class="row">
          <div class="col-lg-4">
            <form method="get" action="/projects" class="atl-filters" aria-labelledby="filters-title">
              <h2 class="h4" id="filters-title">
                {t("projects.filters")}
              </h2>
              <FacetSelect
                name="theme"
                label="projects.filter.theme"
                options={opts(vocab.themes, f.themes, q.theme)}
                selected={q.theme}
              />
              <FacetSelect name="tag" label="projects.filter.tag" options={tagOptions} selected={q.tag} />
              <FacetSelect
                name="zone"
                label="projects.filter.zone"
                options={opts(vocab.zones, f.zones, q.zone)}
                selected={q.zone}
              />
              <FacetSelect
                name="target"
                label="projects.filter.target"
                options={opts(vocab.targetGroups, f.targetGroups, q.target)}
                selected={q.target}
              />
              <FacetSelect name="year" label="projects.filter.year" options={yearOptions} selected={q.year} />
              {props.curator ? (
                <div class="select-wrapper mb-3">
                  <label for="filter-status">{t("projects.filter.status")}</label>
                  <select id="filter-status" name="status">
                    <option value="">{t("projects.status.published")}</option>
                    <option value="all" selected={q.status === "all"}>
                      {t("projects.status.all")}
                    </option>
                    <option value="deleted" selected={q.status === "deleted"}>
                      {t("projects.deleted")}
                    </option>
                    {statusOptions
                      .filter((o) => o.value !== "published")
                      .map((o) => (
                        <option key={o.value} value={o.value} selected={o.value === q.status}>
                          {o.label}
                        </option>
                      ))}
                  </select>
                </div>
              ) : null}
              <div class="select-wrapper mb-3">
                <label for="filter-sort">{t("projects.sort")}</label>
                <select id="filter-sort" name="sort">
                  {(["start", "title", "updated"] as const).map((s) => (
                    <option key={s} value={s} selected={(q.sort ?? "start") === s}>
                      {t(`projects.sort.${s}`)}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" class="btn btn-primary">
                {t("projects.filter.apply")}
              </button>
              {active.length > 0 ? (
                <p class="mt-3">
                  <a href={browseHref({ sort: q.sort })}>{t("projects.filter.clear")}</a>
                </p>
              ) : null}
            </form>
          </div>
          <section class="col-lg-8" aria-labelledby="results-title">
            <h2 class="h4" id="results-title" aria-live="polite">
              {countLabel(t, f.total)}
            </h2>
            <ProjectList items={props.items} labels={props.labels} headingLevel={3} />
            <Pager
              page={props.page}
              pages={props.pages}
              href={(p) => browseHref(q, p)}
              labels={PROJECTS_PAGER}
              current="item"
            />
          </section>
        </div>
      </div>
    </Layout>
  );
}
