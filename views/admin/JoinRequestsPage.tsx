import { Layout } from "../layout/Layout";
import { usePage } from "../page-context";
import { CsrfField } from "../components/CsrfField";
import type { MessageKey } from "../../src/web/i18n/index";
import { Notice } from "../components/Form";

export interface JoinRow {
  id: string;
  name: string;
  email: string;
  organisation: string;
  message: string;
  createdAt: string;
}

export function JoinRequestsPage(props: { requests: JoinRow[]; notice?: MessageKey }) {
  const { t } = usePage();
  return (
    <Layout title={t("accounts.admin.join.title")} noindex>
      <div class="container my-5">
        <h1>{t("accounts.admin.join.title")}</h1>
        {props.notice ? <Notice kind="success">{t(props.notice)}</Notice> : null}
        {props.requests.length === 0 ? <p>{t("accounts.admin.join.none")}</p> : null}
        <ul class="list-unstyled">
          {props.requests.map((r) => (
            <li key={r.id} class="card card-bg mb-3">
              <div class="card-body">
                <h2 class="h5 card-title">
                  {r.name} · {r.email}
                </h2>
                {r.organisation ? <p class="mb-1">{r.organisation}</p> : null}
                {r.message ? <p class="atl-join-message">{r.message}</p> : null}
                <div class="d-flex flex-wrap gap-2">
                  <form method="post" action={`/admin/join-requests/${r.id}/approve`}>
                    <CsrfField />
                    <button type="submit" class="btn btn-primary btn-sm">
                      {t("accounts.admin.join.approve")}
                      <span class="visually-hidden"> {r.email}</span>
                    </button>
                  </form>
                  <form method="post" action={`/admin/join-requests/${r.id}/reject`}>
                    <CsrfField />
                    <button type="submit" class="btn btn-outline-danger btn-sm">
                      {t("accounts.admin.join.reject")}
                      <span class="visually-hidden"> {r.email}</span>
                    </button>
                  </form>
                </div>
              </div>
            </li>
          ))}
        </ul>
      </div>
    </Layout>
  );
}
