// Transpiles src/, views/ and scripts/ to dist/ with swc (no type check: `npm run typecheck` does that).
// Fast enough to run before every `npm start`.
const fs = require("node:fs");
const path = require("node:path");
const swc = require("@swc/core");

const root = path.resolve(__dirname, "..");
const out = path.join(root, "dist");
const options = {
  jsc: {
    parser: { syntax: "typescript", tsx: true },
    target: "es2022",
    transform: { react: { runtime: "automatic", importSource: "preact" } },
  },
  module: { type: "commonjs" },
  sourceMaps: true,
};

function* sources(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(full);
    else if (/\.(tsx?|json)$/.test(entry.name) && !entry.name.endsWith(".d.ts")) yield full;
  }
}

fs.rmSync(out, { recursive: true, force: true });
let count = 0;
for (const dir of ["src", "views", "scripts"]) {
  for (const file of sources(path.join(root, dir))) {
    const rel = path.relative(root, file).replace(/\.tsx?$/, ".js");
    const target = path.join(out, rel);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    if (file.endsWith(".json")) {
      fs.copyFileSync(file, target); // data files imported by the code
      continue;
    }
    const { code, map } = swc.transformFileSync(file, { ...options, filename: file });
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, `${code}\n//# sourceMappingURL=${path.basename(target)}.map\n`);
    if (map) fs.writeFileSync(`${target}.map`, map);
    count++;
  }
}
if (process.env.BUILD_VERBOSE) console.log(`built ${count} files into dist/`);
