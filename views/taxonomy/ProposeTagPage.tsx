// A member proposes a new tag; coordinators approve it on the tag curation page.
import { Layout } from "../layout/Layout";
import { usePage } from "../page-context";
import { CsrfField } from "../components/CsrfField";
import { TagFields, type TagFormState } from "./CurationForm";

export function ProposeTagPage(props: { state?: TagFormState; notice?: string }) {
  const { t } = usePage();
  return (
    <Layout title={t("tax.propose.title")} noindex>
      <div class="container my-4">
        <h1>{t("tax.propose.title")}</h1>
        <p class="lead">{t("tax.propose.lead")}</p>
        {props.notice ? (
          <p class="alert alert-success" role="status">
            {props.notice}
          </p>
        ) : null}
        <form method="post" action="/tags/propose" novalidate>
          <CsrfField />
          <TagFields formId="propose" state={props.state} withSlug={false} />
          <button type="submit" class="btn btn-primary">
            {t("tax.propose.submit")}
          </button>
        </form>
      </div>
    </Layout>
  );
}
