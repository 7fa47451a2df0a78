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

const typescript = {
  testEnvironment: "node",
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  // ESM-only packages: Jest on Node 20 cannot require() them untransformed.
  transformIgnorePatterns: [
    "/node_modules/(?!(meilisearch|preact|preact-render-to-string|openid-client|oauth4webapi|jose|oidc-provider)/)",
  ],
  transform: { "^.+\\.(t|j)sx?$": swc, "^.+\\.mjs$": swc },
};

// One mongod and one meilisearch for the whole run. Jest runs a project's globalSetup only when
// some of its tests run, and a module named by several projects once: `npm test` starts the
// servers once, `npm run test:unit` never.
const servers = {
  globalSetup: "<rootDir>/tests/support/globalSetup.ts",
  globalTeardown: "<rootDir>/tests/support/globalTeardown.ts",
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    { ...typescript, displayName: "unit", roots: ["<rootDir>/tests/unit"] },
    { ...typescript, ...servers, displayName: "integration", roots: ["<rootDir>/tests/integration"] },
    { ...typescript, ...servers, displayName: "browser", roots: ["<rootDir>/tests/e2e"] },
  ],
  testTimeout: 30000,
  maxWorkers: 2,
};
