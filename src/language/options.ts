/**
 * Checking what a library caller passes. The public functions take options
 * from JavaScript, where nothing stops a caller from passing `budget: "abc"`
 * or `target: "veo"`: every value is checked here, a bad one becomes an
 * `invalid-option` diagnostic (at the start of the file) and is ignored, so no
 * public function throws on its options.
 */
import { DOCS_BASE, makeDiagnostic, type Diagnostic, type Severity } from "./diagnostics.js";
import { analyzeParsed, type AnalyzeOptions, type AnalyzeResult } from "./analyze.js";
import { parse, type ParseOptions, type ParseResult } from "./parse.js";
import type { LineIndex } from "./positions.js";
import { isTargetId, TARGET_IDS, type TargetId } from "../targets/profiles.js";

/** A rule's severity in a config: a diagnostic severity, or "off" to turn the rule off. */
export type RuleSeverity = Severity | "off";

/** The part of a resolved configuration that compiling and linting read. */
export interface LintConfig {
  target?: TargetId;
  budget?: number;
  focusBudget?: number;
  brands?: string[];
  rules?: Record<string, { severity: RuleSeverity; options?: Record<string, unknown> }>;
}

/** Where the ids klingc reports about its own run (not about the text) are documented. */
export const RUN_DOCS = `${DOCS_BASE}README.md#diagnostics`;

const SEVERITIES: readonly RuleSeverity[] = ["error", "warning", "info", "off"];

/** Problems found while checking options; `where` names the option as the caller wrote it. */
export class OptionProblems {
  readonly messages: string[] = [];

  add(where: string, message: string): void {
    this.messages.push(where === "" ? `the options ${message}; they are ignored` : `option ${where} ${message}; it is ignored`);
  }

  /** Each problem as an `invalid-option` error at the start of the file. */
  diagnostics(lines: LineIndex, filename: string | undefined): Diagnostic[] {
    return this.messages.map((message) => makeDiagnostic(lines, filename, { ruleId: "invalid-option", severity: "error", message, start: 0, end: 0, url: RUN_DOCS }));
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** How a bad value is shown in a message: short, and never a throw (symbols, cycles, BigInt). */
export function show(value: unknown): string {
  if (typeof value === "string") return `'${value.length > 40 ? `${value.slice(0, 40)}…` : value}'`;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint" || value === undefined || value === null) return String(value);
  if (Array.isArray(value)) return "an array";
  return `a ${typeof value}`;
}

/** The source text; anything else is read as an empty file. */
export function checkSource(source: unknown, problems: OptionProblems): string {
  if (typeof source === "string") return source;
  problems.messages.push(`the source must be a string, not ${show(source)}; it is read as an empty file`);
  return "";
}

/** The options object itself: undefined is fine (no options), anything else but an object is reported. */
export function checkRecord(value: unknown, where: string, problems: OptionProblems): Record<string, unknown> {
  if (value === undefined) return {};
  if (isRecord(value)) return value;
  problems.add(where, `must be an object, not ${show(value)}`);
  return {};
}

export function checkFilename(value: unknown, problems: OptionProblems): string | undefined {
  if (value === undefined || typeof value === "string") return value;
  problems.add("filename", `must be a string, not ${show(value)}`);
  return undefined;
}

export function checkTarget(value: unknown, where: string, problems: OptionProblems): TargetId | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string" && isTargetId(value)) return value;
  problems.add(where, `must be one of ${TARGET_IDS.join(", ")}, not ${show(value)}`);
  return undefined;
}

/** A budget is a whole number of characters, at least 1. */
export function checkPositiveInteger(value: unknown, where: string, problems: OptionProblems): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 1) return value;
  problems.add(where, `must be a whole number of at least 1, not ${show(value)}`);
  return undefined;
}

function checkBrands(value: unknown, problems: OptionProblems): string[] | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value;
  problems.add("config.brands", `must be an array of strings, not ${show(value)}`);
  return undefined;
}

function checkRuleSetting(id: string, value: unknown, problems: OptionProblems): { severity: RuleSeverity; options?: Record<string, unknown> } | undefined {
  const where = `config.rules['${id}']`;
  if (!isRecord(value)) {
    problems.add(where, `must be { severity, options? }, not ${show(value)}`);
    return undefined;
  }
  const severity = value["severity"];
  if (typeof severity !== "string" || !(SEVERITIES as readonly string[]).includes(severity)) {
    problems.add(`${where}.severity`, `must be one of ${SEVERITIES.join(", ")}, not ${show(severity)}`);
    return undefined;
  }
  const options = value["options"];
  if (options !== undefined && !isRecord(options)) {
    problems.add(`${where}.options`, `must be an object, not ${show(options)}`);
    return { severity: severity as RuleSeverity };
  }
  return options === undefined ? { severity: severity as RuleSeverity } : { severity: severity as RuleSeverity, options };
}

/** A config with every bad value reported and left out. */
export function checkConfig(value: unknown, problems: OptionProblems): LintConfig {
  const raw = checkRecord(value, "config", problems);
  const config: LintConfig = {};
  const target = checkTarget(raw["target"], "config.target", problems);
  if (target !== undefined) config.target = target;
  const budget = checkPositiveInteger(raw["budget"], "config.budget", problems);
  if (budget !== undefined) config.budget = budget;
  const focusBudget = checkPositiveInteger(raw["focusBudget"], "config.focusBudget", problems);
  if (focusBudget !== undefined) config.focusBudget = focusBudget;
  const brands = checkBrands(raw["brands"], problems);
  if (brands !== undefined) config.brands = brands;
  const rules = raw["rules"];
  if (rules === undefined) return config;
  if (!isRecord(rules)) {
    problems.add("config.rules", `must be an object of rule settings, not ${show(rules)}`);
    return config;
  }
  config.rules = {};
  for (const [id, setting] of Object.entries(rules)) {
    const checked = checkRuleSetting(id, setting, problems);
    if (checked) config.rules[id] = checked;
  }
  return config;
}

/** Prepends the option problems to a result's diagnostics. */
function withProblems<T extends ParseResult>(result: T, problems: OptionProblems, filename: string | undefined): T {
  if (problems.messages.length === 0) return result;
  return { ...result, diagnostics: [...problems.diagnostics(result.lines, filename), ...result.diagnostics] };
}

function checkAnalyzeOptions(options: unknown, problems: OptionProblems): AnalyzeOptions {
  const raw = checkRecord(options, "", problems);
  const checked: AnalyzeOptions = {};
  const filename = checkFilename(raw["filename"], problems);
  if (filename !== undefined) checked.filename = filename;
  const target = checkTarget(raw["target"], "target", problems);
  if (target !== undefined) checked.target = target;
  return checked;
}

/** The public `parse`: options checked, never a throw. */
export function parseChecked(source: string, options?: ParseOptions): ParseResult {
  const problems = new OptionProblems();
  const text = checkSource(source, problems);
  const raw = checkRecord(options, "", problems);
  const filename = checkFilename(raw["filename"], problems);
  return withProblems(parse(text, filename === undefined ? {} : { filename }), problems, filename);
}

/** The public `analyze`: options checked, never a throw. */
export function analyzeChecked(source: string, options?: AnalyzeOptions): AnalyzeResult {
  const problems = new OptionProblems();
  const text = checkSource(source, problems);
  const checked = checkAnalyzeOptions(options, problems);
  return withProblems(analyzeParsed(parse(text, checked), checked), problems, checked.filename);
}
