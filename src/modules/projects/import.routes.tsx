// The coordinators' import page: a multipart upload (CSRF token in the action's query string, as the
// session middleware expects for multipart forms), parsed with busboy under a size limit.
import busboy from "busboy";
import express, { type Request, type Response, type Router } from "express";
import { requireRole } from "../../web/auth-guards";
import { ValidationError } from "../../web/errors";
import { sendPage } from "../../web/render";
import { ImportPage } from "../../../views/projects/ImportPage";
import { actorOf } from "../accounts/index";
import { ImportFileError, parseImportFile } from "./import.format";
import type { ImportService } from "./import.service";

export const UPLOAD_MAX_MB = 30;

interface Upload {
  file?: { name: string; bytes: Buffer };
  dryRun: boolean;
  tooLarge: boolean;
}

/** Reads one file (and the dry-run box) from a multipart body; a file over the limit is flagged, not kept. */
function readUpload(req: Request): Promise<Upload> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({
        headers: req.headers,
        limits: { fileSize: UPLOAD_MAX_MB * 1024 * 1024, files: 1, fields: 5, fieldSize: 1000, parts: 6 },
      });
    } catch {
      reject(
        new ValidationError("Send the file as multipart/form-data", [{ field: "file", message: "missing" }]),
      );
      return;
    }
    const upload: Upload = { dryRun: false, tooLarge: false };
    bb.on("file", (name, stream, info) => {
      const chunks: Buffer[] = [];
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
    bb.on("close", () => resolve(upload));
    bb.on("error", (err) =>
      reject(new ValidationError(`The upload could not be read: ${(err as Error).message}`)),
    );
    req.pipe(bb);
  });
}

export function importRouter(deps: { imports: ImportService }): Router {
  const router = express.Router();
  const coordinator = requireRole("coordinator");

  router.get("/admin/import", coordinator, (req, res) => {
    sendPage(req, res, <ImportPage maxMb={UPLOAD_MAX_MB} />);
  });

  router.post("/admin/import", coordinator, async (req: Request, res: Response) => {
    const upload = await readUpload(req);
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
