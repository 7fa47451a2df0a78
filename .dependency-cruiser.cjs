// The layers of the code and the modules' dependencies, checked by dependency-cruiser (`npm run lint`).
// Every import counts, type-only ones too. docs/architecture.md explains the rules; tests/unit/layers.test.ts
// shows that each one catches a forbidden import.

/**
 * What each module may import of the others (always through their index.ts). Rows go from the ground up:
 * a module names only rows above it. Whatever the order, a table that lets modules import each other in a
 * circle is refused when this file loads. A new module gets a row.
 */
const MODULES = {
  audit: [],
  accounts: ["audit"],
  taxonomy: ["accounts"],
  search: ["taxonomy"],
  projects: ["accounts", "taxonomy", "search"],
  notes: ["audit", "accounts", "taxonomy", "search", "projects"],
  home: ["taxonomy", "projects"],
  site: [],
  privacy: ["accounts", "notes"],
  tables: ["audit", "accounts", "taxonomy", "search", "projects", "notes"],
  // Feeds read the working tables' reports and register (below them in no way: tables never imports feeds).
  feeds: ["taxonomy", "projects", "notes", "tables"],
};

/** Throws when the table lets modules import each other in a circle (or names an unknown module). */
function assertNoCircle(table) {
  const state = {};
  const visit = (name, path) => {
    if (!(name in table))
      throw new Error(`.dependency-cruiser.cjs: ${path.at(-1)} may import ${name}, which is no module`);
    if (state[name] === "done") return;
    if (state[name] === "visiting")
      throw new Error(`.dependency-cruiser.cjs: modules in a circle: ${[...path, name].join(" -> ")}`);
    state[name] = "visiting";
    for (const next of table[name]) visit(next, [...path, name]);
    state[name] = "done";
  };
  for (const name of Object.keys(table)) visit(name, []);
}
assertNoCircle(MODULES);

const moduleRules = Object.entries(MODULES).map(([name, allowed]) => ({
  name: "module-may-import",
  comment: `${name} may import ${allowed.length ? allowed.join(", ") : "no other module"} (MODULES in .dependency-cruiser.cjs)`,
  severity: "error",
  from: { path: `^src/modules/${name}/` },
  to: { path: "^src/modules/", pathNot: `^src/modules/(${[name, ...allowed].join("|")})/` },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "infra-is-the-ground",
      comment:
        "Infrastructure (connections, servers, logger, mailer) knows nothing of modules, web or views.",
      severity: "error",
      from: { path: "^src/infra/" },
      to: { path: "^(src/modules|src/web|views)/" },
    },
    {
      name: "web-is-cross-cutting",
      comment:
        "src/web/ serves every module and imports none, except the message catalogues (web/i18n lists them) " +
        "and the Role type its guards check (accounts/actor.ts).",
      severity: "error",
      from: { path: "^src/web/" },
      to: {
        path: "^src/modules/",
        pathNot: ["^src/modules/[^/]+/[^/]+[.]messages[.]ts$", "^src/modules/accounts/actor[.]ts$"],
      },
    },
    {
      name: "views-get-plain-data",
      comment:
        "Views receive plain data: no model, service, module entry (it exports services) or infrastructure.",
      severity: "error",
      from: { path: "^views/" },
      to: {
        path: ["^src/infra/", "^src/modules/.+[.](model|service)[.]ts$", "^src/modules/[^/]+/index[.]ts$"],
      },
    },
    {
      name: "view-folders-apart",
      comment:
        "A view folder imports views of its own, components/ and layout/ only: what several folders " +
        "share lives in views/components/.",
      severity: "error",
      from: { path: "^views/([^/]+)/" },
      to: {
        path: "^views/",
        pathNot: ["^views/$1/", "^views/(components|layout)/", "^views/page-context[.]ts$"],
      },
    },
    {
      name: "scripts-are-not-http",
      comment:
        "Command-line tools use services, not routes or web middleware (the message catalogue is text).",
      severity: "error",
      from: { path: "^scripts/" },
      to: { path: ["^src/modules/.+[.]routes[.]tsx?$", "^src/web/"], pathNot: "^src/web/i18n/" },
    },
    {
      name: "module-through-entry",
      comment: "A module uses another only through its index.ts.",
      severity: "error",
      from: { path: "^src/modules/([^/]+)/" },
      to: { path: "^src/modules/", pathNot: ["^src/modules/$1/", "^src/modules/[^/]+/index[.]ts$"] },
    },
    {
      name: "wiring-through-entry",
      comment: "The app and the composition root take each module's services and routers from its index.ts.",
      severity: "error",
      from: { path: "^src/(app|composition|server)[.]ts$" },
      to: { path: "^src/modules/", pathNot: "^src/modules/[^/]+/index[.]ts$" },
    },
    {
      name: "nothing-imports-the-wiring",
      comment: "Only the entry points import the app and the composition root: they are the top floor.",
      severity: "error",
      from: { path: "^(src/(modules|web|infra|seed)|views)/" },
      to: { path: "^src/(app|composition|server)[.]ts$" },
    },
    {
      name: "unlisted-module",
      comment:
        "A module missing from MODULES in .dependency-cruiser.cjs may import no other module: give it a row.",
      severity: "error",
      from: { path: "^src/modules/([^/]+)/", pathNot: `^src/modules/(${Object.keys(MODULES).join("|")})/` },
      to: { path: "^src/modules/", pathNot: "^src/modules/$1/" },
    },
    ...moduleRules,
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    // Tests may import anything (they check modules from the inside); the fixtures break the rules on purpose.
    exclude: { path: "^(tests|dist|data|coverage|public|node_modules)/" },
    // Type-only imports are dependencies too.
    tsPreCompilationDeps: true,
  },
};
