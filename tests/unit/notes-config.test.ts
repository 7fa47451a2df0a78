// The moderation threshold of notes comes from NOTES_TRUSTED_AFTER.
import { ConfigError, loadConfig } from "../../src/config";

test("When NOTES_TRUSTED_AFTER is unset, then members are trusted after 3 approved notes", () => {
  expect(loadConfig({ NODE_ENV: "test" }).notesTrustedAfter).toBe(3);
});

test("When NOTES_TRUSTED_AFTER is a number, then it is used; when it is not, then startup fails with its name", () => {
  expect(loadConfig({ NODE_ENV: "test", NOTES_TRUSTED_AFTER: "0" }).notesTrustedAfter).toBe(0);
  expect(loadConfig({ NODE_ENV: "test", NOTES_TRUSTED_AFTER: "10" }).notesTrustedAfter).toBe(10);
  expect(() => loadConfig({ NODE_ENV: "test", NOTES_TRUSTED_AFTER: "many" })).toThrow(ConfigError);
  expect(() => loadConfig({ NODE_ENV: "test", NOTES_TRUSTED_AFTER: "-1" })).toThrow(
    /NOTES_TRUSTED_AFTER must be a whole number/,
  );
});
