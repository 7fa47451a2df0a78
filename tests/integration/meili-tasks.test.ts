// Waiting for Meilisearch tasks, against the real Meilisearch: long waits, timeouts, failures.
import { getEventListeners } from "node:events";
import { MeilisearchTaskTimeOutError, type EnqueuedTaskPromise, type Index } from "meilisearch";
import {
  TaskFailedError,
  succeeded,
  succeededPatiently,
  taskSucceeded,
} from "../../src/modules/search/meili-tasks";
import { useTestApp } from "../support/test-app";

const ctx = useTestApp();

/**
 * Queues one small write on each of `n` new indexes (Meilisearch runs them one batch after another; 40,
 * since single writes got fast with a small indexing memory) and
 * answers the last one with its index: waiting for it takes many polls.
 */
async function slowChain(n = 40) {
  const prefix = ctx.config.meiliIndexPrefix;
  let last: { index: Index; task: EnqueuedTaskPromise } | undefined;
  for (let i = 0; i < n; i++) {
    const index = ctx.infra.meili.index(`${prefix}_wait_${i}`);
    last = { index, task: index.addDocuments([{ id: `d${i}`, title: `Elemento ${i}` }]) };
    await last.task;
  }
  return last!;
}

/**
 * The most abort listeners any one AbortSignal carried while `fn` ran. Node prints
 * "MaxListenersExceededWarning ... 11 abort listeners" when one signal gets more than ten (the warning
 * itself goes to the real process, which a Jest test does not see: count the listeners instead).
 */
async function maxAbortListenersDuring(fn: () => Promise<unknown>): Promise<number> {
  let max = 0;
  const add = jest.spyOn(AbortSignal.prototype, "addEventListener");
  add.mockImplementation(function (this: AbortSignal, ...args: Parameters<AbortSignal["addEventListener"]>) {
    EventTarget.prototype.addEventListener.apply(this, args);
    if (args[0] === "abort") max = Math.max(max, getEventListeners(this, "abort").length);
  });
  try {
    await fn();
  } finally {
    add.mockRestore();
  }
  return max;
}

describe("waiting for Meilisearch tasks", () => {
  it("When a wait takes many polls, then no AbortSignal ever carries more than one abort listener (no MaxListenersExceededWarning)", async () => {
    // The client's waitTask/waitForTask leave one listener per poll on one signal (Node warns past ten);
    // every wait here, for a task uid or for an enqueued task, is our own loop of plain requests.
    const getTask = jest.spyOn(ctx.infra.meili.tasks, "getTask"); // counts polls; the request still runs
    try {
      const { taskUid } = await (await slowChain()).task;
      const listeners = await maxAbortListenersDuring(() => taskSucceeded(ctx.infra.meili, taskUid, 60_000));
      const { task } = await slowChain();
      const enqueuedListeners = await maxAbortListenersDuring(() => succeeded(ctx.infra.meili, task, 60_000));
      // Long enough for the client's waitForTask to have warned (more than ten polls on one signal).
      expect(getTask.mock.calls.length).toBeGreaterThan(10);
      expect(listeners).toBeLessThanOrEqual(1);
      expect(enqueuedListeners).toBeLessThanOrEqual(1);
    } finally {
      getTask.mockRestore();
    }
  });

  it("When a task outlasts the wait, then it times out with MeilisearchTaskTimeOutError, which the patient wait rides out", async () => {
    const { task: chained } = await slowChain();
    const { taskUid } = await chained;
    await expect(taskSucceeded(ctx.infra.meili, taskUid, 5)).rejects.toBeInstanceOf(
      MeilisearchTaskTimeOutError,
    );
    await expect(succeeded(ctx.infra.meili, chained, 5)).rejects.toBeInstanceOf(MeilisearchTaskTimeOutError);
    let steps = 0;
    const task = await succeededPatiently(ctx.infra.meili, chained, 5, () => {
      steps += 1;
      return Promise.resolve();
    });
    expect(task.status).toBe("succeeded");
    expect(steps).toBeGreaterThan(0);
  });

  it("When a task fails, then the wait throws TaskFailedError with the task", async () => {
    // Meilisearch refuses this document id (spaces and "!" are not allowed): the task fails.
    const index = ctx.infra.meili.index(`${ctx.config.meiliIndexPrefix}_wait_bad`);
    const bad = () => index.addDocuments([{ id: "bad id!", title: "Rifiutato" }]);
    await expect(succeeded(ctx.infra.meili, bad(), 30_000)).rejects.toBeInstanceOf(TaskFailedError);
    const { taskUid } = await bad();
    const err = (await taskSucceeded(ctx.infra.meili, taskUid, 30_000).catch(
      (e: unknown) => e,
    )) as TaskFailedError;
    expect(err).toBeInstanceOf(TaskFailedError);
    expect(err.task).toMatchObject({ uid: taskUid, status: "failed" });
  });
});
