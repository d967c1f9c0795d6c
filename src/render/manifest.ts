/**
 * `DIR/klingc-render.json`: what a render has done, written atomically
 * (temporary file, fsync, rename) after every state change, so a crash or a
 * Ctrl-C leaves the last state whole and a rerun never pays twice.
 */
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import writeFileAtomic from "write-file-atomic";

export const MANIFEST_NAME = "klingc-render.json";

/** submitted → in-queue → rendering → downloading → done; failed at any step. */
export type SceneState = "submitted" | "in-queue" | "rendering" | "downloading" | "done" | "failed";

export interface ManifestEntry {
  /** `requestHash` of the request the entry is about. */
  hash: string;
  endpoint: string;
  /** fal's request id once submitted; kept after a failure that came after the render (a rerun fetches it again). */
  requestId: string | null;
  state: SceneState;
  /** The video, relative to the manifest's directory, once downloaded. */
  file: string | null;
  bytes: number | null;
  error: string | null;
  /** ISO time of the last change. */
  updated: string;
  /** The seed the take was sent with (a scene of several takes, on an endpoint that takes one). */
  seed?: number;
  /** What the service's result call returned (the video's URL, and whatever else it says), once fetched. */
  result?: unknown;
}

export interface Manifest {
  version: 1;
  /**
   * Entries by scene name. A Map, not an object: a scene may be named
   * `__proto__` or `constructor`, and an object would drop the one (setting
   * its prototype) and find the other on Object.prototype.
   */
  scenes: Map<string, ManifestEntry>;
}

export class ManifestError extends Error {}

export function emptyManifest(): Manifest {
  return { version: 1, scenes: new Map() };
}

/** A JSON object's own entries as a Map (JSON.parse makes `__proto__` an own key like any other). */
export function mapFromJson<T>(object: Record<string, T>): Map<string, T> {
  return new Map(Object.entries(object));
}

/** A Map as a JSON object: Object.fromEntries defines own keys, so `__proto__` is written as a key. */
export function mapToJson<T>(map: ReadonlyMap<string, T>): Record<string, T> {
  return Object.fromEntries(map);
}

/** The manifest in `dir`, or an empty one when there is none; one that cannot be read is never overwritten. */
export function readManifest(dir: string): Manifest {
  const path = join(dir, MANIFEST_NAME);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return emptyManifest();
    throw new ManifestError(
      `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? "unreadable"}`,
    );
  }
  try {
    const data = JSON.parse(text) as { version?: unknown; scenes?: unknown };
    if (
      data.version === 1 &&
      data.scenes !== null &&
      typeof data.scenes === "object" &&
      !Array.isArray(data.scenes)
    )
      return { version: 1, scenes: mapFromJson(data.scenes as Record<string, ManifestEntry>) };
  } catch {
    // reported below
  }
  throw new ManifestError(`${path} is not a klingc render manifest; move it away to start afresh`);
}

/** The manifest's text on disk. */
export function manifestText(manifest: Manifest): string {
  return `${JSON.stringify({ version: manifest.version, scenes: mapToJson(manifest.scenes) }, null, 2)}\n`;
}

export function writeManifest(dir: string, manifest: Manifest): void {
  writeFileAtomic.sync(join(dir, MANIFEST_NAME), manifestText(manifest));
}

/** Whether a finished entry's video is on disk with the size recorded. */
export function videoPresent(dir: string, entry: ManifestEntry): boolean {
  if (entry.file === null) return false;
  const stat = statSync(join(dir, entry.file), { throwIfNoEntry: false });
  return stat !== undefined && stat.isFile() && (entry.bytes === null || stat.size === entry.bytes);
}
