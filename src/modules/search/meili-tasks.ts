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

/** Short waits poll often (fast edits); long ones less (the client adds a listener per poll to one signal). */
function pollInterval(timeoutMs: number): number {
  return Math.min(100, Math.max(10, Math.round(timeoutMs / 1000)));
}

/** Waits for an enqueued task and throws unless it succeeded. */
export async function succeeded(enqueued: EnqueuedTaskPromise, timeoutMs = 30_000): Promise<Task> {
  const task = await enqueued.waitTask({ timeout: timeoutMs, interval: pollInterval(timeoutMs) });
  if (task.status !== "succeeded") throw new TaskFailedError(task);
  return task;
}

/** Same as succeeded() for a task uid. */
export async function taskSucceeded(client: Meilisearch, uid: number, timeoutMs = 30_000): Promise<Task> {
  const task = await client.tasks.waitForTask(uid, { timeout: timeoutMs, interval: pollInterval(timeoutMs) });
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
