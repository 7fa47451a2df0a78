import { deviceOf, placeOf } from "../../src/modules/accounts/client";

describe("what a session keeps of its browser", () => {
  it("When the User-Agent is a common browser, then device is its name, major version and system", () => {
    expect(
      deviceOf("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"),
    ).toEqual({
      browser: "Firefox 128",
      os: "Windows 10",
    });
  });

  it("When the User-Agent is missing, garbage or huge, then the device is empty or short, never an error", () => {
    expect(deviceOf(undefined)).toEqual({ browser: "", os: "" });
    const garbage = deviceOf("\u0000<script>".repeat(10_000));
    expect(garbage.browser.length).toBeLessThanOrEqual(40);
    expect(garbage.os.length).toBeLessThanOrEqual(40);
  });

  it("When the address is public, private, loopback, IPv6 or mapped IPv4, then only a shortened form is kept", () => {
    expect(placeOf("203.0.113.77")).toEqual({ kind: "public", address: "203.0.113.x" });
    expect(placeOf("192.168.1.20")).toEqual({ kind: "private", address: "192.168.1.x" });
    expect(placeOf("::ffff:10.0.0.5")).toEqual({ kind: "private", address: "10.0.0.x" });
    expect(placeOf("127.0.0.1")).toEqual({ kind: "local", address: "" });
    expect(placeOf("2001:db8:abcd:12::1")).toEqual({ kind: "public", address: "2001:db8:abcd::/48" });
    expect(placeOf("not an address")).toEqual({ kind: "unknown", address: "" });
  });
});
