/**
 * The config functions of the library (exported by src/index.ts). None throws,
 * whatever it is given: each returns `{ config, diagnostics }`, with `config`
 * null and at least one diagnostic when the input or an argument is bad.
 *
 * The modules beside this one hold the typed forms the command line uses;
 * they throw a ConfigError, which the CLI reports as file:line:col with exit
 * code 2. Here every argument is checked first (the library's callers may be
 * plain JavaScript), then a ConfigError becomes a diagnostic. Any other
 * exception is a bug and is not caught, so tests find it.
 */
import { everyItem } from "../language/options.js";
import { ConfigError, valueError, type ConfigDiagnostic, type ConfigPath } from "./errors.js";
import { configForFile as resolveFor } from "./files.js";
import { parseConfigText as parseText } from "./json.js";
import { emptyConfig, mergeConfigs as merge } from "./merge.js";
import {
  CONFIG_TARGETS,
  type ConfigSettings,
  type KlingcConfigFile,
  type LoadedConfig,
  type ResolvedConfig,
  type RuleOptionSchemas,
} from "./types.js";
import { OPTION_TYPES, validateConfig as validate } from "./validate.js";

export type { ConfigDiagnostic } from "./errors.js";

/** The value, or null with the problems that prevented it. */
export type ConfigResult<T> =
  | { config: T; diagnostics: readonly ConfigDiagnostic[] }
  | { config: null; diagnostics: readonly ConfigDiagnostic[] };

/** Runs a throwing form; a ConfigError becomes the result's diagnostic. */
function attempt<T>(run: () => T): ConfigResult<T> {
  try {
    return { config: run(), diagnostics: [] };
  } catch (error) {
    if (error instanceof ConfigError) return { config: null, diagnostics: [error.toDiagnostic()] };
    throw error;
  }
}

// ---------------------------------------------------------------------------
// Argument checks. They throw a ConfigError with file "" and a key that starts
// with the parameter's name; `attempt` turns it into a diagnostic.

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function argumentError(path: ConfigPath, expected: string, value: unknown): ConfigError {
  return valueError("", path, expected, value);
}

function validateObject(path: ConfigPath, value: unknown): JsonObject {
  if (!isObject(value)) throw argumentError(path, "an object", value);
  return value;
}

function validateString(path: ConfigPath, value: unknown): void {
  if (typeof value !== "string") throw argumentError(path, "a string", value);
}

/** Visits every index of a caller's list, holes too (forEach would skip them; see everyItem). */
function eachItem(list: readonly unknown[], visit: (item: unknown, i: number) => void): void {
  everyItem(list, (item, i) => (visit(item, i), true));
}

function validateStrings(path: ConfigPath, value: unknown): void {
  if (!Array.isArray(value)) throw argumentError(path, "a list of strings", value);
  eachItem(value, (item, i) => validateString([...path, i], item));
}

/** A key that is present and not undefined. */
function given(object: JsonObject, key: string): boolean {
  return Object.hasOwn(object, key) && object[key] !== undefined;
}

const SEVERITIES = ["off", "warning", "error", "info"] as const;

function validateRuleSettings(path: ConfigPath, value: unknown, optionsRequired: boolean): void {
  for (const [id, entry] of Object.entries(validateObject(path, value))) {
    const object = validateObject([...path, id], entry);
    if (!SEVERITIES.some((s) => s === object.severity))
      throw argumentError(
        [...path, id, "severity"],
        `one of ${SEVERITIES.join(", ")}`,
        object.severity,
      );
    if (optionsRequired || given(object, "options"))
      validateObject([...path, id, "options"], object.options);
  }
}

function validatePositive(path: ConfigPath, value: unknown): void {
  if (typeof value !== "number" || !Number.isInteger(value) || value <= 0)
    throw argumentError(path, "a positive integer", value);
}

/** Settings as the validator returns them (severity "warning", not "warn"); absent keys are fine. */
function validateSettings(path: ConfigPath, value: unknown, whole: boolean): JsonObject {
  const object = validateObject(path, value);
  if (given(object, "target") && !CONFIG_TARGETS.some((t) => t === object.target))
    throw argumentError([...path, "target"], `one of ${CONFIG_TARGETS.join(", ")}`, object.target);
  if (given(object, "budget")) validatePositive([...path, "budget"], object.budget);
  if (given(object, "focusBudget")) validatePositive([...path, "focusBudget"], object.focusBudget);
  if (whole || given(object, "brands")) validateStrings([...path, "brands"], object.brands);
  if (whole || given(object, "rules"))
    validateRuleSettings([...path, "rules"], object.rules, whole);
  if (given(object, "prices")) validateObject([...path, "prices"], object.prices);
  return object;
}

function validateConfigFile(path: ConfigPath, value: unknown): void {
  const object = validateSettings(path, value, false);
  validateStrings([...path, "extends"], object.extends);
  if (!Array.isArray(object.overrides))
    throw argumentError([...path, "overrides"], "a list of overrides", object.overrides);
  eachItem(object.overrides, (override, i) => {
    validateStrings(
      [...path, "overrides", i, "files"],
      validateSettings([...path, "overrides", i], override, false).files,
    );
  });
}

/** A loaded config and its bases; a base that contains itself would never finish resolving. */
function validateLoaded(path: ConfigPath, value: unknown, within: ReadonlySet<unknown>): void {
  if (within.has(value)) throw argumentError(path, "a config that is not its own base", value);
  const object = validateObject(path, value);
  validateString([...path, "file"], object.file);
  validateString([...path, "dir"], object.dir);
  validateConfigFile([...path, "config"], object.config);
  if (!Array.isArray(object.bases))
    throw argumentError([...path, "bases"], "a list of loaded configs", object.bases);
  const inner = new Set([...within, value]);
  eachItem(object.bases, (base, i) => validateLoaded([...path, "bases", i], base, inner));
}

/** Rule id → options schema: an object whose `properties` are typed as the validator knows. */
function validateOptionSchemas(path: ConfigPath, value: unknown): void {
  if (value === undefined) return;
  for (const [id, schema] of Object.entries(validateObject(path, value))) {
    const object = validateObject([...path, id], schema);
    if (!given(object, "properties")) continue;
    for (const [name, property] of Object.entries(
      validateObject([...path, id, "properties"], object.properties),
    )) {
      const at = [...path, id, "properties", name];
      const p = validateObject(at, property);
      if (given(p, "type") && !OPTION_TYPES.some((t) => t === p.type))
        throw argumentError([...at, "type"], `one of ${OPTION_TYPES.join(", ")}`, p.type);
      if (given(p, "minimum") && (typeof p.minimum !== "number" || !Number.isFinite(p.minimum)))
        throw argumentError([...at, "minimum"], "a number", p.minimum);
    }
  }
}

function validateCatalog(knownRules: unknown, ruleOptions: unknown): void {
  validateStrings(["knownRules"], knownRules);
  validateOptionSchemas(["ruleOptions"], ruleOptions);
}

// ---------------------------------------------------------------------------
// The library's config functions.

/**
 * Checks a parsed config file (`raw`, e.g. from JSON.parse). `knownRules` are
 * the rule ids a `rules` object may name (`RULE_IDS`); `ruleOptions`, the
 * schemas rule options are checked against (each rule's `meta.options`).
 */
export function validateConfig(
  raw: unknown,
  file: string,
  knownRules: readonly string[],
  ruleOptions?: RuleOptionSchemas,
): ConfigResult<KlingcConfigFile> {
  return attempt(() => {
    validateString(["file"], file);
    validateCatalog(knownRules, ruleOptions);
    return validate(raw, file, knownRules, ruleOptions ?? {});
  });
}

/** Parses and checks a config file's text; diagnostics carry the line and column of the offending key. */
export function parseConfigText(
  text: string,
  file: string,
  knownRules: readonly string[],
  ruleOptions?: RuleOptionSchemas,
): ConfigResult<KlingcConfigFile> {
  return attempt(() => {
    validateString(["text"], text);
    validateString(["file"], file);
    validateCatalog(knownRules, ruleOptions);
    return parseText(text, file, knownRules, ruleOptions ?? {});
  });
}

/** `over` on top of `base`: scalars in `over` win, brands append, rules merge per rule, prices per endpoint. */
export function mergeConfigs(
  base: ResolvedConfig,
  over: ConfigSettings & Pick<KlingcConfigFile, "prices">,
): ConfigResult<ResolvedConfig> {
  return attempt(() => {
    validateSettings(["base"], base, true);
    validateSettings(["over"], over, false);
    return merge(base, over);
  });
}

/** The configuration for one linted file (see the typed form in files.ts for how paths are matched). */
export function configForFile(
  loaded: LoadedConfig,
  filePath: string,
): ConfigResult<ResolvedConfig> {
  return attempt(() => {
    validateLoaded(["loaded"], loaded, new Set());
    validateString(["filePath"], filePath);
    return resolveFor(loaded, filePath);
  });
}

export { emptyConfig };
