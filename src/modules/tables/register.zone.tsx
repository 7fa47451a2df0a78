// The register's section of a zone's page (plugged into the catalogue's zone page by the app, so the
// catalogue knows nothing of tables): the recommendations whose status the zone recorded.
import type { VNode } from "preact";
import { translator, type Lang } from "../../web/i18n/index";
import { renderMarkdown } from "../../web/markdown";
import type { TaxonomyService } from "../taxonomy/index";
import { ZoneRecommendations } from "../../../views/tables/RegisterSections";
import { withoutCitations } from "./report.citations";
import type { RegisterQueries } from "./register.queries";
import { namesOf } from "./register.routes";

export function zoneRecommendationsFor(deps: { queries: RegisterQueries; taxonomy: TaxonomyService }) {
  return async (zone: string, lang: Lang): Promise<VNode | null> => {
    const [vocab, rows] = await Promise.all([deps.taxonomy.vocabulary(), deps.queries.ofZone(zone)]);
    if (rows.length === 0) return null;
    const names = namesOf(vocab, lang, translator(lang));
    return (
      <ZoneRecommendations
        zone={zone}
        rows={rows.map(({ item, status }) => ({
          code: item.code,
          tableLabel: names.tableLabel(item.theme),
          html: renderMarkdown(withoutCitations(item.text)),
          state: item.state,
          demo: item.demo,
          statuses: [],
          status: {
            zone,
            zoneLabel: names.zone(zone),
            status: status.status,
            date: status.date,
            noteHtml: status.note ? renderMarkdown(status.note) : "",
            link: status.link,
          },
        }))}
      />
    );
  };
}
