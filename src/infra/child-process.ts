// A server binary run as a supervised child process that can never outlive us.
//
// The binary runs under a tiny /bin/sh wrapper whose standard input is a pipe from this
// process. When the pipe closes (we stop it on purpose, or this process dies, even by
// SIGKILL) the wrapper sends SIGTERM to the server, which then shuts down cleanly. The
// wrapper gets its own process group, so a Ctrl-C in the terminal reaches us first and we
// decide the order of shutdown.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";

const WRAPPER = [
  "exec 3<&0",
  '"$@" 3<&- </dev/null &',
  "pid=$!",
  "( cat <&3 >/dev/null; kill -TERM $pid 2>/dev/null ) &",
  "wait $pid",
  "exit $?",
].join("\n");

export interface SupervisedOptions {
  name: string;
  bin: string;
  args: string[];
  /** Output of the server (stdout and stderr) is appended here. */
  logFile: string;
  /** Extra environment variables (secrets go here, never in args: args show in `ps`). */
  env?: Record<string, string>;
}

export class SupervisedProcess {
  private child: ChildProcess | undefined;
  private exitPromise: Promise<number | null> | undefined;
  private stopping = false;
  /** Called when the server exits without being asked to. */
  onUnexpectedExit: ((code: number | null) => void) | undefined;

  constructor(private readonly options: SupervisedOptions) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined;
  }

  start(): void {
    if (this.child) throw new Error(`${this.options.name} is already running`);
    this.stopping = false;
    // Server logs may hold queries and keys: readable by this user alone.
    const log = fs.openSync(this.options.logFile, "a", 0o600);
    fs.fchmodSync(log, 0o600);
    const child = spawn(
      "/bin/sh",
      ["-c", WRAPPER, "atlante-supervisor", this.options.bin, ...this.options.args],
      {
        stdio: ["pipe", log, log],
        detached: true,
        env: { ...process.env, ...this.options.env },
      },
    );
    fs.closeSync(log);
    child.stdin?.on("error", () => undefined); // EPIPE once the wrapper is gone
    this.child = child;
    this.exitPromise = new Promise((resolve) => {
      child.once("exit", (code) => {
        child.stdin?.destroy(); // lets the watchdog `cat` of the wrapper finish
        this.child = undefined;
        resolve(code);
        if (!this.stopping) this.onUnexpectedExit?.(code);
      });
      child.once("error", () => resolve(null));
    });
  }

  /** Resolves with the exit code once the process has exited (immediately if it is not running). */
  async exited(): Promise<number | null> {
    return this.exitPromise ?? null;
  }

  /** Asks the server to shut down cleanly; kills its whole process group after `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.stopping = true;
    child.stdin?.end();
    const exited = this.exited();
    const timer = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), graceMs).unref());
    if ((await Promise.race([exited, timer])) === "timeout" && child.pid !== undefined) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
      await exited;
    }
  }

  /** The last lines of the server's log, to explain a failed start. */
  logTail(lines = 8): string {
    try {
      const text = fs.readFileSync(this.options.logFile, "utf8");
      return text.trimEnd().split("\n").slice(-lines).join("\n");
    } catch {
      return "";
    }
  }
}
