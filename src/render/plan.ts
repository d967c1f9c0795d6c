/**
 * What a render would do, decided before anything is sent: which scenes, the
 * request each one sends, whether the manifest lets it skip or follow, and
 * what it costs in seconds, dollars and time. No network; no writes.
 */
import { createHash } from "node:crypto";
import type { Diagnostic, TargetId, TargetRequest } from "../index.js";
import { getProfile } from "../targets/profiles.js";
import { priceEntry, PRICES, type PriceEntry, type Sourced } from "../targets/prices.js";
import { seedField } from "../targets/seeds.js";
import type { Manifest, ManifestEntry } from "./manifest.js";

/** The part of a compiled scene a render reads (`compile(...).scenes` fit it). */
export interface RenderScene {
  name: string;
  target: TargetId;
  /** null: the scene has errors and no request (nothing is sent for it). */
  request: TargetRequest | null;
  /** `takes N`: independent renders of the scene (default: the plan's `takes`, else one). */
  takes?: number;
}

/** What `render` takes: a `compile` result, or anything of its shape. */
export interface RenderProject {
  scenes: readonly RenderScene[];
  /** Any error refuses the run. Add `lint`'s findings for the brand hints a 422 gets (compile runs no lint rule). */
  diagnostics?: readonly Diagnostic[];
}

/** A config's `prices` entry for one endpoint: US dollars per second of video. */
export interface PriceOverride {
  perSecond?: number;
  perSecondAudio?: number;
  /** When the figures were read (shown as their date). */
  date?: string;
}

export type PriceOverrides = Readonly<Record<string, PriceOverride>>;

export interface SceneEstimate {
  /** Seconds of video the request asks for; null when the request does not say. */
  seconds: number | null;
  /** US dollars for this scene, with the rate's source; null: unknown. */
  price: Sourced | null;
  /** Wall-clock seconds the render takes, about: the source's figure scaled by the video's length; null: unknown. */
  time: Sourced | null;
}

export interface RunEstimate {
  /** Seconds of video the run submits. */
  seconds: number;
  /** Dollars for the scenes this run submits; null when any of their prices is unknown. */
  usd: number | null;
  /** Known part of the price, and the scenes whose price is unknown. */
  knownUsd: number;
  unknownPrice: string[];
  /** Wall-clock seconds with the run's concurrency; null when any render time is unknown. */
  wallSeconds: number | null;
}

/** submit: a new request; follow: poll a request id a run before submitted; skip: done and on disk. */
export type Action = "submit" | "follow" | "skip";

export interface PlannedScene {
  /** The manifest's and the report's name: the scene's, or `SCENE.take-N` for a scene of several takes. */
  name: string;
  /** The scene this render is of. */
  scene: string;
  /** 1, 2, … for a scene of several takes; null for a scene of one. */
  take: number | null;
  /** The seed sent in the input, where the endpoint takes one and the scene has several takes. */
  seed: number | null;
  endpoint: string;
  input: Record<string, unknown>;
  hash: string;
  action: Action;
  /** The request id to follow (action "follow"). */
  requestId: string | null;
  file: string;
  estimate: SceneEstimate;
}

export interface Plan {
  scenes: PlannedScene[];
  /** Why nothing may be sent (compile errors, unknown scene names, a cost over the limit); empty when the run may go. */
  problems: string[];
  estimate: RunEstimate;
}

export interface PlanOptions {
  /** Scene names to render (all when absent or empty). */
  scenes?: readonly string[];
  manifest?: Manifest;
  /** Whether a finished entry's file is still there (the caller looks on disk). */
  fileExists?: (entry: ManifestEntry) => boolean;
  prices?: PriceOverrides;
  concurrency?: number;
  /** US dollars: a plan whose estimate exceeds it, or cannot be bounded, is refused. */
  maxCost?: number;
  /** Takes of each scene that states no `takes` of its own (`--takes N`; default 1). */
  takes?: number;
}

/** Request hash: SHA-256 of the endpoint and the input with keys sorted, so key order never changes it. */
export function requestHash(request: TargetRequest): string {
  return `sha256:${createHash("sha256").update(canonicalJson(request)).digest("hex")}`;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(
      ([, v]) => v !== undefined,
    );
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** `DIR/<scene name>.mp4`; a name that is not a plain file name is refused in `plan`. */
export function videoFileName(scene: string): string {
  return `${scene}.mp4`;
}

function isPlainFileName(name: string): boolean {
  return name !== "" && name !== "." && name !== ".." && !/[/\\\0]/.test(name);
}

/** Seconds of video a request asks for, read from the target's duration field ("5", "8s"). */
export function requestSeconds(target: TargetId, request: TargetRequest): number | null {
  const value = request.input[getProfile(target).durations.field];
  const seconds =
    typeof value === "string" || typeof value === "number"
      ? Number.parseInt(String(value), 10)
      : Number.NaN;
  return Number.isFinite(seconds) ? seconds : null;
}

function overrideEntry(endpoint: string, overrides: PriceOverrides | undefined): PriceEntry {
  const table = priceEntry(endpoint, PRICES);
  // Own keys only: an endpoint a library caller names `constructor` is not Object.prototype's.
  const override =
    overrides !== undefined && Object.hasOwn(overrides, endpoint) ? overrides[endpoint] : undefined;
  if (!override) return table;
  const figure = (value: number | undefined, fallback: Sourced | null): Sourced | null =>
    value === undefined
      ? fallback
      : { value, source: "config `prices`", date: override.date ?? "not stated" };
  const perSecond = figure(override.perSecond, table.perSecond);
  // One figure in the config stands for both audio settings unless it gives both.
  const perSecondAudio = figure(
    override.perSecondAudio ?? override.perSecond,
    table.perSecondAudio,
  );
  return { perSecond, perSecondAudio, renderTime: table.renderTime };
}

export function estimateScene(
  scene: RenderScene & { request: TargetRequest },
  overrides?: PriceOverrides,
): SceneEstimate {
  const seconds = requestSeconds(scene.target, scene.request);
  const entry = overrideEntry(scene.request.endpoint, overrides);
  const rate =
    scene.request.input["generate_audio"] === true ? entry.perSecondAudio : entry.perSecond;
  const price =
    seconds !== null && rate ? { ...rate, value: roundCents(rate.value * seconds) } : null;
  const render = entry.renderTime;
  const time =
    seconds !== null && render
      ? {
          value: Math.round((render.value * seconds) / render.forSeconds),
          source: render.source,
          date: render.date,
        }
      : null;
  return { seconds, price, time };
}

function roundCents(usd: number): number {
  return Math.round(usd * 1e4) / 1e4;
}

/** Wall-clock time with `slots` renders at once, each scene taking the earliest free slot in order. */
function wallClock(times: readonly number[], slots: number): number {
  const free = Array.from({ length: Math.max(1, Math.min(slots, times.length)) }, () => 0);
  for (const t of times) {
    const i = free.indexOf(Math.min(...free));
    free[i] = (free[i] ?? 0) + t;
  }
  return times.length === 0 ? 0 : Math.max(...free);
}

function runEstimate(scenes: readonly PlannedScene[], concurrency: number): RunEstimate {
  const paid = scenes.filter((s) => s.action === "submit");
  const unknownPrice = paid.filter((s) => s.estimate.price === null).map((s) => s.name);
  const knownUsd = roundCents(paid.reduce((sum, s) => sum + (s.estimate.price?.value ?? 0), 0));
  const running = scenes.filter((s) => s.action !== "skip");
  const times = running.map((s) => s.estimate.time?.value ?? null);
  const known = times.filter((t): t is number => t !== null);
  return {
    seconds: paid.reduce((sum, s) => sum + (s.estimate.seconds ?? 0), 0),
    usd: unknownPrice.length === 0 ? knownUsd : null,
    knownUsd,
    unknownPrice,
    wallSeconds: known.length === times.length ? wallClock(known, concurrency) : null,
  };
}

function actionFor(
  hash: string,
  entry: ManifestEntry | undefined,
  fileExists: (entry: ManifestEntry) => boolean,
): { action: Action; requestId: string | null } {
  if (!entry || entry.hash !== hash) return { action: "submit", requestId: null };
  if (entry.state === "done" && fileExists(entry))
    return { action: "skip", requestId: entry.requestId };
  // Submitted before (finished, interrupted or failed after submitting): its result is fetched, never paid again.
  if (entry.requestId !== null) return { action: "follow", requestId: entry.requestId };
  return { action: "submit", requestId: null };
}

function selectScenes(
  project: RenderProject,
  names: readonly string[],
  problems: string[],
): RenderScene[] {
  if (names.length === 0) return [...project.scenes];
  const known = project.scenes.map((s) => s.name);
  for (const name of names) {
    if (!known.includes(name))
      problems.push(`no scene named '${name}' (scenes: ${known.join(", ") || "none"})`);
  }
  return project.scenes.filter((s) => names.includes(s.name));
}

function errorProblems(project: RenderProject, selected: readonly RenderScene[]): string[] {
  const problems: string[] = [];
  const errors = (project.diagnostics ?? []).filter((d) => d.severity === "error").length;
  if (errors > 0)
    problems.push(
      `${errors} error${errors === 1 ? "" : "s"} in the scenes: nothing is sent until they are fixed`,
    );
  for (const scene of selected) {
    if (scene.request === null) {
      if (errors === 0) problems.push(`scene '${scene.name}' has no request`);
    } else if (getProfile(scene.target).host !== "fal") {
      problems.push(
        `scene '${scene.name}' targets ${scene.target} (${scene.request.endpoint}), which is not on fal's queue; leave it out with --scene`,
      );
    }
    if (!isPlainFileName(scene.name))
      problems.push(`scene name '${scene.name}' cannot be a file name`);
  }
  return problems;
}

/**
 * Renders whose video files are one file: a take of one scene named as
 * another scene (`hook.take-1`), or names that differ only where the file
 * system ignores letter case (and Unicode normalisation), as macOS and Windows
 * do by default. The second download would overwrite the first after both
 * were paid for.
 */
function sameFileProblems(planned: readonly PlannedScene[]): string[] {
  const first = new Map<string, PlannedScene>();
  const problems: string[] = [];
  for (const render of planned) {
    const key = render.file.normalize("NFC").toLowerCase();
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, render);
      continue;
    }
    const both = earlier.take === null && render.take === null;
    const [a, b] = [earlier, render].map((r) =>
      r.take === null
        ? `${both ? "" : "scene "}'${r.name}'`
        : `take ${r.take} of scene '${r.scene}'`,
    );
    const where = earlier.file === render.file ? "" : " on macOS and Windows";
    problems.push(
      `${both ? "scenes " : ""}${a} and ${b} would be the same file${where} (${earlier.file}, ${render.file}): rename one`,
    );
  }
  return problems;
}

function costProblems(estimate: RunEstimate, maxCost: number | undefined): string[] {
  if (maxCost === undefined) return [];
  if (estimate.usd === null) {
    return [
      `the price of ${estimate.unknownPrice.join(", ")} is unknown, so the run cannot be held to --max-cost $${maxCost}; give it in the config's prices`,
    ];
  }
  return estimate.usd > maxCost
    ? [`the estimate $${formatUsd(estimate.usd)} exceeds --max-cost $${maxCost}`]
    : [];
}

export function formatUsd(usd: number): string {
  return usd.toFixed(usd < 10 ? 3 : 2).replace(/(\.\d\d)0$/, "$1");
}

interface Take {
  name: string;
  take: number | null;
  seed: number | null;
  request: TargetRequest;
}

/**
 * The renders of one scene: the scene itself when it has one take, else
 * `SCENE.take-1` … each its own manifest entry. Where the endpoint takes a
 * seed, each take gets one of its own, worked out from the request and the
 * take's number, so a rerun sends the very same request and finds its entry.
 */
function takesOf(scene: RenderScene, request: TargetRequest, fallback: number): Take[] {
  const count = scene.takes ?? fallback;
  if (count <= 1) return [{ name: scene.name, take: null, seed: null, request }];
  const field = seedField(request.endpoint)?.field ?? null;
  const base = requestHash(request);
  const used = new Set<number>();
  const takes: Take[] = [];
  for (let take = 1; take <= count; take++) {
    const name = `${scene.name}.take-${take}`;
    if (field === null) {
      takes.push({ name, take, seed: null, request });
      continue;
    }
    let seed = takeSeed(base, take);
    while (used.has(seed)) seed = (seed + 1) % SEED_RANGE;
    used.add(seed);
    takes.push({
      name,
      take,
      seed,
      request: { ...request, input: { ...request.input, [field]: seed } },
    });
  }
  return takes;
}

/** Seeds stay below 2^31: every service that takes an integer seed takes those. */
const SEED_RANGE = 2 ** 31;

function takeSeed(base: string, take: number): number {
  return createHash("sha256").update(`${base}\ntake ${take}`).digest().readUInt32BE(0) % SEED_RANGE;
}

/** Decides the run. Never throws; `problems` says why it may not go. */
export function plan(project: RenderProject, options: PlanOptions = {}): Plan {
  const problems: string[] = [];
  const selected = selectScenes(project, options.scenes ?? [], problems);
  problems.push(...errorProblems(project, selected));
  const fileExists = options.fileExists ?? (() => false);
  const scenes: PlannedScene[] = [];
  for (const scene of selected) {
    if (scene.request === null) continue;
    const estimate = estimateScene({ ...scene, request: scene.request }, options.prices);
    for (const take of takesOf(scene, scene.request, options.takes ?? 1)) {
      const hash = requestHash(take.request);
      const entry = options.manifest?.scenes.get(take.name);
      const { action, requestId } = actionFor(hash, entry, fileExists);
      scenes.push({
        name: take.name,
        scene: scene.name,
        take: take.take,
        seed: take.seed,
        endpoint: take.request.endpoint,
        input: take.request.input,
        hash,
        action,
        requestId,
        file: videoFileName(take.name),
        estimate,
      });
    }
  }
  problems.push(...sameFileProblems(scenes));
  const estimate = runEstimate(scenes, options.concurrency ?? 3);
  if (problems.length === 0) problems.push(...costProblems(estimate, options.maxCost));
  return { scenes, problems, estimate };
}
