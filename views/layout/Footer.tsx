import { usePage } from "../page-context";
import { Icon } from "../components/Icon";
import type { MessageKey } from "../../src/web/i18n/index";

/** The pages a public service has, linked from every page. */
const SERVICE_LINKS: { href: string; label: MessageKey }[] = [
  { href: "/chi-siamo", label: "footer.aboutUs" },
  { href: "/contatti", label: "footer.contacts" },
  { href: "/accessibilita", label: "footer.accessibility" },
  { href: "/privacy", label: "footer.privacy" },
  { href: "/api", label: "footer.api" },
  { href: "/stato", label: "footer.health" },
];

const OVERALL_FEED = "/feeds/atlante.atom";

export function Footer() {
  const { t, headLinks } = usePage();
  // The feeds the page advertises in its head, shown as links too: the overall one first.
  const feeds = (headLinks ?? []).filter((l) => l.type === "application/atom+xml");
  const pageFeeds = feeds.filter((l) => l.href !== OVERALL_FEED);
  return (
    <footer class="it-footer" id="footer">
      <div class="it-footer-main">
        <div class="container">
          <div class="row clearfix">
            <div class="col-sm-12">
              <div class="it-brand-wrapper">
                <a href="/">
                  <div class="it-brand-text">
                    <p class="it-brand-title h2 no_toc">{t("site.name")}</p>
                    <p class="it-brand-tagline d-none d-md-block">{t("site.tagline")}</p>
                  </div>
                </a>
              </div>
            </div>
          </div>
          <div class="row">
            <div class="col-lg-6 pb-2">
              <p class="text-white">{t("footer.about")}</p>
              <p class="text-white small">{t("footer.demo")}</p>
            </div>
            <div class="col-md-6 col-lg-3 pb-2">
              <p class="h4 text-white">{t("footer.service")}</p>
              <ul class="footer-list clearfix atl-footer-service">
                {SERVICE_LINKS.map((l) => (
                  <li key={l.href}>
                    <a href={l.href}>{t(l.label)}</a>
                  </li>
                ))}
              </ul>
            </div>
            <div class="col-md-6 col-lg-3 pb-2">
              <p class="h4 text-white">{t("footer.feeds")}</p>
              <ul class="footer-list clearfix atl-footer-feeds">
                <li>
                  <a href={OVERALL_FEED} type="application/atom+xml">
                    <Icon name="it-rss" class="icon-sm icon-white me-1" />
                    {t("footer.feed.all")}
                  </a>
                </li>
                {pageFeeds.map((f) => (
                  <li key={f.href}>
                    <a href={f.href} type="application/atom+xml">
                      <Icon name="it-rss" class="icon-sm icon-white me-1" />
                      {t("footer.feed.page")}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          </div>
        </div>
      </div>
    </footer>
  );
}
