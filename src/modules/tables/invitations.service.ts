// Inviting an event's participants in bulk: a pasted list of addresses or a CSV (with an "email" column,
// or any cells holding addresses), one invitation each through the accounts module's invitation service.
// The report says who was invited, invited again, already a member, listed twice or not an address.
import { z } from "zod";
import { AppError, ConflictError, TooManyRequestsError } from "../../web/errors";
import type { Lang } from "../../web/i18n/index";
import type { AccountsCore, Actor, LinksService } from "../accounts/index";
import { INVITE_LIST_MAX, type InviteReport } from "./invite-report";

export { INVITE_LIST_MAX, type InviteReport };

const email = z.email();
const HEADER = /^(e-?mail|email address|indirizzo( e-?mail)?|posta elettronica)$/i;

function unquote(cell: string): string {
  return cell
    .trim()
    .replace(/^"(.*)"$/s, "$1")
    .replace(/""/g, '"')
    .trim();
}

/** The entries of a list or CSV: addresses as typed (to check), in order. */
export function entriesOf(text: string): string[] {
  const lines = text
    .replace(/^\uFEFF/, "")
    .split(/\r\n?|\n/)
    .filter((l) => l.trim());
  if (lines.length === 0) return [];
  const separator = /;/.test(lines[0]!) && !/,/.test(lines[0]!) ? ";" : /\t/.test(lines[0]!) ? "\t" : ",";
  const header = lines[0]!.split(separator).map(unquote);
  const column = header.findIndex((h) => HEADER.test(h));
  const rows = column >= 0 ? lines.slice(1) : lines;
  const out: string[] = [];
  for (const line of rows) {
    const cells = line.split(separator).map(unquote);
    if (column >= 0) {
      const cell = cells[column] ?? "";
      if (cell) out.push(cell);
      continue;
    }
    // A plain list: addresses separated by commas, semicolons or spaces, "Name <address>" allowed.
    const angled = [...line.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1]!);
    if (angled.length > 0) {
      out.push(...angled);
      continue;
    }
    const tokens = line
      .split(/[\s,;]+/)
      .map(unquote)
      .filter(Boolean);
    const withAt = tokens.filter((t) => t.includes("@"));
    // A line without any address (a name alone, a typo) is reported as it is.
    out.push(...(withAt.length > 0 ? withAt : [line.trim()]));
  }
  return out;
}

export function createInvitationsService(deps: {
  links: Pick<LinksService, "invite">;
  accounts: Pick<AccountsCore, "findByEmail">;
}) {
  return {
    /** Invites every new address of the list as a member; existing members are only reported. */
    async inviteList(actor: Actor, text: string, lang: Lang, ip: string): Promise<InviteReport> {
      const report: InviteReport = {
        invited: [],
        invitedAgain: [],
        members: [],
        duplicates: [],
        invalid: [],
        notSent: [],
        overLimit: 0,
      };
      const seen = new Set<string>();
      const todo: string[] = [];
      for (const entry of entriesOf(text)) {
        const address = entry.toLowerCase();
        if (!email.safeParse(address).success || address.length > 254) {
          report.invalid.push(entry.slice(0, 200));
        } else if (seen.has(address)) {
          if (!report.duplicates.includes(address)) report.duplicates.push(address);
        } else {
          seen.add(address);
          todo.push(address);
        }
      }
      report.overLimit = Math.max(0, todo.length - INVITE_LIST_MAX);
      let limited = false;
      for (const address of todo.slice(0, INVITE_LIST_MAX)) {
        if (limited) {
          report.notSent.push(address);
          continue;
        }
        const user = await deps.accounts.findByEmail(address);
        if (user && user.status !== "invited") {
          report.members.push(address);
          continue;
        }
        try {
          const outcome = await deps.links.invite(actor, { email: address, role: "member", lang }, ip, {
            bulk: true,
          });
          (outcome === "invited-again" ? report.invitedAgain : report.invited).push(address);
        } catch (err) {
          if (err instanceof TooManyRequestsError) {
            limited = true;
            report.notSent.push(address);
          } else if (err instanceof ConflictError) report.members.push(address);
          else if (err instanceof AppError && err.status < 500) report.notSent.push(address);
          else throw err;
        }
      }
      return report;
    },
  };
}

export type InvitationsService = ReturnType<typeof createInvitationsService>;
