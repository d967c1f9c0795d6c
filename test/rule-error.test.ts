/**
 * Issue 7.9: a rule that throws (a custom rule, or a bug) becomes a
 * `rule-error` diagnostic naming the rule and the file; the other rules still
 * run and `lint` (and `fix`) still return.
 */
import { describe, expect, it } from "vitest";
import { RULES } from "../rules/index.js";
import { lint } from "../src/lint/engine.js";
import { fix } from "../src/lint/fix.js";
import type { Rule } from "../src/lint/rule.js";

const SOURCE = 'image "https://x.test/a.png"\ncharacter "Maya, a woman"\naction "Maya waves"\n';

function custom(id: string, check: Rule["check"]): Rule {
  return {
    meta: {
      id,
      description: "a test rule",
      severity: "warning",
      fixable: false,
      options: {},
      details: "",
      examples: [],
    },
    check,
  };
}

const boom = custom("boom", () => {
  throw new Error("kaboom");
});

describe("a rule that throws", () => {
  it("becomes one rule-error naming the rule and the file, and the other rules still run", () => {
    const alone = lint(SOURCE, { filename: "demo.kp" }).map((d) => d.ruleId);
    const diagnostics = lint(SOURCE, { filename: "demo.kp", rules: [boom, ...RULES] });
    const errors = diagnostics.filter((d) => d.ruleId === "rule-error");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ severity: "error", file: "demo.kp", line: 1, column: 1 });
    expect(errors[0]?.message).toBe("rule 'boom' failed on demo.kp and reported nothing: kaboom");
    expect(diagnostics.map((d) => d.ruleId).filter((id) => id !== "rule-error")).toEqual(alone);
    expect(alone).toContain("limb-guidance");
  });

  it("drops what it reported before it threw, and names <input> when there is no file", () => {
    const half = custom("half", (context) => {
      context.report({
        at: { position: { start: { offset: 0 }, end: { offset: 5 } } },
        message: "first",
      });
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- a rule that throws a non-Error is the case under test
      throw "not even an Error";
    });
    const diagnostics = lint(SOURCE, { rules: [half] });
    expect(diagnostics.map((d) => d.message)).toEqual([
      "rule 'half' failed on <input> and reported nothing: 'not even an Error'",
    ]);
  });

  it("a report at a position that is no number is the rule's error; one outside the text is clamped into it", () => {
    const nan = custom("nan", (context) =>
      context.report({
        at: { position: { start: { offset: Number.NaN }, end: { offset: 1 } } },
        message: "x",
      }),
    );
    expect(lint(SOURCE, { rules: [nan] }).map((d) => d.ruleId)).toEqual(["rule-error"]);
    const far = custom("far", (context) =>
      context.report({
        at: { position: { start: { offset: -3 }, end: { offset: 10_000 } } },
        message: "far",
      }),
    );
    const [found] = lint(SOURCE, { rules: [far] });
    expect(found).toMatchObject({ ruleId: "far", offset: 0, endOffset: SOURCE.length });
  });

  it("cannot be silenced by a directive", () => {
    const diagnostics = lint(`// klingc-disable\n${SOURCE}`, { rules: [boom] });
    expect(diagnostics.map((d) => d.ruleId)).toEqual(["rule-error"]);
  });

  it("does not stop fix: the other rules' fixes are applied", () => {
    const result = fix(SOURCE, { filename: "demo.kp", rules: [boom, ...RULES] });
    expect(result.output).not.toBe(SOURCE);
    expect(result.applied.map((a) => a.ruleId)).toContain("sentence-end");
    expect(result.remaining.map((d) => d.ruleId)).toContain("rule-error");
  });
});
