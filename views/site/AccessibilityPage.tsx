// The accessibility statement, in the structure of AgID's model: compliance status, non-accessible content,
// how the statement was prepared, feedback and contacts, enforcement procedure, the site and organisation.
import { Layout } from "../layout/Layout";
import { usePage } from "../page-context";
import { formatDay } from "../../src/web/i18n/format";
import { DEMO_ORG } from "./demo-org";
import { DemoOrgNote } from "./InfoPages";

const MISSING = [
  "site.a11y.missing.lang",
  "site.a11y.missing.markdown",
  "site.a11y.missing.live",
  "site.a11y.missing.export",
  "site.a11y.missing.tests",
] as const;

export function AccessibilityPage() {
  const { t, lang } = usePage();
  const feedbackHref = `mailto:${DEMO_ORG.accessibilityEmail}?subject=${encodeURIComponent(t("site.a11y.feedback.subject"))}`;
  return (
    <Layout title={t("site.a11y.title")}>
      <div class="container my-4 atl-prose">
        <h1>{t("site.a11y.title")}</h1>
        <DemoOrgNote />
        <p>{t("site.a11y.intro")}</p>
        <section aria-labelledby="a11y-status">
          <h2 class="h4" id="a11y-status">
            {t("site.a11y.status.title")}
          </h2>
          <p class="atl-conformance">{t("site.a11y.status.text")}</p>
        </section>
        <section aria-labelledby="a11y-missing">
          <h2 class="h4" id="a11y-missing">
            {t("site.a11y.missing.title")}
          </h2>
          <p>{t("site.a11y.missing.intro")}</p>
          <ul>
            {MISSING.map((key) => (
              <li key={key}>{t(key)}</li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="a11y-how">
          <h2 class="h4" id="a11y-how">
            {t("site.a11y.how.title")}
          </h2>
          <p>{t("site.a11y.how.text", { date: formatDay(DEMO_ORG.statementDate, lang, "long") })}</p>
        </section>
        <section aria-labelledby="a11y-feedback" id="feedback">
          <h2 class="h4" id="a11y-feedback">
            {t("site.a11y.feedback.title")}
          </h2>
          <p>{t("site.a11y.feedback.text")}</p>
          <p>
            <a class="btn btn-primary atl-a11y-feedback" href={feedbackHref}>
              {t("site.a11y.feedback.link")}
            </a>
          </p>
          <p>
            {t("site.contacts.email")}:{" "}
            <a href={`mailto:${DEMO_ORG.accessibilityEmail}`}>{DEMO_ORG.accessibilityEmail}</a> ·{" "}
            <a href="/contatti">{t("site.contacts.title")}</a>
          </p>
        </section>
        <section aria-labelledby="a11y-enforcement">
          <h2 class="h4" id="a11y-enforcement">
            {t("site.a11y.enforcement.title")}
          </h2>
          <p>{t("site.a11y.enforcement.text")}</p>
          <p>
            <a href={DEMO_ORG.agidForm} rel="noopener noreferrer">
              {t("site.a11y.enforcement.link")}
            </a>
          </p>
        </section>
        <section aria-labelledby="a11y-site">
          <h2 class="h4" id="a11y-site">
            {t("site.a11y.site.title")}
          </h2>
          <p>{t("site.a11y.site.published", { date: formatDay(DEMO_ORG.publishedDate, lang, "long") })}</p>
          <p>{t("site.a11y.site.cms")}</p>
        </section>
        <section aria-labelledby="a11y-org">
          <h2 class="h4" id="a11y-org">
            {t("site.a11y.org.title")}
          </h2>
          <p>{t("site.a11y.org.text")}</p>
        </section>
      </div>
    </Layout>
  );
}
