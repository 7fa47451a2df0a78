// The core of `npm run create-admin`: argument parsing and creating (or promoting) an administrator.
import { z } from "zod";
import { translator, type MessageKey } from "../../web/i18n/index";
import type { AuditService } from "../audit/index";
import { passwordErrorKey, type AccountsCore } from "./accounts.service";
import { hashPassword } from "./password";
import { UserModel } from "./user.model";

export const CREATE_ADMIN_USAGE =
  'Usage: npm run create-admin -- --email someone@example.org [--name "Full Name"]';

export class UsageError extends Error {}

export function parseCreateAdminArgs(argv: string[]): { email: string; name?: string } {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (flag !== "--email" && flag !== "--name")
      throw new UsageError(`Unknown option ${flag}. ${CREATE_ADMIN_USAGE}`);
    const value = argv[++i];
    if (value === undefined || value.startsWith("--"))
      throw new UsageError(`${flag} needs a value. ${CREATE_ADMIN_USAGE}`);
    out[flag.slice(2)] = value;
  }
  if (out.email === undefined) throw new UsageError(`--email is required. ${CREATE_ADMIN_USAGE}`);
  const email = z.email().safeParse(out.email.trim());
  if (!email.success)
    throw new UsageError(`"${out.email}" is not a valid email address. ${CREATE_ADMIN_USAGE}`);
  if (out.name !== undefined && (out.name.trim().length === 0 || out.name.length > 120)) {
    throw new UsageError("--name must be 1 to 120 characters");
  }
  return { email: email.data.toLowerCase(), name: out.name?.trim() };
}

/** The broken password rule in English, or undefined. */
export function adminPasswordProblem(password: string, email: string): string | undefined {
  const key = passwordErrorKey(password, email);
  return key ? translator("en")(key as MessageKey) : undefined;
}

/** Creates the administrator, or makes an existing account an active administrator with this password. */
export async function createOrPromoteAdmin(
  deps: { accounts: AccountsCore; audit: AuditService },
  input: { email: string; name?: string; password: string },
): Promise<"created" | "promoted"> {
  const problem = adminPasswordProblem(input.password, input.email);
  if (problem) throw new UsageError(problem);
  const existing = await deps.accounts.findByEmail(input.email);
  if (existing) {
    await UserModel.updateOne(
      { _id: existing._id },
      {
        $set: {
          role: "admin",
          status: "active",
          passwordHash: await hashPassword(input.password),
          ...(input.name ? { name: input.name } : {}),
        },
      },
    );
    await deps.accounts.endSessions(existing._id.toString());
    await deps.audit.record({
      action: "user.admin_created",
      targetType: "user",
      targetId: existing._id.toString(),
      details: { via: "cli", existing: true },
    });
    return "promoted";
  }
  const user = await deps.accounts.createUser({
    email: input.email,
    name: input.name ?? input.email.split("@")[0]!,
    role: "admin",
    password: input.password,
  });
  await deps.audit.record({
    action: "user.admin_created",
    targetType: "user",
    targetId: user._id.toString(),
    details: { via: "cli" },
  });
  return "created";
}
