/**
 * Checking what a library caller passes. The public functions take options
 * from JavaScript, where nothing stops a caller from passing `budget: "abc"`
 * or `target: "veo"`: every value is validated here, a bad one becomes an
 * `invalid-option` diagnostic (at the start of the file) and is ignored, so no
 * public function throws on its options.
 */
import { DOCS_BASE, makeDiagnostic, type Diagnostic, type Severity } from "./diagnostics.js";
import { analyzeParsed, type AnalyzeOptions, type AnalyzeResult } from "./analyze.js";
import { parse, type ParseOptions, type ParseResult } from "./parse.js";
import type { LineIndex } from "./positions.js";
import { didYouMean } from "./suggest.js";
import { isTargetId, TARGET_IDS, type TargetId } from "../targets/profiles.js";

/** A rule's severity in a config: a diagnostic severity, or "off" to turn the rule off. */
export type RuleSeverity = Severity | "off";

/** The part of a resolved configuration that compiling and linting read. */
export interface LintConfig {
  target?: TargetId;
  budget?: number;
  focusBudget?: number;
  brands?: string[];
  /**
   * Per rule id. The type is the resolved form; JavaScript callers may also
   * write a config file's form (`"off"`, `"warn"`, `["warn", { ...options }]`),
   * which checking turns into this one.
   */
  rules?: Record<string, { severity: RuleSeverity; options?: Record<string, unknown> }>;
}

/** Where the ids klingc reports about its own run (not about the text) are documented. */
export const RUN_DOCS = `${DOCS_BASE}README.md#diagnostics`;

const SEVERITIES: readonly RuleSeverity[] = ["error", "warning", "info", "off"];

/**
 * Whether `test` holds for every item of a caller's list, holes included:
 * every() skips the holes of a sparse array (`[,]`), which would then reach
 * the code as undefined.
 */
export function everyItem(
  list: readonly unknown[],
  test: (item: unknown, index: number) => boolean,
): boolean {
  for (let i = 0; i < list.length; i++) if (!test(list[i], i)) return false;
  return true;
}

/** Problems found while checking options; `where` names the option as the caller wrote it. */
export class OptionProblems {
  readonly messages: string[] = [];

  add(where: string, message: string): void {
    this.messages.push(
      where === ""
        ? `the options ${message}; they are ignored`
        : `option ${where} ${message}; it is ignored`,
    );
  }

  /** Each problem as an `invalid-option` error at the start of the file. */
  diagnostics(lines: LineIndex, filename: string | undefined): Diagnostic[] {
    return this.messages.map((message) =>
      makeDiagnostic(lines, filename, {
        ruleId: "invalid-option",
        severity: "error",
        message,
        start: 0,
        end: 0,
        url: RUN_DOCS,
      }),
    );
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** How a bad value is shown in a message: short, and never a throw (symbols, cycles, BigInt). */
export function show(value: unknown): string {
  if (typeof value === "string") return `'${value.length > 40 ? `${value.slice(0, 40)}…` : value}'`;
  if (
    typeof value === "number" ||
    typeof value === "boolean" ||
    typeof value === "bigint" ||
    value === undefined ||
    value === null
  )
    return String(value);
  if (Array.isArray(value)) return "an array";
  return `a ${typeof value}`;
}

/** The source text; anything else is read as an empty file. */
export function validateSource(source: unknown, problems: OptionProblems): string {
  if (typeof source === "string") return source;
  problems.messages.push(
    `the source must be a string, not ${show(source)}; it is read as an empty file`,
  );
  return "";
}

/** The options object itself: undefined is fine (no options), anything else but an object is reported. */
export function validateRecord(
  value: unknown,
  where: string,
  problems: OptionProblems,
): Record<string, unknown> {
  if (value === undefined) return {};
  if (isRecord(value)) return value;
  problems.add(where, `must be an object, not ${show(value)}`);
  return {};
}

export function validateFilename(value: unknown, problems: OptionProblems): string | undefined {
  if (value === undefined || typeof value === "string") return value;
  problems.add("filename", `must be a string, not ${show(value)}`);
  return undefined;
}

export function validateTarget(
  value: unknown,
  where: string,
  problems: OptionProblems,
): TargetId | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string" && isTargetId(value)) return value;
  problems.add(where, `must be one of ${TARGET_IDS.join(", ")}, not ${show(value)}`);
  return undefined;
}

/** A budget is a whole number of characters, at least 1. */
export function validatePositiveInteger(
  value: unknown,
  where: string,
  problems: OptionProblems,
): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 1) return value;
  problems.add(where, `must be a whole number of at least 1, not ${show(value)}`);
  return undefined;
}

function validateBrands(value: unknown, problems: OptionProblems): string[] | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value) && everyItem(value, (v) => typeof v === "string"))
    return value as string[];
  problems.add("config.brands", `must be an array of strings, not ${show(value)}`);
  return undefined;
}

/** Severities as a config file writes them; a library caller may also write the resolved "warning". */
export const RULE_SEVERITY_NAMES = ["off", "warn", "error", "info"] as const;
export type RuleSeverityName = (typeof RULE_SEVERITY_NAMES)[number];

/** A config file's severity name as a resolved severity: "warn" becomes the diagnostics' "warning". */
export function toRuleSeverity(name: RuleSeverityName): RuleSeverity {
  return name === "warn" ? "warning" : name;
}

/** The severity names `config.rules` takes: the config file's and the resolved ones. */
const SEVERITY_WORDS: readonly string[] = [
  ...new Set<string>([...RULE_SEVERITY_NAMES, ...SEVERITIES]),
];

function readSeverity(
  value: unknown,
  where: string,
  problems: OptionProblems,
): RuleSeverity | undefined {
  if (typeof value === "string" && SEVERITY_WORDS.includes(value))
    return value === "warn" ? "warning" : (value as RuleSeverity);
  problems.add(where, `must be one of ${SEVERITY_WORDS.join(", ")}, not ${show(value)}`);
  return undefined;
}

type RuleSetting = { severity: RuleSeverity; options?: Record<string, unknown> };

/** Options, when given, must be an object; bad ones are reported and the severity kept. */
function withOptions(
  severity: RuleSeverity,
  options: unknown,
  where: string,
  problems: OptionProblems,
): RuleSetting {
  if (options === undefined) return { severity };
  if (isRecord(options)) return { severity, options };
  problems.add(where, `must be an object, not ${show(options)}`);
  return { severity };
}

/**
 * One rule's setting, in the config file's form (`"warn"`, `["warn"]`,
 * `["warn", { ...options }]`) or the resolved form (`{ severity, options? }`),
 * so a JavaScript caller can copy a config file's `rules` as it is.
 */
function validateRuleSetting(
  id: string,
  value: unknown,
  problems: OptionProblems,
): RuleSetting | undefined {
  const where = `config.rules['${id}']`;
  if (typeof value === "string") {
    const severity = readSeverity(value, where, problems);
    return severity === undefined ? undefined : { severity };
  }
  if (Array.isArray(value) && (value.length === 1 || value.length === 2)) {
    const severity = readSeverity(value[0], `${where}[0]`, problems);
    return severity === undefined
      ? undefined
      : withOptions(severity, value[1], `${where}[1]`, problems);
  }
  if (isRecord(value)) {
    const severity = readSeverity(value["severity"], `${where}.severity`, problems);
    return severity === undefined
      ? undefined
      : withOptions(severity, value["options"], `${where}.options`, problems);
  }
  problems.add(
    where,
    `must be a severity (${SEVERITY_WORDS.join(", ")}), [severity, options?] or { severity, options? }, not ${show(value)}`,
  );
  return undefined;
}

/** An id `config.rules` names that is no rule, with the closest rule id when it looks like a typo. */
function unknownRule(id: string, knownRules: readonly string[]): string {
  const guess = didYouMean(id, knownRules);
  return `is an unknown rule${guess === undefined ? "" : ` (did you mean '${guess}'?)`}`;
}

/**
 * A config with every bad value reported and left out. `knownRules`, when
 * given, are the rule ids `rules` may name: another id is reported as an
 * unknown rule (its setting is not validated).
 */
export function validateLintConfig(
  value: unknown,
  problems: OptionProblems,
  knownRules?: readonly string[],
): LintConfig {
  const raw = validateRecord(value, "config", problems);
  const config: LintConfig = {};
  const target = validateTarget(raw["target"], "config.target", problems);
  if (target !== undefined) config.target = target;
  const budget = validatePositiveInteger(raw["budget"], "config.budget", problems);
  if (budget !== undefined) config.budget = budget;
  const focusBudget = validatePositiveInteger(raw["focusBudget"], "config.focusBudget", problems);
  if (focusBudget !== undefined) config.focusBudget = focusBudget;
  const brands = validateBrands(raw["brands"], problems);
  if (brands !== undefined) config.brands = brands;
  const rules = raw["rules"];
  if (rules === undefined) return config;
  if (!isRecord(rules)) {
    problems.add("config.rules", `must be an object of rule settings, not ${show(rules)}`);
    return config;
  }
  config.rules = {};
  for (const [id, setting] of Object.entries(rules)) {
    if (knownRules !== undefined && !knownRules.includes(id)) {
      problems.add(`config.rules['${id}']`, unknownRule(id, knownRules));
      continue;
    }
    const validated = validateRuleSetting(id, setting, problems);
    if (validated) config.rules[id] = validated;
  }
  return config;
}

/** Prepends the option problems to a result's diagnostics. */
function withProblems<T extends ParseResult>(
  result: T,
  problems: OptionProblems,
  filename: string | undefined,
): T {
  if (problems.messages.length === 0) return result;
  return {
    ...result,
    diagnostics: [...problems.diagnostics(result.lines, filename), ...result.diagnostics],
  };
}

function validateAnalyzeOptions(options: unknown, problems: OptionProblems): AnalyzeOptions {
  const raw = validateRecord(options, "", problems);
  const validated: AnalyzeOptions = {};
  const filename = validateFilename(raw["filename"], problems);
  if (filename !== undefined) validated.filename = filename;
  const target = validateTarget(raw["target"], "target", problems);
  if (target !== undefined) validated.target = target;
  return validated;
}

/** The public `parse`: options validated, never a throw. */
export function parseValidated(source: string, options?: ParseOptions): ParseResult {
  const problems = new OptionProblems();
  const text = validateSource(source, problems);
  const raw = validateRecord(options, "", problems);
  const filename = validateFilename(raw["filename"], problems);
  return withProblems(parse(text, filename === undefined ? {} : { filename }), problems, filename);
}

/** The public `analyze`: options validated, never a throw. */
export function analyzeValidated(source: string, options?: AnalyzeOptions): AnalyzeResult {
  const problems = new OptionProblems();
  const text = validateSource(source, problems);
  const validated = validateAnalyzeOptions(options, problems);
  return withProblems(
    analyzeParsed(parse(text, validated), validated),
    problems,
    validated.filename,
  );
}
