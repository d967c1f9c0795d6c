/** Validation: a parsed config file checked key by key, with the first problem thrown as a ConfigError. */
import { toRuleSeverity } from "../language/options.js";
import { quoteList, unknownNameError, valueError, type ConfigPath } from "./errors.js";
import {
  CONFIG_KEYS,
  CONFIG_SEVERITY_NAMES,
  CONFIG_TARGETS,
  OVERRIDE_KEYS,
  PRICE_KEYS,
  type ConfigOverride,
  type ConfigSettings,
  type ConfigSeverity,
  type ConfigTarget,
  type KlingcConfigFile,
  type PriceSetting,
  type RuleEntry,
  type RuleOptionSchemas,
} from "./types.js";

// ---------------------------------------------------------------------------
// Validation

interface Validation {
  file: string;
  knownRules: readonly string[];
  ruleOptions: RuleOptionSchemas;
}

const TYPE_WORDS = {
  integer: "a whole number",
  number: "a number",
  string: "a string",
  boolean: "true or false",
} as const;

/** The option types a rule's options schema may use. */
export const OPTION_TYPES = Object.keys(TYPE_WORDS) as readonly (keyof typeof TYPE_WORDS)[];

function fitsType(value: unknown, type: keyof typeof TYPE_WORDS | undefined): boolean {
  if (type === "integer") return Number.isInteger(value);
  if (type === "number") return typeof value === "number" && Number.isFinite(value);
  if (type === "string" || type === "boolean") return typeof value === type;
  return true;
}

/** A rule's options against its schema, so a mistyped option is an error and not silently ignored. */
function validateRuleOptions(
  c: Validation,
  path: ConfigPath,
  id: string,
  options: JsonObject,
): void {
  const schema = c.ruleOptions[id];
  if (!schema) return;
  const properties = schema.properties ?? {};
  const names = Object.keys(properties);
  for (const [name, value] of Object.entries(options)) {
    const property = properties[name];
    if (!property) {
      if (schema.additionalProperties === false) {
        throw unknownNameError(
          c.file,
          [...path, name],
          names.length > 0
            ? `an option of ${id} (${names.join(", ")})`
            : `no options: ${id} takes none`,
          "unknown option",
          name,
          names,
        );
      }
      continue;
    }
    const min = property.minimum;
    if (
      !fitsType(value, property.type) ||
      (min !== undefined && typeof value === "number" && value < min)
    ) {
      const expected = `${property.type ? TYPE_WORDS[property.type] : "a value"}${min !== undefined ? ` of at least ${min}` : ""}`;
      throw valueError(c.file, [...path, name], expected, value);
    }
  }
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function has(object: JsonObject, key: string): boolean {
  return Object.hasOwn(object, key);
}

function expectObject(c: Validation, path: ConfigPath, value: unknown): JsonObject {
  if (!isObject(value)) throw valueError(c.file, path, "an object", value);
  return value;
}

/** Unknown keys are errors: a misspelt setting must not be silently ignored. */
function validateKeys(
  c: Validation,
  path: ConfigPath,
  object: JsonObject,
  allowed: readonly string[],
): void {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) {
      throw unknownNameError(
        c.file,
        [...path, key],
        `one of ${quoteList(allowed)}`,
        "unknown key",
        key,
        allowed,
      );
    }
  }
}

function expectNonEmptyString(c: Validation, path: ConfigPath, value: unknown): string {
  if (typeof value !== "string" || value.trim() === "")
    throw valueError(c.file, path, "a non-empty string", value);
  return value;
}

function expectPositiveInteger(c: Validation, path: ConfigPath, value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value <= 0) {
    throw valueError(c.file, path, "a positive integer", value);
  }
  return value;
}

function expectTarget(c: Validation, path: ConfigPath, value: unknown): ConfigTarget {
  const found = CONFIG_TARGETS.find((t) => t === value);
  if (found) return found;
  const expected = quoteList(CONFIG_TARGETS);
  if (typeof value === "string")
    throw unknownNameError(c.file, path, expected, "", value, CONFIG_TARGETS);
  throw valueError(c.file, path, expected, value);
}

/** A string, or a non-empty list of strings, as a list; `one` and `many` name them in errors ("a glob", "globs"). */
function expectStringOrList(
  c: Validation,
  path: ConfigPath,
  value: unknown,
  one: string,
  many: string,
): string[] {
  if (typeof value === "string") return [expectNonEmptyString(c, path, value)];
  if (!Array.isArray(value) || value.length === 0)
    throw valueError(c.file, path, `${one} or a non-empty list of ${many}`, value);
  return value.map((item, i) => expectNonEmptyString(c, [...path, i], item));
}

function expectBrands(c: Validation, path: ConfigPath, value: unknown): string[] {
  if (!Array.isArray(value)) throw valueError(c.file, path, "a list of brand names", value);
  return value.map((item, i) => expectNonEmptyString(c, [...path, i], item));
}

const SEVERITY_LIST = quoteList(CONFIG_SEVERITY_NAMES);

function expectSeverity(c: Validation, path: ConfigPath, value: unknown): ConfigSeverity {
  const found = CONFIG_SEVERITY_NAMES.find((s) => s === value);
  if (found) return toRuleSeverity(found);
  throw valueError(c.file, path, SEVERITY_LIST, value);
}

/** `"warn"`, `["warn"]` or `["warn", { ...options }]`. */
function expectRuleEntry(c: Validation, path: ConfigPath, value: unknown): RuleEntry {
  if (typeof value === "string") return { severity: expectSeverity(c, path, value) };
  if (!Array.isArray(value) || value.length < 1 || value.length > 2) {
    throw valueError(c.file, path, `${SEVERITY_LIST}, or [severity, options]`, value);
  }
  const severity = expectSeverity(c, [...path, 0], value[0]);
  if (value.length === 1) return { severity };
  if (!isObject(value[1]))
    throw valueError(c.file, [...path, 1], "an object of rule options", value[1]);
  validateRuleOptions(c, [...path, 1], String(path[path.length - 1]), value[1]);
  return { severity, options: value[1] };
}

function expectRules(c: Validation, path: ConfigPath, value: unknown): Record<string, RuleEntry> {
  const object = expectObject(c, path, value);
  const rules: Record<string, RuleEntry> = {};
  for (const [id, entry] of Object.entries(object)) {
    if (!c.knownRules.includes(id))
      throw unknownNameError(
        c.file,
        [...path, id],
        "a known rule id",
        "unknown rule",
        id,
        c.knownRules,
      );
    rules[id] = expectRuleEntry(c, [...path, id], entry);
  }
  return rules;
}

/** The settings shared by a config file and its overrides; only keys present in `object` are set. */
function readSettings(c: Validation, path: ConfigPath, object: JsonObject): ConfigSettings {
  const settings: ConfigSettings = {};
  if (has(object, "target")) settings.target = expectTarget(c, [...path, "target"], object.target);
  if (has(object, "budget"))
    settings.budget = expectPositiveInteger(c, [...path, "budget"], object.budget);
  if (has(object, "focusBudget"))
    settings.focusBudget = expectPositiveInteger(c, [...path, "focusBudget"], object.focusBudget);
  if (has(object, "brands")) settings.brands = expectBrands(c, [...path, "brands"], object.brands);
  if (has(object, "rules")) settings.rules = expectRules(c, [...path, "rules"], object.rules);
  return settings;
}

function readOverride(c: Validation, path: ConfigPath, value: unknown): ConfigOverride {
  const object = expectObject(c, path, value);
  validateKeys(c, path, object, OVERRIDE_KEYS);
  const files = expectStringOrList(c, [...path, "files"], object.files, "a glob", "globs");
  return { files, ...readSettings(c, path, object) };
}

function readOverrides(c: Validation, object: JsonObject): ConfigOverride[] {
  if (!has(object, "overrides")) return [];
  const value = object.overrides;
  if (!Array.isArray(value)) throw valueError(c.file, ["overrides"], "a list of overrides", value);
  return value.map((item, i) => readOverride(c, ["overrides", i], item));
}

function expectPrice(c: Validation, path: ConfigPath, value: unknown): PriceSetting {
  const object = expectObject(c, path, value);
  validateKeys(c, path, object, PRICE_KEYS);
  const price: PriceSetting = {};
  if (has(object, "date")) price.date = expectNonEmptyString(c, [...path, "date"], object.date);
  for (const key of ["perSecond", "perSecondAudio"] as const) {
    if (!has(object, key)) continue;
    const v = object[key];
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0)
      throw valueError(c.file, [...path, key], "US dollars per second (a number of 0 or more)", v);
    price[key] = v;
  }
  return price;
}

/** `prices`: fal endpoint → price; the endpoint is not checked against the table, so a new endpoint can be priced. */
function expectPrices(
  c: Validation,
  path: ConfigPath,
  value: unknown,
): Record<string, PriceSetting> {
  const object = expectObject(c, path, value);
  return Object.fromEntries(
    Object.entries(object).map(([endpoint, v]) => [
      endpoint,
      expectPrice(c, [...path, endpoint], v),
    ]),
  );
}

/**
 * Checks a parsed config file. Throws a ConfigError for the first problem;
 * `knownRules` are the rule ids a `rules` object may name; `ruleOptions`, the
 * schemas their options are checked against.
 */
export function validateConfig(
  raw: unknown,
  file: string,
  knownRules: readonly string[],
  ruleOptions: RuleOptionSchemas = {},
): KlingcConfigFile {
  const c: Validation = { file, knownRules, ruleOptions };
  const object = expectObject(c, [], raw);
  validateKeys(c, [], object, CONFIG_KEYS);
  const config: KlingcConfigFile = {
    extends: has(object, "extends")
      ? expectStringOrList(c, ["extends"], object.extends, "a path", "paths")
      : [],
    ...readSettings(c, [], object),
    overrides: readOverrides(c, object),
  };
  if (has(object, "$schema")) config.$schema = expectNonEmptyString(c, ["$schema"], object.$schema);
  if (has(object, "prices")) config.prices = expectPrices(c, ["prices"], object.prices);
  return config;
}

// ---------------------------------------------------------------------------
// CLI

/**
 * Parses a `--rule id:severity` flag. The entry has no options, so merging it
 * with `mergeConfigs(config, { rules: { [id]: entry } })` keeps configured options.
 */
export function parseRuleFlag(flag: string, knownRules: readonly string[]): [string, RuleEntry] {
  const file = "--rule";
  const colon = flag.lastIndexOf(":");
  if (colon <= 0) {
    throw valueError(file, [], `"rule-id:severity" with severity ${SEVERITY_LIST}`, flag);
  }
  const id = flag.slice(0, colon).trim();
  const severity = flag.slice(colon + 1).trim();
  const c: Validation = { file, knownRules, ruleOptions: {} };
  if (!knownRules.includes(id))
    throw unknownNameError(file, [id], "a known rule id", "unknown rule", id, knownRules);
  return [id, { severity: expectSeverity(c, [id], severity) }];
}
