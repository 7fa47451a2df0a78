// What a bulk invitation reports (shown by the invitation page).

/** At most this many addresses in one submission. */
export const INVITE_LIST_MAX = 500;

export interface InviteReport {
  invited: string[];
  invitedAgain: string[];
  members: string[];
  duplicates: string[];
  invalid: string[];
  /** Not sent: the daily limit of invitations was reached (try again tomorrow). */
  notSent: string[];
  /** More addresses than INVITE_LIST_MAX: these were not looked at. */
  overLimit: number;
}
