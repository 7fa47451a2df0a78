// The coordinators' tag page: proposals to approve, new tags, renames, merges and retired tags.
import { Layout } from "../layout/Layout";
import { usePage } from "../page-context";
import { CsrfField } from "../components/CsrfField";
import type { MessageKey } from "../../src/web/i18n/index";
import { labelOf, type TagView } from "../../src/modules/taxonomy/taxonomy.types";
import { CurationField, TagFields, type TagFormState } from "./CurationForm";

function PostButton(props: { action: string; label: MessageKey; hidden?: string; kind?: string }) {
  const { t } = usePage();
  return (
    <form method="post" action={props.action} class="d-inline">
      <CsrfField />
      <button type="submit" class={`btn btn-sm ${props.kind ?? "btn-outline-primary"}`}>
        {t(props.label)}
        {props.hidden ? <span class="visually-hidden"> {props.hidden}</span> : null}
      </button>
    </form>
  );
}

export function TagCurationPage(props: { tags: TagView[]; state?: TagFormState; notice?: string }) {
  const { t, lang } = usePage();
  const proposed = props.tags.filter((x) => x.status === "proposed");
  const active = props.tags.filter((x) => x.status === "active");
  const retired = props.tags.filter((x) => x.status === "retired");
  const openId = props.state?.formId;
  return (
    <Layout title={t("tax.curation.title")} noindex>
      <div class="container my-4">
        <h1>{t("tax.curation.title")}</h1>
        <p class="lead">{t("tax.curation.lead")}</p>
        {props.notice ? (
          <p class="alert alert-success" role="status">
            {props.notice}
          </p>
        ) : null}
        <section aria-labelledby="proposed-title" class="mb-5">
          <h2 class="h4" id="proposed-title">
            {t("tax.curation.proposed")}
          </h2>
          {proposed.length === 0 ? <p>{t("tax.curation.noProposals")}</p> : null}
          <ul class="list-unstyled">
            {proposed.map((tag) => (
              <li key={tag.id} class="mb-2">
                <strong>{labelOf(tag, lang)}</strong> ({tag.slug})
                {tag.proposedBy?.name ? (
                  <span class="small"> · {t("tax.curation.proposedBy", { name: tag.proposedBy.name })}</span>
                ) : null}{" "}
                <PostButton
                  action={`/curation/tags/${tag.slug}/approve`}
                  label="tax.curation.approve"
                  hidden={tag.label_it}
                />{" "}
                <PostButton
                  action={`/curation/tags/${tag.slug}/reject`}
                  label="tax.curation.reject"
                  hidden={tag.label_it}
                  kind="btn-outline-danger"
                />
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="create-title" class="mb-5">
          <h2 class="h4" id="create-title">
            {t("tax.curation.create")}
          </h2>
          <form method="post" action="/curation/tags" novalidate>
            <CsrfField />
            <TagFields formId="create" state={props.state} />
            <button type="submit" class="btn btn-primary">
              {t("tax.save")}
            </button>
          </form>
        </section>
        <section aria-labelledby="active-title" class="mb-5">
          <h2 class="h4" id="active-title">
            {t("tax.curation.active")}
          </h2>
          <ul class="list-unstyled">
            {active.map((tag) => (
              <li key={tag.id} class="mb-3 atl-tag-row">
                <a href={`/tags/${tag.slug}`}>{labelOf(tag, lang)}</a> <code>{tag.slug}</code>{" "}
                <span class="small">
                  {t("tax.curation.usage")}: {tag.usageCount}
                </span>{" "}
                <PostButton
                  action={`/curation/tags/${tag.slug}/retire`}
                  label="tax.curation.retire"
                  hidden={tag.label_it}
                  kind="btn-outline-danger"
                />
                <details open={openId === tag.slug}>
                  <summary>{t("tax.curation.rename")}</summary>
                  <form method="post" action={`/curation/tags/${tag.slug}`} novalidate>
                    <CsrfField />
                    <TagFields formId={tag.slug} state={props.state} tag={tag} />
                    <button type="submit" class="btn btn-primary btn-sm">
                      {t("tax.save")}
                    </button>
                  </form>
                </details>
                <details open={openId === `merge-${tag.slug}`}>
                  <summary>{t("tax.curation.merge")}</summary>
                  <form method="post" action={`/curation/tags/${tag.slug}/merge`} novalidate>
                    <CsrfField />
                    <p class="small">{t("tax.curation.mergeHelp")}</p>
                    <CurationField
                      formId={`merge-${tag.slug}`}
                      name="into"
                      label="tax.curation.mergeInto"
                      value={
                        props.state?.formId === `merge-${tag.slug}` ? (props.state.values.into ?? "") : ""
                      }
                      error={
                        props.state?.formId === `merge-${tag.slug}` ? props.state.errors.into : undefined
                      }
                    />
                    <button type="submit" class="btn btn-outline-primary btn-sm">
                      {t("tax.curation.merge")}
                    </button>
                  </form>
                </details>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="retired-title">
          <h2 class="h4" id="retired-title">
            {t("tax.curation.retired")}
          </h2>
          <ul class="list-unstyled">
            {retired.map((tag) => (
              <li key={tag.id} class="mb-2">
                {labelOf(tag, lang)} <code>{tag.slug}</code>{" "}
                <PostButton
                  action={`/curation/tags/${tag.slug}/reactivate`}
                  label="tax.curation.reactivate"
                  hidden={tag.label_it}
                />
              </li>
            ))}
          </ul>
        </section>
      </div>
    </Layout>
  );
}
