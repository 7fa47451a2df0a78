// Static assets, all served from this machine: our own (public/) and Bootstrap Italia's (from its npm package).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import express, { type RequestHandler, type Router } from "express";

import { ROOT_DIR } from "../paths";

export const PUBLIC_DIR = path.join(ROOT_DIR, "public");
const BOOTSTRAP_ITALIA_DIR = path.join(
  path.dirname(require.resolve("bootstrap-italia/package.json")),
  "dist",
);

const SIMPLEWEBAUTHN_DIR = path.join(
  path.dirname(require.resolve("@simplewebauthn/browser")),
  "..",
  "dist",
  "bundle",
);

let version: string | undefined;

/** A short hash of our assets and the Bootstrap Italia version, appended to asset URLs to bust caches. */
export function assetVersion(): string {
  if (version === undefined) {
    const hash = crypto.createHash("sha256");
    const walk = (dir: string) => {
      for (const entry of fs
        .readdirSync(dir, { withFileTypes: true })
        .sort((a, b) => a.name.localeCompare(b.name))) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else hash.update(entry.name).update(fs.readFileSync(full));
      }
    };
    walk(PUBLIC_DIR);
    hash.update(fs.readFileSync(path.join(BOOTSTRAP_ITALIA_DIR, "../package.json")));
    version = hash.digest("hex").slice(0, 10);
  }
  return version;
}

/** Our assets and Bootstrap Italia's, through `compress` (the compression middleware). */
export function staticRouter(compress: RequestHandler): Router {
  const router = express.Router();
  const options = { maxAge: "7d", immutable: true, index: false, fallthrough: false } as const;
  router.use("/static", compress, express.static(PUBLIC_DIR, options));
  router.use(
    "/vendor/bootstrap-italia",
    compress,
    express.static(BOOTSTRAP_ITALIA_DIR, { ...options, dotfiles: "deny" }),
  );
  // The browser half of passkeys (a UMD bundle that defines SimpleWebAuthnBrowser), for public/js/passkeys.js.
  router.use(
    "/vendor/simplewebauthn",
    compress,
    express.static(SIMPLEWEBAUTHN_DIR, { ...options, dotfiles: "deny" }),
  );
  return router;
}
