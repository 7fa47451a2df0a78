// Who may use each route of the app. route-permissions.test.ts walks the Express router and FAILS for
// any registered route without a row here.
//
// OTHER MODULES: when you add a route, add its row (method, Express path, and a concrete `sample`
// URL when the path has parameters). `allow` is the least role that gets through the guard:
// "anonymous" (everyone), "member", "coordinator" or "admin". `endsSession` marks routes that log
// the caller out. A POST is sent with a valid CSRF token and an empty body: an allowed answer is
// anything but 401/403 or a redirect to /login (a 400 for the empty body is fine).
import type { Role } from "../../src/modules/accounts/actor";

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
  { method: "GET", path: "/me/sessions", allow: "member" },
  { method: "GET", path: "/me/data", allow: "member" },
  { method: "GET", path: "/me/delete", allow: "member" },
  { method: "POST", path: "/me/delete", allow: "member" },
  { method: "GET", path: "/privacy", allow: "anonymous" },
  { method: "POST", path: "/me/sessions/others", allow: "member" },
  {
    method: "POST",
    path: "/me/sessions/:handle/end",
    allow: "member",
    sample: "/me/sessions/0123456789abcdef/end",
  },
  {
    method: "POST",
    path: "/admin/users/:id/sessions/end",
    allow: "admin",
    sample: `/admin/users/${ID}/sessions/end`,
  },
  { method: "GET", path: "/admin/users", allow: "admin" },
  {
    method: "POST",
    path: "/admin/users/:id/2fa/reset",
    allow: "admin",
    sample: `/admin/users/${ID}/2fa/reset`,
  },

  // two-factor authentication (issue 11): the second step belongs to a sign-in half-way through, which
  // no walker has: it sends everyone back to the sign-in form (tested in accounts-two-factor.test.ts).
  { method: "GET", path: "/login/2fa", allow: "anonymous" },
  { method: "POST", path: "/login/2fa", allow: "anonymous" },
  { method: "POST", path: "/login/2fa/enrol", allow: "anonymous" },
  { method: "POST", path: "/login/2fa/passkey/options", allow: "anonymous" },
  { method: "POST", path: "/login/2fa/passkey", allow: "anonymous" },
  { method: "GET", path: "/me/2fa", allow: "member" },
  { method: "POST", path: "/me/2fa/totp", allow: "member" },
  { method: "POST", path: "/me/2fa/totp/disable", allow: "member" },
  { method: "POST", path: "/me/2fa/recovery", allow: "member" },
  { method: "GET", path: "/me/2fa/codes", allow: "member" },
  { method: "POST", path: "/me/2fa/passkeys/options", allow: "member" },
  { method: "POST", path: "/me/2fa/passkeys", allow: "member" },
  {
    method: "POST",
    path: "/me/2fa/passkeys/:id/delete",
    allow: "member",
    sample: "/me/2fa/passkeys/AAAA/delete",
  },
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
  { method: "GET", path: "/admin/jobs", allow: "coordinator" },

  // search (issue 5)
  { method: "GET", path: "/search", allow: "anonymous" },
  { method: "GET", path: "/api/v1/search", allow: "anonymous" },
  {
    method: "GET",
    path: "/api/v1/search/facets",
    allow: "anonymous",
    sample: "/api/v1/search/facets?facet=tag",
  },
  { method: "GET", path: "/admin/search", allow: "coordinator" },
  { method: "POST", path: "/admin/search/retry", allow: "admin" },
  { method: "GET", path: "/admin/search/thesaurus", allow: "coordinator" },
  { method: "POST", path: "/admin/search/thesaurus", allow: "coordinator" },

  // catalogue import, export and public API (issue 4)
  { method: "GET", path: "/admin/import", allow: "coordinator" },
  { method: "GET", path: "/admin/import/format", allow: "coordinator" },
  { method: "GET", path: "/admin/import/template.csv", allow: "coordinator" },
  { method: "POST", path: "/admin/import", allow: "coordinator" },
  { method: "GET", path: "/export/projects.:format", allow: "anonymous", sample: "/export/projects.csv" },
  { method: "GET", path: "/export/notes.:format", allow: "anonymous", sample: "/export/notes.csv" },
  { method: "GET", path: "/api/v1/notes", allow: "anonymous" },
  { method: "GET", path: "/api/v1/projects", allow: "anonymous" },
  {
    method: "GET",
    path: "/api/v1/projects/:slug",
    allow: "anonymous",
    sample: "/api/v1/projects/no-such-project",
  },
  { method: "GET", path: "/api/v1/openapi.json", allow: "anonymous" },

  // catalogue: projects, themes, tags, zones and their curation (issue 4)
  { method: "GET", path: "/projects", allow: "anonymous" },
  { method: "GET", path: "/projects/new", allow: "coordinator" },
  { method: "POST", path: "/projects", allow: "coordinator" },
  { method: "GET", path: "/projects/:slug", allow: "anonymous", sample: "/projects/no-such-project" },
  {
    method: "GET",
    path: "/projects/:slug/edit",
    allow: "coordinator",
    sample: "/projects/no-such-project/edit",
  },
  {
    method: "POST",
    path: "/projects/:slug/edit",
    allow: "coordinator",
    sample: "/projects/no-such-project/edit",
  },
  {
    method: "POST",
    path: "/projects/:slug/status",
    allow: "coordinator",
    sample: "/projects/no-such-project/status",
  },
  {
    method: "POST",
    path: "/projects/:slug/delete",
    allow: "coordinator",
    sample: "/projects/no-such-project/delete",
  },
  {
    method: "POST",
    path: "/projects/:slug/undelete",
    allow: "coordinator",
    sample: "/projects/no-such-project/undelete",
  },
  {
    method: "GET",
    path: "/projects/:slug/history",
    allow: "coordinator",
    sample: "/projects/no-such-project/history",
  },
  {
    method: "GET",
    path: "/projects/:slug/diff",
    allow: "coordinator",
    sample: "/projects/no-such-project/diff?from=1&to=2",
  },
  {
    method: "POST",
    path: "/projects/:slug/revisions/:version/restore",
    allow: "coordinator",
    sample: "/projects/no-such-project/revisions/1/restore",
  },
  { method: "GET", path: "/themes", allow: "anonymous" },
  { method: "GET", path: "/themes/:key", allow: "anonymous", sample: "/themes/governance-multilivello" },
  { method: "GET", path: "/zones", allow: "anonymous" },
  { method: "GET", path: "/zones/:key", allow: "anonymous", sample: "/zones/lunigiana" },
  { method: "GET", path: "/tags", allow: "anonymous" },
  { method: "GET", path: "/tags/:slug", allow: "anonymous", sample: "/tags/scuola" },
  { method: "GET", path: "/tags/propose", allow: "member" },
  { method: "POST", path: "/tags/propose", allow: "member" },
  { method: "GET", path: "/curation/tags", allow: "coordinator" },
  { method: "POST", path: "/curation/tags", allow: "coordinator" },
  { method: "POST", path: "/curation/tags/:slug", allow: "coordinator", sample: "/curation/tags/scuola" },
  {
    method: "POST",
    path: "/curation/tags/:slug/merge",
    allow: "coordinator",
    sample: "/curation/tags/scuola/merge",
  },
  {
    method: "POST",
    path: "/curation/tags/:slug/retire",
    allow: "coordinator",
    sample: "/curation/tags/no-tag/retire",
  },
  {
    method: "POST",
    path: "/curation/tags/:slug/reactivate",
    allow: "coordinator",
    sample: "/curation/tags/no-tag/reactivate",
  },
  {
    method: "POST",
    path: "/curation/tags/:slug/approve",
    allow: "coordinator",
    sample: "/curation/tags/no-tag/approve",
  },
  {
    method: "POST",
    path: "/curation/tags/:slug/reject",
    allow: "coordinator",
    sample: "/curation/tags/no-tag/reject",
  },
  { method: "GET", path: "/curation/vocabularies", allow: "coordinator" },
  {
    method: "GET",
    path: "/curation/vocabularies/:kind/:key",
    allow: "coordinator",
    sample: "/curation/vocabularies/theme/governance-multilivello",
  },
  {
    method: "POST",
    path: "/curation/vocabularies/:kind/:key",
    allow: "coordinator",
    sample: "/curation/vocabularies/theme/governance-multilivello",
  },

  // notes, moderation and feeds (issue 6)
  {
    method: "GET",
    path: "/projects/:slug/notes/new",
    allow: "member",
    sample: "/projects/no-such-project/notes/new",
  },
  {
    method: "POST",
    path: "/projects/:slug/notes",
    allow: "member",
    sample: "/projects/no-such-project/notes",
  },
  { method: "POST", path: "/notes/preview", allow: "member" },
  { method: "GET", path: "/notes/:id", allow: "anonymous", sample: `/notes/${ID}` },
  { method: "GET", path: "/notes/:id/edit", allow: "member", sample: `/notes/${ID}/edit` },
  { method: "POST", path: "/notes/:id/edit", allow: "member", sample: `/notes/${ID}/edit` },
  { method: "POST", path: "/notes/:id/delete", allow: "member", sample: `/notes/${ID}/delete` },
  { method: "POST", path: "/notes/:id/replies", allow: "member", sample: `/notes/${ID}/replies` },
  { method: "POST", path: "/notes/:id/useful", allow: "member", sample: `/notes/${ID}/useful` },
  { method: "POST", path: "/notes/:id/flag", allow: "member", sample: `/notes/${ID}/flag` },
  { method: "GET", path: "/moderation/notes", allow: "coordinator" },
  { method: "POST", path: "/moderation/notes", allow: "coordinator" },
  { method: "POST", path: "/moderation/replies", allow: "coordinator" },
  { method: "GET", path: "/me/notes", allow: "member" },
  {
    method: "GET",
    path: "/tables/:theme/notes/new",
    allow: "member",
    sample: "/tables/monitoraggio-valutazione/notes/new",
  },
  {
    method: "POST",
    path: "/tables/:theme/notes",
    allow: "member",
    sample: "/tables/monitoraggio-valutazione/notes",
  },
  { method: "GET", path: "/members/:id", allow: "anonymous", sample: `/members/${ID}` },
  { method: "GET", path: "/themes/:key/notes", allow: "anonymous", sample: "/themes/no-theme/notes" },
  {
    method: "GET",
    path: "/api/v1/projects/:slug/notes",
    allow: "anonymous",
    sample: "/api/v1/projects/no-such-project/notes",
  },
  { method: "GET", path: "/feeds/atlante.atom", allow: "anonymous" },
  { method: "GET", path: "/feeds/themes/:key", allow: "anonymous", sample: "/feeds/themes/no-theme.atom" },
  { method: "GET", path: "/feeds/tags/:slug", allow: "anonymous", sample: "/feeds/tags/no-tag.atom" },
  // working tables' feeds (issue 13 item 8)
  { method: "GET", path: "/feeds/reports.atom", allow: "anonymous" },
  { method: "GET", path: "/feeds/recommendations.atom", allow: "anonymous" },

  // the pages a public service has (issue 14)
  { method: "GET", path: "/chi-siamo", allow: "anonymous" },
  { method: "GET", path: "/contatti", allow: "anonymous" },
  { method: "GET", path: "/accessibilita", allow: "anonymous" },
  { method: "GET", path: "/api", allow: "anonymous" },
  { method: "GET", path: "/stato", allow: "anonymous" },
  // working tables (issue 13): pages, events and sessions (coordinators), live capture (facilitators
  // are members checked by the service; participants may be anonymous guests with a session code)
  { method: "GET", path: "/tables", allow: "anonymous" },
  { method: "GET", path: "/tables/:theme", allow: "anonymous", sample: "/tables/no-table" },
  { method: "GET", path: "/tables/:theme/notes", allow: "anonymous", sample: "/tables/no-table/notes" },
  { method: "GET", path: "/events", allow: "anonymous" },
  { method: "GET", path: "/events/new", allow: "coordinator" },
  { method: "POST", path: "/events", allow: "coordinator" },
  { method: "GET", path: "/events/:id", allow: "anonymous", sample: `/events/${ID}` },
  { method: "GET", path: "/events/:id/edit", allow: "coordinator", sample: `/events/${ID}/edit` },
  { method: "POST", path: "/events/:id/edit", allow: "coordinator", sample: `/events/${ID}/edit` },
  { method: "POST", path: "/events/:id/delete", allow: "coordinator", sample: `/events/${ID}/delete` },
  {
    method: "GET",
    path: "/events/:id/sessions/new",
    allow: "coordinator",
    sample: `/events/${ID}/sessions/new`,
  },
  { method: "POST", path: "/events/:id/sessions", allow: "coordinator", sample: `/events/${ID}/sessions` },
  { method: "GET", path: "/events/:id/invite", allow: "coordinator", sample: `/events/${ID}/invite` },
  { method: "POST", path: "/events/:id/invite", allow: "coordinator", sample: `/events/${ID}/invite` },
  { method: "GET", path: "/sessions/:id/edit", allow: "coordinator", sample: `/sessions/${ID}/edit` },
  { method: "POST", path: "/sessions/:id/edit", allow: "coordinator", sample: `/sessions/${ID}/edit` },
  { method: "POST", path: "/sessions/:id/delete", allow: "coordinator", sample: `/sessions/${ID}/delete` },
  { method: "GET", path: "/sessions/:id", allow: "member", sample: `/sessions/${ID}` },
  { method: "POST", path: "/sessions/:id/open", allow: "member", sample: `/sessions/${ID}/open` },
  { method: "POST", path: "/sessions/:id/close", allow: "member", sample: `/sessions/${ID}/close` },
  { method: "GET", path: "/sessions/:id/live", allow: "member", sample: `/sessions/${ID}/live` },
  { method: "GET", path: "/partecipa", allow: "anonymous" },
  { method: "POST", path: "/partecipa", allow: "anonymous" },
  { method: "GET", path: "/partecipa/contributo", allow: "anonymous" },
  { method: "POST", path: "/partecipa/contributo", allow: "anonymous" },
  { method: "POST", path: "/partecipa/esci", allow: "anonymous" },

  // synthesis reports (issue 13, items 4 and 5)
  { method: "GET", path: "/reports", allow: "anonymous" },
  { method: "GET", path: "/reports/new", allow: "coordinator" },
  { method: "POST", path: "/reports", allow: "coordinator" },
  { method: "GET", path: "/reports/:file", allow: "anonymous", sample: "/reports/no-such-report" },
  { method: "GET", path: "/reports/:slug/working", allow: "coordinator", sample: "/reports/no-such/working" },
  { method: "GET", path: "/reports/:slug/edit", allow: "coordinator", sample: "/reports/no-such/edit" },
  { method: "POST", path: "/reports/:slug/edit", allow: "coordinator", sample: "/reports/no-such/edit" },
  { method: "POST", path: "/reports/:slug/status", allow: "coordinator", sample: "/reports/no-such/status" },
  { method: "GET", path: "/reports/:slug/history", allow: "coordinator", sample: "/reports/no-such/history" },
  {
    method: "GET",
    path: "/reports/:slug/diff",
    allow: "coordinator",
    sample: "/reports/no-such/diff?from=1&to=2",
  },
  {
    method: "POST",
    path: "/reports/:slug/revisions/:version/restore",
    allow: "coordinator",
    sample: "/reports/no-such/revisions/1/restore",
  },
  { method: "GET", path: "/api/v1/reports", allow: "anonymous" },
  { method: "GET", path: "/api/v1/reports/:slug", allow: "anonymous", sample: "/api/v1/reports/no-such" },

  // recommendations register (issue 13, item 6)
  { method: "GET", path: "/recommendations", allow: "anonymous" },
  { method: "GET", path: "/recommendations/matrix", allow: "anonymous" },
  { method: "GET", path: "/recommendations.csv", allow: "anonymous" },
  { method: "GET", path: "/recommendations.json", allow: "anonymous" },
  { method: "GET", path: "/recommendations/:code", allow: "anonymous", sample: "/recommendations/R-T1-99" },
  {
    method: "POST",
    path: "/recommendations/:code/status",
    allow: "coordinator",
    sample: "/recommendations/R-T1-99/status",
  },
  {
    method: "POST",
    path: "/reports/:slug/register",
    allow: "coordinator",
    sample: "/reports/no-such/register",
  },
  { method: "GET", path: "/api/v1/recommendations", allow: "anonymous" },
  {
    method: "GET",
    path: "/api/v1/recommendations/:code",
    allow: "anonymous",
    sample: "/api/v1/recommendations/R-T1-99",
  },

  // guidelines for the zonal plans (issue 13, item 7)
  { method: "GET", path: "/guidelines", allow: "anonymous" },
  { method: "GET", path: "/guidelines/new", allow: "coordinator" },
  { method: "POST", path: "/guidelines", allow: "coordinator" },
  { method: "GET", path: "/guidelines/:file", allow: "anonymous", sample: "/guidelines/no-such" },
  {
    method: "GET",
    path: "/guidelines/:slug/working",
    allow: "coordinator",
    sample: "/guidelines/no-such/working",
  },
  { method: "GET", path: "/guidelines/:slug/edit", allow: "coordinator", sample: "/guidelines/no-such/edit" },
  {
    method: "POST",
    path: "/guidelines/:slug/edit",
    allow: "coordinator",
    sample: "/guidelines/no-such/edit",
  },
  {
    method: "POST",
    path: "/guidelines/:slug/status",
    allow: "coordinator",
    sample: "/guidelines/no-such/status",
  },
  {
    method: "GET",
    path: "/guidelines/:slug/history",
    allow: "coordinator",
    sample: "/guidelines/no-such/history",
  },
  {
    method: "GET",
    path: "/guidelines/:slug/diff",
    allow: "coordinator",
    sample: "/guidelines/no-such/diff?from=1&to=2",
  },
  {
    method: "POST",
    path: "/guidelines/:slug/revisions/:version/restore",
    allow: "coordinator",
    sample: "/guidelines/no-such/revisions/1/restore",
  },
  { method: "GET", path: "/api/v1/guidelines", allow: "anonymous" },
  {
    method: "GET",
    path: "/api/v1/guidelines/:slug",
    allow: "anonymous",
    sample: "/api/v1/guidelines/no-such",
  },
];
