// Fault tests of search sync: Meilisearch killed mid-rebuild and mid-batch, edits during a rebuild.
// They use a meilisearch of their own (the shared one must survive), restarted on the same data.
import { useTestApp } from "../support/test-app";
import { checkSource, driftCount } from "../../src/modules/search/check";
import { OutboxModel } from "../../src/modules/search/outbox.model";
import { reindexSource } from "../../src/modules/search/reindex";
import { SourceRegistry, indexUid } from "../../src/modules/search/sources";
import {
  ITEM_TYPE,
  ItemModel,
  OwnMeili,
  bulkItems,
  itemSource,
  runIndexer,
  waitFor,
  writeItem,
} from "./search-support";
import { waitForTask } from "../../src/modules/search/meili-tasks";

const ctx = useTestApp();
const own = new OwnMeili();
let indexer: ReturnType<typeof runIndexer> | undefined;
const source = itemSource();
const prefix = () => ctx.config.meiliIndexPrefix;
const live = () => own.client.index(indexUid(prefix(), source));
const pending = () => OutboxModel.countDocuments({ status: "pending" });

function startIndexer(batchSize = 500) {
  const registry = new SourceRegistry();
  registry.register(source);
  indexer = runIndexer(
    { meili: own.client, prefix: prefix(), registry, logger: ctx.infra.logger },
    { pollMs: 20, backoffMs: 50, maxBackoffMs: 300, maxAttempts: 1000, batchSize, taskTimeoutMs: 5000 },
  );
  indexer.start();
  return indexer;
}

async function noDrift(): Promise<void> {
  await waitFor("outbox drained", async () => (await pending()) === 0, 60_000);
  const report = await checkSource(own.client, prefix(), source);
  expect({ missing: report.missing, extra: report.extra, stale: report.stale }).toEqual({
    missing: [],
    extra: [],
    stale: [],
  });
  expect(driftCount(report)).toBe(0);
}

beforeAll(async () => {
  // The app's own indexer (on the shared Meilisearch) would hold the indexer lease of this database.
  await ctx.services.jobs.stop();
  await own.start();
}, 60_000);

afterEach(async () => {
  await indexer?.stop();
  indexer = undefined;
  if (!own.server?.process.running) await own.start();
  const { results } = await own.client.getIndexes({ limit: 100 });
  await Promise.all(
    results.map(async (i) => waitForTask(own.client, (await own.client.deleteIndex(i.uid)).taskUid, 120_000)),
  );
});

afterAll(async () => {
  await own.stop();
});

describe("search rebuild and faults", () => {
  it("When an item is edited during a rebuild, then searches keep working and the item ends in its latest version", async () => {
    await bulkItems(3000);
    await reindexSource(own.client, prefix(), source);
    expect((await live().getStats()).numberOfDocuments).toBe(3000);
    startIndexer();

    let edit: Promise<void> | undefined;
    let liveHitsDuringRebuild = -1;
    let probe: Promise<void> | undefined;
    const result = await reindexSource(own.client, prefix(), source, {
      batchSize: 200,
      inFlight: 1,
      onProgress: (done) => {
        if (done >= 400 && !edit) {
          // i00010 was copied in the first batch: the rebuild holds its old version.
          edit = writeItem("i00010", "Modificato durante la ricostruzione");
          probe = live()
            .search("Elemento", { limit: 1 })
            .then((r) => {
              liveHitsDuringRebuild = r.estimatedTotalHits ?? 0;
            });
        }
      },
    });
    await edit;
    await probe;
    expect(result.documents).toBe(3000);
    expect(result.requeued).toBeGreaterThanOrEqual(1);
    expect(liveHitsDuringRebuild).toBeGreaterThan(0);
    await noDrift();
    expect(await live().getDocument("i00010")).toMatchObject({
      title: "Modificato durante la ricostruzione",
      version: 2,
    });
    // The temporary index is gone after the swap.
    expect((await own.client.getIndexes()).results.map((i) => i.uid)).toEqual([indexUid(prefix(), source)]);
  }, 90_000);

  it("When Meilisearch is killed in the middle of a rebuild, then after it restarts there is no drift", async () => {
    await bulkItems(3000);
    await reindexSource(own.client, prefix(), source);
    startIndexer();
    let killed: Promise<void> | undefined;
    await expect(
      reindexSource(own.client, prefix(), source, {
        batchSize: 200,
        inFlight: 1,
        taskTimeoutMs: 5000,
        onProgress: (done) => {
          if (done >= 600 && !killed) killed = own.kill();
        },
      }),
    ).rejects.toThrow();
    await killed;
    // Writes keep succeeding while Meilisearch is down.
    await writeItem("i00001", "Scritto mentre Meilisearch era spento");
    await writeItem("nuovo", "Nuovo elemento");
    expect(await pending()).toBe(2);
    await own.start();
    await noDrift();
    expect(await live().getDocument("nuovo")).toMatchObject({ title: "Nuovo elemento" });
  }, 90_000);

  it("When Meilisearch is killed in the middle of an outbox batch, then after it restarts the outbox drains with no drift", async () => {
    const ids = await bulkItems(6000, "m");
    await OutboxModel.insertMany(ids.map((docId) => ({ type: ITEM_TYPE, docId })));
    const running = startIndexer(1000);
    await waitFor("first batch done", () => Promise.resolve(running.processed >= 1000), 60_000);
    await own.kill();
    expect(await pending()).toBeGreaterThan(0);
    await writeItem("m00000", "Modificato a Meilisearch spento");
    await ItemModel.deleteOne({ _id: "m00001" });
    await OutboxModel.create({ type: ITEM_TYPE, docId: "m00001" });
    await new Promise((r) => setTimeout(r, 500));
    expect(await OutboxModel.countDocuments({ status: "pending", attempts: { $gt: 0 } })).toBeGreaterThan(0);
    await own.start();
    await noDrift();
    expect(await live().getDocument("m00000")).toMatchObject({ version: 2 });
  }, 90_000);
});
