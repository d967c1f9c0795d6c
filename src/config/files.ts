/** Per-file resolution: which layers of a loaded config apply to a linted file. */
import picomatch from "picomatch/posix.js";
import { emptyConfig, mergeConfigs } from "./merge.js";
import type { ConfigSettings, LoadedConfig, ResolvedConfig } from "./types.js";

// ---------------------------------------------------------------------------
// Per-file resolution

/** Splits a path into segments, accepting either separator; `.` and `..` are resolved. */
function segments(path: string): string[] {
  const parts: string[] = [];
  for (const part of path.replace(/\\/g, "/").split("/")) {
    if (part === "" || part === ".") continue;
    if (part === ".." && parts.length > 0 && parts[parts.length - 1] !== "..") parts.pop();
    else parts.push(/^[A-Za-z]:$/.test(part) ? part.toLowerCase() : part);
  }
  return parts;
}

/** `file` relative to `dir`, with `/` separators. Both must be absolute, or relative to the same place. */
export function relativePosixPath(dir: string, file: string): string {
  const from = segments(dir);
  const to = segments(file);
  let common = 0;
  while (common < from.length && common < to.length && from[common] === to[common]) common++;
  const up = from.slice(common).map(() => "..");
  return [...up, ...to.slice(common)].join("/");
}

/**
 * Globs match the whole relative path (`legacy/**` + `/*.kp`); a glob without a
 * slash matches the file name at any depth (`*.draft.kp`), as in .gitignore.
 * Dot files and directories are matched like any other.
 */
export function matchesFiles(globs: readonly string[], relativePath: string): boolean {
  const name = relativePath.slice(relativePath.lastIndexOf("/") + 1);
  return globs.some((glob) =>
    picomatch.isMatch(glob.includes("/") ? relativePath : name, glob, { dot: true }),
  );
}

/** The settings that apply to `filePath`, weakest first: bases, then the file itself, then its matching overrides. */
function layersFor(loaded: LoadedConfig, filePath: string): ConfigSettings[] {
  const relative = relativePosixPath(loaded.dir, filePath);
  return [
    ...loaded.bases.flatMap((base) => layersFor(base, filePath)),
    loaded.config,
    ...loaded.config.overrides.filter((override) => matchesFiles(override.files, relative)),
  ];
}

/**
 * The configuration for one linted file. `filePath` must be absolute (or
 * relative to the same directory as `loaded.dir`): each config's override
 * globs are matched against the path relative to that config's directory.
 */
export function configForFile(loaded: LoadedConfig, filePath: string): ResolvedConfig {
  return layersFor(loaded, filePath).reduce<ResolvedConfig>(
    (config, layer) => mergeConfigs(config, layer),
    emptyConfig(),
  );
}
