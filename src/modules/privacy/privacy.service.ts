// Privacy rights: a member downloads what Atlante holds about them, and deletes their account (their
// notes deleted or kept under "ex membro"). It owns no data: it asks the modules that do.
import type { AccountsCore } from "../accounts/index";
import type { ForgetMode, NotesModule } from "../notes/index";

export interface PrivacyDeps {
  accounts: Pick<
    AccountsCore,
    "profileData" | "listSessions" | "verifyCurrentPassword" | "assertDeletable" | "deleteAccount"
  >;
  notes: Pick<NotesModule, "privacy">;
}

export function createPrivacyService(deps: PrivacyDeps) {
  const { accounts, notes } = deps;
  return {
    /** Everything about a member, as one JSON-ready object (profile, sessions, notes and their traces). */
    async dataOf(userId: string) {
      const [profile, sessions, contributions] = await Promise.all([
        accounts.profileData(userId),
        accounts.listSessions(userId, undefined),
        notes.privacy.dataOf(userId),
      ]);
      return {
        exportedAt: new Date().toISOString(),
        profile,
        sessions: sessions.map((s) => ({
          signedInAt: s.signedInAt,
          browser: s.browser,
          os: s.os,
          network: s.address,
        })),
        ...contributions,
      };
    },

    /**
     * Deletes the member's account after checking their password (throttled): first their notes are
     * deleted or handed to "ex membro" (one transaction with the search outbox), then the account goes.
     * A failure between the two leaves an account that can simply delete itself again.
     */
    async deleteAccount(userId: string, currentPassword: string, mode: ForgetMode, ip: string) {
      await accounts.verifyCurrentPassword(userId, currentPassword, ip);
      await accounts.assertDeletable(userId);
      const result = await notes.privacy.forget(userId, mode);
      await accounts.deleteAccount(userId, ip, { notes: mode, ...result });
    },
  };
}

export type PrivacyService = ReturnType<typeof createPrivacyService>;
