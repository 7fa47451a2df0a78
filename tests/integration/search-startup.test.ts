// Start-up on documents written straight to MongoDB, without outbox entries (the dataset generator without
// --outbox, a bench): whichever of the indexer and the start-up check touches a missing index first, every
// indexable document ends up in the index.
import mongoose from "mongoose";
import {
  createServices,
  startServices,
  stopServices,
  type Infra,
  type Services,
} from "../../src/composition";
import { createLogger } from "../../src/infra/logger";
import { createMeiliClient } from "../../src/infra/meili";
import { connectMongo, disconnectMongo } from "../../src/infra/mongo";
import { NoteModel } from "../../src/modules/notes/note.model";
import { ProjectModel } from "../../src/modules/projects/project.model";
import { indexExists } from "../../src/modules/search/index-admin";
import { INDEXER_JOB } from "../../src/modules/search/indexer";
import { acquireLease, releaseLease } from "../../src/infra/lease";
import { waitForTask } from "../../src/modules/search/meili-tasks";
import { OutboxModel } from "../../src/modules/search/outbox.model";
import { REBUILD_LEASE } from "../../src/modules/search/search.module";
import { indexUid } from "../../src/modules/search/sources";
import { testConfig } from "../support/test-app";
import { waitFor } from "./search-support";

let infra: Infra;
let started: Services[] = [];

beforeAll(async () => {
  const config = testConfig();
  const mongo = await connectMongo(config.mongodbUri!, { dbName: `atlante_${config.meiliIndexPrefix}` });
  infra = {
    config,
    logger: createLogger(config.logLevel),
    mongo,
    meili: createMeiliClient(config.meiliUrl!, config.meiliMasterKey),
  };
});

async function deleteIndexes(): Promise<void> {
  const { results } = await infra.meili.getIndexes({ limit: 1000 });
  const mine = results.filter((i) => i.uid.startsWith(infra.config.meiliIndexPrefix));
  await Promise.all(
    mine.map(async (i) => waitForTask(infra.meili, (await infra.meili.deleteIndex(i.uid)).taskUid, 120_000)),
  );
}

beforeEach(async () => {
  await Promise.all((await infra.mongo.db!.collections()).map((c) => c.deleteMany({})));
  await deleteIndexes();
});

afterEach(async () => {
  for (const services of started) await stopServices(services);
  started = [];
});

afterAll(async () => {
  await deleteIndexes();
  await infra.mongo.db?.dropDatabase();
  await disconnectMongo();
});

function services(): Services {
  const s = createServices(infra);
  started.push(s);
  return s;
}

const uid = (s: Services, type: string) =>
  indexUid(infra.config.meiliIndexPrefix, s.search.registry.get(type)!);

/** Published projects inserted directly: no outbox entry. */
async function insertProjects(n: number, prefix: string): Promise<string[]> {
  const rows = await ProjectModel.insertMany(
    Array.from({ length: n }, (_, i) => ({
      title: `Progetto ${prefix} ${i}`,
      sortTitle: `progetto ${prefix} ${i}`,
      slug: `${prefix}-${i}`,
      summary: "Progetto di esempio (fittizio).",
      status: "published",
      publishedAt: new Date(),
    })),
  );
  return rows.map((r) => String(r._id));
}

/** Published notes inserted directly: no outbox entry. */
async function insertNotes(project: string, n: number, prefix: string): Promise<string[]> {
  const rows = await NoteModel.insertMany(
    Array.from({ length: n }, (_, i) => ({
      project: new mongoose.Types.ObjectId(project),
      author: { id: "u1", name: "Operatrice di esempio" },
      kind: "worked",
      theme: "monitoraggio-valutazione",
      title: `Nota ${prefix} ${i}`,
      body: "Una nota di esempio (fittizia).",
      status: "published",
      publishedAt: new Date(),
    })),
  );
  return rows.map((r) => String(r._id));
}

/** The ids in the live index once the outbox is drained and the start-up check (and its rebuilds) is done. */
async function indexedIds(s: Services, type: string): Promise<string[]> {
  const drained = () =>
    waitFor("outbox drained", async () => (await OutboxModel.countDocuments({ status: "pending" })) === 0);
  await drained();
  await s.search.syncSettings(); // the start-up check if it still runs, or one more
  await drained(); // changes re-queued by a rebuild
  const { results } = await infra.meili
    .index(uid(s, type))
    .getDocuments<{ id: string }>({ fields: ["id"], limit: 10_000 });
  return results.map((d) => String(d.id)).sort();
}

describe("search start-up on documents without outbox entries", () => {
  it("When notes were inserted directly and another note waits in the outbox, then after start-up every published note is in the index", async () => {
    const [project] = await insertProjects(1, "p");
    const direct = await insertNotes(project!, 40, "direct");
    const [queued] = await insertNotes(project!, 1, "queued");
    await OutboxModel.create({ type: "note", docId: queued });

    const s = services();
    await startServices(infra, s);

    expect(await indexedIds(s, "note")).toEqual([...direct, queued!].sort());
  }, 60_000);

  it.each([
    ["note", "notes"],
    ["project", "projects"],
  ])(
    "When the indexer creates the %s index before the start-up check reaches it, then the check still rebuilds it",
    async (type) => {
      const [project] = await insertProjects(1, "p");
      let expected: string[];
      let queued: string;
      if (type === "note") {
        const direct = await insertNotes(project!, 30, "direct");
        [queued] = (await insertNotes(project!, 1, "queued")) as [string];
        expected = [...direct, queued];
      } else {
        const direct = await insertProjects(30, "direct");
        [queued] = (await insertProjects(1, "queued")) as [string];
        expected = [project!, ...direct, queued];
      }
      await OutboxModel.create({ type, docId: queued });

      // The indexer's first write creates the index before the check runs (as when it wins the race, or
      // when the process stopped between the two).
      const s = services();
      s.jobs.start([INDEXER_JOB]);
      await waitFor("index created by the indexer", () => indexExists(infra.meili, uid(s, type)));
      await startServices(infra, s);

      expect(await indexedIds(s, type)).toEqual(expected.sort());
    },
    60_000,
  );

  it("When the start-up rebuild of a missing index cannot run, then the next start rebuilds it", async () => {
    const [project] = await insertProjects(1, "p");
    const before = services();
    await startServices(infra, before);
    await indexedIds(before, "project"); // the projects index is in line
    await stopServices(before);
    started = [];
    const notesIndex = uid(before, "note");
    await waitForTask(infra.meili, (await infra.meili.deleteIndex(notesIndex)).taskUid, 60_000);

    const notes = await insertNotes(project!, 20, "direct");
    // Another holder (say a rebuild that crashed) keeps the rebuild lease: the start-up rebuild fails.
    expect(await acquireLease(REBUILD_LEASE, "someone-else", 60_000)).toBe(true);
    const first = services();
    await startServices(infra, first);
    await first.search.syncSettings();
    expect(await indexExists(infra.meili, notesIndex)).toBe(true);
    await stopServices(first);
    started = [];
    await releaseLease(REBUILD_LEASE, "someone-else");

    const second = services();
    await startServices(infra, second);
    expect(await indexedIds(second, "note")).toEqual(notes.sort());
  }, 60_000);
});
