import { withoutSecrets } from "../../src/web/url-secrets";

describe("withoutSecrets", () => {
  it.each([
    ["/admin/import?_csrf=abc123", "/admin/import"],
    ["/admin/import?_csrf=abc123&x=1", "/admin/import?x=1"],
    ["/admin/import?x=1&_csrf=abc123", "/admin/import?x=1"],
    ["/admin/import?x=1&_csrf=abc123&y=2", "/admin/import?x=1&y=2"],
    ["/reset/AbCdEf_123?x=1", "/reset/[token]?x=1"],
    ["/invite/AbCdEf_123", "/invite/[token]"],
    ["/projects?q=_csrf", "/projects?q=_csrf"],
  ])("When the URL is %s, then what is kept is %s", (url, expected) => {
    expect(withoutSecrets(url)).toBe(expected);
  });
});
