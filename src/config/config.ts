/**
 * klingc configuration: validation, merging and per-file resolution.
 *
 * Pure on purpose (no file system, no `node:` imports) so editors, a web
 * playground and tests can use it on text they already hold. Reading files and
 * walking directories lives in `src/node/config-files.ts`.
 *
 * Config files are JSON only and nothing in them is executed.
 */
import { didYouMean as closest } from "../language/suggest.js";
import * as jsonc from "jsonc-parser";
import picomatch from "picomatch/posix.js";
import { LineIndex } from "../language/positions.js";
import { TARGET_IDS, type TargetId } from "../targets/profiles.js";

/** Looked for in this order; in one directory the first wins. */
export const CONFIG_FILE_NAMES = ["klingc.config.json", ".klingcrc.json"] as const;

/** The targets a config may name: the same list as the target profiles, so the two cannot drift. */
export const CONFIG_TARGETS = TARGET_IDS;
export type ConfigTarget = TargetId;

/** Severities as written in a config file or a `--rule` flag. */
export const CONFIG_SEVERITY_NAMES = ["off", "warn", "error", "info"] as const;
export type ConfigSeverityName = (typeof CONFIG_SEVERITY_NAMES)[number];

/** Severities after loading: "warn" becomes the diagnostics' "warning". */
export type ConfigSeverity = "off" | "warning" | "error" | "info";

/** Keys allowed at the top level of a config file. */
export const CONFIG_KEYS = [
  "$schema",
  "extends",
  "target",
  "budget",
  "focusBudget",
  "brands",
  "rules",
  "overrides",
] as const;

/** Keys allowed in one entry of `overrides`. */
export const OVERRIDE_KEYS = ["files", "target", "budget", "focusBudget", "brands", "rules"] as const;

export type RuleOptions = Record<string, unknown>;

/** A rule entry as written: options are absent when only a severity was given. */
export interface RuleEntry {
  severity: ConfigSeverity;
  options?: RuleOptions;
}

/** A rule after merging: always has options (empty when none were configured). */
export interface RuleSetting {
  severity: ConfigSeverity;
  options: RuleOptions;
}

/** The settings a config file or one of its overrides may set; absent means "not set here". */
export interface ConfigSettings {
  target?: ConfigTarget;
  budget?: number;
  focusBudget?: number;
  brands?: string[];
  rules?: Record<string, RuleEntry>;
}

export interface ConfigOverride extends ConfigSettings {
  /** Globs (posix), matched against the linted file's path relative to the declaring config's directory. */
  files: string[];
}

/** A validated config file; `extends` and `files` are always lists here, whatever form the file used. */
export interface KlingcConfigFile extends ConfigSettings {
  $schema?: string;
  extends: string[];
  overrides: ConfigOverride[];
}

/** What a linted file ends up with. */
export interface ResolvedConfig {
  target?: ConfigTarget;
  budget?: number;
  focusBudget?: number;
  brands: string[];
  rules: Record<string, RuleSetting>;
}

/** A validated config file with its `extends` already loaded (in the order listed). */
export interface LoadedConfig {
  /** Path of the config file, as it was read. */
  file: string;
  /** Directory of the config file: override globs are relative to it. */
  dir: string;
  config: KlingcConfigFile;
  bases: LoadedConfig[];
}

/** A segment list such as `["overrides", 0, "files"]`. */
export type ConfigPath = readonly (string | number)[];

export interface ConfigErrorDetails {
  file: string;
  path: ConfigPath;
  expected: string;
  /** The part of the message after the file and key, e.g. `expected a positive integer, got 0`. */
  detail: string;
  suggestion?: string;
  line?: number;
  column?: number;
}

/**
 * A config that cannot be used. `key` is the JSON path of the offending value
 * (`rules.limb-guidance`, `overrides[0].files`; empty for the whole file) and
 * `expected` says what would have been accepted, so editors and the CLI can
 * point at the exact spot.
 */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  readonly file: string;
  readonly key: string;
  readonly path: ConfigPath;
  readonly expected: string;
  /** The closest known name, when the value looks like a typo of one. */
  readonly suggestion: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  private readonly details: ConfigErrorDetails;

  constructor(details: ConfigErrorDetails) {
    super(formatConfigError(details));
    this.details = details;
    this.file = details.file;
    this.path = details.path;
    this.key = formatKey(details.path);
    this.expected = details.expected;
    this.suggestion = details.suggestion;
    this.line = details.line;
    this.column = details.column;
  }

  /** The same error, pointing at a line and column of the file. */
  at(line: number, column: number): ConfigError {
    return new ConfigError({ ...this.details, line, column });
  }
}

function formatConfigError(d: ConfigErrorDetails): string {
  const place = d.line === undefined ? d.file : `${d.file}:${d.line}:${d.column ?? 1}`;
  const key = formatKey(d.path);
  return key ? `${place}: ${key}: ${d.detail}` : `${place}: ${d.detail}`;
}

/** `["overrides", 0, "files"]` → `overrides[0].files`. */
export function formatKey(path: ConfigPath): string {
  let key = "";
  for (const segment of path) {
    if (typeof segment === "number") key += `[${segment}]`;
    else key += key ? `.${segment}` : segment;
  }
  return key;
}

// ---------------------------------------------------------------------------
// Errors

function valueError(file: string, path: ConfigPath, expected: string, value: unknown): ConfigError {
  return new ConfigError({ file, path, expected, detail: `expected ${expected}, got ${describe(value)}` });
}

/** For a name that is not one of `known` (`what` names its kind, e.g. "unknown key"): adds a did-you-mean when one is close. */
function unknownNameError(file: string, path: ConfigPath, expected: string, what: string, name: string, known: readonly string[]): ConfigError {
  const suggestion = closest(name, known);
  const hint = suggestion === undefined ? "" : ` (did you mean "${suggestion}"?)`;
  const detail = `expected ${expected}, got ${what ? `${what} ` : ""}${JSON.stringify(name)}${hint}`;
  return new ConfigError(suggestion === undefined ? { file, path, expected, detail } : { file, path, expected, detail, suggestion });
}

/** A short, one-line description of a JSON value for messages. */
function describe(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? "an empty array" : "an array";
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  if (typeof value === "object") return "an object";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** `"a", "b" or "c"` */
function quoteList(values: readonly string[]): string {
  const quoted = values.map((v) => JSON.stringify(v));
  const last = quoted.pop();
  return quoted.length === 0 ? (last ?? "") : `${quoted.join(", ")} or ${last}`;
}

// ---------------------------------------------------------------------------
// JSON text

/** Parser error codes in words (jsonc-parser names them; its enum is const, so we go by name). */
const JSON_PROBLEMS: Record<string, string> = {
  InvalidSymbol: "unexpected character",
  InvalidNumberFormat: "invalid number",
  PropertyNameExpected: "expected a double-quoted property name",
  ValueExpected: "expected a value",
  ColonExpected: "expected ':'",
  CommaExpected: "expected ','",
  CloseBraceExpected: "expected '}'",
  CloseBracketExpected: "expected ']'",
  EndOfFileExpected: "expected the end of the file",
  InvalidCommentToken: "comments are not allowed in JSON",
  UnexpectedEndOfComment: "unterminated comment",
  UnexpectedEndOfString: "unterminated string",
  UnexpectedEndOfNumber: "unterminated number",
  InvalidUnicode: "invalid unicode escape",
  InvalidEscapeCharacter: "invalid escape character",
  InvalidCharacter: "invalid character in string",
};

const STRICT_JSON = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false };

/** A leading byte-order mark is common in files saved on Windows and is not a syntax error worth reporting. */
function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * `JSON.parse`, with a syntax error turned into a ConfigError at its line and
 * column. `JSON.parse`'s own messages do not always carry a position, so the
 * position comes from a second, error-tolerant parse.
 */
export function parseConfigJson(text: string, file: string): unknown {
  const source = stripBom(text);
  try {
    return JSON.parse(source) as unknown;
  } catch (error) {
    throw jsonSyntaxError(source, file, error);
  }
}

/** The most common hand-editing mistake gets a message of its own. */
function isTrailingComma(source: string, offset: number): boolean {
  return (source[offset] === "}" || source[offset] === "]") && /,\s*$/.test(source.slice(0, offset));
}

/** A JSON parse error in words (shared with `klingc migrate`, which reads request bodies). */
export function describeJsonError(source: string, error: jsonc.ParseError): string {
  return isTrailingComma(source, error.offset)
    ? "trailing commas are not allowed in JSON"
    : (JSON_PROBLEMS[jsonc.printParseErrorCode(error.error)] ?? "syntax error");
}

function jsonSyntaxError(source: string, file: string, error: unknown): ConfigError {
  const expected = "valid JSON";
  const errors: jsonc.ParseError[] = [];
  jsonc.parse(source, errors, STRICT_JSON);
  const first = errors[0];
  if (!first) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return new ConfigError({ file, path: [], expected, detail: `invalid JSON: ${reason}` });
  }
  const problem = describeJsonError(source, first);
  const { line, column } = new LineIndex(source).point(first.offset);
  return new ConfigError({ file, path: [], expected, detail: `invalid JSON: ${problem}`, line, column });
}

/** Parses and validates a config file's text; validation errors point at the line of the offending key. */
export function parseConfigText(text: string, file: string, knownRules: readonly string[], ruleOptions: RuleOptionSchemas = {}): KlingcConfigFile {
  const raw = parseConfigJson(text, file);
  try {
    return validateConfig(raw, file, knownRules, ruleOptions);
  } catch (error) {
    if (error instanceof ConfigError) throw locateConfigError(error, stripBom(text));
    throw error;
  }
}

/** The node at `path`, or at its longest existing prefix (a missing key is reported at the object lacking it). */
function nearestNode(root: jsonc.Node, path: ConfigPath): jsonc.Node | undefined {
  for (let length = path.length; length > 0; length--) {
    const node = jsonc.findNodeAtLocation(root, path.slice(0, length));
    if (node) return node;
  }
  return undefined;
}

/** Adds the line and column of the error's key in `text`, when it can be found. */
export function locateConfigError(error: ConfigError, text: string): ConfigError {
  const root = jsonc.parseTree(text);
  const node = root && nearestNode(root, error.path);
  if (!node) return error;
  // Point at the property name rather than its value: unknown keys are the name's fault.
  const offset = node.parent?.type === "property" ? node.parent.offset : node.offset;
  const { line, column } = new LineIndex(text).point(offset);
  return error.at(line, column);
}

// ---------------------------------------------------------------------------
// Validation

interface Checker {
  file: string;
  knownRules: readonly string[];
  ruleOptions: RuleOptionSchemas;
}

/** The part of JSON Schema a rule's `meta.options` uses: an object of typed, bounded properties. */
export interface OptionSchema {
  type?: "object";
  properties?: Record<string, { type?: "integer" | "number" | "string" | "boolean"; minimum?: number; description?: string }>;
  additionalProperties?: boolean;
}

/** Rule id → the schema of its options (from the rules' metas). */
export type RuleOptionSchemas = Readonly<Record<string, OptionSchema>>;

const TYPE_WORDS = { integer: "a whole number", number: "a number", string: "a string", boolean: "true or false" } as const;

function fitsType(value: unknown, type: keyof typeof TYPE_WORDS | undefined): boolean {
  if (type === "integer") return Number.isInteger(value);
  if (type === "number") return typeof value === "number" && Number.isFinite(value);
  if (type === "string" || type === "boolean") return typeof value === type;
  return true;
}

/** A rule's options against its schema, so a mistyped option is an error and not silently ignored. */
function checkRuleOptions(c: Checker, path: ConfigPath, id: string, options: JsonObject): void {
  const schema = c.ruleOptions[id];
  if (!schema) return;
  const properties = schema.properties ?? {};
  const names = Object.keys(properties);
  for (const [name, value] of Object.entries(options)) {
    const property = properties[name];
    if (!property) {
      if (schema.additionalProperties === false) {
        throw unknownNameError(c.file, [...path, name], names.length > 0 ? `an option of ${id} (${names.join(", ")})` : `no options: ${id} takes none`, "unknown option", name, names);
      }
      continue;
    }
    const min = property.minimum;
    if (!fitsType(value, property.type) || (min !== undefined && typeof value === "number" && value < min)) {
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

function expectObject(c: Checker, path: ConfigPath, value: unknown): JsonObject {
  if (!isObject(value)) throw valueError(c.file, path, "an object", value);
  return value;
}

/** Unknown keys are errors: a misspelt setting must not be silently ignored. */
function checkKeys(c: Checker, path: ConfigPath, object: JsonObject, allowed: readonly string[]): void {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) {
      throw unknownNameError(c.file, [...path, key], `one of ${quoteList(allowed)}`, "unknown key", key, allowed);
    }
  }
}

function expectNonEmptyString(c: Checker, path: ConfigPath, value: unknown): string {
  if (typeof value !== "string" || value.trim() === "") throw valueError(c.file, path, "a non-empty string", value);
  return value;
}

function expectPositiveInteger(c: Checker, path: ConfigPath, value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value <= 0) {
    throw valueError(c.file, path, "a positive integer", value);
  }
  return value;
}

function expectTarget(c: Checker, path: ConfigPath, value: unknown): ConfigTarget {
  const found = CONFIG_TARGETS.find((t) => t === value);
  if (found) return found;
  const expected = quoteList(CONFIG_TARGETS);
  if (typeof value === "string") throw unknownNameError(c.file, path, expected, "", value, CONFIG_TARGETS);
  throw valueError(c.file, path, expected, value);
}

/** A string, or a non-empty list of strings, as a list; `one` and `many` name them in errors ("a glob", "globs"). */
function expectStringOrList(c: Checker, path: ConfigPath, value: unknown, one: string, many: string): string[] {
  if (typeof value === "string") return [expectNonEmptyString(c, path, value)];
  if (!Array.isArray(value) || value.length === 0) throw valueError(c.file, path, `${one} or a non-empty list of ${many}`, value);
  return value.map((item, i) => expectNonEmptyString(c, [...path, i], item));
}

function expectBrands(c: Checker, path: ConfigPath, value: unknown): string[] {
  if (!Array.isArray(value)) throw valueError(c.file, path, "a list of brand names", value);
  return value.map((item, i) => expectNonEmptyString(c, [...path, i], item));
}

const SEVERITY_LIST = quoteList(CONFIG_SEVERITY_NAMES);

function toSeverity(name: ConfigSeverityName): ConfigSeverity {
  return name === "warn" ? "warning" : name;
}

function expectSeverity(c: Checker, path: ConfigPath, value: unknown): ConfigSeverity {
  const found = CONFIG_SEVERITY_NAMES.find((s) => s === value);
  if (found) return toSeverity(found);
  throw valueError(c.file, path, SEVERITY_LIST, value);
}

/** `"warn"`, `["warn"]` or `["warn", { ...options }]`. */
function expectRuleEntry(c: Checker, path: ConfigPath, value: unknown): RuleEntry {
  if (typeof value === "string") return { severity: expectSeverity(c, path, value) };
  if (!Array.isArray(value) || value.length < 1 || value.length > 2) {
    throw valueError(c.file, path, `${SEVERITY_LIST}, or [severity, options]`, value);
  }
  const severity = expectSeverity(c, [...path, 0], value[0]);
  if (value.length === 1) return { severity };
  if (!isObject(value[1])) throw valueError(c.file, [...path, 1], "an object of rule options", value[1]);
  checkRuleOptions(c, [...path, 1], String(path[path.length - 1]), value[1]);
  return { severity, options: value[1] };
}

function expectRules(c: Checker, path: ConfigPath, value: unknown): Record<string, RuleEntry> {
  const object = expectObject(c, path, value);
  const rules: Record<string, RuleEntry> = {};
  for (const [id, entry] of Object.entries(object)) {
    if (!c.knownRules.includes(id)) throw unknownNameError(c.file, [...path, id], "a known rule id", "unknown rule", id, c.knownRules);
    rules[id] = expectRuleEntry(c, [...path, id], entry);
  }
  return rules;
}

/** The settings shared by a config file and its overrides; only keys present in `object` are set. */
function readSettings(c: Checker, path: ConfigPath, object: JsonObject): ConfigSettings {
  const settings: ConfigSettings = {};
  if (has(object, "target")) settings.target = expectTarget(c, [...path, "target"], object.target);
  if (has(object, "budget")) settings.budget = expectPositiveInteger(c, [...path, "budget"], object.budget);
  if (has(object, "focusBudget")) settings.focusBudget = expectPositiveInteger(c, [...path, "focusBudget"], object.focusBudget);
  if (has(object, "brands")) settings.brands = expectBrands(c, [...path, "brands"], object.brands);
  if (has(object, "rules")) settings.rules = expectRules(c, [...path, "rules"], object.rules);
  return settings;
}

function readOverride(c: Checker, path: ConfigPath, value: unknown): ConfigOverride {
  const object = expectObject(c, path, value);
  checkKeys(c, path, object, OVERRIDE_KEYS);
  const files = expectStringOrList(c, [...path, "files"], object.files, "a glob", "globs");
  return { files, ...readSettings(c, path, object) };
}

function readOverrides(c: Checker, object: JsonObject): ConfigOverride[] {
  if (!has(object, "overrides")) return [];
  const value = object.overrides;
  if (!Array.isArray(value)) throw valueError(c.file, ["overrides"], "a list of overrides", value);
  return value.map((item, i) => readOverride(c, ["overrides", i], item));
}

/**
 * Checks a parsed config file. Throws a ConfigError for the first problem;
 * `knownRules` are the rule ids a `rules` object may name; `ruleOptions`, the
 * schemas their options are checked against.
 */
export function validateConfig(raw: unknown, file: string, knownRules: readonly string[], ruleOptions: RuleOptionSchemas = {}): KlingcConfigFile {
  const c: Checker = { file, knownRules, ruleOptions };
  const object = expectObject(c, [], raw);
  checkKeys(c, [], object, CONFIG_KEYS);
  const config: KlingcConfigFile = {
    extends: has(object, "extends") ? expectStringOrList(c, ["extends"], object.extends, "a path", "paths") : [],
    ...readSettings(c, [], object),
    overrides: readOverrides(c, object),
  };
  if (has(object, "$schema")) config.$schema = expectNonEmptyString(c, ["$schema"], object.$schema);
  return config;
}

// ---------------------------------------------------------------------------
// Merging

/** A fresh config with nothing set. */
export function emptyConfig(): ResolvedConfig {
  return { brands: [], rules: {} };
}

/** Appends brands, dropping ones already present in any letter case; the first spelling stays. */
function mergeBrands(base: readonly string[], added: readonly string[]): string[] {
  const seen = new Set(base.map((b) => b.toLowerCase()));
  const brands = [...base];
  for (const brand of added) {
    if (seen.has(brand.toLowerCase())) continue;
    seen.add(brand.toLowerCase());
    brands.push(brand);
  }
  return brands;
}

/** Per rule; a later entry with options replaces the options, a severity-only entry keeps them. */
function mergeRules(base: Record<string, RuleSetting>, over: Record<string, RuleEntry>): Record<string, RuleSetting> {
  const rules = { ...base };
  for (const [id, entry] of Object.entries(over)) {
    rules[id] = { severity: entry.severity, options: entry.options ?? base[id]?.options ?? {} };
  }
  return rules;
}

/** `over` on top of `base`: scalars in `over` win, brands append, rules merge per rule. */
export function mergeConfigs(base: ResolvedConfig, over: ConfigSettings): ResolvedConfig {
  const merged: ResolvedConfig = {
    brands: mergeBrands(base.brands, over.brands ?? []),
    rules: mergeRules(base.rules, over.rules ?? {}),
  };
  const target = over.target ?? base.target;
  const budget = over.budget ?? base.budget;
  const focusBudget = over.focusBudget ?? base.focusBudget;
  if (target !== undefined) merged.target = target;
  if (budget !== undefined) merged.budget = budget;
  if (focusBudget !== undefined) merged.focusBudget = focusBudget;
  return merged;
}

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
  return globs.some((glob) => picomatch.isMatch(glob.includes("/") ? relativePath : name, glob, { dot: true }));
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
  return layersFor(loaded, filePath).reduce<ResolvedConfig>((config, layer) => mergeConfigs(config, layer), emptyConfig());
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
  const c: Checker = { file, knownRules, ruleOptions: {} };
  if (!knownRules.includes(id)) throw unknownNameError(file, [id], "a known rule id", "unknown rule", id, knownRules);
  return [id, { severity: expectSeverity(c, [id], severity) }];
}
