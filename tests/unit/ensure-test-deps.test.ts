// `npm test` brings what it needs from the system: scripts/ensure-test-deps.cjs (the pretest step) accepts a
// Chromium or a mongod only if it starts, installs what is missing through apt-get when it may, and
// otherwise stops with the one command to run.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

interface Options {
  env?: NodeJS.ProcessEnv;
  candidates?: string[];
  mongod?: string | null;
  isRoot?: boolean;
  hasApt?: boolean;
  install?: (packages: string[]) => boolean;
}
// A CommonJS script that npm runs before the tests; required here as it is.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ensure = require("../../scripts/ensure-test-deps.cjs") as {
  candidates: (env: NodeJS.ProcessEnv) => string[];
  workingChromium: (
    files: string[],
    env?: NodeJS.ProcessEnv,
  ) => { file: string; version: string } | undefined;
  main: (options: Options) => number;
};

let dir: string;
let stderr: jest.SpyInstance;

/** A fake binary: a shell script that prints a version, or fails as a binary missing libraries does. */
function fakeBinary(name: string, works: boolean, library = "libnss3.so"): string {
  const file = path.join(dir, name);
  fs.writeFileSync(
    file,
    works
      ? `#!/bin/sh\necho '${name} 1.2.3'\n`
      : `#!/bin/sh\necho '${name}: error while loading shared libraries: ${library}: cannot open shared object file' >&2\nexit 127\n`,
    { mode: 0o755 },
  );
  return file;
}

const printed = () => stderr.mock.calls.map((c) => String(c[0])).join("\n");

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "atlante-deps-"));
  stderr = jest.spyOn(console, "error").mockImplementation(() => undefined);
});
afterEach(() => {
  stderr.mockRestore();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("ensure-test-deps (npm's pretest)", () => {
  it("When Chromium and mongod start, then the tests go ahead and nothing is installed", () => {
    const install = jest.fn(() => true);
    const code = ensure.main({
      candidates: [fakeBinary("chromium", true)],
      mongod: fakeBinary("mongod", true),
      isRoot: true,
      hasApt: true,
      install,
      env: {},
    });
    expect(code).toBe(0);
    expect(install).not.toHaveBeenCalled();
  });

  it("When the Chromium binary exists but cannot load its libraries, then it does not count", () => {
    expect(ensure.workingChromium([fakeBinary("chromium", false)], {})).toBeUndefined();
    expect(printed()).toContain("libnss3.so");
  });

  it("When Chromium is missing and we are root with apt-get, then it installs chromium and goes ahead", () => {
    const install = jest.fn((packages: string[]) => {
      fakeBinary("chromium", true); // what apt-get would have put there
      return packages.length > 0;
    });
    const code = ensure.main({
      candidates: [path.join(dir, "chromium")],
      mongod: null,
      isRoot: true,
      hasApt: true,
      install,
      env: {},
    });
    expect(install).toHaveBeenCalledWith(["chromium"]);
    expect(code).toBe(0);
    expect(printed()).toContain("ready (chromium 1.2.3)");
  });

  it("When mongod lacks libcurl, then its libraries are installed along with Chromium", () => {
    const mongod = fakeBinary("mongod", false, "libcurl.so.4");
    const install = jest.fn(() => {
      fakeBinary("chromium", true);
      fakeBinary("mongod", true);
      return true;
    });
    const code = ensure.main({
      candidates: [path.join(dir, "chromium")],
      mongod,
      isRoot: true,
      hasApt: true,
      install,
      env: {},
    });
    expect(install).toHaveBeenCalledWith(["chromium", "libcurl4", "libssl3"]);
    expect(code).toBe(0);
  });

  it("When something is missing and we may not install, then it stops with the one command to run", () => {
    const install = jest.fn(() => true);
    const code = ensure.main({
      candidates: [path.join(dir, "nothing")],
      mongod: fakeBinary("mongod", false, "libcurl.so.4"),
      isRoot: false,
      hasApt: true,
      install,
      env: {},
    });
    expect(code).toBe(1);
    expect(install).not.toHaveBeenCalled();
    expect(printed()).toContain("sudo apt-get install -y chromium libcurl4 libssl3");
  });

  it("When root has no apt-get, or the install fails, then it stops with the command too", () => {
    expect(ensure.main({ candidates: [], mongod: null, isRoot: true, hasApt: false, env: {} })).toBe(1);
    expect(
      ensure.main({
        candidates: [],
        mongod: null,
        isRoot: true,
        hasApt: true,
        install: () => false,
        env: {},
      }),
    ).toBe(1);
    expect(printed()).toContain("Install it with:  apt-get install -y chromium");
  });

  it("When the user opts out, then nothing is checked", () => {
    const code = ensure.main({
      candidates: [],
      mongod: null,
      isRoot: false,
      env: { ATLANTE_SKIP_SYSTEM_CHECK: "1" },
    });
    expect(code).toBe(0);
    expect(printed()).toContain("skipped");
  });

  it("When CHROMIUM_PATH or PATH name a Chromium, then those are looked at", () => {
    const list = ensure.candidates({ CHROMIUM_PATH: "/opt/c/chrome", PATH: "/x/bin:/y/bin" });
    expect(list[0]).toBe("/opt/c/chrome");
    expect(list).toContain("/usr/bin/chromium");
    expect(list).toContain("/x/bin/chromium");
  });

  it("When npm runs the tests, then package.json runs this check first", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, "../../package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.pretest).toBe("node scripts/ensure-test-deps.cjs");
  });
});
