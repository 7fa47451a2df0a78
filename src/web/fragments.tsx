// Cached HTML fragments spliced into pages. A fragment that many pages embed unchanged (a project's
// published notes: the same HTML for every reader) is kept as UTF-8 bytes and as a raw deflate segment.
// A page that embeds it is rendered with a marker in its place, then compressed around it: its own parts
// are deflated, the fragment's segment is reused, and the segments are joined into one gzip member. That
// is valid DEFLATE (RFC 1951): every segment is compressed on its own (no reference into another) and all
// but the last end on a flush, at a byte boundary, without the final-block bit. The CRC-32 and length of
// the gzip trailer (RFC 1952) are those of the whole page. A signed-in project page with 200 notes thus
// costs the compression of its 7 KB of personal parts instead of 67 KB.
import crypto from "node:crypto";
import zlib from "node:zlib";
import type { Request, Response } from "express";

const LEVEL = 4; // as the compression middleware and the page cache
const MIN_GZIP = 1024; // as the compression middleware's threshold
const NONCE = crypto.randomBytes(6).toString("hex");
let nextId = 0;

export class HtmlFragment {
  /** What the page holds in the fragment's place until it is sent: unguessable, never in escaped text. */
  readonly marker = `<!--atl-fragment-${NONCE}-${(nextId++).toString(36)}-->`;
  readonly bytes: Buffer;
  private segment?: Buffer;

  constructor(readonly html: string) {
    this.bytes = Buffer.from(html);
  }

  /** The fragment as a raw deflate segment that a longer stream can continue after (made once). */
  get deflated(): Buffer {
    this.segment ??= zlib.deflateRawSync(this.bytes, {
      level: LEVEL,
      finishFlush: zlib.constants.Z_SYNC_FLUSH,
    });
    return this.segment;
  }
}

let collecting: HtmlFragment[] | undefined;

/** Runs a synchronous render, collecting the fragments it embeds (see CachedHtml). */
export function collectFragments<T>(render: () => T): { result: T; fragments: HtmlFragment[] } {
  const outer = collecting;
  const fragments: HtmlFragment[] = [];
  collecting = fragments;
  try {
    return { result: render(), fragments };
  } finally {
    collecting = outer;
  }
}

/**
 * Fragments smaller than this are compressed with the page around them: a segment of its own costs a
 * compressor's start-up, more than compressing a few hundred bytes again (an empty notes section).
 */
const SPLICE_MIN = 2048;

/**
 * A fragment inside a div: a marker while a page is being collected (if the fragment is worth splicing),
 * the HTML itself otherwise.
 */
export function CachedHtml(props: { fragment: HtmlFragment; class?: string }) {
  const { fragment } = props;
  const spliced = collecting !== undefined && fragment.bytes.length >= SPLICE_MIN;
  if (spliced) collecting!.push(fragment);
  return (
    <div
      class={props.class}
      dangerouslySetInnerHTML={{ __html: spliced ? fragment.marker : fragment.html }}
    />
  );
}

/** The page cut at its fragments' markers: text, fragment, text, ..., text. */
function pieces(html: string, fragments: HtmlFragment[]): (string | HtmlFragment)[] {
  const out: (string | HtmlFragment)[] = [];
  let from = 0;
  for (const fragment of fragments) {
    const at = html.indexOf(fragment.marker, from);
    if (at < 0) continue; // rendered somewhere that did not reach the page (e.g. a discarded branch)
    out.push(html.slice(from, at), fragment);
    from = at + fragment.marker.length;
  }
  out.push(html.slice(from));
  return out;
}

const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);

/** A gzip member of the page, reusing each fragment's deflate segment. */
export function gzipWithFragments(html: string, fragments: HtmlFragment[]): Buffer {
  if (fragments.length === 0) return zlib.gzipSync(Buffer.from(html), { level: LEVEL });
  const parts = pieces(html, fragments);
  const out: Buffer[] = [GZIP_HEADER];
  let crc = 0;
  let size = 0;
  parts.forEach((part, i) => {
    const last = i === parts.length - 1;
    const bytes = typeof part === "string" ? Buffer.from(part) : part.bytes;
    crc = zlib.crc32(bytes, crc);
    size += bytes.length;
    if (typeof part !== "string") out.push(part.deflated);
    else if (last) out.push(zlib.deflateRawSync(bytes, { level: LEVEL }));
    else if (bytes.length > 0)
      out.push(zlib.deflateRawSync(bytes, { level: LEVEL, finishFlush: zlib.constants.Z_SYNC_FLUSH }));
  });
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(size % 2 ** 32, 4);
  out.push(trailer);
  return Buffer.concat(out);
}

/**
 * Sends a rendered page (with the fragments it embeds): gzipped in one piece when the client takes it
 * (one synchronous compression and one write, cheaper than the compression middleware's stream for a
 * page that is whole already), else plain bytes.
 */
export function sendHtml(req: Request, res: Response, html: string, fragments: HtmlFragment[]): void {
  res.type("html");
  sendOnce(
    req,
    res,
    html.length,
    () => gzipWithFragments(html, fragments),
    () =>
      Buffer.concat(pieces(html, fragments).map((p) => (typeof p === "string" ? Buffer.from(p) : p.bytes))),
  );
}

/**
 * Sends a JSON body as sendHtml sends a page: stringified, gzipped in one piece when the client takes it
 * and it is worth it, one write. For hot JSON routes (search) that skip the compression middleware's stream.
 */
export function sendJson(req: Request, res: Response, body: unknown, status = 200): void {
  const text = Buffer.from(JSON.stringify(body));
  res.status(status).type("json");
  sendOnce(
    req,
    res,
    text.length,
    () => zlib.gzipSync(text, { level: LEVEL }),
    () => text,
  );
}

/** One write: the gzipped body when the client takes gzip and the body is worth it, else the plain one. */
function sendOnce(
  req: Request,
  res: Response,
  length: number,
  gzip: () => Buffer,
  plain: () => Buffer,
): void {
  res.vary("Accept-Encoding");
  if (req.acceptsEncodings("gzip") === "gzip" && length >= MIN_GZIP) {
    res.setHeader("Content-Encoding", "gzip");
    res.send(gzip());
  } else {
    res.send(plain());
  }
}
