import { RULES } from "../../rules/index.js";
import { compileScenes, type CompiledScenes, type ScenesOptions } from "../emit/scenes.js";
import { emptyFileDiagnostics, packingSeverity } from "../emit/compile.js";
import type { RuleOptionSchemas } from "../config/config.js";
import {
  compareDiagnostics,
  LANGUAGE_IDS,
  makeDiagnostic,
  type Diagnostic,
  type Severity,
} from "../language/diagnostics.js";
import {
  validateLintConfig,
  validateFilename,
  validateRecord,
  validateSource,
  isRecord,
  OptionProblems,
  RUN_DOCS,
  show,
  type LintConfig,
  type RuleSeverity,
} from "../language/options.js";
import { DEFAULT_FOCUS_BUDGET } from "./defaults.js";
import { indexDirectives, isSilenced, readDirectives, type Directive } from "./directives.js";
import { collectUniqueSections } from "./literals.js";
import type { LintSettings, Report, Rule, RuleContext } from "./rule.js";

export type { LintConfig, RuleSeverity };

/** Options of `lint` and `fix`. */
export interface LintOptions {
  filename?: string;
  config?: LintConfig;
  /** Report `klingc-disable` comments that silenced nothing. */
  reportUnusedDirectives?: boolean;
  /** The rules to run (default: all of klingc's). */
  rules?: readonly Rule[];
}

export { DEFAULT_FOCUS_BUDGET };

/** Ids the parser and analysis report; they are not rules and cannot be turned off. */
export const CORE_IDS = LANGUAGE_IDS;

/** The ids of klingc's own lint rules, in registry order (what a config's `rules` may name besides custom rules). */
export const RULE_IDS: readonly string[] = RULES.map((r) => r.meta.id);

/** Each rule's options schema, for checking configs. */
export const RULE_OPTIONS: RuleOptionSchemas = Object.fromEntries(
  RULES.map((r) => [r.meta.id, r.meta.options]),
);

export function sceneOptions(options: LintOptions): ScenesOptions {
  const result: ScenesOptions = {};
  if (options.filename !== undefined) result.filename = options.filename;
  if (options.config?.target !== undefined) result.target = options.config.target;
  if (options.config?.budget !== undefined) result.budget = options.config.budget;
  result.packingSeverity = packingSeverity(options.config);
  // klingc's rules read neither a scene's request nor why it has none; a custom rule may.
  if (options.rules === undefined) result.requests = false;
  return result;
}

/**
 * Analysis diagnostics plus every enabled rule's, minus what directives silence, in source order.
 * `built` is what `compileScenes` (or the CLI's compile) made of `source`, so a file is parsed once.
 * The options are taken as validated (`lint` validates a caller's).
 */
export function lintCompiled(
  source: string,
  built: CompiledScenes,
  options: LintOptions = {},
): Diagnostic[] {
  const { analysis } = built;
  const settings: LintSettings = {
    brands: options.config?.brands ?? [],
    focusBudget: options.config?.focusBudget ?? DEFAULT_FOCUS_BUDGET,
    target: options.config?.target,
    budget: options.config?.budget,
  };
  const found: Diagnostic[] = [...analysis.diagnostics];
  runRules(
    options.rules ?? RULES,
    { source, built, settings, filename: options.filename, config: options.config },
    found,
  );
  const directives = readDirectives(analysis.ast.comments, source, analysis.lines);
  // Most files have no directive: nothing to silence, nothing to report about them.
  const kept = directives.length === 0 ? found : silence(found, directives);
  // Loops, not push(...list): a list may be longer than a call takes arguments.
  if (directives.length > 0)
    for (const d of directiveProblems(directives, built, options)) kept.push(d);
  for (const d of emptyFileDiagnostics(built, options.filename)) kept.push(d);
  return kept.sort(compareDiagnostics);
}

function silence(found: readonly Diagnostic[], directives: readonly Directive[]): Diagnostic[] {
  const index = indexDirectives(directives);
  // The language's errors and a rule that failed are never silenced: compile refuses the scene all the same,
  // so a silenced one would leave lint passing a file that klingc FILE and render refuse.
  return found.filter((d) => UNSILENCED.has(d.ruleId) || !isSilenced(d, index));
}

const UNSILENCED: ReadonlySet<string> = new Set([...LANGUAGE_IDS, "rule-error"]);

interface RunShared {
  source: string;
  built: CompiledScenes;
  settings: LintSettings;
  filename: string | undefined;
  config: LintConfig | undefined;
}

/** Where a report points (LineIndex clamps it into the text); a position that is no number is the rule's bug. */
function reportedSpan(at: Report["at"]): { start: number; end: number } {
  const start = at.position.start.offset;
  const end = at.position.end.offset;
  if (!Number.isFinite(start) || !Number.isFinite(end))
    throw new Error(
      `it reported a position that is not in the file (${show(start)} to ${show(end)})`,
    );
  return { start, end };
}

/**
 * Runs every enabled rule. A rule that throws (a custom rule, or a bug) loses
 * what it reported and becomes one `rule-error` naming it and the file; the
 * others still run. The rules share one context (only `options` and where
 * `report` files a report change from rule to rule): lint runs on every file
 * of a project, and a context per rule and file cost more than most rules.
 */
function runRules(rules: readonly Rule[], shared: RunShared, out: Diagnostic[]): void {
  const { source, built, settings, filename, config } = shared;
  const { analysis } = built;
  // The rule running now, its severity and what it reported (a list made at its first report: most report nothing).
  let running: Rule | null = null;
  let severity: Severity = "error";
  let reported: Diagnostic[] | null = null;
  const context: Mutable<RuleContext> = {
    source,
    filename,
    lines: analysis.lines,
    ast: analysis.ast,
    project: analysis.project,
    scenes: analysis.scenes,
    compiled: built.scenes,
    packing: built.packing,
    sections: collectUniqueSections(analysis),
    options: {},
    settings,
    report: ({ at, message, fix, related }) => {
      // A report after its rule returned has no rule to go with: it is dropped, as it always was.
      if (running === null) return;
      const { start, end } = reportedSpan(at);
      const input = { ruleId: running.meta.id, severity, message: String(message), start, end };
      const places = related?.map((r) => ({ message: r.message, ...reportedSpan(r.at) }));
      (reported ??= []).push(
        makeDiagnostic(analysis.lines, filename, {
          ...input,
          ...(fix ? { fix } : {}),
          ...(running.meta.url ? { url: running.meta.url } : {}),
          ...(places ? { related: places } : {}),
        }),
      );
    },
  };
  // An indexed loop, as in the rules' loops over a file's parts: lint runs it for every file, mostly before V8
  // optimizes it, and the interpreter steps a for-of through an iterator object.
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i] as Rule;
    const setting = config?.rules?.[rule.meta.id];
    const ruleSeverity = setting?.severity ?? rule.meta.severity;
    if (ruleSeverity === "off") continue;
    running = rule;
    severity = ruleSeverity;
    reported = null;
    context.options = setting?.options ?? {};
    try {
      rule.check(context);
      // `report` sets the list; TypeScript does not follow the call into it.
      if (reported !== null) for (const d of reported as Diagnostic[]) out.push(d);
    } catch (error) {
      const why = error instanceof Error ? error.message : show(error);
      out.push(
        makeDiagnostic(analysis.lines, filename, {
          ruleId: "rule-error",
          severity: "error",
          message: `rule '${rule.meta.id}' failed on ${filename ?? "<input>"} and reported nothing: ${why}`,
          start: 0,
          end: 0,
          url: RUN_DOCS,
        }),
      );
    }
    running = null;
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function directiveProblems(
  directives: readonly Directive[],
  built: CompiledScenes,
  options: LintOptions,
): Diagnostic[] {
  // A directive may name any of klingc's rules, even when this run uses only some (or custom ones).
  const known = new Set<string>([
    ...RULE_IDS,
    ...(options.rules ?? []).map((r) => r.meta.id),
    ...CORE_IDS,
  ]);
  const out: Diagnostic[] = [];
  const make = (d: Directive, ruleId: string, message: string): Diagnostic =>
    makeDiagnostic(built.analysis.lines, options.filename, {
      ruleId,
      severity: "warning",
      message,
      start: d.comment.position.start.offset,
      end: d.comment.position.end.offset,
    });
  for (const d of directives) {
    for (const id of d.rules ?? []) {
      if (!known.has(id))
        out.push(make(d, "unknown-rule", `klingc-${d.kind} names '${id}', which is no rule`));
    }
    if (!options.reportUnusedDirectives || d.kind === "enable") continue;
    const unused =
      d.rules === null
        ? d.used.size === 0
          ? ["(all rules)"]
          : []
        : d.rules.filter((id) => known.has(id) && !d.used.has(id));
    if (unused.length > 0)
      out.push(
        make(d, "unused-directive", `klingc-${d.kind} silences nothing for ${unused.join(", ")}`),
      );
  }
  return out;
}

const RULE_SEVERITIES: readonly string[] = ["error", "warning", "info"];

/** A caller's rule list: anything that is not a rule (`{}`, a rule without `check`) is reported and left out. */
function validateRules(value: unknown, problems: OptionProblems): Rule[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    problems.add("rules", `must be an array of rules, not ${show(value)}`);
    return undefined;
  }
  return value.filter((rule: unknown, i) => {
    const meta = isRecord(rule) ? rule["meta"] : undefined;
    const ok =
      isRecord(rule) &&
      typeof rule["check"] === "function" &&
      isRecord(meta) &&
      typeof meta["id"] === "string" &&
      meta["id"] !== "" &&
      RULE_SEVERITIES.includes(meta["severity"] as string) &&
      (meta["url"] === undefined || typeof meta["url"] === "string");
    if (!ok)
      problems.add(
        `rules[${i}]`,
        "is not a rule: a rule is { meta: { id, severity: 'error' | 'warning' | 'info', … }, check(context) }",
      );
    return ok;
  }) as Rule[];
}

/** Lint options once validated: what stands, and what was wrong (reported as `invalid-option`). */
export interface ValidatedLint {
  options: LintOptions;
  problems: OptionProblems;
}

/** Lint options with every bad value reported (as `invalid-option`) and left out. */
export function validateLintOptions(
  source: unknown,
  options: unknown,
): ValidatedLint & { source: string } {
  const problems = new OptionProblems();
  const text = validateSource(source, problems);
  const raw = validateRecord(options, "", problems);
  // The custom rules first: their ids are among those `config.rules` may name.
  const rules = validateRules(raw["rules"], problems);
  // Made only for custom rules: lint checks every file's options.
  const known =
    rules === undefined ? RULE_IDS : [...new Set([...RULE_IDS, ...rules.map((r) => r.meta.id)])];
  const validated: LintOptions = { config: validateLintConfig(raw["config"], problems, known) };
  if (rules !== undefined) validated.rules = rules;
  const filename = validateFilename(raw["filename"], problems);
  if (filename !== undefined) validated.filename = filename;
  const unused = raw["reportUnusedDirectives"];
  if (typeof unused === "boolean") validated.reportUnusedDirectives = unused;
  else if (unused !== undefined)
    problems.add("reportUnusedDirectives", `must be true or false, not ${show(unused)}`);
  return { source: text, options: validated, problems };
}

/** Lint with options already validated; the option problems go first. */
export function lintValidated(
  source: string,
  options: LintOptions,
  problems: OptionProblems,
): Diagnostic[] {
  const built = compileScenes(source, sceneOptions(options));
  const diagnostics = lintCompiled(source, built, options);
  return problems.messages.length === 0
    ? diagnostics
    : [...problems.diagnostics(built.analysis.lines, options.filename), ...diagnostics];
}

/**
 * Lint a source text: the language diagnostics, every enabled rule's
 * (packing's `over-budget` and `dropped-content` among them), directive
 * problems, `empty-file`, `rule-error` and `invalid-option`. Pure, never throws.
 */
export function lint(source: string, options?: LintOptions): Diagnostic[] {
  const validated = validateLintOptions(source, options);
  return lintValidated(validated.source, validated.options, validated.problems);
}
