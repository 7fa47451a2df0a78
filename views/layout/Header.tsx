// Bootstrap Italia's header as its documentation composes it: the slim header (owner, language, account),
// the central header (brand, search) and the navigation bar, which below 992 px collapses behind the
// "burger" toggler (the navbarcollapsible plugin). Without JavaScript the toggler is hidden and the
// navigation is shown as a plain list (see `html:not(.js)` in app.css).
import { usePage } from "../page-context";
import { Icon } from "../components/Icon";
import { LANGS } from "../../src/web/i18n/define";
import { withLang } from "../../src/web/i18n/lang-url";
import type { MessageKey } from "../../src/web/i18n/index";
import { AccountMenu } from "./AccountMenu";
import { SearchBox } from "./SearchBox";

export interface NavItem {
  href: string;
  label: MessageKey;
}

/** Main navigation; modules add their entries here (the bar has room for one or two more). */
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
                <span class="visually-hidden"> {t(code === "it" ? "lang.it" : "lang.en")}</span>
              </span>
            ) : (
              <a
                href={`/lang/${code}?next=${encodeURIComponent(withLang(url, code))}`}
                lang={code}
                hreflang={code}
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

function MainNav() {
  const { t, path } = usePage();
  return (
    <nav class="navbar navbar-expand-lg has-megamenu atl-navbar" aria-label={t("nav.label")}>
      <button
        class="custom-navbar-toggler"
        type="button"
        aria-controls="main-nav"
        aria-expanded="false"
        aria-label={t("nav.open")}
        data-bs-toggle="navbarcollapsible"
        data-bs-target="#main-nav"
      >
        <Icon name="it-burger" />
      </button>
      <div class="navbar-collapsable" id="main-nav">
        <div class="overlay" />
        <div class="close-div">
          <button class="btn close-menu" type="button">
            <span class="visually-hidden">{t("nav.close")}</span>
            <Icon name="it-close-big" />
          </button>
        </div>
        <div class="menu-wrapper">
          <ul class="navbar-nav">
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
        </div>
      </div>
    </nav>
  );
}

export function Header() {
  const { t } = usePage();
  return (
    <header class="it-header-wrapper">
      <div class="it-header-slim-wrapper">
        <div class="container">
          <div class="row">
            <div class="col-12">
              <div class="it-header-slim-wrapper-content">
                <span class="d-none d-lg-block navbar-brand">{t("site.owner")}</span>
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
                <MainNav />
              </div>
            </div>
          </div>
        </div>
      </div>
    </header>
  );
}
