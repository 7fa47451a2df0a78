// Secrets for the embedded default: generated once, kept in the data directory with mode 0600.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export interface Secrets {
  sessionSecret: string;
  meiliMasterKey: string;
}

const FILE = "secrets.json";

/** Reads the secrets file of the data directory, creating it (mode 0600) with fresh random values where missing. */
export function loadOrCreateSecrets(dataDir: string): Secrets {
  const file = path.join(dataDir, FILE);
  let stored: Partial<Secrets> = {};
  if (fs.existsSync(file)) {
    try {
      stored = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<Secrets>;
    } catch {
      throw new Error(`${file} is not valid JSON: fix or remove it (a new one is then generated)`);
    }
  }
  const secrets: Secrets = {
    sessionSecret: stored.sessionSecret ?? crypto.randomBytes(32).toString("base64url"),
    meiliMasterKey: stored.meiliMasterKey ?? crypto.randomBytes(32).toString("base64url"),
  };
  if (stored.sessionSecret !== secrets.sessionSecret || stored.meiliMasterKey !== secrets.meiliMasterKey) {
    fs.mkdirSync(dataDir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(secrets, null, 2), { mode: 0o600 });
    fs.renameSync(tmp, file);
  }
  fs.chmodSync(file, 0o600);
  return secrets;
}
