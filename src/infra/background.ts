// Work done after the answer: mails and other slow steps that must not show in a response's timing
// (whether an address has an account) or hold it up. Each task runs on its own turn of the event loop,
// and its failure is logged, never thrown at a request that has already been answered.
// A persistent job runner can replace this later; until then a task lost in a crash is lost.
import type { Logger } from "./logger";

export interface Background {
  /** Runs `task` after the current request's work (never before the caller has returned). */
  run(name: string, task: () => Promise<void>): void;
  /** Resolves when every task started so far has ended (tests, graceful shutdown). */
  settled(): Promise<void>;
}

export function createBackground(logger: Logger): Background {
  const running = new Set<Promise<void>>();
  return {
    run(name, task) {
      const done = new Promise<void>((resolve) => {
        setImmediate(() => {
          task()
            .catch((err: unknown) => logger.error({ err, task: name }, `background task ${name} failed`))
            .finally(resolve);
        });
      });
      running.add(done);
      void done.then(() => running.delete(done));
    },
    async settled() {
      while (running.size > 0) await Promise.all([...running]);
    },
  };
}
