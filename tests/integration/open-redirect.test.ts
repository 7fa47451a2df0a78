// Defect D2 of the trust issue: every `next` stays on this site, whatever its spelling.
import { loginAs, csrfFrom, createUser } from "../support/auth";
import { useTestApp } from "../support/test-app";

const ctx = useTestApp();

const OFFSITE = [
  "/..//evil.example",
  "/%2e%2e//evil.example",
  "/%2E%2E//evil.example/path",
  "/./..//evil.example",
  "//evil.example",
  "/\\evil.example",
  "https://evil.example/",
];

function isOffsite(location: string | undefined): boolean {
  return !location || !location.startsWith("/") || location.startsWith("//") || location.startsWith("/\\");
}

describe("redirects after a language switch or a sign-in", () => {
  it.each(OFFSITE)(
    "When /lang/en is given next=%s, then it redirects to a path of this site",
    async (next) => {
      const raw = await ctx.agent().get(`/lang/en?next=${next}`);
      expect(raw.status).toBe(303);
      expect(isOffsite(raw.headers.location)).toBe(false);
      const encoded = await ctx.agent().get(`/lang/en?next=${encodeURIComponent(next)}`);
      expect(isOffsite(encoded.headers.location)).toBe(false);
    },
  );

  it.each(OFFSITE)(
    "When a signed-in user opens /login?next=%s, then they stay on this site",
    async (next) => {
      const { agent } = await loginAs(ctx, "member");
      const res = await agent.get(`/login?next=${encodeURIComponent(next)}`);
      expect(res.status).toBe(303);
      expect(isOffsite(res.headers.location)).toBe(false);
    },
  );

  it("When a sign-in form carries an offsite next, then the user lands on this site", async () => {
    const user = await createUser(ctx, { role: "member" });
    const agent = ctx.agent();
    const token = await csrfFrom(agent, "/login");
    const res = await agent
      .post("/login")
      .type("form")
      .send({ _csrf: token, email: user.email, password: user.password, next: "/%2e%2e//evil.example" });
    expect(res.status).toBe(303);
    expect(isOffsite(res.headers.location)).toBe(false);
  });

  it("When next is a same-site path, then it is kept", async () => {
    const res = await ctx.agent().get(`/lang/en?next=${encodeURIComponent("/projects?theme=x")}`);
    expect(res.headers.location).toBe("/projects?theme=x&lang=en");
  });
});
