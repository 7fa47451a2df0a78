// Secrets at rest (TOTP secrets): AES-256-GCM under a key derived (HKDF) from the configured key, so a
// copy of the database alone does not give anyone the codes of an authenticator app.
import crypto from "node:crypto";

const VERSION = "v1";

export interface SecretBox {
  seal(plain: string): string;
  /** The plain text, or undefined when the box was not made with this key (or was tampered with). */
  open(sealed: string): string | undefined;
}

export function createSecretBox(keyMaterial: string, purpose: string): SecretBox {
  const key = Buffer.from(crypto.hkdfSync("sha256", keyMaterial, "atlante", `secret-box|${purpose}`, 32));
  return {
    seal(plain) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [VERSION, iv, tag, body]
        .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
        .join(".");
    },
    open(sealed) {
      const [version, iv, tag, body] = sealed.split(".");
      if (version !== VERSION || !iv || !tag || body === undefined) return undefined;
      try {
        const decipher = crypto.createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
        decipher.setAuthTag(Buffer.from(tag, "base64url"));
        return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString(
          "utf8",
        );
      } catch {
        return undefined;
      }
    },
  };
}
