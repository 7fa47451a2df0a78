import { usePage } from "../page-context";
import { Icon } from "../components/Icon";
import { LangField } from "../components/LangField";

/**
 * The search box of every page: a plain GET form to /search from 992 px up; below, Bootstrap Italia's
 * round search link to the search page, which has its own box.
 */
export function SearchBox() {
  const { t, path } = usePage();
  // The search page has its own, bigger box: one is enough there.
  if (path === "/search") return null;
  return (
    <div class="it-right-zone">
      <form class="atl-header-search d-none d-lg-flex" role="search" method="get" action="/search">
        <LangField />
        <label for="site-search" class="visually-hidden">
          {t("search.box.label")}
        </label>
        <input
          type="search"
          id="site-search"
          name="q"
          maxLength={200}
          class="form-control form-control-sm"
          placeholder={t("search.box.placeholder")}
        />
        <button type="submit" class="btn btn-sm btn-light ms-1" title={t("search.box.submit")}>
          <Icon name="it-search" />
          <span class="visually-hidden">{t("search.box.submit")}</span>
        </button>
      </form>
      <div class="it-search-wrapper d-lg-none">
        <a class="search-link rounded-icon" href="/search" aria-label={t("search.box.submit")}>
          <Icon name="it-search" />
        </a>
      </div>
    </div>
  );
}
