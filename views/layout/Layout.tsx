import type { ComponentChildren } from "preact";
import { usePage } from "../page-context";
import { formatDay } from "../../src/web/i18n/format";
import { Header } from "./Header";
import { Footer } from "./Footer";
import { LANGS } from "../../src/web/i18n/define";
import { withLang, withoutLang } from "../../src/web/i18n/lang-url";

export interface LayoutProps {
  title: string;
  description?: string;
  children: ComponentChildren;
  /** Extra page-specific scripts from /static/js (progressive enhancement only). */
  scripts?: string[];
  /** Scripts served from a package (e.g. `/vendor/simplewebauthn/…`), before `scripts`. */
  vendorScripts?: string[];
  noindex?: boolean;
  /** Extra skip links after "skip to main content", e.g. to a page's results. */
  skipLinks?: { href: string; label: string }[];
}

/** The page skeleton: Bootstrap Italia header, skip links, main landmark and footer. */
export function Layout(props: LayoutProps) {
  const { lang, t, assetVersion, headLinks, url, twoFactorDue } = usePage();
  const v = `?v=${assetVersion}`;
  const title = props.title === t("site.name") ? props.title : `${props.title} · ${t("site.name")}`;
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        {props.description ? <meta name="description" content={props.description} /> : null}
        {props.noindex ? <meta name="robots" content="noindex" /> : null}
        {/* The language is in the address (?lang=), so each language version has its own. */}
        <link rel="canonical" href={withLang(url, lang)} />
        {LANGS.map((code) => (
          <link key={code} rel="alternate" hreflang={code} href={withLang(url, code)} />
        ))}
        <link rel="alternate" hreflang="x-default" href={withoutLang(url)} />
        <link rel="stylesheet" href={`/vendor/bootstrap-italia/css/bootstrap-italia.min.css${v}`} />
        <link rel="stylesheet" href={`/static/css/app.css${v}`} />
        <link rel="icon" href={`/static/favicon.svg${v}`} type="image/svg+xml" />
        {(headLinks ?? []).map((l) => (
          <link key={l.href} rel={l.rel} type={l.type} href={l.href} title={l.title} />
        ))}
        {/* Not deferred: it only marks <html> as having JavaScript, before the first paint, so the
            no-JavaScript layout (menus shown open) never flashes. */}
        <script src={`/static/js/app.js${v}`} />
        <script defer src={`/vendor/bootstrap-italia/js/bootstrap-italia.bundle.min.js${v}`} />
        {(props.vendorScripts ?? []).map((s) => (
          <script key={s} defer src={`${s}${v}`} />
        ))}
        {(props.scripts ?? []).map((s) => (
          <script key={s} defer src={`/static/js/${s}${v}`} />
        ))}
      </head>
      <body>
        <div class="skiplinks">
          <a class="visually-hidden-focusable" href="#main-content">
            {t("skip.main")}
          </a>
          {(props.skipLinks ?? []).map((l) => (
            <a key={l.href} class="visually-hidden-focusable" href={l.href}>
              {l.label}
            </a>
          ))}
          <a class="visually-hidden-focusable" href="#footer">
            {t("skip.footer")}
          </a>
        </div>
        <Header />
        <main id="main-content" tabIndex={-1}>
          {twoFactorDue ? (
            <div class="container mt-3">
              <div class="alert alert-warning" role="status">
                {t("accounts.2fa.banner", { date: formatDay(twoFactorDue, lang) })}{" "}
                <a href="/me/2fa">{t("accounts.2fa.banner.link")}</a>
              </div>
            </div>
          ) : null}
          {props.children}
        </main>
        <Footer />
      </body>
    </html>
  );
}
