import { usePage } from "../page-context";
import { Icon } from "../components/Icon";
import { LANGS } from "../../src/web/i18n/define";
import type { MessageKey } from "../../src/web/i18n/index";
import { AccountMenu } from "../accounts/AccountMenu";
import { SearchBox } from "../search/SearchBox";

export interface NavItem {
  href: string;
  label: MessageKey;
}

/** Main navigation; modules add their entries here. */
export const NAV_ITEMS: NavItem[] = [
  { href: "/", label: "nav.home" },
  { href: "/projects", label: "nav.projects" },
  { href: "/themes", label: "nav.themes" },
  { href: "/tables", label: "tables.nav" },
  { href: "/tags", label: "nav.tags" },
  { href: "/zones", label: "nav.zones" },
  { href: "/search", label: "nav.search" },
];

function LanguageSwitch() {
  const { lang, t, url } = usePage();
  return (
    <nav class="atl-lang" aria-label={t("lang.label")}>
      <ul class="list-inline mb-0">
        {LANGS.map((code) => (
          <li class="list-inline-item" key={code}>
            {code === lang ? (
              <span class="atl-lang-current" aria-current="true" lang={code}>
                {code.toUpperCase()}
              </span>
            ) : (
              <a
                href={`/lang/${code}?next=${encodeURIComponent(url)}`}
                lang={code}
                hreflang={code}
                title={t(code === "it" ? "lang.it" : "lang.en")}
              >
                {code.toUpperCase()}
                <span class="visually-hidden"> {t(code === "it" ? "lang.it" : "lang.en")}</span>
              </a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function Header() {
  const { t, path } = usePage();
  return (
    <header class="it-header-wrapper">
      <div class="it-header-slim-wrapper">
        <div class="container">
          <div class="row">
            <div class="col-12">
              <div class="it-header-slim-wrapper-content">
                <span class="d-lg-block navbar-brand">{t("site.owner")}</span>
                <div class="it-header-slim-right-zone">
                  <LanguageSwitch />
                  <AccountMenu />
                </div>
              </div>
            </div>
          </div>
        </div>
      </div>
      <div class="it-nav-wrapper">
        <div class="it-header-center-wrapper">
          <div class="container">
            <div class="row">
              <div class="col-12">
                <div class="it-header-center-content-wrapper">
                  <div class="it-brand-wrapper">
                    <a href="/">
                      <Icon name="it-map-marker-circle" />
                      <div class="it-brand-text">
                        <div class="it-brand-title">{t("site.name")}</div>
                        <div class="it-brand-tagline d-none d-md-block">{t("site.tagline")}</div>
                      </div>
                    </a>
                  </div>
                  <SearchBox />
                </div>
              </div>
            </div>
          </div>
        </div>
        <div class="it-header-navbar-wrapper">
          <div class="container">
            <div class="row">
              <div class="col-12">
                <nav class="navbar navbar-expand atl-navbar" aria-label={t("nav.label")}>
                  <ul class="navbar-nav flex-wrap">
                    {NAV_ITEMS.map((item) => {
                      const active = item.href === "/" ? path === "/" : path.startsWith(item.href);
                      return (
                        <li class="nav-item" key={item.href}>
                          <a
                            class={`nav-link${active ? " active" : ""}`}
                            href={item.href}
                            aria-current={active ? "page" : undefined}
                          >
                            <span>{t(item.label)}</span>
                          </a>
                        </li>
                      );
                    })}
                  </ul>
                </nav>
              </div>
            </div>
          </div>
        </div>
      </div>
    </header>
  );
}
