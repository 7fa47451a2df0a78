// The privacy notice: one section per topic, each body a list of paragraphs (one per line of its text).
import { Layout } from "../layout/Layout";
import { usePage } from "../page-context";
import type { MessageKey } from "../../src/web/i18n/index";
import { Notice } from "../components/Form";

const SECTIONS: [MessageKey, MessageKey][] = [
  ["privacy.controller.title", "privacy.controller.body"],
  ["privacy.data.title", "privacy.data.body"],
  ["privacy.purpose.title", "privacy.purpose.body"],
  ["privacy.retention.title", "privacy.retention.body"],
  ["privacy.rights.title", "privacy.rights.body"],
  ["privacy.contacts.title", "privacy.contacts.body"],
  ["privacy.cookies.title", "privacy.cookies.body"],
];

export function PrivacyPage(props: { deleted?: boolean }) {
  const { t, user } = usePage();
  return (
    <Layout title={t("privacy.title")}>
      <div class="container my-5">
        <div class="row">
          <div class="col-12 col-lg-8">
            {props.deleted ? <Notice kind="success">{t("privacy.deleted")}</Notice> : null}
            <h1>{t("privacy.title")}</h1>
            <p class="alert alert-info">{t("privacy.demo")}</p>
            {SECTIONS.map(([title, body]) => (
              <section key={title} class="mb-4">
                <h2 class="h4">{t(title)}</h2>
                {t(body)
                  .split("\n")
                  .map((line) => (
                    <p key={line}>{line}</p>
                  ))}
              </section>
            ))}
            {user ? (
              <p>
                <a href="/me/data">{t("privacy.me.download")}</a> ·{" "}
                <a href="/me/delete">{t("privacy.me.delete")}</a>
              </p>
            ) : null}
          </div>
        </div>
      </div>
    </Layout>
  );
}
