// Streamed downloads (CSV and JSON exports): spreadsheet-safe CSV cells and a write that waits for a slow
// reader and gives up when the reader went away.
import type { Writable } from "node:stream";
import { ClientClosedError } from "./errors";

/** A cell a spreadsheet would run as a formula gets one leading apostrophe (the import removes it). */
export function neutraliseFormula(value: string): string {
  return /^'*[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** One CSV cell: formula-safe, quoted when it holds a quote, a separator or a line break. */
export function csvCell(value: string): string {
  const v = neutraliseFormula(value);
  return /[",;\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * Writes a chunk and waits for room when the reader is slow. A reader that went away (or a broken stream)
 * rejects instead of leaving the export waiting for a "drain" that never comes, with its cursor open.
 */
export function write(out: Writable, chunk: string): Promise<void> {
  if (out.destroyed || out.writableEnded)
    return Promise.reject(new ClientClosedError("The reader went away"));
  if (out.write(chunk)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = (err?: Error) => {
      out.off("drain", onDrain);
      out.off("close", onClose);
      out.off("error", onError);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () => done(new ClientClosedError("The reader went away"));
    const onError = (err: Error) => done(err);
    out.once("drain", onDrain);
    out.once("close", onClose);
    out.once("error", onError);
  });
}
