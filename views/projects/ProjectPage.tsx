import { Layout } from "../layout/Layout";
import { CONTENT_LANG } from "../components/content-lang";
import { usePage } from "../page-context";
import { CsrfField } from "../components/CsrfField";
import type { MessageKey } from "../../src/web/i18n/index";
import { labelOf, type Term } from "../../src/modules/taxonomy/taxonomy.types";
import type { ListedProject, ProjectView } from "../../src/modules/projects/project.view";
import type { TransitionName } from "../../src/modules/projects/project.workflow";
import { DemoBadge, ProjectList, StatusBadge, type Labels } from "../components/ProjectList";
import { formatDay, formatEuro } from "./parts";

function Row(props: { label: MessageKey; children: preact.ComponentChildren; show?: boolean }) {
  const { t } = usePage();
  if (props.show === false) return null;
  return (
    <>
      <dt class="col-sm-4">{t(props.label)}</dt>
      <dd class="col-sm-8">{props.children}</dd>
    </>
  );
}

function TermLinks(props: { terms: (Term | undefined)[]; base: string }) {
  const { lang } = usePage();
  const terms = props.terms.filter((x): x is Term => !!x);
  return (
    <ul class="list-inline mb-0">
      {terms.map((term) => (
        <li class="list-inline-item" key={term.key}>
          <a href={`${props.base}/${term.key}`}>{labelOf(term, lang)}</a>
        </li>
      ))}
    </ul>
  );
}

function CurationPanel(props: { project: ProjectView; transitions: TransitionName[] }) {
  const { t } = usePage();
  const p = props.project;
  const base = `/projects/${p.slug}`;
  return (
    <section class="atl-curation my-4 p-3" aria-labelledby="curation-title">
      <h2 class="h5" id="curation-title">
        {t("projects.curation")}
      </h2>
      <p>
        <StatusBadge status={p.status} deleted={!!p.deletedAt} /> · {t("projects.field.version")} {p.version}
      </p>
      {p.deletedAt ? (
        <form method="post" action={`${base}/undelete`} class="d-inline">
          <CsrfField />
          <p>{t("projects.deleted.banner")}</p>
          <button type="submit" class="btn btn-primary btn-sm">
            {t("projects.action.undelete")}
          </button>
        </form>
      ) : (
        <div class="d-flex flex-wrap gap-2">
          <a class="btn btn-outline-primary btn-sm" href={`${base}/edit`}>
            {t("projects.edit")}
          </a>
          {props.transitions.map((name) => (
            <form key={name} method="post" action={`${base}/status`}>
              <CsrfField />
              <input type="hidden" name="action" value={name} />
              <input type="hidden" name="version" value={String(p.version)} />
              <button type="submit" class="btn btn-outline-primary btn-sm">
                {t(`projects.action.${name}`)}
              </button>
            </form>
          ))}
          <a class="btn btn-outline-secondary btn-sm" href={`${base}/history`}>
            {t("projects.history")}
          </a>
          <form method="post" action={`${base}/delete`}>
            <CsrfField />
            <input type="hidden" name="version" value={String(p.version)} />
            <button type="submit" class="btn btn-outline-danger btn-sm">
              {t("projects.action.delete")}
            </button>
          </form>
        </div>
      )}
    </section>
  );
}

export function ProjectPage(props: {
  project: ProjectView;
  labels: Labels;
  related: ListedProject[];
  /** The related projects' cards, already rendered (same order). */
  relatedCards?: string[];
  descriptionHtml: string;
  outcomesHtml: string;
  curator: boolean;
  /** The status changes a curator may make now. */
  transitions: TransitionName[];
  /** The notes section (notes module); a placeholder when absent. */
  notes?: preact.ComponentChildren;
}) {
  const { t, lang, user } = usePage();
  const p = props.project;
  const { vocab, tags } = props.labels;
  const funding = p.fundingProgramme ? vocab.get("funding", p.fundingProgramme) : undefined;
  const tagViews = (p.tags ?? []).map((id) => tags.byId.get(String(id))).filter((x) => !!x);
  return (
    <Layout
      title={p.title}
      description={p.summary || undefined}
      noindex={p.status !== "published" || !!p.deletedAt}
    >
      <div class="container my-4">
        <nav aria-label="breadcrumb" class="breadcrumb-container">
          <ol class="breadcrumb">
            <li class="breadcrumb-item">
              <a href="/projects">{t("projects.title")}</a>
            </li>
            <li class="breadcrumb-item active" aria-current="page" lang={CONTENT_LANG}>
              {p.title}
            </li>
          </ol>
        </nav>
        <h1 lang={CONTENT_LANG}>{p.title}</h1>
        <p>
          {p.demo ? <DemoBadge /> : null}
          {props.curator || p.status !== "published" ? (
            <StatusBadge status={p.status} deleted={!!p.deletedAt} />
          ) : null}
        </p>
        {p.demo ? <p class="small text-muted">{t("projects.demo.note")}</p> : null}
        {p.summary ? (
          <p class="lead" lang={CONTENT_LANG}>
            {p.summary}
          </p>
        ) : null}
        {props.curator ? <CurationPanel project={p} transitions={props.transitions} /> : null}
        <div class="row">
          <div class="col-lg-8">
            {p.description ? (
              <section aria-labelledby="description-title">
                <h2 class="h4" id="description-title">
                  {t("projects.field.description")}
                </h2>
                {/* Sanitised Markdown: raw HTML escaped, only http(s)/mailto links (src/web/markdown.ts). */}
                <div
                  class="atl-markdown"
                  lang={CONTENT_LANG}
                  dangerouslySetInnerHTML={{ __html: props.descriptionHtml }}
                />
              </section>
            ) : null}
            {p.outcomes ? (
              <section aria-labelledby="outcomes-title">
                <h2 class="h4" id="outcomes-title">
                  {t("projects.field.outcomes")}
                </h2>
                <div
                  class="atl-markdown"
                  lang={CONTENT_LANG}
                  dangerouslySetInnerHTML={{ __html: props.outcomesHtml }}
                />
              </section>
            ) : null}
            {props.notes ?? (
              <section aria-labelledby="notes-title" class="atl-notes my-4" id="notes">
                <h2 class="h4" id="notes-title">
                  {t("projects.notes.title")}
                </h2>
                <p>{t("projects.notes.empty")}</p>
              </section>
            )}
          </div>
          <aside class="col-lg-4">
            <dl class="row atl-facts">
              <Row label="projects.field.leadOrganisation" show={!!p.leadOrganisation}>
                {p.leadOrganisation}
              </Row>
              <Row label="projects.field.partners" show={(p.partners ?? []).length > 0}>
                <ul class="list-unstyled mb-0">
                  {(p.partners ?? []).map((x) => (
                    <li key={x}>{x}</li>
                  ))}
                </ul>
              </Row>
              <Row label="projects.field.fundingProgramme" show={!!funding}>
                {funding ? labelOf(funding, lang) : ""}
              </Row>
              <Row label="projects.field.call" show={!!p.call}>
                {p.call}
              </Row>
              <Row label="projects.field.cup" show={!!p.cup}>
                <code>{p.cup}</code>
              </Row>
              <Row label="projects.field.period" show={!!(p.startDate || p.endDate)}>
                {formatDay(p.startDate, lang) || t("projects.unknownDate")} –{" "}
                {formatDay(p.endDate, lang) || t("projects.unknownDate")}
              </Row>
              <Row label="projects.field.budget" show={p.budgetCents != null}>
                {formatEuro(p.budgetCents, lang)}
              </Row>
              <Row label="projects.field.themes" show={(p.themes ?? []).length > 0}>
                <TermLinks terms={(p.themes ?? []).map((k) => vocab.get("theme", k))} base="/themes" />
              </Row>
              <Row label="projects.field.zones" show={(p.zones ?? []).length > 0}>
                <TermLinks terms={(p.zones ?? []).map((k) => vocab.get("zone", k))} base="/zones" />
              </Row>
              <Row label="projects.field.provinces" show={(p.provinces ?? []).length > 0}>
                {(p.provinces ?? [])
                  .map((k) => {
                    const term = vocab.get("province", k);
                    return term ? labelOf(term, lang) : k;
                  })
                  .join(", ")}
              </Row>
              <Row label="projects.field.targetGroups" show={(p.targetGroups ?? []).length > 0}>
                <ul class="list-unstyled mb-0">
                  {(p.targetGroups ?? []).map((k) => {
                    const term = vocab.get("targetGroup", k);
                    return (
                      <li key={k}>
                        <a href={`/projects?target=${k}`}>{term ? labelOf(term, lang) : k}</a>
                      </li>
                    );
                  })}
                </ul>
              </Row>
              <Row label="projects.field.tags" show={tagViews.length > 0}>
                <ul class="list-inline mb-0">
                  {tagViews.map((tag) => (
                    <li class="list-inline-item" key={tag.id}>
                      <a class="badge atl-chip" href={`/tags/${tag.slug}`}>
                        {labelOf(tag, lang)}
                      </a>
                    </li>
                  ))}
                </ul>
              </Row>
              <Row label="projects.field.links" show={(p.links ?? []).length > 0}>
                <ul class="list-unstyled mb-0">
                  {(p.links ?? []).map((l) => (
                    <li key={l.url}>
                      <a href={l.url} rel="nofollow noopener">
                        {l.label || l.url}
                      </a>
                    </li>
                  ))}
                </ul>
              </Row>
              <Row
                label="projects.field.contact"
                show={!!(p.contact?.name || p.contact?.email || p.contact?.phone)}
              >
                {user ? (
                  <ul class="list-unstyled mb-0 atl-contact">
                    {p.contact?.name ? <li>{p.contact.name}</li> : null}
                    {p.contact?.email ? (
                      <li>
                        <a href={`mailto:${p.contact.email}`}>{p.contact.email}</a>
                      </li>
                    ) : null}
                    {p.contact?.phone ? <li>{p.contact.phone}</li> : null}
                  </ul>
                ) : (
                  <span class="small">{t("projects.contact.membersOnly")}</span>
                )}
              </Row>
            </dl>
            <p class="small text-muted">
              {t("projects.meta.updated", { date: formatDay(p.updatedAt, lang) })}
            </p>
          </aside>
        </div>
        <section aria-labelledby="related-title" class="my-4">
          <h2 class="h4" id="related-title">
            {t("projects.related")}
          </h2>
          <ProjectList
            items={props.related}
            cards={props.relatedCards}
            labels={props.labels}
            headingLevel={3}
            empty={t("projects.related.none")}
          />
        </section>
      </div>
    </Layout>
  );
}
