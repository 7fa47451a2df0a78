// Who may use each route of the app. route-permissions.test.ts walks the Express router and FAILS for
// any registered route without a row here.
//
// OTHER MODULES: when you add a route, add its row (method, Express path, and a concrete `sample`
// URL when the path has parameters). `allow` is the least role that gets through the guard:
// "anonymous" (everyone), "member", "coordinator" or "admin". `endsSession` marks routes that log
// the caller out. A POST is sent with a valid CSRF token and an empty body: an allowed answer is
// anything but 401/403 or a redirect to /login (a 400 for the empty body is fine).
import type { Role } from "../../views/page-context";

export type Allow = "anonymous" | Role;

export interface RouteRow {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  allow: Allow;
  sample?: string;
  endsSession?: boolean;
}

const ID = "0123456789abcdef01234567";

export const ROUTE_TABLE: RouteRow[] = [
  // foundation
  { method: "GET", path: "/healthz", allow: "anonymous" },
  { method: "GET", path: "/readyz", allow: "anonymous" },
  { method: "GET", path: "/", allow: "anonymous" },
  { method: "GET", path: "/lang/:lang", allow: "anonymous", sample: "/lang/en" },

  // accounts (issue 3)
  { method: "GET", path: "/login", allow: "anonymous" },
  { method: "POST", path: "/login", allow: "anonymous" },
  { method: "POST", path: "/logout", allow: "anonymous", endsSession: true },
  { method: "GET", path: "/forgot", allow: "anonymous" },
  { method: "POST", path: "/forgot", allow: "anonymous" },
  { method: "GET", path: "/reset/:token", allow: "anonymous", sample: "/reset/not-a-token" },
  { method: "POST", path: "/reset/:token", allow: "anonymous", sample: "/reset/not-a-token" },
  { method: "GET", path: "/invite/:token", allow: "anonymous", sample: "/invite/not-a-token" },
  { method: "POST", path: "/invite/:token", allow: "anonymous", sample: "/invite/not-a-token" },
  { method: "GET", path: "/join", allow: "anonymous" },
  { method: "POST", path: "/join", allow: "anonymous" },
  { method: "GET", path: "/me", allow: "member" },
  { method: "POST", path: "/me", allow: "member" },
  { method: "POST", path: "/me/password", allow: "member" },
  { method: "GET", path: "/admin/users", allow: "admin" },
  { method: "POST", path: "/admin/users/:id/role", allow: "admin", sample: `/admin/users/${ID}/role` },
  { method: "POST", path: "/admin/users/:id/status", allow: "admin", sample: `/admin/users/${ID}/status` },
  { method: "GET", path: "/admin/invite", allow: "coordinator" },
  { method: "POST", path: "/admin/invite", allow: "coordinator" },
  { method: "GET", path: "/admin/join-requests", allow: "coordinator" },
  {
    method: "POST",
    path: "/admin/join-requests/:id/:decision",
    allow: "coordinator",
    sample: `/admin/join-requests/${ID}/reject`,
  },
  { method: "GET", path: "/admin/audit", allow: "admin" },

  // search (issue 5)
  { method: "GET", path: "/search", allow: "anonymous" },
  { method: "GET", path: "/api/v1/search", allow: "anonymous" },
  {
    method: "GET",
    path: "/api/v1/search/facets",
    allow: "anonymous",
    sample: "/api/v1/search/facets?facet=tag",
  },
];
