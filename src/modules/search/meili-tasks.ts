// Every Meilisearch write returns a task: wait for it and insist that it succeeded.
import {
  MeilisearchTaskTimeOutError,
  type EnqueuedTaskPromise,
  type Meilisearch,
  type Task,
} from "meilisearch";
import { meiliApiError } from "../../infra/meili";

export class TaskFailedError extends Error {
  constructor(readonly task: Task) {
    super(
      `Meilisearch task ${task.uid} (${task.type}) ${task.status}: ${task.error?.message ?? "no error message"}`,
    );
    this.name = "TaskFailedError";
  }
}

/** Pause between two polls: short at first (a fast task is seen at once), up to 100 ms for long waits. */
function pauseAfter(elapsedMs: number): number {
  return Math.min(100, Math.max(10, Math.round(elapsedMs / 10)));
}

const isFinal = (task: Task) => task.status !== "enqueued" && task.status !== "processing";

/**
 * Polls a task until it is no longer enqueued or processing; throws MeilisearchTaskTimeOutError after
 * `timeoutMs`. Our own loop over getTask rather than the client's waitForTask: that one passes one
 * AbortSignal to every poll and each poll leaves an abort listener on it, so a wait of more than ten polls
 * made Node print "MaxListenersExceededWarning ... 11 abort listeners". Each poll here is a plain request,
 * bounded by the client's request timeout.
 */
export async function waitForTask(client: Meilisearch, uid: number, timeoutMs: number): Promise<Task> {
  const started = Date.now();
  const deadline = started + timeoutMs;
  for (;;) {
    const task = await client.tasks.getTask(uid);
    if (isFinal(task)) return task;
    const now = Date.now();
    if (now >= deadline) throw new MeilisearchTaskTimeOutError(uid, timeoutMs);
    await new Promise((resolve) => setTimeout(resolve, Math.min(pauseAfter(now - started), deadline - now)));
  }
}

/**
 * Waits for an enqueued task, through our own polling loop on the client that sent it, and throws unless
 * it succeeded. (The task's own waitTask() polls through the client's waitForTask: see waitForTask.)
 */
export async function succeeded(
  client: Meilisearch,
  enqueued: EnqueuedTaskPromise,
  timeoutMs = 30_000,
): Promise<Task> {
  const { taskUid } = await enqueued;
  return taskSucceeded(client, taskUid, timeoutMs);
}

/** Same as succeeded() for a task uid. */
export async function taskSucceeded(client: Meilisearch, uid: number, timeoutMs = 30_000): Promise<Task> {
  const task = await waitForTask(client, uid, timeoutMs);
  if (task.status !== "succeeded") throw new TaskFailedError(task);
  return task;
}

/** Whether an error says that an index does not exist. */
export function isIndexNotFound(err: unknown): boolean {
  const e = err as { cause?: { code?: string }; code?: string };
  const api = meiliApiError(err)?.cause as { code?: string } | undefined;
  return (
    api?.code === "index_not_found" || e?.cause?.code === "index_not_found" || e?.code === "index_not_found"
  );
}

/**
 * Waits for a task as long as Meilisearch keeps answering (a busy server is slow, not broken): re-sending
 * the same documents after a timeout would only queue more work behind it. Gives up after `maxMs`, or at
 * once when Meilisearch stops answering.
 */
export async function succeededPatiently(
  client: Meilisearch,
  enqueued: EnqueuedTaskPromise,
  stepMs: number,
  onStep?: () => Promise<void>,
  maxMs = 10 * 60_000,
): Promise<Task> {
  const { taskUid } = await enqueued;
  const deadline = Date.now() + maxMs;
  for (;;) {
    try {
      return await taskSucceeded(client, taskUid, stepMs);
    } catch (err) {
      if (!(err instanceof MeilisearchTaskTimeOutError) || Date.now() > deadline) throw err;
      await onStep?.();
    }
  }
}
