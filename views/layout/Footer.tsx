import { usePage } from "../page-context";

export function Footer() {
  const { t } = usePage();
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
            <div class="col-md-8 pb-2">
              <p class="text-white">{t("footer.about")}</p>
              <p class="text-white small">{t("footer.demo")}</p>
            </div>
            <div class="col-md-4 pb-2">
              <p class="h4 text-white">{t("footer.links")}</p>
              <ul class="footer-list clearfix">
                <li>
                  <a href="/readyz">{t("footer.health")}</a>
                </li>
                <li>
                  <a href="/privacy">{t("privacy.footer")}</a>
                </li>
              </ul>
            </div>
          </div>
        </div>
      </div>
    </footer>
  );
}
