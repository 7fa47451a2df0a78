import type { PagerLabels } from "../components/Pager";

/** The administration lists (users, audit log) page with "previous / next" and "page n of m" above. */
export const ADMIN_PAGER: PagerLabels = {
  previous: "accounts.admin.previous",
  next: "accounts.admin.next",
  page: "accounts.admin.page",
};
