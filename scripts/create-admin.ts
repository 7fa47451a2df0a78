// `npm run create-admin -- --email someone@example.org [--name "Full Name"]`
// Creates an administrator (or promotes and activates an existing account and sets its password).
// The password is asked on the terminal (not echoed), or read from ADMIN_PASSWORD for scripts.
// With the embedded default, stop Atlante first: this starts its MongoDB on the data directory.
import readline from "node:readline";
import { Writable } from "node:stream";
import { loadConfig } from "../src/config";
import { createLogger } from "../src/infra/logger";
import { connectMongo, disconnectMongo } from "../src/infra/mongo";
import { lockDataDir, startEmbedded, type Embedded } from "../src/infra/embedded";
import { loadOrCreateSecrets } from "../src/infra/secrets";
import { createAuditService } from "../src/modules/audit/audit.service";
import { createAccountsService, passwordErrorKey } from "../src/modules/accounts/accounts.service";
import { UserModel } from "../src/modules/accounts/user.model";
import { hashPassword } from "../src/modules/accounts/password";
import { translator } from "../src/web/i18n/index";
import { z } from "zod";

const USAGE = 'Usage: npm run create-admin -- --email someone@example.org [--name "Full Name"]';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

export function parseArgs(argv: string[]): { email: string; name?: string } {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (flag !== "--email" && flag !== "--name") fail(`Unknown option ${flag}. ${USAGE}`);
    const value = argv[++i];
    if (value === undefined || value.startsWith("--")) fail(`${flag} needs a value. ${USAGE}`);
    out[flag.slice(2)] = value;
  }
  const email = z.email().safeParse(out.email?.trim());
  if (!email.success) fail(out.email ? `"${out.email}" is not a valid email address. ${USAGE}` : USAGE);
  if (out.name !== undefined && (out.name.trim().length === 0 || out.name.length > 120))
    fail("--name must be 1-120 characters");
  return { email: email.data.toLowerCase(), name: out.name?.trim() };
}

async function askPassword(prompt: string): Promise<string> {
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
  const t = translator("en");
  const check = (p: string) => {
    const key = passwordErrorKey(p, email);
    return key ? t(key as Parameters<typeof t>[0]) : undefined;
  };
  const fromEnv = process.env.ADMIN_PASSWORD;
  if (fromEnv !== undefined) {
    const problem = check(fromEnv);
    if (problem) fail(`ADMIN_PASSWORD: ${problem}`);
    return fromEnv;
  }
  if (!process.stdin.isTTY) fail("No terminal to ask the password on: set ADMIN_PASSWORD.");
  for (;;) {
    const first = await askPassword("Password (at least 12 characters): ");
    const problem = check(first);
    if (problem) {
      process.stdout.write(`${problem}\n`);
      continue;
    }
    if ((await askPassword("Repeat the password: ")) === first) return first;
    process.stdout.write("The two passwords differ. Try again.\n");
  }
}

async function main(): Promise<void> {
  const { email, name } = parseArgs(process.argv.slice(2));
  const password = await readPassword(email);
  const config = loadConfig();
  const logger = createLogger(config.logLevel === "info" ? "warn" : config.logLevel);
  let embedded: Embedded | undefined;
  let release: (() => void) | undefined;
  let uri = config.mongodbUri;
  if (!uri) {
    try {
      release = lockDataDir(config.dataDir);
    } catch (err) {
      fail(
        `${err instanceof Error ? err.message : String(err)}\nStop Atlante first (it uses ${config.dataDir}), then run this again.`,
      );
    }
    const secrets = loadOrCreateSecrets(config.dataDir);
    embedded = await startEmbedded({
      dataDir: config.dataDir,
      mongo: true,
      meili: false,
      mongodBin: config.mongodBin,
      meiliMasterKey: secrets.meiliMasterKey,
      logger,
    });
    uri = embedded.mongoUri!;
  }
  try {
    const mongo = await connectMongo(uri);
    const audit = createAuditService({ logger });
    const accounts = createAccountsService({ mongo, audit });
    const existing = await accounts.findByEmail(email);
    if (existing) {
      await UserModel.updateOne(
        { _id: existing._id },
        {
          $set: {
            role: "admin",
            status: "active",
            passwordHash: await hashPassword(password),
            ...(name ? { name } : {}),
          },
        },
      );
      await audit.record({
        action: "user.admin_created",
        targetType: "user",
        targetId: existing._id.toString(),
        details: { via: "cli", existing: true },
      });
      process.stdout.write(`${email} is now an active administrator with the new password.\n`);
    } else {
      const user = await accounts.createUser({
        email,
        name: name ?? email.split("@")[0]!,
        role: "admin",
        password,
      });
      await audit.record({
        action: "user.admin_created",
        targetType: "user",
        targetId: user._id.toString(),
        details: { via: "cli" },
      });
      process.stdout.write(`Administrator ${email} created.\n`);
    }
  } finally {
    await disconnectMongo();
    await embedded?.stop();
    release?.();
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`create-admin failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
