import { usePage } from "../page-context";
import { CONTENT_LANG } from "../components/content-lang";
import type { MessageKey } from "../../src/web/i18n/index";
import type { Facet } from "../../src/modules/search/search.filters";
import type { SearchHit } from "../../src/modules/search/search.hits";
import { highlightSegments } from "../../src/modules/search/highlight";
import { searchUrl, withoutValue, type SearchState } from "./search-url";

export type Labels = Record<Facet, Map<string, string>>;

export const FACET_LABEL: Record<Facet, MessageKey> = {
  theme: "search.facet.theme",
  tag: "search.facet.tag",
  zone: "search.facet.zone",
  target: "search.facet.target",
  year: "search.facet.year",
  kind: "search.facet.kind",
};

/** Text with highlight markers as preact nodes: the text stays escaped, matches become <mark>. */
export function Highlighted(props: { text: string }) {
  return (
    <>
      {highlightSegments(props.text).map((seg, i) => (seg.mark ? <mark key={i}>{seg.text}</mark> : seg.text))}
    </>
  );
}

const label = (labels: Labels, facet: Facet, value: string) => labels[facet].get(value) ?? value;

/** One result: title, snippet with highlights (escaped HTML built by highlightToHtml), and facts at a glance. */
export function Hit(props: { hit: SearchHit; labels: Labels }) {
  const { t } = usePage();
  const { hit, labels } = props;
  const years = hit.years.length > 1 ? `${hit.years[0]}–${hit.years.at(-1)}` : String(hit.years[0] ?? "");
  return (
    <li class="atl-hit mb-4">
      <h3 class="h5 mb-1">
        <a href={hit.url} lang={CONTENT_LANG}>
          <Highlighted text={hit.marked.title} />
        </a>
        {hit.type !== "project" ? (
          <span class="badge bg-primary ms-2">{t(`search.type.${hit.type}` as MessageKey)}</span>
        ) : null}
        {hit.status !== "published" ? (
          <span class="badge bg-secondary ms-2">{t(`search.status.${hit.status}` as MessageKey)}</span>
        ) : null}
      </h3>
      <p class="mb-1 atl-snippet" lang={CONTENT_LANG}>
        <Highlighted text={hit.marked.snippet} />
      </p>
      {hit.type === "note" && hit.projectTitle ? (
        <p class="small mb-1">
          {t("search.note.on", { project: hit.projectTitle })}
          {hit.kind ? ` · ${label(labels, "kind", hit.kind)}` : ""}
        </p>
      ) : null}
      {hit.type === "recommendation" ? (
        <p class="small mb-1">
          {hit.code ? <span class="me-2">{hit.code}</span> : null}
          {hit.reportTitle ? t("search.recommendation.from", { report: hit.reportTitle }) : ""}
        </p>
      ) : null}
      <ul class="list-inline small text-muted mb-0 atl-hit-facts">
        {hit.themes.map((v) => (
          <li class="list-inline-item" key={`t${v}`}>
            {label(labels, "theme", v)}
          </li>
        ))}
        {hit.zones.map((v) => (
          <li class="list-inline-item" key={`z${v}`}>
            {label(labels, "zone", v)}
          </li>
        ))}
        {years ? (
          <li class="list-inline-item">
            <span class="visually-hidden">{t("search.years")}: </span>
            {years}
          </li>
        ) : null}
        {hit.tags.map((v) => (
          <li class="list-inline-item" key={`g${v}`}>
            <span class="badge atl-tag">#{label(labels, "tag", v)}</span>
          </li>
        ))}
      </ul>
    </li>
  );
}

/** The selected filters, each removable by a link. */
export function SelectedFilters(props: { state: SearchState; labels: Labels }) {
  const { t } = usePage();
  const { state, labels } = props;
  const chips = (["theme", "tag", "zone", "target", "year", "kind"] as const).flatMap((facet) =>
    state[facet].map((v) => ({ facet, value: String(v) })),
  );
  if (chips.length === 0) return null;
  return (
    <div class="atl-selected mb-3">
      <h2 class="h6">{t("search.filters.selected")}</h2>
      <ul class="list-inline">
        {chips.map(({ facet, value }) => {
          const text = `${t(FACET_LABEL[facet])}: ${label(labels, facet, value)}`;
          return (
            <li class="list-inline-item mb-1" key={`${facet}:${value}`}>
              <a class="chip chip-simple atl-chip" href={withoutValue(state, facet, value)}>
                <span class="chip-label">{text}</span>
                <span aria-hidden="true"> ×</span>
                <span class="visually-hidden">{t("search.filters.remove", { label: text })}</span>
              </a>
            </li>
          );
        })}
        <li class="list-inline-item">
          <a href={searchUrl({ ...state, theme: [], tag: [], zone: [], target: [], year: [], kind: [] })}>
            {t("search.filters.clear")}
          </a>
        </li>
      </ul>
    </div>
  );
}

/** A facet as checkboxes of the GET form, with counts and a box to search its values (JS). */
export function FacetGroup(props: {
  facet: Facet;
  values: { value: string; count: number }[];
  state: SearchState;
  labels: Labels;
}) {
  const { t } = usePage();
  const { facet, state, labels } = props;
  const selected = new Set(state[facet].map(String));
  const values = [...props.values];
  for (const v of selected) if (!values.some((x) => x.value === v)) values.unshift({ value: v, count: 0 });
  if (values.length === 0) return null;
  const name = t(FACET_LABEL[facet]);
  return (
    <fieldset class="atl-facet mb-4" data-facet={facet}>
      <legend class="h6">{name}</legend>
      {values.length > 8 ? (
        <div class="form-group mb-2 atl-facet-search" hidden>
          <label class="visually-hidden" for={`fs-${facet}`}>
            {t("search.facet.search", { facet: name })}
          </label>
          <input
            type="search"
            id={`fs-${facet}`}
            class="form-control form-control-sm"
            placeholder={t("search.facet.search", { facet: name })}
          />
        </div>
      ) : null}
      <ul class="list-unstyled atl-facet-values">
        {values.map(({ value, count }) => {
          const id = `f-${facet}-${value}`.replace(/[^A-Za-z0-9_-]/g, "_");
          return (
            <li key={value} class="form-check">
              <input
                class="form-check-input"
                type="checkbox"
                name={facet}
                value={value}
                id={id}
                checked={selected.has(value)}
              />
              <label class="form-check-label" for={id}>
                {label(labels, facet, value)} <span class="badge bg-light text-dark">{count}</span>
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
