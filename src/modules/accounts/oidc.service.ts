// Single sign-on with one OpenID Connect provider (openid-client): the authorization code flow with PKCE,
// state and nonce; accounts linked by issuer and subject, or on first sign-in by a verified e-mail. The
// provider says who someone is; what they may do (their role) is only ever granted inside Atlante.
import * as client from "openid-client";
import type { OidcConfig } from "../../config";
import type { AuditService } from "../audit/index";
import type { AccountsCore } from "./accounts.service";
import { UserModel, type UserDoc } from "./user.model";

/** Why a single sign-on was refused (for the audit log and the message shown). */
export type OidcFailure = "state" | "nonce" | "provider" | "unverified" | "no_account" | "disabled";

export class OidcRefusal extends Error {
  constructor(readonly reason: OidcFailure) {
    super(`Single sign-on refused: ${reason}`);
    this.name = "OidcRefusal";
  }
}

/** What the browser's session keeps between the redirect to the provider and its answer. */
export interface OidcPending {
  state: string;
  nonce: string;
  verifier: string;
}

export function createOidcService(deps: {
  config: OidcConfig;
  baseUrl: string;
  audit: AuditService;
  accounts: AccountsCore;
}) {
  const { config, audit, accounts } = deps;
  const redirectUri = `${deps.baseUrl}/login/oidc/callback`;
  let configuration: Promise<client.Configuration> | undefined;

  /** The provider's metadata and keys, fetched once (again after a failure). */
  function provider(): Promise<client.Configuration> {
    configuration ??= client
      .discovery(
        new URL(config.issuer),
        config.clientId,
        undefined,
        config.clientSecret ? client.ClientSecretBasic(config.clientSecret) : client.None(),
        // An http:// issuer is refused by the configuration in production; tests run one on loopback.
        config.issuer.startsWith("http:") ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .catch((err: unknown) => {
        configuration = undefined;
        throw err;
      });
    return configuration;
  }

  async function link(user: UserDoc, issuer: string, subject: string, ip: string): Promise<void> {
    await UserModel.updateOne(
      { _id: user._id, "oidcLinks.issuer": { $ne: issuer } },
      { $push: { oidcLinks: { issuer, subject, linkedAt: new Date() } } },
    );
    await audit.record({
      actorId: user._id.toString(),
      action: "user.oidc_linked",
      targetType: "user",
      targetId: user._id.toString(),
      details: { issuer },
      ip,
    });
  }

  async function refuse(reason: OidcFailure, ip: string, targetId = config.issuer): Promise<never> {
    await audit.record({
      action: "login.oidc_failed",
      targetType: "issuer",
      targetId,
      details: { reason },
      ip,
    });
    throw new OidcRefusal(reason);
  }

  return {
    /** Where to send the browser, and what its session must keep to check the answer. */
    async start(): Promise<{ url: string; pending: OidcPending }> {
      const cfg = await provider();
      const pending = {
        state: client.randomState(),
        nonce: client.randomNonce(),
        verifier: client.randomPKCECodeVerifier(),
      };
      const url = client.buildAuthorizationUrl(cfg, {
        redirect_uri: redirectUri,
        scope: config.scopes,
        state: pending.state,
        nonce: pending.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
        code_challenge_method: "S256",
      });
      return { url: url.href, pending };
    },

    /**
     * Checks the provider's answer (state, then the code exchanged with the PKCE verifier, the ID token's
     * signature, issuer, audience and nonce) and finds the account: by the link made earlier, else by the
     * verified e-mail (then linked), else a new member (or refused, as configured).
     */
    async finish(callbackUrl: URL, pending: OidcPending | undefined, ip: string): Promise<UserDoc> {
      if (!pending || callbackUrl.searchParams.get("state") !== pending.state) return refuse("state", ip);
      const cfg = await provider();
      let claims: client.IDToken | undefined;
      let profile: Record<string, unknown>;
      try {
        const tokens = await client.authorizationCodeGrant(cfg, callbackUrl, {
          pkceCodeVerifier: pending.verifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        });
        claims = tokens.claims();
        profile = { ...(claims ?? {}) };
        // Many providers put the e-mail in the ID token only when asked with the claims parameter: the
        // userinfo endpoint has it (for the same subject, checked by the library).
        if (claims && (profile.email === undefined || profile.email_verified === undefined))
          profile = { ...(await client.fetchUserInfo(cfg, tokens.access_token, claims.sub)), ...claims };
      } catch (err) {
        const cause = err instanceof Error ? err.cause : undefined;
        const text = `${err instanceof Error ? err.message : ""} ${cause instanceof Error ? cause.message : ""}`;
        return refuse(/nonce/i.test(text) ? "nonce" : "provider", ip);
      }
      if (!claims) return refuse("provider", ip);
      const issuer = claims.iss;
      const subject = claims.sub;
      const linked = await UserModel.findOne({
        oidcLinks: { $elemMatch: { issuer, subject } },
      }).lean<UserDoc>();
      let user: UserDoc | null = linked;
      if (!user) {
        const email = typeof profile.email === "string" ? profile.email.trim().toLowerCase() : "";
        // Only an address the provider verified may claim an account (or create one).
        if (!email || profile.email_verified !== true) return refuse("unverified", ip);
        user = await accounts.findByEmail(email);
        if (user) {
          if (user.status !== "active") return refuse("disabled", ip, user._id.toString());
          await link(user, issuer, subject, ip);
        } else {
          if (config.newAccounts === "refuse") return refuse("no_account", ip);
          const name =
            typeof profile.name === "string" && profile.name.trim()
              ? profile.name.trim().slice(0, 120)
              : email.split("@")[0]!;
          user = await accounts.createUser({ email, name, role: "member" });
          await audit.record({
            actorId: user._id.toString(),
            action: "user.created_by_oidc",
            targetType: "user",
            targetId: user._id.toString(),
            details: { issuer },
            ip,
          });
          await link(user, issuer, subject, ip);
        }
      }
      if (user.status !== "active") return refuse("disabled", ip, user._id.toString());
      await UserModel.updateOne({ _id: user._id }, { $set: { lastLoginAt: new Date() } });
      await audit.record({
        actorId: user._id.toString(),
        action: "login.oidc_ok",
        targetType: "user",
        targetId: user._id.toString(),
        details: { issuer },
        ip,
      });
      return user;
    },
  };
}

export type OidcService = ReturnType<typeof createOidcService>;
