// The account area of the header: "Accedi" for visitors; for members a menu under their name (profile,
// the coordinators' and admins' pages, logout). The menu is a <details> element: it opens and closes by
// keyboard and without JavaScript, and its panel never widens the page (app.css).
import { usePage } from "../page-context";
import { CsrfField } from "../components/CsrfField";
import { Icon } from "../components/Icon";
import { hasRole } from "../../src/web/auth-guards";

export function AccountMenu() {
  const { t, user, url, path } = usePage();
  if (!user) {
    const next = path === "/login" ? "" : `?next=${encodeURIComponent(url)}`;
    return (
      <div class="it-access-top-wrapper">
        <a class="btn btn-primary btn-sm atl-login" href={`/login${next}`}>
          {t("accounts.menu.login")}
        </a>
      </div>
    );
  }
  return (
    <nav class="atl-account" aria-label={t("accounts.menu.label")}>
      <details class="atl-account-menu">
        <summary class="atl-account-toggle">
          <Icon name="it-user" class="icon-sm icon-white" />
          <span class="atl-account-name">{user.name}</span>
          <Icon name="it-expand" class="icon-sm icon-white atl-account-caret" />
        </summary>
        <ul class="link-list atl-account-links">
          <li>
            <a class="list-item" href="/me">
              {t("accounts.menu.profile")}
            </a>
          </li>
          <li>
            <a class="list-item" href="/me/notes">
              {t("notes.mine.title")}
            </a>
          </li>
          {hasRole(user.role, "coordinator") ? (
            <>
              <li>
                <a class="list-item" href="/admin/invite">
                  {t("accounts.menu.invite")}
                </a>
              </li>
              <li>
                <a class="list-item" href="/admin/join-requests">
                  {t("accounts.menu.joinRequests")}
                </a>
              </li>
              <li>
                <a class="list-item" href="/moderation/notes">
                  {t("notes.menu.moderation")}
                </a>
              </li>
              <li>
                <a class="list-item" href="/admin/import">
                  {t("import.menu")}
                </a>
              </li>
              <li>
                <a class="list-item" href="/admin/jobs">
                  {t("jobs.menu")}
                </a>
              </li>
              <li>
                <a class="list-item" href="/admin/search">
                  {t("search.admin.title")}
                </a>
              </li>
            </>
          ) : null}
          {hasRole(user.role, "admin") ? (
            <>
              <li>
                <a class="list-item" href="/admin/users">
                  {t("accounts.menu.users")}
                </a>
              </li>
              <li>
                <a class="list-item" href="/admin/audit">
                  {t("accounts.menu.audit")}
                </a>
              </li>
            </>
          ) : null}
          <li>
            <form method="post" action="/logout">
              <CsrfField />
              <button type="submit" class="list-item atl-logout">
                {t("accounts.menu.logout")}
              </button>
            </form>
          </li>
        </ul>
      </details>
    </nav>
  );
}
