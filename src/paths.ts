import fs from "node:fs";
import path from "node:path";

function findRoot(start: string): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, "package.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${start}`);
    dir = parent;
  }
  return dir;
}

/** The project's root folder, whether running from src/ (tests) or dist/src/ (npm start). */
export const ROOT_DIR = findRoot(__dirname);
