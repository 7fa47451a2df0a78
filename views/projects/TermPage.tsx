// The catalogue's page of one theme, tag or zone: what it is, then its published projects.
import type { ComponentChildren } from "preact";
import { Layout } from "../layout/Layout";
import { usePage } from "../page-context";
import type { MessageKey } from "../../src/web/i18n/index";
import { labelOf, type TagView, type Term } from "../../src/modules/taxonomy/taxonomy.types";
import type { ListedProject } from "../../src/modules/projects/project.view";
import { Pager, pageHref } from "../components/Pager";
import { countLabel, ProjectList, PROJECTS_PAGER, type Labels } from "../components/ProjectList";

/** The page of one theme, tag or zone: what it is, then its published projects. */
export function TermPage(props: {
  title: string;
  kicker?: string;
  description?: string;
  children?: ComponentChildren;
  /** Shown after the projects (the notes of a zone's or a tag's projects). */
  after?: ComponentChildren;
  projectsHeading: MessageKey;
  items: ListedProject[];
  total: number;
  page: number;
  pages: number;
  selfHref: string;
  browseHref: string;
  labels: Labels;
  editHref?: string;
}) {
  const { t } = usePage();
  return (
    <Layout title={props.title} description={props.description}>
      <div class="container my-4">
        {props.kicker ? <p class="atl-kicker mb-1">{props.kicker}</p> : null}
        <h1>{props.title}</h1>
        {props.description ? <p class="lead">{props.description}</p> : null}
        {props.editHref ? (
          <p>
            <a href={props.editHref}>{t("tax.edit")}</a>
          </p>
        ) : null}
        {props.children}
        <section aria-labelledby="term-projects" class="mt-4">
          <h2 class="h4" id="term-projects">
            {t(props.projectsHeading)} <span class="badge atl-count">{countLabel(t, props.total)}</span>
          </h2>
          <p>
            <a href={props.browseHref}>{t("tax.browseAll")}</a>
          </p>
          <ProjectList items={props.items} labels={props.labels} headingLevel={3} />
          <Pager
            page={props.page}
            pages={props.pages}
            href={(p) => pageHref(props.selfHref, {}, p)}
            labels={PROJECTS_PAGER}
            current="item"
          />
        </section>
        {props.after}
      </div>
    </Layout>
  );
}

export function ThemeQuestions(props: { theme: Term }) {
  const { t, lang } = usePage();
  if (props.theme.guidingQuestions.length === 0) return null;
  return (
    <section aria-labelledby="questions" class="atl-questions p-3 mb-3">
      <h2 class="h4" id="questions">
        {t("tax.theme.questions")}
      </h2>
      <ol>
        {props.theme.guidingQuestions.map((q) => (
          <li key={q.id}>{lang === "en" && q.en ? q.en : q.it}</li>
        ))}
      </ol>
    </section>
  );
}

export function TagDetails(props: { tag: TagView }) {
  const { t, lang } = usePage();
  const tag = props.tag;
  const other = lang === "en" ? tag.label_it : tag.label_en;
  return (
    <>
      {tag.status === "retired" ? <p class="alert alert-warning">{t("tax.tag.retired")}</p> : null}
      {other && other !== labelOf(tag, lang) ? <p lang={lang === "en" ? "it" : "en"}>{other}</p> : null}
      {tag.synonyms.length > 0 ? (
        <p>
          <strong>{t("tax.tag.synonyms")}:</strong> {tag.synonyms.join(", ")}
        </p>
      ) : null}
    </>
  );
}
