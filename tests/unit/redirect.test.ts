import { safeRedirectPath } from "../../src/web/redirect";

describe("safeRedirectPath", () => {
  it.each([
    ["/projects?x=1#top", "/projects?x=1#top"],
    ["/", "/"],
    ["/a/../projects", "/projects"],
    ["/projects/%2F%2Fevil", "/projects/%2F%2Fevil"],
  ])("When the target is the same-site path %s, then it is kept", (target, expected) => {
    expect(safeRedirectPath(target)).toBe(expected);
  });

  it.each([
    "https://evil.example/",
    "//evil.example/path",
    "/\\evil.example",
    "/..//evil.example",
    "/%2e%2e//evil.example",
    "/%2E%2E//evil.example/x?y=1",
    "/./..//evil.example",
    "/a/../..//evil.example",
    "/.//evil.example",
    "/\t/evil.example",
    "/ok\u007f",
    "javascript:alert(1)",
    "relative/path",
    "/ok\r\nSet-Cookie: x=1",
    "",
    undefined,
    ["/a", "/b"],
    { a: "/" },
  ])("When the target is %p, then the fallback is used", (target) => {
    expect(safeRedirectPath(target, "/home")).toBe("/home");
  });
});
