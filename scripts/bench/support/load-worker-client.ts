// The benchmark's side of the load generator process: forks ivr-load-worker.ts once, runs
// one phase at a time in it, and reports the measurement window's edges as they happen.
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { LoadJob, WindowEdge } from "./ivr-load.ts";
import type { LoadResult } from "./load-recorder.ts";
import { REPO_ROOT } from "./server-process.ts";

type Message =
  | { type: "ready"; postcodes: number }
  | { type: "window"; edge: WindowEdge }
  | { type: "result"; result: LoadResult }
  | { type: "failed"; message: string };

export class LoadWorker {
  private constructor(
    private readonly child: ChildProcess,
    readonly postcodes: number,
  ) {}

  get pid(): number {
    return this.child.pid!;
  }

  static async start(): Promise<LoadWorker> {
    const child = fork(fileURLToPath(new URL("./ivr-load-worker.ts", import.meta.url)), [], {
      cwd: REPO_ROOT,
      // BENCH_LOADGEN_CPU_PROF=<dir>: a CPU profile of the load generator itself, for its own costs.
      execArgv: [
        "--import",
        "tsx",
        ...(process.env.BENCH_LOADGEN_CPU_PROF
          ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_LOADGEN_CPU_PROF}`]
          : []),
      ],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    const ready = await new Promise<number>((resolve, reject) => {
      child.once("message", (m: Message) =>
        m.type === "ready" ? resolve(m.postcodes) : reject(new Error(`load worker: ${JSON.stringify(m)}`)),
      );
      child.once("exit", (code) => reject(new Error(`load worker exited with code ${code} before it was ready`)));
    });
    return new LoadWorker(child, ready);
  }

  /** Runs one phase; `onWindow` is called when the measurement window opens and closes. */
  run(job: LoadJob, onWindow: (edge: WindowEdge) => void): Promise<LoadResult> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`load worker exited with code ${code} during a phase`));
      const onMessage = (m: Message) => {
        if (m.type === "window") onWindow(m.edge);
        else if (m.type === "result" || m.type === "failed") {
          this.child.off("message", onMessage);
          this.child.off("exit", onExit);
          if (m.type === "result") resolve(m.result);
          else reject(new Error(`load worker failed: ${m.message}`));
        }
      };
      this.child.on("message", onMessage);
      this.child.once("exit", onExit);
      this.child.send({ type: "run", job });
    });
  }

  stop(): void {
    if (this.child.connected) this.child.send({ type: "exit" });
    if (this.child.exitCode === null && this.child.pid)
      setTimeout(() => this.child.exitCode === null && this.child.kill("SIGKILL"), 2_000).unref();
  }
}
