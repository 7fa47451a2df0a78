// The working tables' public pages: the index, a table's page (optionally narrowed to a guiding question)
// and a table's notes with filters. Thin handlers: validate, read, render.
import express, { type Router } from "express";
import { NotFoundError } from "../../web/errors";
import type { PageCache } from "../../web/page-cache";
import { parseOr400 } from "../../web/validate";
import type { TaxonomyService } from "../taxonomy/index";
import { TableNotesPage, TablePage, TablesIndexPage } from "../../../views/tables/TablePages";
import type { EventQueries } from "./events.queries";
import type { TablePages } from "./table.page";
import type { TablesQueries } from "./tables.queries";
import { tableNotesQuery, tableQuery, themeParams } from "./tables.schemas";

const PAGE_SIZE = 20;

export interface TablesRouterDeps {
  queries: TablesQueries;
  pages: TablePages;
  events: EventQueries;
  taxonomy: TaxonomyService;
  /** Anonymous pages, whole and gzipped (cleared by the app on any note, catalogue, vocabulary or event change). */
  cache: PageCache;
}

export function tablesRouter(deps: TablesRouterDeps): Router {
  const router = express.Router();

  async function themeOf(key: string) {
    const vocab = await deps.taxonomy.vocabulary();
    const index = vocab.themes.findIndex((t) => t.key === key);
    if (index < 0) throw new NotFoundError("No such working table");
    return { theme: vocab.themes[index]!, number: index + 1 };
  }

  const { cache } = deps;

  router.get("/tables", async (req, res) => {
    if (cache.sendCached(req, res, req.originalUrl)) return;
    const [vocab, events] = await Promise.all([deps.taxonomy.vocabulary(), deps.events.list(10)]);
    const data = await Promise.all(vocab.themes.map((t) => deps.queries.table(t.key)));
    cache.send(req, res, req.originalUrl, () => (
      <TablesIndexPage
        tables={vocab.themes.map((theme, i) => ({ theme, number: i + 1, notes: data[i]!.counts.total }))}
        events={events}
      />
    ));
  });

  router.get("/tables/:theme", async (req, res) => {
    if (cache.sendCached(req, res, req.originalUrl)) return;
    const { theme: key } = parseOr400(themeParams, req.params, "address");
    const { question } = parseOr400(tableQuery, req.query, "query");
    const { theme, number } = await themeOf(key);
    if (question && !theme.guidingQuestions.some((q) => q.id === question)) {
      throw new NotFoundError("No such guiding question");
    }
    const body = await deps.pages.body(theme, number, question, req.lang);
    cache.send(req, res, req.originalUrl, () => (
      <TablePage theme={theme} number={number} question={question} body={body} />
    ));
  });

  router.get("/tables/:theme/notes", async (req, res) => {
    if (cache.sendCached(req, res, req.originalUrl)) return;
    const { theme: key } = parseOr400(themeParams, req.params, "address");
    const { page, ...filter } = parseOr400(tableNotesQuery, req.query, "query");
    const { theme, number } = await themeOf(key);
    const [{ notes, total }, vocab, tags, sessions] = await Promise.all([
      deps.queries.notes({ theme: theme.key, ...filter }, { skip: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE }),
      deps.taxonomy.vocabulary(),
      deps.taxonomy.tags(),
      deps.events.sessionsOfTheme(theme.key),
    ]);
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    if (page > pages) throw new NotFoundError("No such page");
    cache.send(req, res, req.originalUrl, () => (
      <TableNotesPage
        theme={theme}
        number={number}
        filter={filter}
        events={sessions.map((s) => ({ id: s.eventId, title: s.eventTitle }))}
        notes={notes}
        total={total}
        page={page}
        pages={pages}
        labels={{ vocab, tags }}
      />
    ));
  });

  return router;
}
