// Live capture over HTTP. The facilitator's view of a session (open, close, contributions arriving through
// server-sent events; without JavaScript a reload shows them), and the participants' pages: /partecipa
// takes the code (and a guest's name) and gives a signed pass in a cookie; /partecipa/contributo sends
// contributions while the session is open.
import crypto from "node:crypto";
import express, { type Request, type Response, type Router } from "express";
import { renderToString } from "preact-render-to-string";
import { requireUser } from "../../web/auth-guards";
import { AppError, ConflictError, TooManyRequestsError } from "../../web/errors";
import { pageContext, sendPage } from "../../web/render";
import { fieldErrorsOf, parseForm, parseOr400, throwIfJson, type FieldErrors } from "../../web/validate";
import { PageContext } from "../../../views/page-context";
import {
  ContributePage,
  ContributionItem,
  JoinPage,
  LivePage,
  type ContributionValues,
} from "../../../views/tables/LivePages";
import { actorOf, withCsrfToken } from "../accounts/index";
import type { ProjectRefs } from "../projects/index";
import type { TaxonomyService } from "../taxonomy/index";
import type { CaptureService } from "./capture.service";
import { sessionView } from "./events.queries";
import type { EventsService } from "./events.service";
import { GUEST_COOKIE, cookieValue, readPass, signPass, type GuestPass } from "./guest-pass";
import type { TableNote, TablesQueries } from "./tables.queries";
import {
  contributionFormSchema,
  emptyForm,
  idParams,
  joinFormSchema,
  liveQuery,
  openFormSchema,
  sentQuery,
} from "./tables.schemas";

export interface CaptureRouterDeps {
  capture: CaptureService;
  events: EventsService;
  queries: TablesQueries;
  taxonomy: TaxonomyService;
  projects: Pick<ProjectRefs, "refBySlug">;
  /** Signs the participants' passes. */
  secret: string;
  secureCookies: boolean;
  baseUrl: string;
  /** Called with a listener run whenever a note changes in this process (the live views look at once). */
  onNoteChange: (listener: () => void) => () => void;
}

/** How often a live view looks for new contributions when nothing in this process told it to. */
const LIVE_POLL_MS = 1000;
/**
 * A live view asks again from this long before the newest contribution it saw: contributions sent at
 * once commit in any order (their ids are made before), so a later one may show up after a newer id.
 */
const LIVE_MARGIN_MS = 10_000;
const timeOfId = (id: string) => new Date(parseInt(id.slice(0, 8), 16) * 1000);
const HEARTBEAT_MS = 15_000;
const FORM_FIELDS = ["kind", "question", "body", "project"] as const;

function valuesOf(body: unknown): ContributionValues {
  const b = (body ?? {}) as Record<string, unknown>;
  const out: ContributionValues = {};
  for (const k of FORM_FIELDS) if (typeof b[k] === "string") out[k] = b[k].slice(0, 5000);
  return out;
}

export function captureRouter(deps: CaptureRouterDeps): Router {
  const router = express.Router();
  const joinUrl = `${deps.baseUrl.replace(/\/$/, "")}/partecipa`;

  const labels = async () => ({ vocab: await deps.taxonomy.vocabulary(), tags: await deps.taxonomy.tags() });

  function itemHtml(req: Request, res: Response, item: TableNote, l: Awaited<ReturnType<typeof labels>>) {
    return renderToString(
      <PageContext.Provider value={pageContext(req, res)}>
        <ContributionItem item={item} labels={l} />
      </PageContext.Provider>,
    );
  }

  async function showLive(req: Request, res: Response, id: string, errors?: FieldErrors, status = 200) {
    const s = await deps.capture.facilitated(actorOf(res.locals.user!), id);
    const [event, items, l] = await Promise.all([
      deps.events.loadEvent(String(s.event)),
      deps.queries.contributions(id),
      labels(),
    ]);
    sendPage(
      req,
      res,
      <LivePage
        session={sessionView(s.toObject())}
        theme={l.vocab.get("theme", s.theme)}
        event={{ id: String(event._id), title: event.title }}
        items={items}
        labels={l}
        joinUrl={joinUrl}
        errors={errors}
      />,
      status,
    );
  }

  router.get("/sessions/:id", requireUser, async (req, res) => {
    const { id } = parseOr400(idParams, req.params, "address");
    await showLive(req, res, id);
  });

  router.post("/sessions/:id/open", requireUser, async (req, res) => {
    const { id } = parseOr400(idParams, req.params, "address");
    const parsed = parseForm(openFormSchema, req.body);
    if (!parsed.ok) {
      throwIfJson(req, parsed.errors);
      await showLive(req, res, id, parsed.errors, 400);
      return;
    }
    const s = await deps.capture.open(actorOf(res.locals.user!), id, parsed.data.hours, req.ip);
    if (req.accepts(["html", "json"]) === "json") {
      res.json({ code: s.code, openUntil: s.openUntil });
      return;
    }
    res.redirect(303, `/sessions/${id}`);
  });

  router.post("/sessions/:id/close", requireUser, async (req, res) => {
    const { id } = parseOr400(idParams, req.params, "address");
    parseOr400(emptyForm, req.body, "form");
    await deps.capture.close(actorOf(res.locals.user!), id, req.ip);
    res.redirect(303, `/sessions/${id}`);
  });

  // The live feed: server-sent events (each contribution once, resumable with Last-Event-ID), or JSON for
  // clients that poll (`?after=<last id>`: the contributions from a little before it, to be told apart by id).
  router.get("/sessions/:id/live", requireUser, async (req, res) => {
    const { id } = parseOr400(idParams, req.params, "address");
    const { after } = parseOr400(liveQuery, req.query, "query");
    await deps.capture.facilitated(actorOf(res.locals.user!), id);
    const l = await labels();
    const sinceOf = (lastId: string | undefined) =>
      lastId ? new Date(timeOfId(lastId).getTime() - LIVE_MARGIN_MS) : undefined;
    if (req.accepts(["text/event-stream", "json"]) !== "text/event-stream") {
      const items = await deps.queries.contributions(id, sinceOf(after));
      res.json({
        items: items.map((item) => ({ id: String(item.view.note._id), html: itemHtml(req, res, item, l) })),
      });
      return;
    }
    const resumeFrom = req.get("last-event-id");
    let last = resumeFrom && /^[a-f0-9]{24}$/.test(resumeFrom) ? resumeFrom : after;
    // What this stream already sent (a reconnection starts again from the newest the browser saw).
    const sent = new Set<string>();
    res.writeHead(200, {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store, no-transform",
      "X-Accel-Buffering": "no",
      Connection: "keep-alive",
    });
    res.write(`retry: 2000\n\n`);
    let busy = false;
    let again = false;
    let closed = false;
    const look = async () => {
      if (closed) return;
      if (busy) {
        again = true;
        return;
      }
      busy = true;
      try {
        do {
          again = false;
          const items = await deps.queries.contributions(id, sinceOf(last));
          for (const item of items) {
            const itemId = String(item.view.note._id);
            // The page (or a reconnecting browser) may have some of these: live.js skips ids it shows.
            if (sent.has(itemId)) continue;
            sent.add(itemId);
            res.write(
              `id: ${itemId}\nevent: contribution\ndata: ${JSON.stringify({ id: itemId, html: itemHtml(req, res, item, l) })}\n\n`,
            );
            if (!last || itemId > last) last = itemId;
          }
        } while (again && !closed);
      } catch {
        // MongoDB did not answer this time: the next look tries again.
      } finally {
        busy = false;
      }
    };
    const poll = setInterval(() => void look(), LIVE_POLL_MS);
    const heartbeat = setInterval(() => res.write(": keep-alive\n\n"), HEARTBEAT_MS);
    const unlisten = deps.onNoteChange(() => void look());
    req.on("close", () => {
      closed = true;
      clearInterval(poll);
      clearInterval(heartbeat);
      unlisten();
    });
    void look();
  });

  // The participants' side.
  const passOf = (req: Request) => readPass(deps.secret, cookieValue(req.headers.cookie, GUEST_COOKIE));

  function setPass(res: Response, pass: GuestPass) {
    res.cookie(GUEST_COOKIE, signPass(deps.secret, pass), {
      httpOnly: true,
      sameSite: "lax",
      secure: deps.secureCookies,
      path: "/partecipa",
      maxAge: Math.max(1000, pass.until - Date.now()),
    });
  }

  const clearPass = (res: Response) => res.clearCookie(GUEST_COOKIE, { path: "/partecipa" });

  router.get("/partecipa", withCsrfToken, async (req, res) => {
    parseOr400(emptyForm, req.query, "query");
    const pass = passOf(req);
    const found = pass ? await deps.capture.sessionOfPass(pass) : undefined;
    if (found?.state === "valid") {
      res.redirect(303, "/partecipa/contributo");
      return;
    }
    sendPage(
      req,
      res,
      <JoinPage values={{}} notice={found?.state === "expired" ? "tables.capture.expired" : undefined} />,
    );
  });

  router.post("/partecipa", async (req, res) => {
    const body = (req.body ?? {}) as { code?: unknown; name?: unknown };
    const values = {
      code: typeof body.code === "string" ? body.code.slice(0, 20) : "",
      name: typeof body.name === "string" ? body.name.slice(0, 100) : "",
    };
    const again = (errors: FieldErrors, status: number) =>
      sendPage(req, res, <JoinPage values={values} errors={errors} />, status);
    const parsed = parseForm(joinFormSchema, req.body);
    if (!parsed.ok) {
      throwIfJson(req, parsed.errors);
      again(parsed.errors, 400);
      return;
    }
    const user = res.locals.user;
    if (!user && !parsed.data.name) {
      throwIfJson(req, { name: "tables.capture.needName" });
      again({ name: "tables.capture.needName" }, 400);
      return;
    }
    let state;
    try {
      state = await deps.capture.join(parsed.data.code, req.ip ?? "");
    } catch (err) {
      if (!(err instanceof TooManyRequestsError)) throw err;
      throwIfJson(req, { code: "tables.capture.throttled" });
      res.setHeader("Retry-After", String(err.retryAfterSeconds));
      again({ code: "tables.capture.throttled" }, 429);
      return;
    }
    if (state.state !== "valid") {
      const key = state.state === "unknown" ? "tables.capture.unknown" : "tables.capture.expired";
      throwIfJson(req, { code: key });
      again({ code: key }, state.state === "unknown" ? 400 : 410);
      return;
    }
    setPass(res, {
      session: String(state.session._id),
      guest: user ? "" : crypto.randomBytes(9).toString("base64url"),
      name: user ? "" : parsed.data.name,
      until: state.session.openUntil!.getTime(),
    });
    res.redirect(303, "/partecipa/contributo");
  });

  async function showContribute(
    req: Request,
    res: Response,
    pass: GuestPass,
    opts: {
      values?: ContributionValues;
      errors?: FieldErrors;
      sent?: "pending" | "published";
      status?: number;
    },
  ) {
    const s = await deps.events.loadSession(pass.session);
    const [event, vocab] = await Promise.all([
      deps.events.loadEvent(String(s.event)),
      deps.taxonomy.vocabulary(),
    ]);
    const offered = (
      await Promise.all(s.projects.map((slug) => deps.projects.refBySlug(slug, ["published"])))
    ).flatMap((p) => (p ? [{ slug: p.slug, title: p.title }] : []));
    sendPage(
      req,
      res,
      <ContributePage
        session={sessionView(s.toObject())}
        theme={vocab.get("theme", s.theme)}
        eventTitle={event.title}
        guestName={res.locals.user ? undefined : pass.name}
        projects={offered}
        values={opts.values ?? {}}
        idem={crypto.randomBytes(16).toString("base64url")}
        errors={opts.errors}
        sent={opts.sent}
      />,
      opts.status ?? 200,
    );
  }

  /** The pass of this participant for an open session; else they are sent back to type a code. */
  async function passOrRejoin(req: Request, res: Response): Promise<GuestPass | undefined> {
    const pass = passOf(req);
    const found = pass ? await deps.capture.sessionOfPass(pass) : undefined;
    if (pass && found?.state === "valid" && (res.locals.user || pass.name)) return pass;
    if (pass) clearPass(res);
    const notice =
      found?.state === "expired"
        ? "tables.capture.closed"
        : pass && !pass.name
          ? "tables.capture.needName"
          : undefined;
    if (req.method === "POST" || notice) {
      throwIfJson(req, { _form: notice ?? "tables.capture.unknown" });
      sendPage(
        req,
        res,
        <JoinPage values={{}} notice={notice} />,
        notice === "tables.capture.closed" ? 410 : 400,
      );
      return undefined;
    }
    res.redirect(303, "/partecipa");
    return undefined;
  }

  router.get("/partecipa/contributo", withCsrfToken, async (req, res) => {
    const { sent } = parseOr400(sentQuery, req.query, "query");
    const pass = await passOrRejoin(req, res);
    if (!pass) return;
    await showContribute(req, res, pass, { sent: sent ? "pending" : undefined });
  });

  router.post("/partecipa/contributo", async (req, res) => {
    const pass = await passOrRejoin(req, res);
    if (!pass) return;
    const values = valuesOf(req.body);
    const parsed = parseForm(contributionFormSchema, req.body);
    if (!parsed.ok) {
      throwIfJson(req, parsed.errors);
      await showContribute(req, res, pass, { values, errors: parsed.errors, status: 400 });
      return;
    }
    const user = res.locals.user;
    const who = user ? { actor: actorOf(user) } : { guest: { id: `guest-${pass.guest}`, name: pass.name } };
    try {
      const note = await deps.capture.contribute(who, pass.session, parsed.data, req.ip ?? "");
      if (req.accepts(["html", "json"]) === "json") {
        res.status(201).json({ id: String(note._id), status: note.status });
        return;
      }
      res.redirect(303, `/partecipa/contributo?sent=1`);
    } catch (err) {
      if (err instanceof TooManyRequestsError) {
        res.setHeader("Retry-After", String(err.retryAfterSeconds));
        throwIfJson(req, { _form: "tables.capture.flood" });
        await showContribute(req, res, pass, {
          values,
          errors: { _form: "tables.capture.flood" },
          status: 429,
        });
        return;
      }
      if (err instanceof ConflictError) {
        clearPass(res);
        throwIfJson(req, { _form: "tables.capture.closed" });
        sendPage(req, res, <JoinPage values={{}} notice="tables.capture.closed" />, 410);
        return;
      }
      const errors = fieldErrorsOf(err);
      if (!errors || !(err instanceof AppError)) throw err;
      throwIfJson(req, errors);
      await showContribute(req, res, pass, { values, errors, status: err.status });
    }
  });

  router.post("/partecipa/esci", (req, res) => {
    parseOr400(emptyForm, req.body, "form");
    clearPass(res);
    res.redirect(303, "/partecipa");
  });

  return router;
}
