// Charts of the working tables' counts, drawn on the server by Observable Plot into a linkedom document and
// sent as SVG: role="img" with a <title> and a <desc> that say what it shows, and no style element (the
// page's CSP allows our stylesheet only; public/css/app.css has the few rules Plot's own would set). The
// page puts the same numbers in an HTML table next to each chart.
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";

/** One bar: its label and count; `series` splits a bar into stacked parts (e.g. the kinds of note). */
export interface ChartRow {
  label: string;
  n: number;
  series?: string;
}

export interface ChartSpec {
  /** Unique on the page: the ids of the title and description derive from it. */
  id: string;
  title: string;
  description: string;
  rows: ChartRow[];
  /** "horizontal": one bar per label, labels on the left (long names); "vertical": labels below (years). */
  orientation: "horizontal" | "vertical";
  /** The count axis' label ("Note"). */
  countLabel: string;
  /** Colours of the series, in the legend's order. */
  series?: { name: string; color: string }[];
}

const BAR = "#0066cc";
const LABEL_MAX = 34;

let doc: Document | undefined;
/** One server-side document for every chart (Plot only creates elements in it). */
function documentOf(): Document {
  doc ??= parseHTML("<!doctype html><html><body></body></html>").document;
  return doc;
}

function short(label: string): string {
  return label.length > LABEL_MAX ? `${label.slice(0, LABEL_MAX - 1).trimEnd()}…` : label;
}

/** The chart as an accessible SVG string (empty rows: an empty string, the page says there is nothing). */
export function chartSvg(spec: ChartSpec): string {
  if (spec.rows.length === 0) return "";
  const document = documentOf();
  const labels = [...new Set(spec.rows.map((r) => r.label))];
  const stacked = !!spec.series && spec.series.length > 0;
  const color = stacked
    ? { domain: spec.series!.map((s) => s.name), range: spec.series!.map((s) => s.color) }
    : undefined;
  const fill = stacked ? "series" : BAR;
  const totals = labels.map((label) => ({
    label,
    n: spec.rows.filter((r) => r.label === label).reduce((a, r) => a + r.n, 0),
  }));
  const svg =
    spec.orientation === "horizontal"
      ? Plot.plot({
          document,
          className: "atl-plot",
          width: 640,
          height: 40 + 26 * labels.length,
          marginLeft: 230,
          marginRight: 40,
          color,
          x: { label: spec.countLabel, grid: true, tickFormat: "d" },
          y: { label: null, domain: labels, tickFormat: short },
          marks: [
            Plot.barX(spec.rows, {
              x: "n",
              y: "label",
              fill,
              ...(stacked ? { order: spec.series!.map((s) => s.name) } : {}),
            }),
            Plot.text(totals, {
              x: "n",
              y: "label",
              text: (d: ChartRow) => String(d.n),
              dx: 4,
              textAnchor: "start",
            }),
            Plot.ruleX([0]),
          ],
        })
      : Plot.plot({
          document,
          className: "atl-plot",
          width: 640,
          height: 260,
          marginBottom: 40,
          color,
          x: { label: null, domain: labels, tickRotate: labels.length > 12 ? -45 : 0 },
          y: { label: spec.countLabel, grid: true, tickFormat: "d" },
          marks: [
            Plot.barY(spec.rows, { x: "label", y: "n", fill }),
            Plot.text(totals, { x: "label", y: "n", text: (d: ChartRow) => String(d.n), dy: -6 }),
            Plot.ruleY([0]),
          ],
        });
  // Plot's own <style> would be refused by the CSP: the stylesheet has its rules.
  for (const style of [...svg.querySelectorAll("style")]) style.remove();
  // Inside role="img" everything is presentational: Plot's aria-labels on groups would be refused by
  // assistive technology checks (aria-label on an element without a role); the description says it all.
  for (const el of [...svg.querySelectorAll("[aria-label]")]) el.removeAttribute("aria-label");
  const titleId = `${spec.id}-title`;
  const descId = `${spec.id}-desc`;
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-labelledby", `${titleId} ${descId}`);
  svg.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  svg.setAttribute("id", spec.id);
  const title = document.createElementNS("http://www.w3.org/2000/svg", "title");
  title.setAttribute("id", titleId);
  title.textContent = spec.title;
  const desc = document.createElementNS("http://www.w3.org/2000/svg", "desc");
  desc.setAttribute("id", descId);
  desc.textContent = spec.description;
  svg.insertBefore(desc, svg.firstChild);
  svg.insertBefore(title, svg.firstChild);
  return svg.outerHTML;
}
