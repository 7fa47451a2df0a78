// Table-driven permissions: every route registered in the app, as anonymous, member, coordinator and admin.
import type supertest from "supertest";
import { csrfFrom, loginAs } from "../support/auth";
import { registeredRoutes } from "../support/routes";
import { useTestApp } from "../support/test-app";
import { ROUTE_TABLE, type Allow, type RouteRow } from "./route-table";

const ctx = useTestApp({ resetBeforeEach: false });

const RANK: Record<Allow, number> = { anonymous: 0, member: 1, coordinator: 2, admin: 3 };
const WHO = ["anonymous", "member", "coordinator", "admin"] as const;
type Who = (typeof WHO)[number];

interface Caller {
  agent: supertest.Agent;
  csrf: string;
}

async function caller(who: Who): Promise<Caller> {
  if (who === "anonymous") {
    const agent = ctx.agent();
    return { agent, csrf: await csrfFrom(agent, "/login") };
  }
  const s = await loginAs(ctx, who);
  return { agent: s.agent, csrf: await s.csrf() };
}

function denied(res: supertest.Response): boolean {
  if (res.status === 401 || res.status === 403) return true;
  const location = String(res.headers.location ?? "");
  return res.status >= 300 && res.status < 400 && location.startsWith("/login?next=");
}

async function visit(c: Caller, row: RouteRow): Promise<supertest.Response> {
  const url = row.sample ?? row.path;
  const method = row.method.toLowerCase() as "get" | "post" | "put" | "patch" | "delete";
  const req = c.agent[method](url).set("accept", "text/html");
  if (row.method === "GET") return req;
  return req.set("x-csrf-token", c.csrf).type("form").send({});
}

describe("route permissions", () => {
  const callers = {} as Record<Who, Caller>;
  beforeAll(async () => {
    await ctx.reset();
    for (const who of WHO) callers[who] = await caller(who);
  });

  it("When the app's routes are listed, then every one has a row in the route table (add yours to route-table.ts)", () => {
    const rows = new Set(ROUTE_TABLE.map((r) => `${r.method} ${r.path}`));
    const missing = registeredRoutes(ctx.app)
      .map((r) => `${r.method} ${r.path}`)
      .filter((k) => !rows.has(k) && !k.startsWith("HEAD "));
    expect(missing).toEqual([]);
    const registered = new Set(registeredRoutes(ctx.app).map((r) => `${r.method} ${r.path}`));
    expect(ROUTE_TABLE.filter((r) => !registered.has(`${r.method} ${r.path}`)).map((r) => r.path)).toEqual(
      [],
    );
  });

  for (const row of ROUTE_TABLE) {
    for (const who of WHO) {
      const allowed = RANK[who] >= RANK[row.allow];
      it(`When ${who} calls ${row.method} ${row.path}, then it is ${allowed ? "allowed" : "denied"}`, async () => {
        const c = row.endsSession ? await caller(who) : callers[who];
        const res = await visit(c, row);
        expect(res.status).toBeLessThan(500);
        expect({ status: res.status, denied: denied(res) }).toEqual({ status: res.status, denied: !allowed });
      });
    }
  }
});
