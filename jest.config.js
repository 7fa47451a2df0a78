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
  // ESM-only packages: Jest on Node 20 cannot require() them untransformed (the second group: what
  // linkedom, the tables' chart document, requires; then openid-client's).
  transformIgnorePatterns: [
    "/node_modules/(?!(meilisearch|preact|preact-render-to-string|css-select|css-what|cssomnom|boolbase|nth-check|domutils|domhandler|domelementtype|dom-serializer|entities|openid-client|oauth4webapi|jose|oidc-provider)/)",
  ],
  transform: { "^.+\\.(t|j)sx?$": swc, "^.+\\.mjs$": swc },
  // Observable Plot and D3 are ESM-only: under Jest, their UMD bundles (the same code) stand in.
  moduleNameMapper: {
    "^@observablehq/plot$": "<rootDir>/node_modules/@observablehq/plot/dist/plot.umd.min.js",
    "^d3@7\\.9\\.0/dist/d3\\.min\\.js$": "<rootDir>/node_modules/d3/dist/d3.min.js",
  },
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
  // Generous: on a loaded 2-core machine a browser journey or a run of password hashes takes several times
  // longer than alone, and a timeout is not what these tests check.
  testTimeout: 60000,
  maxWorkers: 2,
};
