import { Layout } from "../layout/Layout";
import { usePage } from "../page-context";
import { countLabel } from "../components/ProjectList";

export interface HomeTheme {
  id: string;
  number: number;
  label: string;
  /** Published projects of the theme. */
  count: number;
}

export function HomePage(props: { themes: HomeTheme[]; total: number }) {
  const { t } = usePage();
  return (
    <Layout title={t("site.name")} description={t("home.lead")}>
      <section class="atl-hero py-5">
        <div class="container">
          <h1 class="display-4">{t("home.title")}</h1>
          <p class="lead">{t("home.lead")}</p>
        </div>
      </section>
      <div class="container my-5">
        <div class="row">
          <section class="col-md-6 mb-4">
            <h2 class="h3">{t("home.what.title")}</h2>
            <p>{t("home.what.text")}</p>
          </section>
          <section class="col-md-6 mb-4">
            <h2 class="h3">{t("home.who.title")}</h2>
            <p>{t("home.who.text")}</p>
          </section>
        </div>
        <section class="mb-4" aria-labelledby="tables-title">
          <h2 class="h3" id="tables-title">
            {t("home.tables.title")}
          </h2>
          <p>{t("home.tables.text")}</p>
          <ol class="atl-tables">
            {props.themes.map((theme) => (
              <li key={theme.id}>
                <a href={`/themes/${theme.id}`}>{theme.label}</a>{" "}
                <span class="badge atl-count">{countLabel(t, theme.count)}</span>
              </li>
            ))}
          </ol>
          <p>
            <a class="btn btn-primary" href="/projects">
              {t.plural("home.catalogue.browse", props.total)}
            </a>
          </p>
        </section>
      </div>
    </Layout>
  );
}
