#!/usr/bin/env node
// `npm test` runs this first (the "pretest" script). The tests need two things from the system:
// - a Chromium that starts, for the browser tests (CHROMIUM_PATH, /usr/bin/chromium or chromium on PATH);
// - the libraries the bundled mongod links (libcurl4, libssl3), for the servers the harness starts.
// What is missing is installed with apt-get when we are root on Debian or Ubuntu (CI, containers, a fresh
// VM); otherwise the script stops with the one command to run. ATLANTE_SKIP_SYSTEM_CHECK=1 skips it (the
// tests then fail with the same advice). Plain Node, no dependency: it runs before anything else is known
// to work.
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

/** Chromium candidates, in the order tests/support/browser.ts looks at them. */
function candidates(env = process.env) {
  const onPath = (env.PATH || "")
    .split(path.delimiter)
    .filter(Boolean)
    .flatMap((dir) => [path.join(dir, "chromium"), path.join(dir, "chromium-browser")]);
  return [env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", ...onPath].filter(Boolean);
}

/** Whether a binary starts: `--version` loads every library it links. Logs why not. */
function starts(file, env) {
  const run = spawnSync(file, ["--version"], { encoding: "utf8", timeout: 30_000, env });
  if (run.status === 0) return (run.stdout || "").trim().split("\n")[0] || "ok";
  const why = (run.stderr || (run.error && run.error.message) || `exit ${run.status}`).trim().split("\n")[0];
  console.error(`ensure-test-deps: ${file} does not start: ${why}`);
  return undefined;
}

/** The first Chromium candidate that exists and starts. */
function workingChromium(files = candidates(), env = process.env) {
  for (const file of files) {
    if (!fs.existsSync(file)) continue;
    const version = starts(file, env);
    if (version) return { file, version };
  }
  return undefined;
}

/** The bundled mongod (Linux x64 only); undefined where the optional package is not installed. */
function bundledMongod() {
  try {
    const dir = path.dirname(require.resolve("@second-inc/cli-local-linux-x64/package.json"));
    const file = path.join(dir, "dist/runtime/linux-x64/bin/mongod");
    return fs.existsSync(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

function hasCommand(name, env = process.env) {
  return spawnSync("sh", ["-c", `command -v ${name}`], { env, stdio: "ignore" }).status === 0;
}

function aptInstall(packages, env = process.env) {
  const aptEnv = { ...env, DEBIAN_FRONTEND: "noninteractive" };
  console.error(`ensure-test-deps: installing ${packages.join(" ")} with apt-get (as root)…`);
  for (const args of [
    ["update", "-qq"],
    ["install", "-y", "-qq", "--no-install-recommends", ...packages],
  ]) {
    const run = spawnSync("apt-get", args, { env: aptEnv, stdio: ["ignore", "ignore", "inherit"] });
    if (run.status !== 0) {
      console.error(`ensure-test-deps: apt-get ${args.join(" ")} failed (exit ${run.status})`);
      return false;
    }
  }
  return true;
}

/**
 * Checks the system, installs what is missing when it may; returns the exit code. Its collaborators can
 * be replaced (tests/unit/ensure-test-deps.test.ts): where Chromium is looked for, which mongod is
 * checked (null: none), whether we are root, whether apt-get exists, and the install itself.
 */
function main(options = {}) {
  const env = options.env || process.env;
  const files = options.candidates || candidates(env);
  const mongod = options.mongod !== undefined ? options.mongod : bundledMongod();
  const isRoot =
    options.isRoot !== undefined
      ? options.isRoot
      : typeof process.getuid === "function" && process.getuid() === 0;
  const hasApt = options.hasApt !== undefined ? options.hasApt : hasCommand("apt-get", env);
  const install = options.install || ((packages) => aptInstall(packages, env));
  if (env.ATLANTE_SKIP_SYSTEM_CHECK === "1") {
    console.error("ensure-test-deps: skipped (ATLANTE_SKIP_SYSTEM_CHECK=1)");
    return 0;
  }

  const needs = [
    { what: "Chromium (browser tests)", packages: ["chromium"], ok: () => !!workingChromium(files, env) },
    {
      what: "the libraries of the bundled mongod (integration and browser tests)",
      packages: ["libcurl4", "libssl3"],
      ok: () => !mongod || !!starts(mongod, env),
    },
  ];
  let missing = needs.filter((n) => !n.ok());
  if (missing.length === 0) return 0;
  if (isRoot && hasApt && env.ATLANTE_NO_APT !== "1") {
    if (install(missing.flatMap((n) => n.packages))) {
      missing = missing.filter((n) => !n.ok());
      if (missing.length === 0) {
        const found = workingChromium(files, env);
        console.error(`ensure-test-deps: ready (${found ? found.version : "Chromium"})`);
        return 0;
      }
    }
  }
  const command = `apt-get install -y ${missing.flatMap((n) => n.packages).join(" ")}`;
  console.error(
    [
      `The tests need ${missing.map((n) => n.what).join(" and ")}, and this system lacks it.`,
      `Install it with:  ${isRoot ? "" : "sudo "}${command}`,
      "(Chromium elsewhere: set CHROMIUM_PATH. ATLANTE_SKIP_SYSTEM_CHECK=1 runs the tests without this check.)",
    ].join("\n"),
  );
  return 1;
}

if (require.main === module) process.exit(main());

module.exports = { candidates, workingChromium, main };
