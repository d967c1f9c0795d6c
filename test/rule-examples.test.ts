// remark-lint style: the examples in each rule's docs are its first tests.
import { describe, expect, it } from "vitest";
import { RULES } from "../rules/index.js";
import { lint, type LintOptions } from "../src/lint/engine.js";
import { fix } from "../src/lint/fix.js";
import type { Rule, RuleExample } from "../src/lint/rule.js";

function optionsFor(rule: Rule, example: RuleExample): LintOptions {
  return {
    filename: "example.kp",
    rules: [rule],
    config: {
      ...example.settings,
      rules: { [rule.meta.id]: { severity: rule.meta.severity, options: example.options ?? {} } },
    },
  };
}

describe.each(RULES.map((r) => [r.meta.id, r] as const))("rule %s", (id, rule) => {
  it("documents at least one failing and one passing example", () => {
    expect(rule.meta.examples.some((e) => e.kind === "fail")).toBe(true);
    expect(rule.meta.examples.some((e) => e.kind === "pass")).toBe(true);
    expect(rule.meta.description.length).toBeGreaterThan(10);
  });

  for (const example of rule.meta.examples) {
    it(`${example.kind}: ${example.title}`, () => {
      const found = lint(example.code, optionsFor(rule, example)).filter((d) => d.ruleId === id);
      if (example.kind === "pass") expect(found).toEqual([]);
      else expect(found.length).toBeGreaterThan(0);
    });

    if (example.kind === "fail" && rule.meta.fixable) {
      it(`fixes: ${example.title}`, () => {
        const options = optionsFor(rule, example);
        const fixed = fix(example.code, options);
        expect(fixed.output).not.toBe(example.code);
        expect(fixed.remaining.filter((d) => d.ruleId === id || d.severity === "error")).toEqual(
          [],
        );
        const again = fix(fixed.output, options);
        expect(again.output).toBe(fixed.output);
        expect(again.applied).toEqual([]);
        // With every rule on, the fix brings no error that was not there before.
        const everyRule = { ...options, rules: RULES, config: { ...options.config, rules: {} } };
        const errors = (text: string) =>
          lint(text, everyRule)
            .filter((d) => d.severity === "error")
            .map((d) => `${d.ruleId}: ${d.message}`);
        const before = errors(example.code);
        for (const key of errors(fixed.output)) expect(before).toContain(key);
      });
    }
  }
});

describe("rule metas", () => {
  it("have unique ids and a docs url each", () => {
    const ids = RULES.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of RULES)
      expect(rule.meta.url).toMatch(new RegExp(`rules/${rule.meta.id}\\.md$`));
  });
});
