// The search indexer against real MongoDB and Meilisearch, over a small collection of the test's own.
import { useTestApp } from "../support/test-app";
import { backlogStats, retryFailed, type IndexerOptions } from "../../src/modules/search/indexer";
import { OutboxModel } from "../../src/modules/search/outbox.model";
import { SourceRegistry, indexUid } from "../../src/modules/search/sources";
import { checkSource, driftCount } from "../../src/modules/search/check";
import {
  ITEM_TYPE,
  ItemModel,
  deleteItem,
  itemSource,
  runIndexer,
  waitFor,
  writeItem,
} from "./search-support";
import { succeeded } from "../../src/modules/search/meili-tasks";

const ctx = useTestApp();
const indexers: ReturnType<typeof runIndexer>[] = [];

function makeIndexer(registry: SourceRegistry, options: Partial<IndexerOptions> = {}) {
  const indexer = runIndexer(
    { meili: ctx.infra.meili, prefix: ctx.config.meiliIndexPrefix, registry, logger: ctx.infra.logger },
    { jobName: "test-indexer", pollMs: 20, backoffMs: 50, maxBackoffMs: 200, maxAttempts: 3, ...options },
  );
  indexers.push(indexer);
  return indexer;
}

function registryWith(source = itemSource()): SourceRegistry {
  const registry = new SourceRegistry();
  registry.register(source);
  return registry;
}

const pending = () => OutboxModel.countDocuments({ status: "pending" });
const itemsIndex = () => ctx.infra.meili.index(indexUid(ctx.config.meiliIndexPrefix, itemSource()));

afterEach(async () => {
  await Promise.all(indexers.splice(0).map((i) => i.stop()));
});

describe("search indexer", () => {
  it("When an item is written and then deleted, then the index follows and every outbox entry is done", async () => {
    const indexer = makeIndexer(registryWith());
    indexer.start();
    await writeItem("a1", "Laboratorio dell'abitare");
    await writeItem("a2", "Mediazione in città");
    await waitFor("both indexed", async () => (await pending()) === 0);
    const doc = await itemsIndex().getDocument("a1");
    expect(doc).toMatchObject({ id: "a1", title: "Laboratorio dell'abitare", version: 1 });
    // Settings were applied before the first document.
    expect(await itemsIndex().getSearchableAttributes()).toEqual(["title"]);

    await deleteItem("a1");
    await writeItem("a2", "Mediazione in città", { hidden: true });
    await waitFor("deletions indexed", async () => (await pending()) === 0);
    const { results } = await itemsIndex().getDocuments({ limit: 10 });
    expect(results).toEqual([]);
    expect(await OutboxModel.countDocuments({ status: "done" })).toBe(4);
  });

  it("When one document changes many times before a batch, then it is written once in its latest version", async () => {
    for (let i = 0; i < 5; i++) await writeItem("b1", `Titolo ${i}`);
    const docs: number[] = [];
    const source = itemSource();
    const counting = itemSource({
      load: async (ids) => {
        docs.push(ids.length);
        return source.load(ids);
      },
    });
    const counted = makeIndexer(registryWith(counting));
    expect(await counted.processBatch()).toBe(5);
    expect(docs).toEqual([1]);
    expect(await itemsIndex().getDocument("b1")).toMatchObject({ title: "Titolo 4", version: 5 });
    expect(counted.processed).toBe(5);
  });

  it("When Meilisearch refuses a document, then it is retried with backoff, marked failed and shown, and the others pass", async () => {
    const source = itemSource();
    // Meilisearch rejects this id (spaces and "!" are not allowed): the task fails.
    const poisoned = itemSource({
      load: async (ids) => {
        const docs = await source.load(ids);
        const bad = docs.get("bad");
        if (bad) docs.set("bad", { ...bad, id: "bad id!" });
        return docs;
      },
    });
    await writeItem("bad", "Documento rifiutato");
    await writeItem("good", "Documento accettato");
    const indexer = makeIndexer(registryWith(poisoned));
    await indexer.processBatch();
    const entry = await OutboxModel.findOne({ docId: "bad" }).lean();
    expect(entry).toMatchObject({ status: "pending", attempts: 1 });
    expect(entry!.lastError).toMatch(/invalid_document_id|failed/);
    expect(entry!.nextAttemptAt.getTime()).toBeGreaterThan(entry!.updatedAt.getTime());
    expect(await OutboxModel.findOne({ docId: "good" }).lean()).toMatchObject({ status: "done" });

    indexer.start();
    await waitFor(
      "marked failed",
      async () => (await OutboxModel.findOne({ docId: "bad" }).lean())?.status === "failed",
    );
    expect((await OutboxModel.findOne({ docId: "bad" }).lean())!.attempts).toBe(3);
    expect(await backlogStats()).toMatchObject({ pending: 0, failed: 1 });

    // An admin puts it back once the cause is fixed.
    await indexer.stop();
    const fixed = makeIndexer(registryWith(source));
    expect(await retryFailed()).toBe(1);
    fixed.start();
    await waitFor("retried", async () => (await backlogStats()).failed === 0 && (await pending()) === 0);
    expect(await itemsIndex().getDocument("bad")).toMatchObject({ title: "Documento rifiutato" });
  });

  it("When a write is poked while a batch runs, then the next batch runs right after, not at the next poll", async () => {
    // A batch held inside load() until released; the poll is too slow to pick anything up in this test.
    const source = itemSource();
    let entered!: () => void;
    const inBatch = new Promise<void>((r) => (entered = r));
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const gated = itemSource({
      load: async (ids) => {
        if (ids.includes("p1")) {
          entered();
          await held;
        }
        return source.load(ids);
      },
    });
    const indexer = makeIndexer(registryWith(gated), { pollMs: 60_000 });
    indexer.start();
    await writeItem("p1", "Primo");
    indexer.poke();
    await inBatch;
    // Committed after the running batch read the outbox: only a new batch sees it.
    await writeItem("p2", "Secondo");
    indexer.poke();
    release();
    await waitFor("both indexed", async () => (await pending()) === 0, 5_000);
    expect(await itemsIndex().getDocument("p2")).toMatchObject({ title: "Secondo" });
  });

  it("When a new indexer (as after a restart) writes to an index that exists, then it does not send the settings again", async () => {
    // Meilisearch keeps the tasks of earlier tests on an index of the same name.
    const since = new Date();
    await writeItem("s1", "Primo");
    expect(await makeIndexer(registryWith()).processBatch()).toBe(1);
    const uid = indexUid(ctx.config.meiliIndexPrefix, itemSource());
    const settingsTasks = async () =>
      (
        await ctx.infra.meili.tasks.getTasks({
          indexUids: [uid],
          types: ["settingsUpdate"],
          afterEnqueuedAt: since.toISOString(),
        })
      ).results.length;
    expect(await settingsTasks()).toBe(1);

    await writeItem("s2", "Secondo");
    expect(await makeIndexer(registryWith()).processBatch()).toBe(1);
    expect(await itemsIndex().getDocument("s2")).toMatchObject({ title: "Secondo" });
    expect(await settingsTasks()).toBe(1);
  });

  it("When two indexers start at once, then only one of them indexes", async () => {
    const one = makeIndexer(registryWith());
    const two = makeIndexer(registryWith());
    one.start();
    two.start();
    for (let i = 0; i < 30; i++) await writeItem(`c${i}`, `Elemento ${i}`);
    await waitFor("drained", async () => (await pending()) === 0);
    // The outbox can read empty a moment before the indexer's updateMany returns and it counts the batch.
    await waitFor("counted", () => Promise.resolve(one.processed + two.processed >= 30), 2_000).catch(
      () => 0,
    );
    expect(one.processed + two.processed).toBe(30);
    expect(Math.min(one.processed, two.processed)).toBe(0);

    // When the holder stops, it hands over: the other one takes the lease.
    const [holder, other] = one.processed > 0 ? [one, two] : [two, one];
    await holder.stop();
    await writeItem("after", "Dopo il passaggio");
    await waitFor("handed over", async () => (await pending()) === 0);
    await waitFor("counted", () => Promise.resolve(other.processed >= 1), 2_000).catch(() => 0);
    expect(other.processed).toBe(1);
  });

  it("When entries are for a type without a source, then they wait untouched", async () => {
    await OutboxModel.create({ type: "note", docId: "n1" });
    const indexer = makeIndexer(registryWith());
    expect(await indexer.processBatch()).toBe(0);
    expect(await OutboxModel.findOne({ docId: "n1" }).lean()).toMatchObject({
      status: "pending",
      attempts: 0,
    });
  });

  it("When the index drifts behind MongoDB, then the check reports it and queued repairs fix it", async () => {
    const indexer = makeIndexer(registryWith());
    indexer.start();
    for (const id of ["d1", "d2", "d3"]) await writeItem(id, `Elemento ${id}`);
    await waitFor("indexed", async () => (await pending()) === 0);
    await indexer.stop();
    // Behind the indexer's back: a version bump, a removal and an orphan.
    await ItemModel.updateOne({ _id: "d1" }, { $inc: { version: 1 } });
    await ItemModel.deleteOne({ _id: "d2" });
    await succeeded(ctx.infra.meili, itemsIndex().deleteDocument("d3"));
    const source = itemSource();
    const prefix = ctx.config.meiliIndexPrefix;
    const report = await checkSource(ctx.infra.meili, prefix, source);
    expect(report).toMatchObject({ missing: ["d3"], extra: ["d2"], stale: ["d1"] });

    await OutboxModel.insertMany(
      [...report.missing, ...report.extra, ...report.stale].map((docId) => ({ type: ITEM_TYPE, docId })),
    );
    const fixer = makeIndexer(registryWith(source));
    fixer.start();
    await waitFor("repaired", async () => (await pending()) === 0);
    expect(driftCount(await checkSource(ctx.infra.meili, prefix, source))).toBe(0);
  });
});
