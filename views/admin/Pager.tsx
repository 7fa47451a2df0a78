import { usePage } from "../page-context";

/** Previous/next links keeping the other query parameters. */
export function Pager(props: {
  page: number;
  pages: number;
  query: Record<string, string | undefined>;
  base: string;
}) {
  const { t } = usePage();
  if (props.pages <= 1) return null;
  const href = (page: number) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(props.query)) if (v) params.set(k, v);
    params.set("page", String(page));
    return `${props.base}?${params.toString()}`;
  };
  return (
    <nav
      class="pagination-wrapper"
      aria-label={t("accounts.admin.page", { page: props.page, pages: props.pages })}
    >
      <p>{t("accounts.admin.page", { page: props.page, pages: props.pages })}</p>
      <ul class="pagination">
        {props.page > 1 ? (
          <li class="page-item">
            <a class="page-link" href={href(props.page - 1)}>
              {t("accounts.admin.previous")}
            </a>
          </li>
        ) : null}
        {props.page < props.pages ? (
          <li class="page-item">
            <a class="page-link" href={href(props.page + 1)}>
              {t("accounts.admin.next")}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
