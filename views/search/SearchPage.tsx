import { Layout } from "../layout/Layout";
import { usePage } from "../page-context";
import { FACETS, type Facet } from "../../src/modules/search/search.filters";
import type { SearchResult } from "../../src/modules/search/search.hits";
import { SEARCH_TYPES, SORTS } from "../../src/modules/search/search.schemas";
import { isMessageKey, type MessageKey, type Translate } from "../../src/web/i18n/index";
import type { ErrorDetail } from "../../src/web/errors";
import { Pager, type PagerLabels } from "../components/Pager";
import { Icon } from "../components/Icon";
import { LangField } from "../components/LangField";
import { FACET_LABEL, FacetGroup, Hit, SelectedFilters, type Labels } from "./SearchParts";
import { searchUrl, withoutValue, type SearchState } from "./search-url";

export interface SearchPageProps {
  state: SearchState;
  result: SearchResult | null;
  labels: Labels;
  popularTags: { slug: string; label: string }[];
  errors?: ErrorDetail[];
}

/**
 * A refused query in words: a filter value the vocabulary does not know is named (the API keeps its
 * technical detail); any other field is named with what it is.
 */
export function searchErrorText(t: Translate, e: ErrorDetail, state: SearchState, labels: Labels): string {
  const facet = (FACETS as readonly string[]).includes(e.field) ? (e.field as Facet) : undefined;
  if (facet && facet !== "year") {
    const unknown = state[facet].filter((v) => !labels[facet].has(String(v))).map((v) => `«${v}»`);
    if (unknown.length > 0) {
      return t.plural("search.error.unknown", unknown.length, {
        field: t(FACET_LABEL[facet]),
        values: unknown.join(", "),
      });
    }
  }
  const key = `field.${e.field.split(".")[0]}`;
  return t("error.field.invalid", { field: isMessageKey(key) ? t(key) : e.field });
}

const SEARCH_PAGER: PagerLabels = {
  previous: "search.previous",
  next: "search.next",
  page: "search.page",
  nav: "search.pagination",
};

function NoResults(props: {
  state: SearchState;
  labels: Labels;
  popularTags: SearchPageProps["popularTags"];
}) {
  const { t } = usePage();
  const { state, labels } = props;
  const filters = FACETS.flatMap((facet) => state[facet].map((v) => ({ facet, value: String(v) })));
  return (
    <div class="atl-no-results callout">
      <div class="callout-title">{t("search.none.title")}</div>
      <p>{t("search.none.text")}</p>
      {filters.length > 0 ? (
        <ul>
          {filters.map(({ facet, value }) => (
            <li key={`${facet}:${value}`}>
              <a href={withoutValue(state, facet, value)}>
                {t("search.none.removeFilter", {
                  label: `${t(FACET_LABEL[facet])}: ${labels[facet].get(value) ?? value}`,
                })}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {props.popularTags.length > 0 ? (
        <>
          <h2 class="h6">{t("search.none.popular")}</h2>
          <ul class="list-inline">
            {props.popularTags.map((tag) => (
              <li class="list-inline-item" key={tag.slug}>
                <a href={searchUrl({ ...state, tag: [tag.slug] })}>#{tag.label}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

export function SearchPage(props: SearchPageProps) {
  const { t } = usePage();
  const { state, result, labels } = props;
  const heading = state.q ? t("search.titleFor", { q: state.q }) : t("search.title");
  const facetValues = (f: Facet) => result?.facets[f] ?? [];
  const selectedCount = FACETS.reduce((n, f) => n + state[f].length, 0);
  return (
    <Layout
      title={heading}
      scripts={["search.js"]}
      noindex={state.page > 1}
      skipLinks={[{ href: "#search-results", label: t("search.skip.results") }]}
    >
      <div class="container my-4">
        <h1>{heading}</h1>
        <form method="get" action="/search" id="search-form" class="atl-search-form" role="search">
          <LangField />
          <div class="row g-3 align-items-end mb-3">
            <div class="col-12 col-md-5">
              <div class="form-group mb-0">
                <label for="search-q" class="active">
                  {t("search.box.label")}
                </label>
                <input
                  type="search"
                  id="search-q"
                  name="q"
                  class="form-control"
                  value={state.q}
                  maxLength={200}
                  autocomplete="off"
                  placeholder={t("search.box.placeholder")}
                  aria-describedby={props.errors?.length ? "search-errors" : undefined}
                />
              </div>
            </div>
            <div class="col-6 col-md-3 select-wrapper">
              <label for="search-type">{t("search.type.label")}</label>
              <select id="search-type" name="type">
                <option value="" selected={state.type.length === 0}>
                  {t("search.type.default")}
                </option>
                {SEARCH_TYPES.map((type) => (
                  <option
                    key={type}
                    value={type}
                    selected={state.type.length === 1 && state.type[0] === type}
                  >
                    {t(`search.types.${type}` as MessageKey)}
                  </option>
                ))}
              </select>
            </div>
            <div class="col-6 col-md-2 select-wrapper">
              <label for="search-sort">{t("search.sort.label")}</label>
              <select id="search-sort" name="sort">
                {SORTS.map((s) => (
                  <option key={s} value={s} selected={state.sort === s}>
                    {t(`search.sort.${s}` as MessageKey)}
                  </option>
                ))}
              </select>
            </div>
            <div class="col-12 col-md-2">
              <button type="submit" class="btn btn-primary w-100">
                {t("search.box.submit")}
              </button>
            </div>
          </div>
          {props.errors?.length ? (
            <div class="alert alert-danger" id="search-errors" role="alert">
              <p class="mb-1">{t("search.invalid")}</p>
              <ul class="mb-0">
                {[...new Set(props.errors.map((e) => searchErrorText(t, e, state, labels)))].map((text) => (
                  <li key={text}>{text}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {/* Below 992 px the filters are an off-canvas panel opened by this button (a link to them
              without JavaScript); the result count and the results come first, in reading and tab order. */}
          <a
            class="btn btn-outline-primary btn-sm d-lg-none mb-3 atl-filters-toggle"
            href="#search-filters"
            role="button"
            data-bs-toggle="offcanvas"
            data-bs-target="#search-filters"
            aria-controls="search-filters"
          >
            <Icon name="it-funnel" class="icon-sm icon-primary me-1" />
            {t("search.filters")}
            {selectedCount > 0 ? ` (${selectedCount})` : ""}
          </a>
          <div class="row">
            <div
              class="col-12 col-lg-9 order-lg-2"
              id="search-results"
              tabIndex={-1}
              aria-live="polite"
              aria-busy="false"
            >
              <h2 class="visually-hidden">{t("search.results")}</h2>
              {result?.engine === "mongodb" ? (
                <div class="alert alert-warning atl-search-fallback" role="status">
                  {t("search.fallback")}
                </div>
              ) : null}
              <SelectedFilters state={state} labels={labels} />
              {result ? (
                <p class="atl-total" role="status">
                  <strong>{t.plural("search.total", result.total)}</strong>
                  {result.pages > 1
                    ? ` · ${t("search.page", { page: result.page, pages: result.pages })}`
                    : ""}
                </p>
              ) : null}
              {result && result.hits.length === 0 ? (
                <NoResults state={state} labels={labels} popularTags={props.popularTags} />
              ) : null}
              {result && result.hits.length > 0 ? (
                <ol class="list-unstyled atl-hits" start={(result.page - 1) * result.limit + 1}>
                  {result.hits.map((hit) => (
                    <Hit key={hit.id} hit={hit} labels={labels} />
                  ))}
                </ol>
              ) : null}
              {result ? (
                <Pager
                  page={state.page}
                  pages={result.pages}
                  href={(page) => searchUrl(state, { page })}
                  labels={SEARCH_PAGER}
                  current="numbers"
                />
              ) : null}
            </div>
            <div class="col-12 col-lg-3 order-lg-1">
              <div
                class="offcanvas-lg offcanvas-start atl-filters"
                tabIndex={-1}
                id="search-filters"
                aria-labelledby="search-filters-title"
              >
                <div class="offcanvas-header">
                  <h2 class="offcanvas-title h5" id="search-filters-title">
                    {t("search.filters")}
                  </h2>
                  <button
                    type="button"
                    class="btn-close"
                    data-bs-dismiss="offcanvas"
                    data-bs-target="#search-filters"
                    aria-label={t("search.filters.close")}
                  />
                </div>
                <div class="offcanvas-body">
                  <div class="atl-facets">
                    <h2 class="h5 d-none d-lg-block">{t("search.filters")}</h2>
                    {FACETS.map((f) => (
                      <FacetGroup key={f} facet={f} values={facetValues(f)} state={state} labels={labels} />
                    ))}
                    <button type="submit" class="btn btn-outline-primary btn-sm atl-apply">
                      {t("search.filters.apply")}
                    </button>
                  </div>
                </div>
              </div>
            </div>
          </div>
        </form>
      </div>
    </Layout>
  );
}
