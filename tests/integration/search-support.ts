// Shared by the search tests: a small real collection registered as a search source, an own meilisearch
// that a test may kill and restart, and polling helpers.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import mongoose, { Schema } from "mongoose";
import type { Settings } from "meilisearch";
import { JobRunner } from "../../src/infra/jobs";
import { createMeiliClient, type Meilisearch } from "../../src/infra/meili";
import { findMeilisearch, freePort, startMeilisearch, type StartedServer } from "../../src/infra/servers";
import { Indexer, type IndexerDeps, type IndexerOptions } from "../../src/modules/search/indexer";
import { enqueueIndexing } from "../../src/modules/search/outbox";
import { OutboxModel, type IndexedType } from "../../src/modules/search/outbox.model";
import type { SearchDocument } from "../../src/modules/search/documents";
import { indexUid, type SearchSource } from "../../src/modules/search/sources";
import type { TestContext } from "../support/test-app";

const itemSchema = new Schema(
  {
    _id: { type: String, required: true },
    title: { type: String, required: true },
    hidden: { type: Boolean, default: false },
    version: { type: Number, default: 1 },
  },
  { collection: "search_test_items", versionKey: false },
);
export const ItemModel = mongoose.model("SearchTestItem", itemSchema);

export const ITEM_TYPE = "item" as IndexedType;

/** A source over the test collection: hidden items are not indexed; "bad id!" is refused by Meilisearch. */
export function itemSource(overrides: Partial<SearchSource> = {}): SearchSource {
  const toDoc = (r: {
    _id: string;
    title: string;
    version: number;
    hidden?: boolean;
  }): SearchDocument | null => (r.hidden ? null : { id: r._id, title: r.title, version: r.version });
  return {
    type: ITEM_TYPE,
    indexName: "items",
    projectionKey: () => Promise.resolve("v1"),
    settings: (): Promise<Settings> =>
      Promise.resolve({ searchableAttributes: ["title"], filterableAttributes: ["version"] }),
    async load(ids) {
      const rows = await ItemModel.find({ _id: { $in: ids } }).lean<
        { _id: string; title: string; version: number; hidden?: boolean }[]
      >();
      return new Map(
        rows
          .map(toDoc)
          .filter((d) => d !== null)
          .map((d) => [d.id, d]),
      );
    },
    async *iterate(batchSize) {
      let last = "";
      for (;;) {
        const rows = await ItemModel.find({ _id: { $gt: last } })
          .sort({ _id: 1 })
          .limit(batchSize)
          .lean<{ _id: string; title: string; version: number; hidden?: boolean }[]>();
        if (rows.length === 0) return;
        last = rows.at(-1)!._id;
        yield rows.map(toDoc).filter((d) => d !== null);
      }
    },
    async *versions() {
      for await (const r of ItemModel.find({ hidden: { $ne: true } })
        .lean()
        .cursor()) {
        yield { id: String(r._id), version: Number(r.version) };
      }
    },
    count: () => ItemModel.countDocuments({}),
    ...overrides,
  };
}

/** Writes an item and its outbox entry in one transaction, as every module does. */
export async function writeItem(id: string, title: string, extra: { hidden?: boolean } = {}): Promise<void> {
  await mongoose.connection.transaction(async (session) => {
    await ItemModel.updateOne(
      { _id: id },
      { $set: { title, hidden: extra.hidden ?? false }, $inc: { version: 1 } },
      { upsert: true, session },
    );
    await enqueueIndexing(session, ITEM_TYPE, id);
  });
}

export async function deleteItem(id: string): Promise<void> {
  await mongoose.connection.transaction(async (session) => {
    await ItemModel.deleteOne({ _id: id }, { session });
    await enqueueIndexing(session, ITEM_TYPE, id);
  });
}

/** Items written straight to MongoDB (no outbox), as a bulk load before a rebuild. */
export async function bulkItems(n: number, prefix = "i"): Promise<string[]> {
  const ids = Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(5, "0")}`);
  await ItemModel.insertMany(
    ids.map((id) => ({ _id: id, title: `Elemento ${id}`, version: 1, hidden: false })),
  );
  return ids;
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A note's document in the app's notes index, or undefined when it is not there. */
export async function indexedNote(
  ctx: TestContext,
  id: string,
): Promise<Record<string, unknown> | undefined> {
  const source = ctx.services.search.registry.get("note")!;
  try {
    return await ctx.infra.meili.index(indexUid(ctx.config.meiliIndexPrefix, source)).getDocument(id);
  } catch {
    return undefined;
  }
}

/** Waits until the outbox is drained and Meilisearch has no task left. */
export async function indexerIdle(ctx: TestContext): Promise<void> {
  try {
    await waitFor("the indexer caught up", async () => {
      const tasks = await ctx.infra.meili.tasks.getTasks({ statuses: ["enqueued", "processing"] });
      const left = await OutboxModel.countDocuments({ status: { $ne: "done" } });
      return tasks.results.length === 0 && left === 0;
    });
  } catch (err) {
    // Say what is left, so that a timeout names its entries instead of only the wait.
    const left = await OutboxModel.find({ status: { $ne: "done" } }).lean();
    throw new Error(`${(err as Error).message}; outbox left: ${JSON.stringify(left)}`, { cause: err });
  }
}

/** A meilisearch of the test's own (the shared one must never be killed), restartable on its data. */
export class OwnMeili {
  server: (StartedServer & { url: string }) | undefined;
  readonly key = crypto.randomBytes(16).toString("hex");
  readonly dir = fs.mkdtempSync(path.join(process.env.ATLANTE_TEST_DIR ?? "/tmp", "own-meili-"));
  port = 0;
  client!: Meilisearch;

  async start(): Promise<void> {
    this.port ||= await freePort();
    this.server = await startMeilisearch({
      bin: process.env.MEILI_BIN || findMeilisearch(),
      dataDir: this.dir,
      port: this.port,
      masterKey: this.key,
      logFile: path.join(this.dir, "meili.log"),
    });
    this.client ??= createMeiliClient(this.server.url, this.key);
  }

  /** SIGKILL: no clean shutdown, as in a crash. */
  async kill(): Promise<void> {
    const proc = this.server?.process;
    if (!proc?.pid) return;
    process.kill(-proc.pid, "SIGKILL");
    await proc.exited();
  }

  async stop(): Promise<void> {
    await this.server?.process.stop(5000);
  }
}

/** An indexer with a job runner of its own that runs it, as the app does: tests start, stop and poke it. */
export function runIndexer(deps: IndexerDeps, options: Partial<IndexerOptions> = {}) {
  const indexer = new Indexer(deps, options);
  const runner = new JobRunner({ logger: deps.logger });
  runner.define(indexer.job());
  return {
    indexer,
    runner,
    get processed() {
      return indexer.processed;
    },
    processBatch: () => indexer.processBatch(),
    start: () => runner.start(),
    stop: () => runner.stop(),
    poke: () => void runner.trigger(indexer.options.jobName),
  };
}
