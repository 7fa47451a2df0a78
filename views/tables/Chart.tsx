// A chart of the working tables: the server-drawn SVG (role="img", title, description) and, under it,
// the same numbers as an HTML table.
import { usePage } from "../page-context";

/** A chart as the page shows it: its SVG and the table of its numbers. */
export interface ChartBlock {
  id: string;
  title: string;
  /** The SVG made by the tables module (its text escaped by the DOM serialiser); "" when there is no data. */
  svg: string;
  columns: string[];
  rows: (string | number)[][];
}

export function ChartFigure(props: { chart: ChartBlock; level?: 3 | 4 }) {
  const { t } = usePage();
  const { chart } = props;
  const H = props.level === 4 ? "h4" : "h3";
  return (
    <figure class="atl-chart mb-4" aria-labelledby={`${chart.id}-caption`}>
      <H class="h6" id={`${chart.id}-caption`}>
        {chart.title}
      </H>
      {chart.svg ? (
        <div class="atl-chart-svg" dangerouslySetInnerHTML={{ __html: chart.svg }} />
      ) : (
        <p class="small">{t("tables.chart.empty")}</p>
      )}
      {chart.rows.length > 0 ? (
        <details class="atl-chart-data">
          <summary>{t("tables.chart.data")}</summary>
          <div class="table-responsive">
            <table class="table table-sm" data-chart={chart.id}>
              <caption class="visually-hidden">{chart.title}</caption>
              <thead>
                <tr>
                  {chart.columns.map((c, i) => (
                    <th key={i} scope="col">
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {chart.rows.map((row, i) => (
                  <tr key={i}>
                    {row.map((cell, j) =>
                      j === 0 ? (
                        <th key={j} scope="row">
                          {cell}
                        </th>
                      ) : (
                        <td key={j} class="text-end">
                          {cell}
                        </td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ) : null}
    </figure>
  );
}
