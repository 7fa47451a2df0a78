// Jest runs TypeScript through swc (fast, no type check; `npm run typecheck` checks types).
const swc = [
  "@swc/jest",
  {
    jsc: {
      parser: { syntax: "typescript", tsx: true },
      target: "es2022",
      transform: { react: { runtime: "automatic", importSource: "preact" } },
    },
    module: { type: "commonjs" },
  },
];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  globalSetup: "<rootDir>/tests/support/globalSetup.ts",
  globalTeardown: "<rootDir>/tests/support/globalTeardown.ts",
  // ESM-only packages: Jest on Node 20 cannot require() them untransformed.
  transformIgnorePatterns: ["/node_modules/(?!(meilisearch|preact|preact-render-to-string)/)"],
  transform: { "^.+\\.(t|j)sx?$": swc, "^.+\\.mjs$": swc },
  testTimeout: 30000,
  maxWorkers: 2,
};
