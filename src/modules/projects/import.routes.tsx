// The coordinators' import page: a multipart upload (CSRF token in the action's query string, as the
// session middleware expects for multipart forms), parsed with busboy under a size limit.
import fs from "node:fs/promises";
import path from "node:path";
import busboy from "busboy";
import express, { type Request, type Response, type Router } from "express";
import { requireRole } from "../../web/auth-guards";
import { extendDeadline } from "../../web/deadline";
import { ClientClosedError, NotFoundError, ValidationError } from "../../web/errors";
import { renderMarkdown } from "../../web/markdown";
import { ROOT_DIR } from "../../paths";
import { sendPage } from "../../web/render";
import { ImportFormatPage, ImportPage } from "../../../views/projects/ImportPage";
import { actorOf } from "../accounts/index";
import { ImportFileError, parseImportFile } from "./import.format";
import type { ImportService } from "./import.service";

export const UPLOAD_MAX_MB = 30;
/** The format document and its example file (fictional projects), shipped with the app (docs/). */
const FORMAT_DOC = path.join(ROOT_DIR, "docs", "import-format.md");
const TEMPLATE_CSV = path.join(ROOT_DIR, "docs", "examples", "progetti-esempio.csv");

async function readShipped(file: string): Promise<Buffer> {
  try {
    return await fs.readFile(file);
  } catch {
    throw new NotFoundError(`Missing ${path.relative(ROOT_DIR, file)}`);
  }
}
const IMPORT_DEADLINE_MS = 10 * 60_000;

interface Upload {
  file?: { name: string; bytes: Buffer };
  dryRun: boolean;
  tooLarge: boolean;
}

/**
 * Reads one file (and the dry-run box) from a multipart body; a file over the limit is flagged, not kept.
 * Settles exactly once whatever the client does: a body cut short (no closing boundary) or a broken part
 * rejects with a 400, a client that goes away mid-upload rejects too (nobody is left to answer) and the
 * rest of its body is dropped. Every stream involved has an `error` listener: an unhandled stream error
 * would end the process.
 */
export function readUpload(req: Request): Promise<Upload> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({
        headers: req.headers,
        limits: { fileSize: UPLOAD_MAX_MB * 1024 * 1024, files: 1, fields: 5, fieldSize: 1000, parts: 6 },
      });
    } catch {
      req.resume();
      reject(
        new ValidationError("Send the file as multipart/form-data", [{ field: "file", message: "missing" }]),
      );
      return;
    }
    let settled = false;
    const upload: Upload = { dryRun: false, tooLarge: false };
    const stop = (err: Error) => {
      if (settled) return;
      settled = true;
      req.unpipe(bb);
      req.resume(); // whatever is left of the body is read and dropped
      reject(err);
    };
    const unreadable = (err: unknown) =>
      stop(
        new ValidationError(
          `The upload could not be read: ${err instanceof Error ? err.message : String(err)}`,
          [{ field: "file", message: "unreadable" }],
        ),
      );
    bb.on("file", (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on("error", unreadable);
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("limit", () => {
        upload.tooLarge = true;
      });
      stream.on("end", () => {
        if (name === "file" && !upload.tooLarge && info.filename)
          upload.file = { name: info.filename, bytes: Buffer.concat(chunks) };
      });
    });
    bb.on("field", (name, value) => {
      if (name === "dryRun") upload.dryRun = value === "1" || value === "on";
    });
    bb.on("close", () => {
      if (settled) return;
      settled = true;
      resolve(upload);
    });
    bb.on("error", unreadable);
    // The client went away before its body was whole: nothing to answer, but the promise must settle.
    const gone = () => stop(new ClientClosedError());
    req.on("error", gone);
    req.on("close", () => {
      if (!req.complete) gone();
    });
    req.pipe(bb);
  });
}

export function importRouter(deps: { imports: ImportService }): Router {
  const router = express.Router();
  const coordinator = requireRole("coordinator");

  router.get("/admin/import", coordinator, (req, res) => {
    sendPage(req, res, <ImportPage maxMb={UPLOAD_MAX_MB} />);
  });

  // The format document, rendered through the sanitiser; its link to the example file points at the
  // template download below.
  router.get("/admin/import/format", coordinator, async (req, res) => {
    const source = (await readShipped(FORMAT_DOC))
      .toString("utf8")
      .replace(/\(examples\/progetti-esempio\.csv\)/g, "(/admin/import/template.csv)");
    sendPage(req, res, <ImportFormatPage html={renderMarkdown(source)} />);
  });

  router.get("/admin/import/template.csv", coordinator, async (_req, res) => {
    const bytes = await readShipped(TEMPLATE_CSV);
    res.set({
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="atlante-modello-importazione.csv"',
      "cache-control": "private, no-store",
    });
    res.send(bytes);
  });

  router.post("/admin/import", coordinator, async (req: Request, res: Response) => {
    // A large file takes a while to arrive and to check (10,000 rows: about 10-20 s).
    extendDeadline(res, IMPORT_DEADLINE_MS);
    let upload: Upload;
    try {
      upload = await readUpload(req);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return sendPage(
        req,
        res,
        <ImportPage maxMb={UPLOAD_MAX_MB} error={req.t("import.error.unreadable")} />,
        400,
      );
    }
    const fail = (error: string) =>
      sendPage(req, res, <ImportPage maxMb={UPLOAD_MAX_MB} error={error} dryRun={upload.dryRun} />, 400);
    if (upload.tooLarge) return fail(req.t("import.error.tooLarge", { max: UPLOAD_MAX_MB }));
    if (!upload.file) return fail(req.t("import.error.noFile"));
    let parsed;
    try {
      parsed = parseImportFile(upload.file.bytes, upload.file.name);
    } catch (err) {
      if (!(err instanceof ImportFileError)) throw err;
      return fail(req.t(err.key, err.params));
    }
    const report = await deps.imports.importRows(actorOf(res.locals.user!), parsed.rows, req.t, {
      dryRun: upload.dryRun,
    });
    sendPage(req, res, <ImportPage maxMb={UPLOAD_MAX_MB} report={report} dryRun={upload.dryRun} />);
  });

  return router;
}
