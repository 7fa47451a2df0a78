import { Layout } from "../layout/Layout";
import { usePage } from "../page-context";
import { CsrfField } from "../components/CsrfField";
import { formatDateTime } from "../../src/web/i18n/format";
import type { MessageKey, Translate } from "../../src/web/i18n/index";
import { Notice } from "../components/Form";

/** One active session as the page shows it (plain data). */
export interface SessionRow {
  handle: string;
  current: boolean;
  signedInAt: string | null;
  lastSeen: string;
  browser: string;
  os: string;
  place: "local" | "private" | "public" | "unknown";
  address: string;
}

function deviceLabel(t: Translate, s: SessionRow): string {
  if (s.browser && s.os) return t("accounts.sessions.deviceOn", { browser: s.browser, os: s.os });
  return s.browser || s.os || t("accounts.sessions.unknownDevice");
}

function placeLabel(t: Translate, s: SessionRow): string {
  if (s.place === "local") return t("accounts.sessions.place.local");
  if (s.place === "private") return t("accounts.sessions.place.private", { address: s.address });
  if (s.place === "public") return t("accounts.sessions.place.public", { address: s.address });
  return t("accounts.sessions.place.unknown");
}

export function SessionsPage(props: { sessions: SessionRow[]; notice?: MessageKey }) {
  const { t, lang } = usePage();
  const others = props.sessions.filter((s) => !s.current).length;
  return (
    <Layout title={t("accounts.sessions.title")} noindex>
      <div class="container my-5">
        <p>
          <a href="/me">{t("accounts.me.title")}</a>
        </p>
        <h1>{t("accounts.sessions.title")}</h1>
        {props.notice ? <Notice kind="success">{t(props.notice)}</Notice> : null}
        <p>{t("accounts.sessions.intro")}</p>
        <div class="table-responsive">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t("accounts.sessions.device")}</th>
                <th scope="col">{t("accounts.sessions.place")}</th>
                <th scope="col">{t("accounts.sessions.signedIn")}</th>
                <th scope="col">{t("accounts.sessions.lastSeen")}</th>
                <th scope="col">
                  <span class="visually-hidden">{t("accounts.sessions.end")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {props.sessions.map((s) => (
                <tr key={s.handle} data-session={s.handle}>
                  <td>
                    {deviceLabel(t, s)}
                    {s.current ? (
                      <>
                        <br />
                        <span class="badge bg-primary">{t("accounts.sessions.current")}</span>
                      </>
                    ) : null}
                  </td>
                  <td>{placeLabel(t, s)}</td>
                  <td>{s.signedInAt ? formatDateTime(s.signedInAt, lang) : "—"}</td>
                  <td>{formatDateTime(s.lastSeen, lang)}</td>
                  <td>
                    {s.current ? null : (
                      <form method="post" action={`/me/sessions/${s.handle}/end`}>
                        <CsrfField />
                        <button type="submit" class="btn btn-outline-danger btn-sm">
                          {t("accounts.sessions.end")}
                          <span class="visually-hidden"> {deviceLabel(t, s)}</span>
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p class="small">{t("accounts.sessions.placeNote")}</p>
        {others > 0 ? (
          <form method="post" action="/me/sessions/others">
            <CsrfField />
            <button type="submit" class="btn btn-danger">
              {t("accounts.sessions.endOthers")}
            </button>
          </form>
        ) : (
          <p>{t("accounts.sessions.onlyThis")}</p>
        )}
      </div>
    </Layout>
  );
}
