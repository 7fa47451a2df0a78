import { translator } from "../../src/web/i18n";

describe("translator", () => {
  it("When a key is asked in each language, then the right text comes back", () => {
    expect(translator("it")("nav.home")).toBe("Home");
    expect(translator("it")("skip.main")).toBe("Vai al contenuto principale");
    expect(translator("en")("skip.main")).toBe("Skip to main content");
  });

  it("When parameters are given, then placeholders are replaced and unknown ones kept", () => {
    expect(translator("en")("error.429.text", { seconds: 30 })).toBe(
      "Too many attempts. Try again in 30 seconds.",
    );
    expect(translator("en")("error.429.text")).toContain("{seconds}");
  });
});
