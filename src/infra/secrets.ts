// Secrets for the embedded default: generated once, kept in the data directory with mode 0600.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export interface Secrets {
  sessionSecret: string;
  meiliMasterKey: string;
  /** The embedded mongod's account (authentication is on: other local users cannot read the data). */
  mongoUser: string;
  mongoPassword: string;
  /** The replica set's internal key (mongod needs one whenever authentication is on). */
  mongoKey: string;
  /** Encrypts the TOTP secrets of two-factor authentication at rest. */
  twoFactorKey: string;
}

const FILE = "secrets.json";

const random = (bytes: number) => crypto.randomBytes(bytes).toString("base64url");

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
    sessionSecret: stored.sessionSecret ?? random(32),
    meiliMasterKey: stored.meiliMasterKey ?? random(32),
    mongoUser: stored.mongoUser ?? "atlante",
    mongoPassword: stored.mongoPassword ?? random(24),
    // mongod takes base64 characters only, 6 to 1024 of them.
    mongoKey: stored.mongoKey ?? crypto.randomBytes(756).toString("base64"),
    twoFactorKey: stored.twoFactorKey ?? random(32),
  };
  if ((Object.keys(secrets) as (keyof Secrets)[]).some((k) => stored[k] !== secrets[k])) {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(secrets, null, 2), { mode: 0o600 });
    fs.renameSync(tmp, file);
  }
  fs.chmodSync(file, 0o600);
  return secrets;
}
