// Atom feeds of what the working tables publish: synthesis reports (newest publication first). Only what
// the public reads is listed: a report's published version, never a draft, and nothing once withdrawn.
import express, { type Router } from "express";
import { markdownToText } from "../../web/markdown";
import { withoutCitations, type ReportQueries } from "../tables/index";
import { ENTRIES, atom, sendFeed, type Entry } from "./feeds.routes";

export const REPORTS_FEED = "/feeds/reports.atom";

export function tablesFeedsRouter(deps: {
  baseUrl: string;
  reports: Pick<ReportQueries, "listPublished">;
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
      summary: markdownToText(withoutCitations(summary)).slice(0, 500),
      author: meta.publishedBy?.name || "Atlante",
      category: meta.scope.theme ?? "report",
    }));
    sendFeed(res, atom(base, REPORTS_FEED, req.t("feeds.reports.title"), entries));
  });

  return router;
}
