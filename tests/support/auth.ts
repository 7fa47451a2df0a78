// Test helpers for accounts: users made through the real service (real argon2), agents that really
// logged in through POST /login, a CSRF token for later posts, and a browser login.
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import supertest from "supertest";
import type { Role } from "../../src/modules/accounts/actor";
import type { TestContext } from "./test-app";

export const TEST_PASSWORD = "correct horse battery staple 42";

export interface TestUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  password: string;
}

let counter = 0;

/** Creates a user directly through the accounts service. */
export async function createUser(
  ctx: TestContext,
  options: {
    role: Role;
    email?: string;
    password?: string;
    name?: string;
    status?: "invited" | "active" | "disabled";
  },
): Promise<TestUser> {
  counter += 1;
  const email = options.email ?? `${options.role}${counter}.${Date.now().toString(36)}@example.org`;
  const password = options.password ?? TEST_PASSWORD;
  const name = options.name ?? `Test ${options.role} ${counter}`;
  const doc = await ctx.services.accounts.createUser({
    email,
    name,
    role: options.role,
    status: options.status ?? "active",
    password,
  });
  return { id: doc._id.toString(), email: doc.email, name, role: options.role, password };
}

/** Reads the CSRF token from a page that has a form (e.g. /me for users, /login for visitors). */
export async function csrfFrom(agent: supertest.Agent, pagePath: string): Promise<string> {
  const res = await agent.get(pagePath).set("accept", "text/html");
  const match = /name="_csrf" value="([^"]+)"/.exec(res.text);
  if (!match) throw new Error(`no CSRF token on ${pagePath} (status ${res.status})`);
  return match[1]!;
}

export interface LoggedIn {
  agent: supertest.Agent;
  user: TestUser;
  /** A valid CSRF token of this agent's session, for later posts (`_csrf` field or `x-csrf-token`). */
  csrf(): Promise<string>;
}

/** Logs in through the real POST /login form: with a role a new user is created first. */
export async function loginAs(ctx: TestContext, who: Role | TestUser): Promise<LoggedIn> {
  const user = typeof who === "string" ? await createUser(ctx, { role: who }) : who;
  const agent = ctx.agent();
  const token = await csrfFrom(agent, "/login");
  const res = await agent
    .post("/login")
    .type("form")
    .send({ _csrf: token, email: user.email, password: user.password, next: "/" });
  if (res.status !== 303) throw new Error(`login of ${user.email} failed with ${res.status}`);
  return { agent, user, csrf: () => csrfFrom(agent, "/me") };
}

/** The mail files written by the file mailer (embedded default), newest last. */
export function readMails(ctx: TestContext): { file: string; to: string; subject: string; text: string }[] {
  const dir = path.join(ctx.config.dataDir, "mail");
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .sort()
    .map((name) => {
      const file = path.join(dir, name);
      const raw = fs.readFileSync(file, "utf8");
      const [head, ...body] = raw.split("\n\n");
      const header = (k: string) => new RegExp(`^${k}: (.*)$`, "m").exec(head ?? "")?.[1] ?? "";
      return { file, to: header("To"), subject: header("Subject"), text: body.join("\n\n") };
    });
}

/** The first link to this app in the last mail sent to an address. */
export function lastLinkTo(ctx: TestContext, to: string): string {
  const mail = readMails(ctx)
    .filter((m) => m.to === to)
    .pop();
  const link = mail && /(https?:\/\/\S+)/.exec(mail.text)?.[1];
  if (!link) throw new Error(`no mail with a link to ${to}`);
  return link;
}

/** Logs a Playwright page in through the login form. */
export async function loginInBrowser(page: Page, baseUrl: string, user: TestUser): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.fill("#f-email", user.email);
  await page.fill("#f-password", user.password);
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith("/login")),
    page.click('form[action="/login"] button[type="submit"]'),
  ]);
}
