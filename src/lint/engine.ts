import { RULES } from "../../rules/index.js";
import { compileScenes, type CompiledScenes, type ScenesOptions } from "../emit/scenes.js";
import type { RuleOptionSchemas } from "../config/config.js";
import { compareDiagnostics, LANGUAGE_IDS, makeDiagnostic, type Diagnostic, type Severity } from "../language/diagnostics.js";
import type { TargetId } from "../targets/profiles.js";
import type { Section } from "../language/model.js";
import { DEFAULT_FOCUS_BUDGET } from "./defaults.js";
import { indexDirectives, isSilenced, readDirectives, type Directive } from "./directives.js";
import { collectUniqueSections } from "./literals.js";
import type { LintSettings, Rule, RuleContext } from "./rule.js";

export type RuleSeverity = Severity | "off";

/** The part of a resolved configuration that linting reads. */
export interface LintConfig {
  target?: TargetId;
  budget?: number;
  focusBudget?: number;
  brands?: string[];
  rules?: Record<string, { severity: RuleSeverity; options?: Record<string, unknown> }>;
}

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

export const RULE_IDS: readonly string[] = RULES.map((r) => r.meta.id);

/** Each rule's options schema, for checking configs. */
export const RULE_OPTIONS: RuleOptionSchemas = Object.fromEntries(RULES.map((r) => [r.meta.id, r.meta.options]));

export function sceneOptions(options: LintOptions): ScenesOptions {
  const result: ScenesOptions = {};
  if (options.filename !== undefined) result.filename = options.filename;
  if (options.config?.target !== undefined) result.target = options.config.target;
  if (options.config?.budget !== undefined) result.budget = options.config.budget;
  return result;
}

/** Analysis diagnostics plus every enabled rule's, minus what directives silence, in source order. */
export function lintCompiled(source: string, built: CompiledScenes, options: LintOptions = {}): Diagnostic[] {
  const { analysis } = built;
  const settings: LintSettings = {
    brands: options.config?.brands ?? [],
    focusBudget: options.config?.focusBudget ?? DEFAULT_FOCUS_BUDGET,
    target: options.config?.target,
    budget: options.config?.budget,
  };
  const found: Diagnostic[] = [...analysis.diagnostics];
  const shared = { source, built, settings, filename: options.filename, sections: collectUniqueSections(analysis) };
  for (const rule of options.rules ?? RULES) {
    const setting = options.config?.rules?.[rule.meta.id];
    const severity = setting?.severity ?? rule.meta.severity;
    if (severity === "off") continue;
    runRule(rule, severity, setting?.options ?? {}, shared, found);
  }
  const directives = readDirectives(analysis.ast.comments, source, analysis.lines);
  const index = indexDirectives(directives);
  const kept = found.filter((d) => d.ruleId === "syntax" || !isSilenced(d, index));
  kept.push(...directiveProblems(directives, built, options));
  return kept.sort(compareDiagnostics);
}

interface RunShared {
  source: string;
  built: CompiledScenes;
  settings: LintSettings;
  filename: string | undefined;
  sections: readonly Section[];
}

function runRule(rule: Rule, severity: Severity, options: Record<string, unknown>, shared: RunShared, out: Diagnostic[]): void {
  const { source, built, settings, filename, sections } = shared;
  const { analysis } = built;
  const context: RuleContext = {
    source,
    filename,
    lines: analysis.lines,
    ast: analysis.ast,
    project: analysis.project,
    scenes: analysis.scenes,
    compiled: built.scenes,
    packing: built.packing,
    sections,
    options,
    settings,
    report: ({ at, message, fix, related }) => {
      const input = { ruleId: rule.meta.id, severity, message, start: at.position.start.offset, end: at.position.end.offset };
      const places = related?.map((r) => ({ message: r.message, start: r.at.position.start.offset, end: r.at.position.end.offset }));
      out.push(makeDiagnostic(analysis.lines, filename, { ...input, ...(fix ? { fix } : {}), ...(rule.meta.url ? { url: rule.meta.url } : {}), ...(places ? { related: places } : {}) }));
    },
  };
  rule.check(context);
}

function directiveProblems(directives: readonly Directive[], built: CompiledScenes, options: LintOptions): Diagnostic[] {
  // A directive may name any of klingc's rules, even when this run uses only some (or custom ones).
  const known = new Set<string>([...RULE_IDS, ...(options.rules ?? []).map((r) => r.meta.id), ...CORE_IDS]);
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
      if (!known.has(id)) out.push(make(d, "unknown-rule", `klingc-${d.kind} names '${id}', which is no rule`));
    }
    if (!options.reportUnusedDirectives || d.kind === "enable") continue;
    const unused = d.rules === null ? (d.used.size === 0 ? ["(all rules)"] : []) : d.rules.filter((id) => known.has(id) && !d.used.has(id));
    if (unused.length > 0) out.push(make(d, "unused-directive", `klingc-${d.kind} silences nothing for ${unused.join(", ")}`));
  }
  return out;
}

/** Lint a source text: pure, never throws. */
export function lint(source: string, options: LintOptions = {}): Diagnostic[] {
  return lintCompiled(source, compileScenes(source, sceneOptions(options)), options);
}
