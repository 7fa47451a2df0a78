// What the register's pages share: a status in words and as a mark, the filters' select, the rows.
import { usePage } from "../page-context";
import type { MessageKey, Translate } from "../../src/web/i18n/index";

/** A status (or none) as words. */
export const statusText = (t: Translate, status: string | null) =>
  t((status ? `register.status.${status}` : "register.status.none") as MessageKey);

export interface Option {
  key: string;
  label: string;
  /** How many items the option would show (with the other filters kept). */
  n?: number;
}

/** One row of the list or the matrix: an item as its pages show it. */
export interface RegisterRow {
  code: string;
  tableLabel: string;
  /** The text as safe HTML (citations left out). */
  html: string;
  state: "active" | "withdrawn";
  demo: boolean;
  statuses: { zone: string; zoneLabel: string; status: string; date: string }[];
}

export interface RegisterFilters {
  table?: string;
  zone?: string;
  status?: string;
  state?: string;
}

export function StatusBadge(props: { status: string | null }) {
  const { t } = usePage();
  return (
    <span class={`atl-register-status atl-register-status-${props.status ?? "none"}`}>
      {statusText(t, props.status)}
    </span>
  );
}

export function query(filters: RegisterFilters): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filters) as [string, string | undefined][]) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : "";
}

export function FilterSelect(props: {
  name: string;
  label: string;
  any: string;
  value?: string;
  options: Option[];
}) {
  const { t } = usePage();
  return (
    <div class="select-wrapper mb-3 col-12 col-md-6 col-lg-3">
      <label for={`filter-${props.name}`}>{props.label}</label>
      <select id={`filter-${props.name}`} name={props.name}>
        <option value="">{props.any}</option>
        {props.options.map((o) => (
          <option key={o.key} value={o.key} selected={props.value === o.key}>
            {o.n === undefined ? o.label : t("register.filter.option", { label: o.label, n: o.n })}
          </option>
        ))}
      </select>
    </div>
  );
}
