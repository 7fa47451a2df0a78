// `npm run create-admin -- --email someone@example.org [--name "Full Name"]`
// Creates an administrator (or promotes and activates an existing account and sets its password).
// The password is asked on the terminal (not echoed), or read from ADMIN_PASSWORD for scripts.
// With the embedded default, stop Atlante first: this starts its MongoDB on the data directory.
import readline from "node:readline";
import { Writable } from "node:stream";
import { loadConfig } from "../src/config";
import { createLogger } from "../src/infra/logger";
import { withCliServers } from "../src/infra/cli-servers";
import { createAuditService } from "../src/modules/audit/audit.service";
import { createAccountsService } from "../src/modules/accounts/accounts.service";
import {
  adminPasswordProblem,
  createOrPromoteAdmin,
  parseCreateAdminArgs,
  UsageError,
} from "../src/modules/accounts/create-admin";

async function askHidden(prompt: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _enc, cb) {
      if (!muted) process.stdout.write(chunk);
      cb();
    },
  });
  const rl = readline.createInterface({ input: process.stdin, output, terminal: true });
  process.stdout.write(prompt);
  muted = true;
  const answer = await new Promise<string>((resolve) => rl.question("", resolve));
  rl.close();
  process.stdout.write("\n");
  return answer;
}

async function readPassword(email: string): Promise<string> {
  const fromEnv = process.env.ADMIN_PASSWORD;
  if (fromEnv !== undefined) {
    const problem = adminPasswordProblem(fromEnv, email);
    if (problem) throw new UsageError(`ADMIN_PASSWORD: ${problem}`);
    return fromEnv;
  }
  if (!process.stdin.isTTY) throw new UsageError("No terminal to ask the password on: set ADMIN_PASSWORD.");
  for (;;) {
    const first = await askHidden("Password (at least 12 characters): ");
    const problem = adminPasswordProblem(first, email);
    if (problem) {
      process.stdout.write(`${problem}\n`);
      continue;
    }
    if ((await askHidden("Repeat the password: ")) === first) return first;
    process.stdout.write("The two passwords differ. Try again.\n");
  }
}

async function main(): Promise<void> {
  const { email, name } = parseCreateAdminArgs(process.argv.slice(2));
  const password = await readPassword(email);
  const config = loadConfig();
  const logger = createLogger(config.logLevel === "info" ? "warn" : config.logLevel);
  const busy = (message: string) => new UsageError(message);
  await withCliServers(config, { logger, meili: false, busy }, async ({ mongo }) => {
    const audit = createAuditService({ logger });
    const accounts = createAccountsService({ mongo, audit });
    const outcome = await createOrPromoteAdmin({ accounts, audit }, { email, name, password });
    process.stdout.write(
      outcome === "created"
        ? `Administrator ${email} created.\n`
        : `${email} is now an active administrator with the new password.\n`,
    );
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(err instanceof UsageError ? 2 : 1);
});
