/**
 * The render engine: every planned scene through fal's queue (submit, follow
 * the status, fetch the result, download the video), a bounded number at a
 * time, with the manifest written after every state change.
 */
import { createFalClient } from "@fal-ai/client";
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Diagnostic } from "../index.js";
import {
  download,
  DOWNLOAD_LIMITS,
  DownloadError,
  type DownloadLimits,
  type FetchLike,
} from "./download.js";
import {
  abortError,
  brandsInScene,
  faultReason,
  httpFault,
  isAbort,
  ownRetryReason,
  refusalHints,
  sleep,
  withRetry,
  type QueueCall,
  type RetryPolicy,
} from "./faults.js";
import {
  MANIFEST_NAME,
  ManifestError,
  readManifest,
  videoPresent,
  writeManifest,
  type Manifest,
  type ManifestEntry,
  type SceneState,
} from "./manifest.js";
import {
  plan,
  type Action,
  type Plan,
  type PlannedScene,
  type PriceOverrides,
  type RenderProject,
  type RunEstimate,
  type SceneEstimate,
} from "./plan.js";

/** The three queue calls klingc makes; a `FalClient` from `createFalClient` fits. */
export interface RenderClient {
  queue: {
    submit(
      endpointId: string,
      options: { input: Record<string, unknown> },
    ): Promise<{ request_id: string }>;
    status(
      endpointId: string,
      options: { requestId: string; abortSignal?: AbortSignal },
    ): Promise<{ status: string; queue_position?: number }>;
    result(
      endpointId: string,
      options: { requestId: string; abortSignal?: AbortSignal },
    ): Promise<{ data: unknown }>;
  };
}

export interface RenderOptions {
  /** Where the videos and `klingc-render.json` go (default: the working directory). */
  out?: string;
  /** Most requests submitted and not yet finished at once (default 3, what Kling allows). */
  concurrency?: number;
  /** A configured fal client (default: `createFalClient()`, which reads FAL_KEY). */
  client?: RenderClient;
  /** Aborting stops submitting and following; the manifest keeps what was submitted. */
  signal?: AbortSignal;
  onEvent?: (event: RenderEvent) => void;
  /** Scene names to render (default: all). */
  scenes?: readonly string[];
  /** Config `prices`: per endpoint, overriding klingc's table. */
  prices?: PriceOverrides;
  /** US dollars: a run whose estimate exceeds it is refused before anything is sent. */
  maxCost?: number;
  /** Milliseconds between status polls (default 2,000). */
  pollInterval?: number;
  /** klingc's own retries, for faults the client does not retry itself (default 3 attempts, 2 s, doubling). */
  retry?: RetryPolicy;
  /** For downloads (default: the global fetch). */
  fetch?: FetchLike;
  /** When a download attempt is given up (default: 30 s without a byte, or under 16 KiB a second over 30 s). */
  download?: Partial<DownloadLimits>;
}

export type RenderEvent =
  | { scene: string; type: "skipped"; file: string }
  | { scene: string; type: "submitted"; requestId: string }
  | { scene: string; type: "following"; requestId: string }
  | { scene: string; type: "in-queue"; position: number | null }
  | { scene: string; type: "rendering" }
  | { scene: string; type: "downloading" }
  | { scene: string; type: "done"; file: string; bytes: number; elapsedMs: number }
  | { scene: string; type: "retry"; attempt: number; delayMs: number; reason: string }
  | { scene: string; type: "failed"; error: string; hints: string[] }
  | { scene: string; type: "interrupted" };

/** How a scene ended: not-started when the run was interrupted (or refused) before it. */
export type SceneOutcome = "done" | "skipped" | "failed" | "interrupted" | "not-started";

export interface SceneReport {
  /** The scene's name, or `SCENE.take-N` for one take of a scene of several. */
  name: string;
  /** The take's number (null for a scene of one take) and the seed it was sent with (null: none). */
  take: number | null;
  seed: number | null;
  endpoint: string;
  /** What the plan decided: submit anew, follow an earlier request, or skip a finished one. */
  action: Action;
  outcome: SceneOutcome;
  requestId: string | null;
  /** The video's path, once on disk. */
  file: string | null;
  bytes: number | null;
  error: string | null;
  hints: string[];
  elapsedMs: number | null;
  estimate: SceneEstimate;
}

export interface RenderReport {
  /** refused: nothing was sent (see `problems`). */
  outcome: "done" | "failed" | "interrupted" | "refused";
  problems: string[];
  scenes: SceneReport[];
  estimate: RunEstimate;
  /** The manifest's path (null when the run was refused before reading or writing it). */
  manifest: string | null;
  elapsedMs: number;
}

const DEFAULTS = {
  concurrency: 3,
  pollInterval: 2000,
  retry: { attempts: 3, delay: 2000 },
} as const;

/** One run's shared state: the manifest, its directory and the event sink. */
class Run {
  constructor(
    readonly out: string,
    readonly manifest: Manifest,
    readonly client: RenderClient,
    readonly options: RenderOptions,
    readonly diagnostics: readonly Diagnostic[],
  ) {}

  emit(event: RenderEvent): void {
    this.options.onEvent?.(event);
  }

  record(scene: PlannedScene, patch: Partial<ManifestEntry> & { state: SceneState }): void {
    const old = this.manifest.scenes.get(scene.name);
    const base: ManifestEntry =
      old && old.hash === scene.hash
        ? old
        : {
            hash: scene.hash,
            endpoint: scene.endpoint,
            requestId: null,
            state: patch.state,
            file: null,
            bytes: null,
            error: null,
            updated: "",
            ...(scene.seed !== null ? { seed: scene.seed } : {}),
          };
    this.manifest.scenes.set(scene.name, { ...base, ...patch, updated: new Date().toISOString() });
    writeManifest(this.out, this.manifest);
  }

  retrying<T>(
    scene: PlannedScene,
    call: QueueCall | "download",
    operation: () => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    const reason =
      call === "download"
        ? (e: unknown) => (e instanceof DownloadError && e.retryable ? e.message : null)
        : (e: unknown) => ownRetryReason(e, call);
    const onRetry = (attempt: number, delayMs: number, why: string): void =>
      this.emit({ scene: scene.name, type: "retry", attempt, delayMs, reason: why });
    return withRetry(operation, reason, this.options.retry ?? DEFAULTS.retry, onRetry, signal);
  }
}

/** A scene's failure: what to write and whether its request id is still worth following. */
class SceneFailure extends Error {
  constructor(
    message: string,
    readonly keepRequest: boolean,
    readonly hints: string[] = [],
  ) {
    super(message);
  }
}

function failureOf(
  error: unknown,
  scene: PlannedScene,
  run: Run,
  requestId: string | null,
): SceneFailure {
  if (error instanceof SceneFailure) return error;
  if (error instanceof DownloadError) return new SceneFailure(error.message, true);
  const fault = httpFault(error);
  if (fault === null) return new SceneFailure((error as Error).message ?? String(error), true);
  const reason = faultReason(fault);
  if (fault.status === 422)
    return new SceneFailure(
      reason,
      false,
      refusalHints(fault, brandsInScene(run.diagnostics, scene.input)),
    );
  if (fault.status === 404 && requestId !== null) {
    return new SceneFailure(
      `${reason}: the queue no longer knows request ${requestId}; a rerun submits the scene again`,
      false,
    );
  }
  return new SceneFailure(reason, true);
}

/** The result's `file_size`, when it gives a whole number of bytes. */
function videoSize(data: unknown): number | null {
  const video =
    data !== null && typeof data === "object" ? (data as { video?: unknown }).video : undefined;
  const size =
    video !== null && typeof video === "object"
      ? (video as { file_size?: unknown }).file_size
      : undefined;
  return typeof size === "number" && Number.isSafeInteger(size) && size > 0 ? size : null;
}

function videoUrl(data: unknown): string | null {
  const video =
    data !== null && typeof data === "object" ? (data as { video?: unknown }).video : undefined;
  const url =
    video !== null && typeof video === "object" ? (video as { url?: unknown }).url : undefined;
  return typeof url === "string" && url !== "" ? url : null;
}

async function follow(
  run: Run,
  scene: PlannedScene,
  requestId: string,
  signal: AbortSignal,
): Promise<void> {
  let last = "";
  for (;;) {
    const status = await run.retrying(
      scene,
      "status",
      () => run.client.queue.status(scene.endpoint, { requestId, abortSignal: signal }),
      signal,
    );
    const position = typeof status.queue_position === "number" ? status.queue_position : null;
    if (status.status === "COMPLETED") return;
    const state: SceneState = status.status === "IN_QUEUE" ? "in-queue" : "rendering";
    const key = `${state}:${position}`;
    if (key !== last) {
      if (state !== last.split(":")[0]) run.record(scene, { state });
      run.emit(
        state === "in-queue"
          ? { scene: scene.name, type: "in-queue", position }
          : { scene: scene.name, type: "rendering" },
      );
      last = key;
    }
    await sleep(run.options.pollInterval ?? DEFAULTS.pollInterval, signal);
  }
}

/** Submits (unless following) and sees the scene through to its video on disk. */
async function renderScene(
  run: Run,
  scene: PlannedScene,
  report: SceneReport,
  signal: AbortSignal,
): Promise<void> {
  const started = Date.now();
  let requestId = scene.requestId;
  try {
    if (requestId === null) {
      // A submit in flight is never aborted: its answer is the only record of a request fal may charge for.
      const submitted = await run.retrying(scene, "submit", () =>
        run.client.queue.submit(scene.endpoint, { input: scene.input }),
      );
      requestId = submitted.request_id;
      report.requestId = requestId;
      run.record(scene, { state: "submitted", requestId, file: null, bytes: null, error: null });
      run.emit({ scene: scene.name, type: "submitted", requestId });
    } else {
      run.emit({ scene: scene.name, type: "following", requestId });
    }
    if (signal.aborted) throw abortError();
    const id = requestId;
    await follow(run, scene, id, signal);
    const result = await run.retrying(
      scene,
      "result",
      () => run.client.queue.result(scene.endpoint, { requestId: id, abortSignal: signal }),
      signal,
    );
    const url = videoUrl(result.data);
    if (url === null) throw new SceneFailure("the result has no video URL", true);
    run.record(scene, { state: "downloading", result: result.data });
    run.emit({ scene: scene.name, type: "downloading" });
    const bytes = await run.retrying(
      scene,
      "download",
      () =>
        download(
          url,
          join(run.out, scene.file),
          signal,
          run.options.fetch,
          { ...DOWNLOAD_LIMITS, ...run.options.download },
          videoSize(result.data),
        ),
      signal,
    );
    run.record(scene, { state: "done", file: scene.file, bytes, error: null });
    Object.assign(report, {
      outcome: "done",
      file: join(run.out, scene.file),
      bytes,
      elapsedMs: Date.now() - started,
    });
    run.emit({
      scene: scene.name,
      type: "done",
      file: report.file ?? scene.file,
      bytes,
      elapsedMs: report.elapsedMs ?? 0,
    });
  } catch (error) {
    // Interrupted: the abort itself, or whatever the cut-off call threw (klingc's own verdicts still count).
    if (
      signal.aborted &&
      !(error instanceof SceneFailure) &&
      (isAbort(error) || httpFault(error) === null)
    ) {
      report.outcome = "interrupted";
      run.emit({ scene: scene.name, type: "interrupted" });
      return;
    }
    const failure = failureOf(error, scene, run, requestId);
    const keep = failure.keepRequest ? requestId : null;
    run.record(scene, { state: "failed", requestId: keep, error: failure.message });
    Object.assign(report, {
      outcome: "failed",
      requestId: keep,
      error: failure.message,
      hints: failure.hints,
      elapsedMs: Date.now() - started,
    });
    run.emit({ scene: scene.name, type: "failed", error: failure.message, hints: failure.hints });
  }
}

/** Runs `work` with at most `limit` items in flight; stops taking new items once the signal aborts. */
async function pool<T>(
  work: readonly T[],
  limit: number,
  signal: AbortSignal,
  each: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < work.length && !signal.aborted) {
      const item = work[next++] as T;
      await each(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, work.length)) }, worker));
}

function sceneReport(scene: PlannedScene, out: string): SceneReport {
  const skipped = scene.action === "skip";
  return {
    name: scene.name,
    take: scene.take,
    seed: scene.seed,
    endpoint: scene.endpoint,
    action: scene.action,
    outcome: skipped ? "skipped" : "not-started",
    requestId: scene.requestId,
    file: skipped ? join(out, scene.file) : null,
    bytes: null,
    error: null,
    hints: [],
    elapsedMs: null,
    estimate: scene.estimate,
  };
}

/** Temporary files of downloads a crash or a kill cut off (`hook.mp4.1a2b3c4d.part`), for the scenes about to run. */
function removeStaleParts(out: string, scenes: readonly PlannedScene[]): void {
  const prefixes = scenes.filter((s) => s.action !== "skip").map((s) => `${s.file}.`);
  for (const name of readdirSync(out)) {
    if (
      name.endsWith(".part") &&
      prefixes.some((p) => name.startsWith(p) && /^[0-9a-f]{8}\.part$/.test(name.slice(p.length)))
    )
      rmSync(join(out, name), { force: true });
  }
}

function refused(
  problems: string[],
  planned: Plan | null,
  out: string,
  started: number,
): RenderReport {
  return {
    outcome: "refused",
    problems,
    scenes: planned?.scenes.map((s) => sceneReport(s, out)) ?? [],
    estimate: planned?.estimate ?? {
      seconds: 0,
      usd: 0,
      knownUsd: 0,
      unknownPrice: [],
      wallSeconds: 0,
    },
    manifest: null,
    elapsedMs: Date.now() - started,
  };
}

function planFrom(project: RenderProject, options: RenderOptions, manifest: Manifest): Plan {
  const out = options.out ?? ".";
  return plan(project, {
    scenes: options.scenes ?? [],
    manifest,
    fileExists: (entry) => videoPresent(out, entry),
    prices: options.prices ?? {},
    concurrency: options.concurrency ?? DEFAULTS.concurrency,
    ...(options.maxCost !== undefined ? { maxCost: options.maxCost } : {}),
  });
}

/** What `render` would do with this project and the manifest in `out`, without sending anything (for --dry-run). */
export function planRender(project: RenderProject, options: RenderOptions = {}): Plan {
  return planFrom(project, options, readManifest(options.out ?? "."));
}

/**
 * Renders a compiled project on fal's queue. Resolves with a report in every
 * case but a file-system failure (the manifest cannot be written).
 */
export async function render(
  project: RenderProject,
  options: RenderOptions = {},
): Promise<RenderReport> {
  const started = Date.now();
  const out = options.out ?? ".";
  let planned: Plan;
  let manifest: Manifest;
  try {
    manifest = readManifest(out);
    planned = planFrom(project, options, manifest);
  } catch (error) {
    if (error instanceof ManifestError) return refused([error.message], null, out, started);
    throw error;
  }
  if (planned.problems.length > 0) return refused(planned.problems, planned, out, started);
  mkdirSync(out, { recursive: true });
  removeStaleParts(out, planned.scenes);
  const run = new Run(
    out,
    manifest,
    options.client ?? createFalClient(),
    options,
    project.diagnostics ?? [],
  );
  const reports = new Map(planned.scenes.map((s) => [s.name, sceneReport(s, out)]));
  for (const s of planned.scenes.filter((s) => s.action === "skip"))
    run.emit({ scene: s.name, type: "skipped", file: join(out, s.file) });
  // Follow earlier submissions first: they cost nothing new.
  const work = [
    ...planned.scenes.filter((s) => s.action === "follow"),
    ...planned.scenes.filter((s) => s.action === "submit"),
  ];
  const signal = options.signal ?? new AbortController().signal;
  await pool(work, options.concurrency ?? DEFAULTS.concurrency, signal, (scene) =>
    renderScene(run, scene, reports.get(scene.name) as SceneReport, signal),
  );
  const scenes = [...reports.values()];
  const outcome = signal.aborted
    ? "interrupted"
    : scenes.some((s) => s.outcome === "failed")
      ? "failed"
      : "done";
  return {
    outcome,
    problems: [],
    scenes,
    estimate: planned.estimate,
    manifest: join(out, MANIFEST_NAME),
    elapsedMs: Date.now() - started,
  };
}
