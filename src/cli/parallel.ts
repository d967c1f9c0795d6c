/**
 * Linting many files on more than one core. The bundled CLI starts copies of
 * itself as worker threads, each checking a contiguous share of the files,
 * while the main thread checks the first share; it then waits for each share
 * in order, so results come back in the order of the files. The wait is
 * synchronous (a shared word the worker sets, then its one message read off
 * the port), so a command stays a plain function that returns its exit code.
 * Tests that run the sources get no workers: there is no bundle to start.
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import {
  isMainThread,
  MessageChannel,
  receiveMessageOnPort,
  Worker,
  workerData,
  type MessagePort,
} from "node:worker_threads";

/**
 * Files each thread must have before a worker starts. A worker's start
 * (loading the bundle, building the parser) costs about the CPU of linting
 * 300 files: workers shorten the wall time of a run of 1,000 files on two
 * cores but add a third to its CPU time (npm run bench, lint-1000: 780 ms
 * CPU on one thread, 1,030 ms with a worker), so only large runs use them.
 */
export const FILES_PER_WORKER = 1000;

/** A job a worker can run: items in, one result an item out (plain data both ways). */
type Task = (items: unknown[], context: unknown) => unknown[];

const TASKS = new Map<string, Task>();

export function registerTask(name: string, task: Task): void {
  TASKS.set(name, task);
}

/** What workers run: bin/klingc.cjs (which uses the code cache) beside the bundle, else the bundle itself. */
function bundleFile(): string | undefined {
  if (typeof __filename !== "string" || !__filename.endsWith(".cjs")) return undefined;
  const bin = join(dirname(__filename), "..", "bin", "klingc.cjs");
  return existsSync(bin) ? bin : __filename;
}

/** Workers for a run of `items` items: one per core beyond the main thread's, and none for small runs. */
export function workerCount(items: number, cores = availableParallelism()): number {
  return Math.max(0, Math.min(cores - 1, Math.floor(items / FILES_PER_WORKER) - 1));
}

interface Started {
  worker: Worker;
  port: MessagePort;
  done: Int32Array;
}

function start(file: string, task: string, items: unknown[], context: unknown): Started {
  const done = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  // No flags of the parent (a preload, a profiler) in the workers: they only run the bundle.
  const worker = new Worker(file, {
    workerData: { klingcTask: task, items, context, port: port2, done },
    transferList: [port2],
    stdout: true,
    stderr: true,
    execArgv: [],
    argv: [WORKER_FLAG],
  });
  return { worker, port: port1, done };
}

/** A worker's results, or undefined when it failed or fell silent (its share is then checked here). */
function collect({ worker, port, done }: Started): unknown[] | undefined {
  // Generous: a share of files takes well under a second; a worker silent this long has died.
  const result = Atomics.wait(done, 0, 0, 120_000);
  const message =
    result === "timed-out"
      ? undefined
      : (receiveMessageOnPort(port)?.message as { ok?: unknown[] } | undefined);
  port.close();
  void worker.terminate();
  return message?.ok;
}

/**
 * `local` over every item, a share of them at a time, on worker threads as well
 * when there are enough items and a bundle to start (a worker runs the task
 * registered as `task` over its share); `progress` hears how many items are done.
 */
export function mapInParallel<I, O>(
  task: string,
  items: readonly I[],
  context: unknown,
  local: (share: readonly I[], progress: (done: number) => void) => O[],
  progress: (done: number) => void = () => {},
): O[] {
  const file = bundleFile();
  const workers = file === undefined ? 0 : workerCount(items.length);
  const here = (share: readonly I[]): O[] => local(share, progress);
  if (file === undefined || workers === 0) return here(items);
  const size = Math.ceil(items.length / (workers + 1));
  const shares: I[][] = [];
  for (let i = 0; i < items.length; i += size) shares.push(items.slice(i, i + size));
  const started = shares.slice(1).map((share) => start(file, task, share, context));
  const results = here(shares[0] ?? []);
  started.forEach((worker, i) => {
    const share = shares[i + 1] ?? [];
    const out = collect(worker) as O[] | undefined;
    // Loops, not push(...list): a share may be longer than a call takes arguments.
    if (out === undefined) for (const r of here(share)) results.push(r);
    else {
      for (const r of out) results.push(r);
      progress(share.length);
    }
  });
  return results;
}

/**
 * Marks a worker's argv, so every start can tell it is no worker without loading
 * node:worker_threads (a lazy module in the bundle: about 2 ms of each start).
 */
const WORKER_FLAG = "--klingc-worker";

/** In a worker thread started by mapInParallel: runs its task, answers, and says so. false on the main thread. */
export function serveWorker(): boolean {
  if (!process.argv.includes(WORKER_FLAG)) return false;
  const data = workerData as {
    klingcTask?: string;
    items: unknown[];
    context: unknown;
    port: MessagePort;
    done: Int32Array;
  } | null;
  if (isMainThread || !data?.klingcTask) return false;
  let message: { ok?: unknown[]; error?: string };
  try {
    const task = TASKS.get(data.klingcTask);
    message = task
      ? { ok: task(data.items, data.context) }
      : { error: `no task ${data.klingcTask}` };
  } catch (error) {
    // The main thread checks this share itself and reports the error as it would.
    message = { error: error instanceof Error ? error.message : String(error) };
  }
  data.port.postMessage(message);
  Atomics.store(data.done, 0, 1);
  Atomics.notify(data.done, 0);
  return true;
}
