// "Chi siamo" and the contacts page.
import { Layout } from "../layout/Layout";
import { usePage } from "../page-context";
import { DEMO_ORG } from "./demo-org";

export function DemoOrgNote() {
  const { t } = usePage();
  return (
    <div class="callout note atl-demo-org">
      <p class="mb-0">
        <span class="badge atl-demo">{t("site.example")}</span> {t("site.demoOrg")}
      </p>
    </div>
  );
}

export function AboutPage() {
  const { t } = usePage();
  const sections = [
    ["site.about.origin.title", "site.about.origin.text"],
    ["site.about.what.title", "site.about.what.text"],
    ["site.about.who.title", "site.about.who.text"],
    ["site.about.open.title", "site.about.open.text"],
  ] as const;
  return (
    <Layout title={t("site.about.title")} description={t("site.about.lead")}>
      <div class="container my-4 atl-prose">
        <h1>{t("site.about.title")}</h1>
        <p class="lead">{t("site.about.lead")}</p>
        {sections.map(([title, text]) => (
          <section key={title}>
            <h2 class="h4">{t(title)}</h2>
            <p>{t(text)}</p>
          </section>
        ))}
        <p>
          <a href="/api">{t("footer.api")}</a> · <a href="/join">{t("site.about.join")}</a>
        </p>
      </div>
    </Layout>
  );
}

export function ContactsPage() {
  const { t } = usePage();
  return (
    <Layout title={t("site.contacts.title")} description={t("site.contacts.lead")}>
      <div class="container my-4 atl-prose">
        <h1>{t("site.contacts.title")}</h1>
        <p class="lead">{t("site.contacts.lead")}</p>
        <DemoOrgNote />
        <dl class="atl-facts">
          <dt>{t("site.contacts.org")}</dt>
          <dd>{t("site.contacts.orgName")}</dd>
          <dt>{t("site.contacts.address")}</dt>
          <dd>{t("site.contacts.addressValue")}</dd>
          <dt>{t("site.contacts.email")}</dt>
          <dd>
            <a href={`mailto:${DEMO_ORG.email}`}>{DEMO_ORG.email}</a>
          </dd>
          <dt>{t("site.contacts.pec")}</dt>
          <dd>
            <a href={`mailto:${DEMO_ORG.pec}`}>{DEMO_ORG.pec}</a>
          </dd>
          <dt>{t("site.contacts.phone")}</dt>
          <dd>{t("site.contacts.phoneValue")}</dd>
        </dl>
        <h2 class="h4">{t("site.contacts.topics")}</h2>
        <ul>
          <li>
            <a href="/join">{t("site.contacts.topic.join")}</a>
          </li>
          <li>
            <a href="/accessibilita#feedback">{t("site.contacts.topic.accessibility")}</a>
          </li>
          <li>{t("site.contacts.topic.content")}</li>
          <li>
            <a href="/privacy">{t("site.contacts.topic.privacy")}</a>
          </li>
        </ul>
      </div>
    </Layout>
  );
}
