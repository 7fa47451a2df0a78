// Outgoing mail: SMTP (nodemailer) when SMTP_URL is set; otherwise each message becomes a file under
// DATA_DIR/mail/ and its path is logged, so that someone running Atlante locally can follow the links.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import nodemailer from "nodemailer";
import type { Config } from "../config";
import type { Logger } from "./logger";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  /** Where file mail goes (undefined with SMTP). */
  readonly outbox: string | undefined;
}

export function createMailer(
  config: Pick<Config, "smtpUrl" | "mailFrom" | "dataDir">,
  logger: Logger,
): Mailer {
  if (config.smtpUrl) {
    const transport = nodemailer.createTransport(config.smtpUrl);
    return {
      outbox: undefined,
      async send(message) {
        await transport.sendMail({ from: config.mailFrom, ...message });
        logger.info({ subject: message.subject }, "mail sent over SMTP");
      },
    };
  }
  const outbox = path.join(config.dataDir, "mail");
  return {
    outbox,
    async send(message) {
      await fs.promises.mkdir(outbox, { recursive: true, mode: 0o700 });
      const stamp = new Date().toISOString().replace(/[:.]/g, "-");
      const file = path.join(outbox, `${stamp}-${crypto.randomBytes(3).toString("hex")}.eml`);
      const body = [
        `From: ${config.mailFrom}`,
        `To: ${message.to}`,
        `Subject: ${message.subject}`,
        `Date: ${new Date().toUTCString()}`,
        "Content-Type: text/plain; charset=utf-8",
        "",
        message.text,
        "",
      ].join("\n");
      await fs.promises.writeFile(file, body, { mode: 0o600 });
      logger.info({ file, subject: message.subject }, `mail written to ${file}`);
    },
  };
}
