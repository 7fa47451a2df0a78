import { useTestApp } from "../support/test-app";

const https = useTestApp({ env: { BASE_URL: "https://atlante.example.org" } });

describe("cookies behind HTTPS", () => {
  it("When the site runs behind HTTPS, then the session cookie is Secure, HttpOnly and SameSite=Lax", async () => {
    const res = await https.agent().get("/login").set("x-forwarded-proto", "https");
    const cookie = ((res.headers["set-cookie"] as unknown as string[]) ?? []).find((c) =>
      c.startsWith("atl.sid="),
    );
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
  });
});
