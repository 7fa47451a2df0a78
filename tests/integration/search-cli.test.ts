// `npm run reindex` and `npm run search:check`, run in-process against the test servers.
import { useTestApp } from "../support/test-app";
import {
  checkCommand,
  parseReindexArgs,
  reindexCommand,
  UsageError,
  type Output,
} from "../../src/modules/search/cli";
import { ProjectModel } from "../../src/modules/projects/project.model";
import { OutboxModel } from "../../src/modules/search/outbox.model";
import { indexUid } from "../../src/modules/search/sources";
import { FIXTURE, writeFixture } from "./search-fixtures";
import { succeeded } from "../../src/modules/search/meili-tasks";

const ctx = useTestApp({ resetBeforeEach: false });

function capture(): Output & { stdout: string; stderr: string } {
  const io = {
    stdout: "",
    stderr: "",
    isTTY: false,
    out: (t: string) => void (io.stdout += t),
    err: (t: string) => void (io.stderr += t),
  };
  return io;
}

const projects = () =>
  ctx.infra.meili.index(indexUid(ctx.config.meiliIndexPrefix, ctx.services.search.registry.get("project")!));

beforeAll(async () => {
  // The CLI works with the app stopped: no indexer runs while these tests write.
  await ctx.services.jobs.stop();
  await ctx.services.taxonomy.seed();
  await writeFixture();
}, 60_000);

describe("search command-line tools", () => {
  it("When the reindex flags are wrong, then a usage message says what is accepted", () => {
    expect(() => parseReindexArgs(["--type", "user"], ["project"])).toThrow(UsageError);
    expect(() => parseReindexArgs(["--batch-size", "0"], ["project"])).toThrow(/--batch-size 1-10000/);
    expect(() => parseReindexArgs(["--fast"], ["project"])).toThrow(/Usage: npm run reindex/);
    expect(parseReindexArgs([], ["project"])).toEqual({ types: ["project"], batchSize: 2000 });
  });

  it("When reindex runs, then every project is indexed and swapped in with a progress report", async () => {
    const io = capture();
    expect(await reindexCommand(ctx.services.search, ["--batch-size", "3"], io)).toBe(0);
    expect(io.stderr).toMatch(/project: \[#+\] 10\/10 100%/);
    expect(io.stdout).toMatch(/project: 10 documents indexed .* swapped in/);
    expect((await projects().getStats()).numberOfDocuments).toBe(FIXTURE.length);
    expect(await OutboxModel.countDocuments({ status: "pending" })).toBe(0);
  });

  it("When the index drifts, then search:check reports it (exit 1) and --fix repairs it (exit 0)", async () => {
    const [one, two] = await ProjectModel.find({}).sort({ _id: 1 }).limit(2).lean();
    await succeeded(ctx.infra.meili, projects().deleteDocument(String(one!._id)));
    await ProjectModel.updateOne({ _id: two!._id }, { $inc: { version: 1 } });

    const report = capture();
    expect(await checkCommand(ctx.services.search, [], report)).toBe(1);
    expect(report.stdout).toContain(`missing 1 (${String(one!._id)})`);
    expect(report.stdout).toContain(`stale 1 (${String(two!._id)})`);
    expect(report.stdout).toContain("Run with --fix");

    const fix = capture();
    expect(await checkCommand(ctx.services.search, ["--fix"], fix, { drainTimeoutMs: 30_000 })).toBe(0);
    expect(fix.stdout).toContain("2 documents queued for repair");
    expect(fix.stdout).toContain("Repaired: no drift left.");
    expect(await checkCommand(ctx.services.search, [], capture())).toBe(0);
  });

  it("When search:check gets an unknown flag, then it stops with a usage message", async () => {
    await expect(checkCommand(ctx.services.search, ["--repair"], capture())).rejects.toThrow(UsageError);
  });
});
