// The account area of the header: "Accedi" for visitors; name, profile, admin links and logout otherwise.
// Works without JavaScript: plain links and a POST form.
import { usePage } from "../page-context";
import { CsrfField } from "../components/CsrfField";
import { hasRole } from "../../src/web/auth-guards";

export function AccountMenu() {
  const { t, user, url, path } = usePage();
  if (!user) {
    const next = path === "/login" ? "" : `?next=${encodeURIComponent(url)}`;
    return (
      <a class="btn btn-primary btn-sm atl-login" href={`/login${next}`}>
        {t("accounts.menu.login")}
      </a>
    );
  }
  return (
    <nav class="atl-account" aria-label={t("accounts.menu.label")}>
      <span class="atl-account-name">{user.name}</span>
      <ul class="list-inline mb-0">
        <li class="list-inline-item">
          <a href="/me">{t("accounts.menu.profile")}</a>
        </li>
        <li class="list-inline-item">
          <a href="/me/notes">{t("notes.mine.title")}</a>
        </li>
        {hasRole(user.role, "coordinator") ? (
          <>
            <li class="list-inline-item">
              <a href="/admin/invite">{t("accounts.menu.invite")}</a>
            </li>
            <li class="list-inline-item">
              <a href="/admin/join-requests">{t("accounts.menu.joinRequests")}</a>
            </li>
            <li class="list-inline-item">
              <a href="/moderation/notes">{t("notes.menu.moderation")}</a>
            </li>
            <li class="list-inline-item">
              <a href="/admin/import">{t("import.menu")}</a>
            </li>
            <li class="list-inline-item">
              <a href="/admin/search">{t("search.admin.title")}</a>
            </li>
          </>
        ) : null}
        {hasRole(user.role, "admin") ? (
          <>
            <li class="list-inline-item">
              <a href="/admin/users">{t("accounts.menu.users")}</a>
            </li>
            <li class="list-inline-item">
              <a href="/admin/audit">{t("accounts.menu.audit")}</a>
            </li>
          </>
        ) : null}
        <li class="list-inline-item">
          <form method="post" action="/logout" class="d-inline">
            <CsrfField />
            <button type="submit" class="btn btn-link btn-sm p-0 atl-logout">
              {t("accounts.menu.logout")}
            </button>
          </form>
        </li>
      </ul>
    </nav>
  );
}
