// Atom feeds of newly published projects and notes: overall, per working table and per tag.
import express, { type RequestHandler, type Router } from "express";
import { z } from "zod";
import { NotFoundError } from "../../web/errors";
import { markdownToText } from "../../web/markdown";
import type { ProjectQueries } from "../projects/index";
import type { NoteQueries } from "../notes/index";
import { parseOr400 } from "../../web/validate";
import { type TaxonomyService, labelOf } from "../taxonomy/index";
import "./feeds.openapi";

export const ENTRIES = 30;

export function xmlEscape(s: string): string {
  return (
    s
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      // Characters XML 1.0 does not allow.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
  );
}

export interface Entry {
  id: string;
  title: string;
  url: string;
  updated: Date;
  summary: string;
  author: string;
  category: string;
}

export function atom(base: string, selfPath: string, title: string, entries: Entry[]): string {
  const updated = entries.reduce((m, e) => (e.updated > m ? e.updated : m), new Date(0));
  const items = entries
    .map(
      (e) => `  <entry>
    <id>${xmlEscape(e.id)}</id>
    <title>${xmlEscape(e.title)}</title>
    <link rel="alternate" type="text/html" href="${xmlEscape(base + e.url)}"/>
    <updated>${e.updated.toISOString()}</updated>
    <author><name>${xmlEscape(e.author)}</name></author>
    <category term="${xmlEscape(e.category)}"/>
    <summary type="text">${xmlEscape(e.summary)}</summary>
  </entry>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${xmlEscape(base + selfPath)}</id>
  <title>${xmlEscape(title)}</title>
  <link rel="self" type="application/atom+xml" href="${xmlEscape(base + selfPath)}"/>
  <link rel="alternate" type="text/html" href="${xmlEscape(base + "/")}"/>
  <updated>${updated.toISOString()}</updated>
${items}
</feed>
`;
}

/** Sends a feed (kept 5 minutes by caches). */
export function sendFeed(res: express.Response, xml: string): void {
  res
    .status(200)
    .type("application/atom+xml; charset=utf-8")
    .setHeader("Cache-Control", "public, max-age=300");
  res.send(xml);
}

const themeFile = z.strictObject({
  key: z.string().regex(/^[a-z0-9-]{1,80}\.atom$/, "a feed address ends in .atom"),
});
const tagFile = z.strictObject({
  slug: z.string().regex(/^[a-z0-9-]{1,120}\.atom$/, "a feed address ends in .atom"),
});

export function feedsRouter(deps: {
  baseUrl: string;
  notes: NoteQueries;
  projects: Pick<ProjectQueries, "recentlyPublished">;
  taxonomy: TaxonomyService;
}): Router {
  const router = express.Router();
  const base = deps.baseUrl;

  async function entries(filter: { theme?: string; tagId?: string }): Promise<Entry[]> {
    const [projects, notes] = await Promise.all([
      deps.projects.recentlyPublished(filter, ENTRIES),
      deps.notes.recent(filter, ENTRIES),
    ]);
    const all: Entry[] = [
      ...projects.map((p) => ({
        id: `${base}/projects/${p.slug}`,
        title: p.title,
        url: `/projects/${p.slug}`,
        updated: p.publishedAt ?? p.updatedAt,
        summary: p.summary ?? "",
        author: p.leadOrganisation || "Atlante",
        category: "project",
      })),
      ...notes.map(({ note, project }) => ({
        id: `${base}/notes/${String(note._id)}`,
        // A note on a working table alone has no project: its own page is its address.
        title: project ? `${note.title} (${project.title})` : note.title,
        url: project ? `/projects/${project.slug}#note-${String(note._id)}` : `/notes/${String(note._id)}`,
        updated: note.publishedAt ?? note.updatedAt,
        summary: markdownToText(note.body).slice(0, 500),
        author: note.author.name,
        category: "note",
      })),
    ];
    return all.sort((a, b) => b.updated.getTime() - a.updated.getTime()).slice(0, ENTRIES);
  }

  router.get("/feeds/atlante.atom", async (req, res) => {
    sendFeed(res, atom(base, "/feeds/atlante.atom", req.t("notes.feed.all"), await entries({})));
  });

  router.get("/feeds/themes/:key", async (req, res) => {
    const { key } = parseOr400(themeFile, req.params, "address");
    const theme = (await deps.taxonomy.vocabulary()).get("theme", key.replace(/\.atom$/, ""));
    if (!theme) throw new NotFoundError("No such theme");
    const self = `/feeds/themes/${theme.key}.atom`;
    sendFeed(
      res,
      atom(base, self, `Atlante: ${labelOf(theme, req.lang)}`, await entries({ theme: theme.key })),
    );
  });

  router.get("/feeds/tags/:slug", async (req, res) => {
    const { slug } = parseOr400(tagFile, req.params, "address");
    const tags = await deps.taxonomy.tags();
    const name = slug.replace(/\.atom$/, "");
    const tag = tags.bySlug.get(name) ?? tags.byOldSlug.get(name);
    if (!tag || tag.status !== "active") throw new NotFoundError("No such tag");
    const self = `/feeds/tags/${tag.slug}.atom`;
    sendFeed(res, atom(base, self, `Atlante: #${labelOf(tag, req.lang)}`, await entries({ tagId: tag.id })));
  });

  return router;
}

const THEME_PAGE = /^\/themes\/([a-z0-9-]{1,80})(?:\/notes)?$/;
/** The reports' list and public pages (not their editing pages), which advertise the reports' feed. */
const REPORT_PAGE = /^\/reports(?:\/[a-z0-9-]{1,120})?$/;
/** The register's list, matrix and item pages, which advertise the register's feed. */
const REGISTER_PAGE = /^\/recommendations(?:\/[A-Za-z0-9-]{1,40})?$/;
const TAG_PAGE = /^\/tags\/([a-z0-9-]{1,120})$/;

/** Advertises the feeds in every page's head: the overall one, and the theme's or tag's on their pages. */
export function feedLinks(): RequestHandler {
  const overall = {
    rel: "alternate",
    type: "application/atom+xml",
    href: "/feeds/atlante.atom",
    title: "Atlante",
  };
  return (req, res, next) => {
    if (req.method !== "GET") {
      next();
      return;
    }
    const links = [overall];
    const theme = THEME_PAGE.exec(req.path);
    if (theme) {
      links.push({
        rel: "alternate",
        type: "application/atom+xml",
        href: `/feeds/themes/${theme[1]}.atom`,
        title: `Atlante: ${theme[1]}`,
      });
    }
    const tag = TAG_PAGE.exec(req.path);
    if (tag) {
      links.push({
        rel: "alternate",
        type: "application/atom+xml",
        href: `/feeds/tags/${tag[1]}.atom`,
        title: `Atlante: #${tag[1]}`,
      });
    }
    if (REPORT_PAGE.exec(req.path)) {
      links.push({
        rel: "alternate",
        type: "application/atom+xml",
        href: "/feeds/reports.atom",
        title: req.t("feeds.reports.title"),
      });
    }
    if (REGISTER_PAGE.exec(req.path)) {
      links.push({
        rel: "alternate",
        type: "application/atom+xml",
        href: "/feeds/recommendations.atom",
        title: req.t("feeds.recommendations.title"),
      });
    }
    res.locals.headLinks = [...((res.locals.headLinks as typeof links | undefined) ?? []), ...links];
    next();
  };
}
