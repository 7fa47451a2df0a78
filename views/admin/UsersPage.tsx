import { Layout } from "../layout/Layout";
import { TableScroll } from "../components/TableScroll";
import { usePage } from "../page-context";
import { CsrfField } from "../components/CsrfField";
import type { MessageKey } from "../../src/web/i18n/index";
import { Notice } from "../components/Form";
import { Pager, pageHref } from "../components/Pager";
import { ADMIN_PAGER } from "./pager-labels";

export interface UserRow {
  id: string;
  name: string;
  email: string;
  organisation: string;
  role: "member" | "coordinator" | "admin";
  status: "invited" | "active" | "disabled";
  lastLoginAt: string | null;
  /** The user has a second factor (the admin may reset it). */
  twoFactor?: boolean;
}

export interface UsersFilter {
  q?: string;
  role?: string;
  status?: string;
}

const ROLES = ["member", "coordinator", "admin"] as const;
const STATUSES = ["invited", "active", "disabled"] as const;

export function UsersPage(props: {
  users: UserRow[];
  total: number;
  page: number;
  pages: number;
  filter: UsersFilter;
  notice?: MessageKey;
  error?: MessageKey;
}) {
  const { t, user: me, lang } = usePage();
  const f = props.filter;
  return (
    <Layout title={t("accounts.admin.users.title")} noindex>
      <div class="container my-5">
        <h1>{t("accounts.admin.users.title")}</h1>
        {props.notice ? <Notice kind="success">{t(props.notice)}</Notice> : null}
        {props.error ? <Notice kind="danger">{t(props.error)}</Notice> : null}
        <form method="get" action="/admin/users" class="row g-3 align-items-end mt-2 mb-4" role="search">
          <div class="col-12 col-md-5 form-group mb-0">
            <label for="u-q" class="active">
              {t("accounts.admin.users.search")}
            </label>
            <input id="u-q" name="q" type="search" class="form-control" value={f.q ?? ""} maxLength={100} />
          </div>
          <div class="col-6 col-md-2 select-wrapper">
            <label for="u-role">{t("accounts.field.role")}</label>
            <select id="u-role" name="role">
              <option value="">{t("accounts.admin.users.anyRole")}</option>
              {ROLES.map((r) => (
                <option key={r} value={r} selected={f.role === r}>
                  {t(`accounts.role.${r}`)}
                </option>
              ))}
            </select>
          </div>
          <div class="col-6 col-md-3 select-wrapper">
            <label for="u-status">{t("accounts.admin.users.status")}</label>
            <select id="u-status" name="status">
              <option value="">{t("accounts.admin.users.anyStatus")}</option>
              {STATUSES.map((s) => (
                <option key={s} value={s} selected={f.status === s}>
                  {t(`accounts.status.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div class="col-12 col-md-2">
            <button type="submit" class="btn btn-primary">
              {t("accounts.admin.users.filter")}
            </button>
          </div>
        </form>
        <p role="status">{t.plural("accounts.admin.users.count", props.total)}</p>
        {props.users.length === 0 ? (
          <p>{t("accounts.admin.users.none")}</p>
        ) : (
          <TableScroll label={t("accounts.admin.users.title")}>
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{t("accounts.field.name")}</th>
                  <th scope="col">{t("accounts.field.email")}</th>
                  <th scope="col">{t("accounts.field.organisation")}</th>
                  <th scope="col">{t("accounts.field.role")}</th>
                  <th scope="col">{t("accounts.admin.users.lastLogin")}</th>
                  <th scope="col">{t("accounts.admin.users.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {props.users.map((u) => (
                  <tr key={u.id} data-user-email={u.email}>
                    <td>{u.name}</td>
                    <td>{u.email}</td>
                    <td>{u.organisation}</td>
                    <td>
                      {t(`accounts.role.${u.role}`)}
                      <br />
                      <span class="badge bg-secondary">{t(`accounts.status.${u.status}`)}</span>
                    </td>
                    <td>
                      {u.lastLoginAt
                        ? new Date(u.lastLoginAt).toLocaleString(lang === "it" ? "it-IT" : "en-GB", {
                            timeZone: "Europe/Rome",
                          })
                        : t("accounts.admin.users.never")}
                    </td>
                    <td>
                      {me?.id === u.id ? null : (
                        <>
                          <form method="post" action={`/admin/users/${u.id}/role`} class="d-flex gap-2 mb-2">
                            <CsrfField />
                            <label class="visually-hidden" for={`role-${u.id}`}>
                              {t("accounts.admin.users.roleOf", { name: u.name })}
                            </label>
                            <select id={`role-${u.id}`} name="role" class="form-select form-select-sm">
                              {ROLES.map((r) => (
                                <option key={r} value={r} selected={u.role === r}>
                                  {t(`accounts.role.${r}`)}
                                </option>
                              ))}
                            </select>
                            <button type="submit" class="btn btn-outline-primary btn-sm">
                              {t("accounts.admin.users.changeRole")}
                            </button>
                          </form>
                          <form method="post" action={`/admin/users/${u.id}/status`}>
                            <CsrfField />
                            <input
                              type="hidden"
                              name="disabled"
                              value={u.status === "disabled" ? "false" : "true"}
                            />
                            <button
                              type="submit"
                              class={`btn btn-sm ${u.status === "disabled" ? "btn-outline-success" : "btn-outline-danger"}`}
                            >
                              {u.status === "disabled"
                                ? t("accounts.admin.users.enable")
                                : t("accounts.admin.users.disable")}
                              <span class="visually-hidden"> {u.name}</span>
                            </button>
                          </form>
                          <form method="post" action={`/admin/users/${u.id}/sessions/end`} class="mt-2">
                            <CsrfField />
                            <button type="submit" class="btn btn-outline-secondary btn-sm">
                              {t("accounts.admin.users.endSessions")}
                              <span class="visually-hidden"> {u.name}</span>
                            </button>
                          </form>
                          {u.twoFactor ? (
                            <form method="post" action={`/admin/users/${u.id}/2fa/reset`} class="mt-2">
                              <CsrfField />
                              <button type="submit" class="btn btn-outline-danger btn-sm">
                                {t("accounts.admin.users.reset2fa")}
                                <span class="visually-hidden"> {u.name}</span>
                              </button>
                            </form>
                          ) : null}
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        <Pager
          page={props.page}
          pages={props.pages}
          href={(p) => pageHref("/admin/users", { q: f.q, role: f.role, status: f.status }, p)}
          labels={ADMIN_PAGER}
          current="caption"
        />
      </div>
    </Layout>
  );
}
