// Atom feeds of what the working tables publish: synthesis reports (newest publication first) and the
// recommendations register's changes (new items and statuses per zone-distretto, newest first). Only what
// the public reads is listed: a report's published version, never a draft, and nothing once withdrawn
// (a report withdrawn takes its register items out of the feed too).
import express, { type Router } from "express";
import type { MessageKey } from "../../web/i18n/index";
import { markdownToText } from "../../web/markdown";
import { labelOf, type TaxonomyService } from "../taxonomy/index";
import { withoutCitations, type RegisterQueries, type ReportQueries } from "../tables/index";
import { ENTRIES, atom, sendFeed, type Entry } from "./feeds.routes";

export const REPORTS_FEED = "/feeds/reports.atom";
export const RECOMMENDATIONS_FEED = "/feeds/recommendations.atom";

/** How many register changes are read to fill a feed after leaving out what the public does not see. */
const CHANGES_READ = 300;

const plain = (markdown: string) => markdownToText(withoutCitations(markdown)).replace(/\s+/g, " ").trim();

function short(text: string, max = 120): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

export function tablesFeedsRouter(deps: {
  baseUrl: string;
  reports: Pick<ReportQueries, "listPublished">;
  register: Pick<RegisterQueries, "changes" | "list">;
  taxonomy: Pick<TaxonomyService, "vocabulary">;
}): Router {
  const router = express.Router();
  const base = deps.baseUrl;

  router.get(REPORTS_FEED, async (req, res) => {
    const published = await deps.reports.listPublished();
    const entries: Entry[] = published.slice(0, ENTRIES).map(({ meta, title, summary }) => ({
      id: `${base}/reports/${meta.slug}`,
      title,
      url: `/reports/${meta.slug}`,
      updated: meta.publishedAt ?? meta.updatedAt,
      summary: plain(summary).slice(0, 500),
      author: meta.publishedBy?.name || "Atlante",
      category: meta.scope.theme ?? "report",
    }));
    sendFeed(res, atom(base, REPORTS_FEED, req.t("feeds.reports.title"), entries));
  });

  router.get(RECOMMENDATIONS_FEED, async (req, res) => {
    const [changes, items, published, vocab] = await Promise.all([
      deps.register.changes({ limit: CHANGES_READ }),
      deps.register.list({ state: "active" }),
      deps.reports.listPublished(),
      deps.taxonomy.vocabulary(),
    ]);
    const publicReports = new Set(published.map((p) => p.meta.slug));
    const visible = new Map(items.filter((i) => publicReports.has(i.report.slug)).map((i) => [i.code, i]));
    const zoneName = (key: string) => {
      const zone = vocab.get("zone", key);
      return zone ? labelOf(zone, req.lang) : key;
    };
    const entries: Entry[] = changes
      .filter(
        (c) =>
          (c.action === "create" || (c.action === "status" && c.zone && c.status)) && visible.has(c.code),
      )
      .slice(0, ENTRIES)
      .map((c) => {
        const item = visible.get(c.code)!;
        const text = plain(item.text);
        const isStatus = c.action === "status";
        return {
          // One entry per change: the item's version after it.
          id: `${base}/recommendations/${c.code}#v${c.version}`,
          title: isStatus
            ? req.t("feeds.recommendations.status", {
                code: c.code,
                zone: zoneName(c.zone!),
                status: req.t(`register.status.${c.status!}` as MessageKey),
              })
            : req.t("feeds.recommendations.new", { code: c.code, text: short(text) }),
          url: `/recommendations/${c.code}`,
          updated: c.at,
          summary: (isStatus && c.note ? `${plain(c.note)} — ${text}` : text).slice(0, 500),
          author: c.by.name || "Atlante",
          category: isStatus ? c.zone! : (item.theme ?? "recommendation"),
        };
      });
    sendFeed(res, atom(base, RECOMMENDATIONS_FEED, req.t("feeds.recommendations.title"), entries));
  });

  return router;
}
