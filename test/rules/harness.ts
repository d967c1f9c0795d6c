import { expect } from "vitest";
import { RULES } from "../../rules/index.js";
import type { Diagnostic } from "../../src/language/diagnostics.js";
import { lint, type LintOptions } from "../../src/lint/engine.js";
import { fix } from "../../src/lint/fix.js";
import type { Rule } from "../../src/lint/rule.js";

export interface RuleHarnessOptions {
  /** What `errorKeys` lints with (and so what `fixed` compares errors against); by default the registry, with the rule under test in place of its own entry. */
  everyRule?: readonly Rule[];
}

/** The helpers a rule's tests share; `options` are passed to the linter (or fixer) on top of the rule(s) it runs. */
export interface RuleHarness {
  /** Lints with just the rule and keeps its findings. */
  found: (source: string, options?: LintOptions) => Diagnostic[];
  /** Each finding's range, `line:column-endLine:endColumn`. */
  at: (diagnostics: readonly Diagnostic[]) => string[];
  /** A finding as `line:column message`. */
  brief: (d: Diagnostic) => string;
  /** What the source underlines for each finding. */
  underlined: (source: string, diagnostics: readonly Diagnostic[]) => string[];
  /** The errors every rule reports, as `ruleId: message`. */
  errorKeys: (source: string, options?: LintOptions) => string[];
  /**
   * Fixes with just the rule, checks what every fix must hold, and returns the output: none of the rule's findings
   * left, no error that linting the source with every rule did not already report, and a second fix changes nothing.
   */
  fixed: (source: string, options?: LintOptions) => string;
  /**
   * Fixes with just the rule, checks the result is clean and stable, and returns the output: none of the rule's
   * findings and no error at all remain, and a second fix gives the same output.
   */
  fixedClean: (source: string, options?: LintOptions) => string;
}

/** Test helpers for `rule`. */
export function ruleHarness(rule: Rule, { everyRule }: RuleHarnessOptions = {}): RuleHarness {
  const id = rule.meta.id;
  const rules = [rule];
  const allRules = everyRule ?? [...RULES.filter((r) => r.meta.id !== id), rule];

  function found(source: string, options: LintOptions = {}): Diagnostic[] {
    return lint(source, { rules, ...options }).filter((d) => d.ruleId === id);
  }

  function errorKeys(source: string, options: LintOptions = {}): string[] {
    return lint(source, { ...options, rules: allRules })
      .filter((d) => d.severity === "error")
      .map((d) => `${d.ruleId}: ${d.message}`);
  }

  function fixed(source: string, options: LintOptions = {}): string {
    const result = fix(source, { rules, ...options });
    expect(found(result.output, options)).toEqual([]);
    const before = errorKeys(source, options);
    for (const key of errorKeys(result.output, options)) expect(before).toContain(key);
    const again = fix(result.output, { rules, ...options });
    expect(again.output).toBe(result.output);
    expect(again.applied).toEqual([]);
    return result.output;
  }

  function fixedClean(source: string, options: LintOptions = {}): string {
    const result = fix(source, { rules, ...options });
    expect(result.remaining.filter((d) => d.ruleId === id)).toEqual([]);
    expect(result.remaining.filter((d) => d.severity === "error")).toEqual([]);
    expect(fix(result.output, { rules, ...options }).output).toBe(result.output);
    return result.output;
  }

  return { found, at, brief, underlined, errorKeys, fixed, fixedClean };
}

function at(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.line}:${d.column}-${d.endLine}:${d.endColumn}`);
}

function brief(d: Diagnostic): string {
  return `${d.line}:${d.column} ${d.message}`;
}

function underlined(source: string, diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => source.slice(d.offset, d.endOffset));
}
