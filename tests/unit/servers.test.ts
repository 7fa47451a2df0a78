import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { EmbeddedStartError, findMeilisearch, findMongod } from "../../src/infra/servers";

const notInstalled = (id: string): string => {
  throw Object.assign(new Error(`Cannot find module '${id}'`), { code: "MODULE_NOT_FOUND" });
};

describe("finding the embedded binaries", () => {
  it("When the platform has no bundled mongod, then the message names every way out", () => {
    expect(() => findMongod(undefined, notInstalled)).toThrow(EmbeddedStartError);
    try {
      findMongod(undefined, notInstalled);
    } catch (err) {
      const message = (err as Error).message;
      for (const way of ["MONGODB_URI", "MONGOD_BIN", "docker compose"]) expect(message).toContain(way);
    }
  });

  it("When the platform has no bundled meilisearch, then the message names every way out", () => {
    try {
      findMeilisearch(undefined, notInstalled);
      throw new Error("expected a failure");
    } catch (err) {
      expect(err).toBeInstanceOf(EmbeddedStartError);
      const message = (err as Error).message;
      for (const way of ["MEILI_URL", "MEILI_BIN", "docker compose"]) expect(message).toContain(way);
    }
  });

  it("When MONGOD_BIN or MEILI_BIN points at nothing, then the variable is named", () => {
    expect(() => findMongod("/nonexistent/mongod")).toThrow(
      "MONGOD_BIN=/nonexistent/mongod is not an executable file",
    );
    const plain = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bin-")), "meilisearch");
    fs.writeFileSync(plain, "not a program", { mode: 0o644 });
    expect(() => findMeilisearch(plain)).toThrow(`MEILI_BIN=${plain} is not an executable file`);
  });

  it("When the packages are installed, then their binaries are found and executable", () => {
    expect(findMongod()).toMatch(/bin\/mongod$/);
    expect(findMeilisearch()).toMatch(/meilisearch$/);
  });
});
