import { ConfigError, loadConfig } from "../../src/config";

function problems(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe("loadConfig", () => {
  it("When nothing is set, then it uses the embedded defaults", () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.baseUrl).toBe("http://localhost:3000");
    expect(config.embeddedMongo).toBe(true);
    expect(config.embeddedMeili).toBe(true);
    expect(config.dataDir).toMatch(/\/data$/);
    expect(config.secureCookies).toBe(false);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("When PORT is not a number, then one clear line names it", () => {
    expect(problems({ PORT: "abc" })).toEqual(['PORT must be a whole number from 0 to 65535, got "abc"']);
  });

  it("When MONGODB_URI is not a MongoDB URL, then one clear line names it", () => {
    const lines = problems({ MONGODB_URI: "nonsense" });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^MONGODB_URI must be a URL starting with mongodb:\/\/ or mongodb\+srv:\/\//);
  });

  it("When several variables are bad, then each gets its own line", () => {
    const lines = problems({ PORT: "70000", MEILI_URL: "ftp://x", LOG_LEVEL: "loud", NODE_ENV: "staging" });
    expect(lines).toHaveLength(4);
    expect(lines.join("\n")).toMatch(/PORT/);
    expect(lines.join("\n")).toMatch(/MEILI_URL/);
    expect(lines.join("\n")).toMatch(/LOG_LEVEL/);
    expect(lines.join("\n")).toMatch(/NODE_ENV/);
  });

  it("When running in production, then every secret must be given", () => {
    expect(problems({ NODE_ENV: "production" })).toEqual([
      "SESSION_SECRET must be set when NODE_ENV=production",
      "MEILI_MASTER_KEY must be set when NODE_ENV=production",
    ]);
    expect(
      problems({ NODE_ENV: "production", SESSION_SECRET: "short", MEILI_MASTER_KEY: "x".repeat(16) }),
    ).toEqual(["SESSION_SECRET must be at least 16 characters long"]);
  });

  it("When BASE_URL is https, then cookies are secure and one proxy hop is trusted", () => {
    const config = loadConfig({ BASE_URL: "https://atlante.example.org/" });
    expect(config.baseUrl).toBe("https://atlante.example.org");
    expect(config.secureCookies).toBe(true);
    expect(config.trustProxy).toBe(true);
  });

  it("When external services are given, then nothing is embedded", () => {
    const config = loadConfig({
      MONGODB_URI: "mongodb://db:27017/atlante?replicaSet=rs0",
      MEILI_URL: "http://search:7700",
    });
    expect(config.embeddedMongo).toBe(false);
    expect(config.embeddedMeili).toBe(false);
  });
});
