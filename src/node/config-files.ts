/**
 * The file-system side of configuration: finding, reading and following
 * `extends`. Validation and merging are in `../config/` (pure); this module
 * uses their throwing forms, which the CLI reports with exit code 2.
 */
import { readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import {
  CONFIG_FILE_NAMES,
  ConfigError,
  configForFile,
  emptyConfig,
  locateConfigError,
  parseConfigJson,
  parseConfigText,
  type ConfigPath,
  type LoadedConfig,
  type ResolvedConfig,
  type RuleOptionSchemas,
} from "../config/config.js";

/**
 * Remembers what was already found and loaded, so linting many files does not
 * re-read the same configs. Make one per run; nothing is shared between runs.
 */
export interface ConfigCache {
  /** Directory → the config file that governs it (null: none up to the root). */
  found: Map<string, string | null>;
  /** Absolute config path → loaded config. */
  loaded: Map<string, LoadedConfig>;
}

export function createConfigCache(): ConfigCache {
  return { found: new Map(), loaded: new Map() };
}

function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
}

/** The config file directly in `dir`: `klingc.config.json` wins over `.klingcrc.json`. */
function configInDirectory(dir: string): string | null {
  for (const name of CONFIG_FILE_NAMES) {
    const candidate = join(dir, name);
    if (isFile(candidate)) return candidate;
  }
  return null;
}

/**
 * Walks up from `startDir` to the file-system root and returns the first
 * config file found. Configs do not cascade: only this one applies, plus
 * whatever it names in `extends`.
 */
export function findConfigFile(
  startDir: string,
  cache: ConfigCache = createConfigCache(),
): string | null {
  const visited: string[] = [];
  let dir = resolve(startDir);
  let found: string | null;
  for (;;) {
    const cached = cache.found.get(dir);
    if (cached !== undefined) {
      found = cached;
      break;
    }
    visited.push(dir);
    found = configInDirectory(dir);
    const parent = dirname(dir);
    if (found !== null || parent === dir) break;
    dir = parent;
  }
  for (const seen of visited) cache.found.set(seen, found);
  return found;
}

function readConfigText(file: string, from: ConfigOrigin | undefined): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    const reason = error instanceof Error && "code" in error ? String(error.code) : "unreadable";
    if (from) {
      // The problem is the `extends` entry that named a missing file, so report it there.
      const expected = "a path to a readable config file";
      const detail = `expected ${expected}, got ${JSON.stringify(from.written)} (${reason}: ${file})`;
      throw locateConfigError(
        new ConfigError({ file: from.file, path: from.path, expected, detail }),
        from.text,
      );
    }
    throw new ConfigError({
      file,
      path: [],
      expected: "a readable file",
      detail: `cannot read the file (${reason})`,
    });
  }
}

/** Where an `extends` entry was written, for errors about it. */
interface ConfigOrigin {
  file: string;
  path: ConfigPath;
  written: string;
  text: string;
}

/** `extends[1]` when the file has a list, `extends` when it has a single path (validation turns both into a list). */
function extendsPath(text: string, index: number): ConfigPath {
  const raw = parseConfigJson(text, "");
  const isList =
    typeof raw === "object" &&
    raw !== null &&
    Array.isArray((raw as { extends?: unknown }).extends);
  return isList ? ["extends", index] : ["extends"];
}

function cycleError(chain: readonly string[], origin: ConfigOrigin): ConfigError {
  const expected = "no cycle of extends";
  const detail = `expected ${expected}, got ${[...chain, chain[0] ?? ""].join(" -> ")}`;
  return locateConfigError(
    new ConfigError({ file: origin.file, path: origin.path, expected, detail }),
    origin.text,
  );
}

interface Catalog {
  knownRules: readonly string[];
  ruleOptions: RuleOptionSchemas;
}

function load(
  file: string,
  catalog: Catalog,
  cache: ConfigCache,
  chain: string[],
  from?: ConfigOrigin,
): LoadedConfig {
  const cached = cache.loaded.get(file);
  if (cached) return cached;
  if (from && chain.includes(file)) throw cycleError(chain.slice(chain.indexOf(file)), from);
  const text = readConfigText(file, from);
  const config = parseConfigText(text, file, catalog.knownRules, catalog.ruleOptions);
  const dir = dirname(file);
  const bases = config.extends.map((written, index) => {
    const origin: ConfigOrigin = { file, path: extendsPath(text, index), written, text };
    return load(resolve(dir, written), catalog, cache, [...chain, file], origin);
  });
  const loaded: LoadedConfig = { file, dir, config, bases };
  cache.loaded.set(file, loaded);
  return loaded;
}

/**
 * Reads and validates a config file and everything it extends (paths relative
 * to the extending file). Throws a ConfigError for a bad file, a missing
 * `extends` target, or a cycle.
 */
export function loadConfig(
  configPath: string,
  knownRules: readonly string[],
  cache: ConfigCache = createConfigCache(),
  ruleOptions: RuleOptionSchemas = {},
): LoadedConfig {
  return load(resolve(configPath), { knownRules, ruleOptions }, cache, []);
}

/** The configuration for one linted file, and the config file it came from (null when there is none). */
export function resolveConfigFor(
  filePath: string,
  knownRules: readonly string[],
  cache: ConfigCache = createConfigCache(),
  ruleOptions: RuleOptionSchemas = {},
): { config: ResolvedConfig; configFile: string | null } {
  const absolute = resolve(filePath);
  const configFile = findConfigFile(dirname(absolute), cache);
  if (configFile === null) return { config: emptyConfig(), configFile: null };
  return {
    config: configForFile(loadConfig(configFile, knownRules, cache, ruleOptions), absolute),
    configFile,
  };
}

function hasOverrides(loaded: LoadedConfig): boolean {
  return loaded.config.overrides.length > 0 || loaded.bases.some(hasOverrides);
}

/**
 * Whether every file directly in `dir` gets the same config, so a run of many
 * files may resolve it once per directory: true unless the config that governs
 * the directory, or one it extends, has `overrides` (they match file by file).
 * Asked after `resolveConfigFor` for a file in `dir`, whose lookups `cache` holds.
 */
export function sameConfigThroughout(dir: string, cache: ConfigCache): boolean {
  const file = cache.found.get(resolve(dir));
  if (file === undefined) return false;
  if (file === null) return true;
  const loaded = cache.loaded.get(file);
  return loaded !== undefined && !hasOverrides(loaded);
}
