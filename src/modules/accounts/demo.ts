// Demo accounts for the embedded default: generated passwords, printed once, kept in a 0600 file.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Config } from "../../config";
import type { Logger } from "../../infra/logger";
import type { AccountsCore } from "./accounts.service";

export const DEMO_FILE = "demo-accounts.json";

const DEMO_USERS = [
  { role: "admin", email: "admin@demo.atlante.invalid", name: "Amministratrice Demo (fittizia)" },
  { role: "coordinator", email: "coordinatore@demo.atlante.invalid", name: "Coordinatore Demo (fittizio)" },
  { role: "member", email: "membro@demo.atlante.invalid", name: "Membro Demo (fittizio)" },
] as const;

function generatePassword(): string {
  return crypto.randomBytes(15).toString("base64url"); // 20 characters, ~120 bits
}

/**
 * Creates the demo accounts once: first start with demo content on, while nobody can sign in (members
 * written by the dataset generator have no password and do not count).
 */
export async function ensureDemoAccounts(
  infra: { config: Pick<Config, "demoContent" | "dataDir">; logger: Logger },
  accounts: AccountsCore,
): Promise<void> {
  const { config, logger } = infra;
  if (!config.demoContent || (await accounts.countUsersWithPassword()) > 0) return;
  const file = path.join(config.dataDir, DEMO_FILE);
  const created: { role: string; email: string; password: string }[] = [];
  for (const u of DEMO_USERS) {
    const password = generatePassword();
    await accounts.createUser({ ...u, password, organisation: "Ente di esempio (fittizio)" });
    created.push({ role: u.role, email: u.email, password });
  }
  fs.mkdirSync(config.dataDir, { recursive: true });
  fs.writeFileSync(
    file,
    `${JSON.stringify({ note: "Demo accounts of the embedded default (fictional). Change or disable them before real use.", accounts: created }, null, 2)}\n`,
    { mode: 0o600 },
  );
  fs.chmodSync(file, 0o600);
  // Printed once on the terminal (not in the log): afterwards only the file has them.
  const lines = created.map((c) => `  ${c.role.padEnd(12)} ${c.email.padEnd(36)} ${c.password}`);
  process.stdout.write(
    `\nDemo accounts created (passwords shown only now, also saved in ${file}):\n${lines.join("\n")}\n\n`,
  );
  logger.info({ file }, "demo accounts created; their passwords are in the file");
}
