// The pager of every list split into pages: plain links, so it works without JavaScript.
import { usePage } from "../page-context";
import type { MessageKey } from "../../src/web/i18n/index";

/** The texts of a pager; `page` gets `{page}` and `{pages}`. Without `nav`, "page n of m" names the landmark. */
export interface PagerLabels {
  previous: MessageKey;
  next: MessageKey;
  page: MessageKey;
  nav?: MessageKey;
}

/** `base` with the query parameters that have a value, and `page` from the second page on. */
export function pageHref<Q extends { [K in keyof Q]?: string }>(
  base: string,
  query: Q,
  page: number,
): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries<string | undefined>(query)) if (v) params.set(k, v);
  if (page > 1) params.set("page", String(page));
  const s = params.toString();
  return s ? `${base}?${s}` : base;
}

/** The numbers of the pages linked around the current one. */
function around(page: number, pages: number): number[] {
  const numbers: number[] = [];
  for (let p = Math.max(1, page - 2); p <= Math.min(pages, page + 2); p++) numbers.push(p);
  return numbers;
}

export function Pager(props: {
  page: number;
  pages: number;
  /** The address of a page; it keeps whatever else the list was asked for. */
  href: (page: number) => string;
  labels: PagerLabels;
  /**
   * How the reader learns where they are: "page n of m" above the links ("caption") or between them
   * ("item"), or numbered links to the pages around this one ("numbers").
   */
  current: "caption" | "item" | "numbers";
}) {
  const { t } = usePage();
  const { page, pages, labels, href } = props;
  if (pages <= 1) return null;
  const position = t(labels.page, { page, pages });
  return (
    <nav class="pagination-wrapper" aria-label={labels.nav ? t(labels.nav) : position}>
      {props.current === "caption" ? <p>{position}</p> : null}
      <ul class="pagination">
        {page > 1 ? (
          <li class="page-item">
            <a class="page-link" href={href(page - 1)} rel="prev">
              {t(labels.previous)}
            </a>
          </li>
        ) : null}
        {props.current === "item" ? (
          <li class="page-item">
            <span class="page-link" aria-current="page">
              {position}
            </span>
          </li>
        ) : null}
        {props.current === "numbers"
          ? around(page, pages).map((p) => (
              <li class={`page-item${p === page ? " active" : ""}`} key={p}>
                <a class="page-link" href={href(p)} aria-current={p === page ? "page" : undefined}>
                  <span class="visually-hidden">{t(labels.page, { page: p, pages })}</span>
                  <span aria-hidden="true">{p}</span>
                </a>
              </li>
            ))
          : null}
        {page < pages ? (
          <li class="page-item">
            <a class="page-link" href={href(page + 1)} rel="next">
              {t(labels.next)}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
