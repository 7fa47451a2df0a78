import { createUser, TEST_PASSWORD } from "../support/auth";
import { useTestApp } from "../support/test-app";

const https = useTestApp({ env: { BASE_URL: "https://atlante.example.org" } });

const cookieNamed = (res: { headers: Record<string, unknown> }, name: string) =>
  ((res.headers["set-cookie"] as string[] | undefined) ?? []).find((c) => c.startsWith(`${name}=`));

describe("cookies behind HTTPS", () => {
  it("When the site runs behind HTTPS, then the session and CSRF cookies are Secure, HttpOnly and SameSite=Lax", async () => {
    const user = await createUser(https, { role: "member" });
    const agent = https.agent();
    const form = await agent.get("/login").set("x-forwarded-proto", "https");
    // The form's token comes with a host-only, Secure cookie, and no session is opened for it.
    const csrfCookie = cookieNamed(form, "__Host-atl.csrf");
    expect(csrfCookie).toMatch(/; Secure/);
    expect(csrfCookie).toMatch(/; HttpOnly/);
    expect(csrfCookie).toMatch(/SameSite=Lax/);
    expect(cookieNamed(form, "atl.sid")).toBeUndefined();
    const token = /name="_csrf" value="([^"]+)"/.exec(form.text)![1]!;
    // Supertest speaks plain HTTP, so its jar keeps Secure cookies to itself: send it as a browser would.
    const res = await agent
      .post("/login")
      .set("x-forwarded-proto", "https")
      .set("cookie", csrfCookie!.split(";")[0]!)
      .type("form")
      .send({ _csrf: token, email: user.email, password: TEST_PASSWORD });
    expect(res.status).toBe(303);
    const session = cookieNamed(res, "atl.sid");
    expect(session).toMatch(/; Secure/);
    expect(session).toMatch(/; HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
  });
});
