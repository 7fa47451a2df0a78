// Small pieces of the catalogue's own pages: amounts and dates.
import type { Lang } from "../../src/web/i18n/define";
import { formatInteger } from "../../src/web/i18n/format";

export { formatDateTime, formatDay } from "../../src/web/i18n/format";

/** Integer cents as euros, formatted without floating-point arithmetic on the cents. */
export function formatEuro(cents: number | null | undefined, lang: Lang): string {
  if (cents == null) return "";
  const euros = Math.floor(cents / 100);
  const rest = cents % 100;
  const sep = lang === "it" ? "," : ".";
  return `€ ${formatInteger(euros, lang)}${rest ? `${sep}${String(rest).padStart(2, "0")}` : ""}`;
}
