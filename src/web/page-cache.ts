// A small in-memory cache of whole pages for anonymous visitors (the home page, public lists...),
// kept both plain and gzipped, so a hot page costs neither a render nor a compression.
import zlib from "node:zlib";
import type { Request, Response } from "express";
import type { VNode } from "preact";
import { renderPage, sendPage } from "./render";

interface Entry {
  html: Buffer;
  gzip: Buffer;
  expires: number;
}

const MAX_ENTRIES = 500;

export class PageCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly ttlMs: number) {}

  /** Serves the page from the cache for anonymous GETs; renders (and stores) otherwise. */
  send(req: Request, res: Response, key: string, page: () => VNode): void {
    const cacheable = req.method === "GET" && !res.locals.user && !res.locals.csrfToken;
    if (!cacheable) {
      sendPage(req, res, page());
      return;
    }
    const fullKey = `${req.lang}|${key}`;
    const now = Date.now();
    let entry = this.entries.get(fullKey);
    if (!entry || entry.expires < now) {
      const html = Buffer.from(renderPage(req, res, page()));
      entry = { html, gzip: zlib.gzipSync(html, { level: 4 }), expires: now + this.ttlMs };
      if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(fullKey, entry);
    }
    this.write(req, res, entry);
  }

  private write(req: Request, res: Response, entry: Entry): void {
    res.status(200).type("html").setHeader("Vary", "Accept-Encoding, Accept-Language, Cookie");
    if (req.acceptsEncodings("gzip") === "gzip") {
      res.setHeader("Content-Encoding", "gzip");
      res.send(entry.gzip);
    } else {
      res.send(entry.html);
    }
  }

  /** Serves a cached page to an anonymous GET and returns true; false when the caller must build it. */
  sendCached(req: Request, res: Response, key: string): boolean {
    const cacheable = req.method === "GET" && !res.locals.user && !res.locals.csrfToken;
    const entry = cacheable ? this.entries.get(`${req.lang}|${key}`) : undefined;
    if (!entry || entry.expires < Date.now()) return false;
    this.write(req, res, entry);
    return true;
  }

  /** Forgets every page, e.g. after content they show has changed. */
  clear(): void {
    this.entries.clear();
  }
}
