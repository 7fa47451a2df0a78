// Every Meilisearch write returns a task: wait for it and insist that it succeeded.
import type { EnqueuedTaskPromise, Meilisearch, Task } from "meilisearch";

export class TaskFailedError extends Error {
  constructor(readonly task: Task) {
    super(
      `Meilisearch task ${task.uid} (${task.type}) ${task.status}: ${task.error?.message ?? "no error message"}`,
    );
    this.name = "TaskFailedError";
  }
}

/** Waits for an enqueued task and throws unless it succeeded. */
export async function succeeded(enqueued: EnqueuedTaskPromise, timeoutMs = 30_000): Promise<Task> {
  const task = await enqueued.waitTask({ timeout: timeoutMs, interval: 10 });
  if (task.status !== "succeeded") throw new TaskFailedError(task);
  return task;
}

/** Same as succeeded() for a task uid. */
export async function taskSucceeded(client: Meilisearch, uid: number, timeoutMs = 30_000): Promise<Task> {
  const task = await client.tasks.waitForTask(uid, { timeout: timeoutMs, interval: 10 });
  if (task.status !== "succeeded") throw new TaskFailedError(task);
  return task;
}

/** Whether an error says that an index does not exist. */
export function isIndexNotFound(err: unknown): boolean {
  const e = err as { cause?: { code?: string }; code?: string };
  return e?.cause?.code === "index_not_found" || e?.code === "index_not_found";
}
