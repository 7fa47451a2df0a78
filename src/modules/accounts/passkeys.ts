// Passkeys (WebAuthn) as a second factor, with @simplewebauthn/server: registration and assertion options,
// and the checks of the browser's answers (origin and RP ID from BASE_URL, the signature counter).
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { ConflictError, NotFoundError, ValidationError } from "../../web/errors";
import type { Role } from "./actor";
import { UserModel, type UserDoc } from "./user.model";

/** The outcome of a second-factor check. */
export type VerifyResult = { ok: true; method: "totp" | "recovery" | "passkey" } | { ok: false };

/** The relying party's name shown by browsers and authenticators. */
const RP_NAME = "Atlante";

/** What passkeys share with the rest of the two-factor service. */
export interface PasskeyDeps {
  /** BASE_URL: its host is the relying party's id, its origin the one expected in answers. */
  rp: URL;
  userDoc: (userId: string) => Promise<UserDoc>;
  requiredFor: (role: Role) => boolean;
  takeAttempt: (userId: string, ip: string) => Promise<void>;
  succeeded: (userId: string, method: "passkey", ip: string) => Promise<VerifyResult>;
  storeNewRecoveryCodes: (userId: string) => Promise<string[]>;
  recordFor: (userId: string, action: string, ip: string, details?: Record<string, unknown>) => Promise<void>;
}

export function createPasskeys(deps: PasskeyDeps) {
  const { userDoc, requiredFor, takeAttempt, succeeded, storeNewRecoveryCodes, recordFor } = deps;
  const rpID = deps.rp.hostname;
  const origin = deps.rp.origin;
  return {
    /** Options for registering a passkey; the caller keeps `challenge` (in the session) for the answer. */
    async passkeyRegistrationOptions(userId: string): Promise<PublicKeyCredentialCreationOptionsJSON> {
      const u = await userDoc(userId);
      return generateRegistrationOptions({
        rpName: RP_NAME,
        rpID,
        userName: u.email,
        userDisplayName: u.name,
        userID: new Uint8Array(Buffer.from(u._id.toString(), "hex")),
        attestationType: "none",
        excludeCredentials: (u.twoFactor?.passkeys ?? []).map((p) => ({
          id: p.credentialId,
          transports: p.transports ?? [],
        })),
        authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
      });
    },

    /** Checks the browser's answer to the registration options and stores the passkey. */
    async registerPasskey(
      userId: string,
      response: RegistrationResponseJSON,
      expectedChallenge: string,
      name: string,
      ip: string,
    ): Promise<string[]> {
      const u = await userDoc(userId);
      let verified;
      try {
        verified = await verifyRegistrationResponse({
          response,
          expectedChallenge,
          expectedOrigin: origin,
          expectedRPID: rpID,
          requireUserVerification: false,
        });
      } catch {
        verified = { verified: false as const };
      }
      if (!verified.verified) {
        await recordFor(userId, "2fa.passkey_refused", ip);
        throw new ValidationError("The passkey could not be verified", [
          { field: "passkey", message: "accounts.2fa.passkeyFailed" },
        ]);
      }
      const { credential } = verified.registrationInfo;
      await UserModel.updateOne(
        { _id: u._id },
        {
          $push: {
            "twoFactor.passkeys": {
              credentialId: credential.id,
              publicKey: Buffer.from(credential.publicKey).toString("base64url"),
              counter: credential.counter,
              transports: credential.transports ?? [],
              name: name.slice(0, 80),
              createdAt: new Date(),
            },
          },
        },
      );
      await recordFor(userId, "2fa.passkey_added", ip);
      return (u.twoFactor?.recoveryCodes?.length ?? 0) > 0 ? [] : storeNewRecoveryCodes(userId);
    },

    /** Options for proving a registered passkey at the second step. */
    async passkeyAuthenticationOptions(userId: string): Promise<PublicKeyCredentialRequestOptionsJSON> {
      const u = await userDoc(userId);
      return generateAuthenticationOptions({
        rpID,
        allowCredentials: (u.twoFactor?.passkeys ?? []).map((p) => ({
          id: p.credentialId,
          transports: p.transports ?? [],
        })),
        userVerification: "discouraged",
      });
    },

    /** Checks a passkey assertion at the second step (throttled like codes); the counter must move on. */
    async verifyPasskey(
      userId: string,
      response: AuthenticationResponseJSON,
      expectedChallenge: string,
      ip: string,
    ): Promise<VerifyResult> {
      const u = await userDoc(userId);
      await takeAttempt(userId, ip);
      const stored = (u.twoFactor?.passkeys ?? []).find((p) => p.credentialId === response.id);
      let newCounter: number | undefined;
      if (stored) {
        try {
          const result = await verifyAuthenticationResponse({
            response,
            expectedChallenge,
            expectedOrigin: origin,
            expectedRPID: rpID,
            requireUserVerification: false,
            credential: {
              id: stored.credentialId,
              publicKey: new Uint8Array(Buffer.from(stored.publicKey, "base64url")),
              counter: stored.counter,
              transports: stored.transports ?? [],
            },
          });
          if (result.verified) newCounter = result.authenticationInfo.newCounter;
        } catch {
          newCounter = undefined;
        }
      }
      if (newCounter === undefined || !stored) {
        await recordFor(userId, "2fa.failed", ip, { reason: "passkey" });
        return { ok: false };
      }
      await UserModel.updateOne(
        { _id: u._id, "twoFactor.passkeys.credentialId": stored.credentialId },
        {
          $set: {
            "twoFactor.passkeys.$.counter": newCounter,
            "twoFactor.passkeys.$.lastUsedAt": new Date(),
          },
        },
      );
      return succeeded(userId, "passkey", ip);
    },

    /** The owner removes one of their passkeys (not the last factor of a required role). */
    async removePasskey(userId: string, credentialId: string, ip: string): Promise<void> {
      const u = await userDoc(userId);
      const passkeys = u.twoFactor?.passkeys ?? [];
      if (!passkeys.some((p) => p.credentialId === credentialId)) throw new NotFoundError("No such passkey");
      if (requiredFor(u.role) && !u.twoFactor?.totpSecret && passkeys.length === 1)
        throw new ConflictError("Your role requires a second factor", [
          { field: "_form", message: "accounts.2fa.requiredCannotRemove" },
        ]);
      const last = passkeys.length === 1 && !u.twoFactor?.totpSecret;
      await UserModel.updateOne(
        { _id: u._id },
        {
          $pull: { "twoFactor.passkeys": { credentialId } },
          ...(last ? { $set: { "twoFactor.recoveryCodes": [] } } : {}),
        },
      );
      await recordFor(userId, "2fa.passkey_removed", ip);
    },
  };
}
