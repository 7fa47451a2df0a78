// Real Chromium (Debian's package) driven by playwright-core, against the app listening on a free port.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import type { TestContext } from "./test-app";

// The same places `npm test`'s pretest step (scripts/ensure-test-deps.cjs) looks at, and installs into.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { candidates } = require("../../scripts/ensure-test-deps.cjs") as { candidates: () => string[] };

export function chromiumPath(): string {
  const found = candidates().find((p) => fs.existsSync(p));
  if (!found) {
    throw new Error(
      "Chromium not found: `npm test` installs it when run as root with apt-get; otherwise `sudo apt-get install -y chromium` (or set CHROMIUM_PATH)",
    );
  }
  return found;
}

export interface BrowserHarness {
  baseUrl: string;
  browser: Browser;
  /** A new isolated context (own cookies); console errors of its pages are collected. */
  newPage(options?: {
    locale?: string;
  }): Promise<{ page: Page; context: BrowserContext; consoleErrors: string[] }>;
}

/** A free TCP port on the loopback interface (for an app whose BASE_URL must be known before it starts). */
export async function freePort(): Promise<number> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/**
 * Starts the app on a free port and one Chromium for the test file; closes both afterwards. With `origin`
 * (e.g. passkeys: WebAuthn refuses IP addresses as relying parties) the app is served at that
 * `http://localhost:<port>`, which must be its BASE_URL.
 */
export function useBrowser(ctx: TestContext, options: { origin?: () => string } = {}): BrowserHarness {
  const harness = {} as BrowserHarness;
  let server: http.Server | undefined;
  beforeAll(async () => {
    server = http.createServer(ctx.app);
    const origin = options.origin?.();
    const port = origin ? Number(new URL(origin).port) : 0;
    await new Promise<void>((resolve) => server!.listen(port, "127.0.0.1", resolve));
    harness.baseUrl = origin ?? `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    harness.browser = await chromium.launch({
      executablePath: chromiumPath(),
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        // localhost is this server on IPv4 (it listens on 127.0.0.1 only).
        "--host-resolver-rules=MAP localhost 127.0.0.1",
      ],
    });
    harness.newPage = async (options = {}) => {
      // bypassCSP only so that axe-core can be injected; the app's own pages run under their CSP otherwise.
      const context = await harness.browser.newContext({
        bypassCSP: true,
        locale: options.locale ?? "it-IT",
      });
      const page = await context.newPage();
      const consoleErrors: string[] = [];
      page.on("console", (msg) => {
        if (msg.type() === "error") consoleErrors.push(msg.text());
      });
      page.on("pageerror", (err) => consoleErrors.push(err.message));
      return { page, context, consoleErrors };
    };
  });
  afterAll(async () => {
    await harness.browser?.close();
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });
  return harness;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core on the page; returns the serious and critical violations. */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(ctx: Document): Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    const result = await axe.run(document);
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}
