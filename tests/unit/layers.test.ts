// The layer rules of .dependency-cruiser.cjs (run by `npm run lint`) catch what they promise: each rule
// finds the one import of tests/fixtures/layers that breaks it, and nothing else there.
import { execFile } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, "../..");
const CONFIG = path.join(ROOT, ".dependency-cruiser.cjs");
const DEPCRUISE = path.join(ROOT, "node_modules/.bin/depcruise");

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

async function violationsIn(dir: string): Promise<string[]> {
  const args = ["--config", CONFIG, "--output-type", "json", "src", "views", "scripts"];
  // depcruise exits with the number of errors: read its report either way.
  const { stdout } = await run(DEPCRUISE, args, { cwd: dir, maxBuffer: 16 * 1024 * 1024 }).catch(
    (err: { stdout?: string }) => ({ stdout: err.stdout ?? "" }),
  );
  const report = JSON.parse(stdout) as { summary: { violations: Violation[] } };
  return report.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();
}

describe("the layer rules", () => {
  it("When a tree breaks each rule once, then lint reports exactly those imports, and not the catalogue import web/i18n may make", async () => {
    expect(await violationsIn(path.join(ROOT, "tests/fixtures/layers"))).toEqual(
      [
        "infra-is-the-ground: src/infra/mailer.ts -> src/web/render.ts",
        "web-is-cross-cutting: src/web/render.ts -> src/modules/projects/project.service.ts",
        "views-get-plain-data: views/projects/ProjectPage.ts -> src/modules/projects/project.model.ts",
        "view-folders-apart: views/taxonomy/TermPage.ts -> views/projects/ProjectPage.ts",
        "scripts-are-not-http: scripts/import.ts -> src/modules/projects/projects.routes.ts",
        "module-through-entry: src/modules/notes/note.service.ts -> src/modules/projects/project.model.ts",
        "module-may-import: src/modules/search/index.ts -> src/modules/projects/index.ts",
        "unlisted-module: src/modules/community/index.ts -> src/modules/notes/index.ts",
        "wiring-through-entry: src/app.ts -> src/modules/projects/project.service.ts",
        "nothing-imports-the-wiring: src/modules/audit/audit.service.ts -> src/composition.ts",
      ].sort(),
    );
  }, 60_000);

  it("When the module table lets two modules import each other, then loading the rules fails and names the circle", () => {
    const source = fs.readFileSync(CONFIG, "utf8");
    const circular = source.replace('search: ["taxonomy"],', 'search: ["taxonomy", "projects"],');
    expect(circular).not.toBe(source);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "layers-")), "rules.cjs");
    fs.writeFileSync(file, circular);
    expect(() => createRequire(__filename)(file) as unknown).toThrow(
      /modules in a circle: .*search -> projects -> search/,
    );
  });
});
