// A real OpenID Connect provider (oidc-provider) in the test process, on a free loopback port, with its
// development login and consent pages. Its accounts are whatever the test puts in `accounts`.
import http from "node:http";
import type { AddressInfo } from "node:net";
import supertest from "supertest";

export interface ProviderAccount {
  email: string;
  email_verified: boolean;
  name?: string;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Accounts by subject (the login typed on the provider's page). */
  accounts: Map<string, ProviderAccount>;
}

/** Starts the provider before the app (its issuer goes into the app's environment); stops it after. */
export function useOidcProvider(env: NodeJS.ProcessEnv, appOrigin: () => string): TestProvider {
  const provider = {
    clientId: "atlante-test",
    clientSecret: "a-client-secret-for-tests-only",
    accounts: new Map<string, ProviderAccount>(),
  } as TestProvider;
  let server: http.Server | undefined;
  beforeAll(async () => {
    const { default: Provider } = await import("oidc-provider");
    server = http.createServer();
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    provider.issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const oidc = new Provider(provider.issuer, {
      clients: [
        {
          client_id: provider.clientId,
          client_secret: provider.clientSecret,
          redirect_uris: [`${appOrigin()}/login/oidc/callback`],
        },
      ],
      pkce: { required: () => true },
      claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
      findAccount: (_ctx: unknown, sub: string) => {
        const account = provider.accounts.get(sub);
        if (!account) return undefined;
        return { accountId: sub, claims: () => ({ sub, ...account }) };
      },
    });
    // Keep the provider quiet about its development-only login pages.
    oidc.on("server_error", () => undefined);
    server.on("request", oidc.callback());
    env.OIDC_ISSUER = provider.issuer;
    env.OIDC_CLIENT_ID = provider.clientId;
    env.OIDC_CLIENT_SECRET = provider.clientSecret;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });
  return provider;
}

/**
 * Walks the provider's development pages as a browser would (login as `subject`, then consent) and
 * returns the app's callback URL the provider redirects to.
 */
export async function providerLogin(
  provider: TestProvider,
  authorizationUrl: string,
  subject: string,
): Promise<string> {
  const agent = supertest.agent(provider.issuer);
  let url = new URL(authorizationUrl);
  for (let hop = 0; hop < 12; hop += 1) {
    if (!url.href.startsWith(provider.issuer)) return url.href;
    const page = await agent.get(url.pathname + url.search);
    if (page.status >= 300 && page.status < 400) {
      url = new URL(page.headers.location as string, provider.issuer);
      continue;
    }
    const form = /<form[^>]*action="([^"]+)"/.exec(page.text);
    if (!form) throw new Error(`no form on the provider's page (${page.status})`);
    const prompt = /name="prompt" value="(\w+)"/.exec(page.text)?.[1] ?? "login";
    const answer = await agent
      .post(new URL(form[1]!, provider.issuer).pathname)
      .type("form")
      .send(prompt === "login" ? { prompt, login: subject, password: "any" } : { prompt });
    url = new URL(answer.headers.location as string, provider.issuer);
  }
  throw new Error("the provider never sent the browser back");
}
