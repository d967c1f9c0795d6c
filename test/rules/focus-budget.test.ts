import { describe, expect, it } from "vitest";
import { compileScenes } from "../../src/emit/scenes.js";
import { DEFAULT_FOCUS_BUDGET as ENGINE_DEFAULT, type LintOptions } from "../../src/lint/engine.js";
import { DEFAULT_FOCUS_BUDGET } from "../../src/lint/defaults.js";
import { fix } from "../../src/lint/fix.js";
import type { Rule } from "../../src/lint/rule.js";
import { focusBudget } from "../../rules/focus-budget.js";
import { ruleHarness } from "./harness.js";

const rule: Rule = focusBudget;
const ID = "focus-budget";
const IMAGE = 'image "https://x.test/a.png"';
const ADVICE =
  "a focused prompt of about 1,500 characters renders better than a long one, so cut detail the render can do without";

const { found, at } = ruleHarness(rule);

/** 124 short sentences (1,487 characters) and a last one: 1,500 with "Maya smiles.", 1,501 with "Maya grinned.". */
const LONG = "Maya turns. ".repeat(124).trim();
const AT_LIMIT = `${LONG} Maya smiles.`;
const OVER = `${LONG} Maya grinned.`;

const withRule = (
  options: Record<string, unknown>,
  more: LintOptions["config"] = {},
): LintOptions => ({
  config: { ...more, rules: { [ID]: { severity: "warning", options } } },
});

describe("focus-budget", () => {
  it("advises the engine's default focus budget", () => {
    expect(DEFAULT_FOCUS_BUDGET).toBe(ENGINE_DEFAULT);
  });

  it("measures what it claims: the fixtures compile to 1,500 and 1,501 characters", () => {
    expect(compileScenes(`${IMAGE}\naction "${AT_LIMIT}"\n`).scenes[0]?.chars).toBe(1500);
    expect(compileScenes(`${IMAGE}\naction "${OVER}"\n`).scenes[0]?.chars).toBe(1501);
  });

  it("reports a prompt over 1,500 characters at the scene's name, with chars vs budget and why", () => {
    const source = `scene hook {\n  ${IMAGE}\n  action "${OVER}"\n}\n`;
    const diagnostics = found(source);
    expect(at(diagnostics)).toEqual(["1:7-1:11"]);
    expect(diagnostics[0]?.severity).toBe("warning");
    expect(diagnostics[0]?.message).toBe(
      `scene 'hook' compiles to 1,501 characters, over the focus budget of 1,500; ${ADVICE}`,
    );
    expect(diagnostics[0]?.fix).toBeUndefined();
  });

  it("accepts a prompt of exactly the focus budget", () => {
    expect(found(`scene hook {\n  ${IMAGE}\n  action "${AT_LIMIT}"\n}\n`)).toEqual([]);
  });

  it("points at the start of a file with an implicit scene", () => {
    const diagnostics = found(`${IMAGE}\naction "${OVER}"\n`, { filename: "kitchen.kp" });
    expect(at(diagnostics)).toEqual(["1:1-1:1"]);
    expect(diagnostics[0]?.message).toMatch(/^scene 'kitchen' compiles to 1,501 characters/);
  });

  it("counts code points, not UTF-16 units", () => {
    const emoji = `${"😀 ".repeat(749)}😀.`;
    const source = `${IMAGE}\naction "${emoji}"\n`;
    expect(compileScenes(source).scenes[0]?.chars).toBe(1500);
    expect(found(source)).toEqual([]);
  });

  it("takes the config's focusBudget, and the rule's budget option over it", () => {
    const source = `${IMAGE}\naction "Maya leans into frame and speaks to camera."\n`;
    expect(found(source)).toEqual([]);
    expect(found(source, { config: { focusBudget: 40 } })[0]?.message).toMatch(
      /^scene 'scene' compiles to 43 characters, over the focus budget of 40;/,
    );
    expect(found(source, withRule({ budget: 30 }, { focusBudget: 40 }))[0]?.message).toMatch(
      /over the focus budget of 30;/,
    );
    expect(found(source, withRule({ budget: 60 }, { focusBudget: 40 }))).toEqual([]);
    expect(found(`${IMAGE}\naction "${OVER}"\n`, { config: { focusBudget: 2000 } })).toEqual([]);
  });

  it("checks a multi-shot scene per shot, at the shot's name or keyword", () => {
    const source = [
      "scene ad {",
      `  ${IMAGE}`,
      "  shot opening {",
      "    duration 5s",
      '    action "Maya waves."',
      "  }",
      "  shot {",
      "    duration 5s",
      `    action "${OVER}"`,
      "  }",
      "  shot close {",
      "    duration 5s",
      `    action "${OVER}"`,
      "  }",
      "}",
      "",
    ].join("\n");
    const diagnostics = found(source);
    expect(at(diagnostics)).toEqual(["7:3-7:7", "11:8-11:13"]);
    expect(diagnostics.map((d) => d.message.slice(0, d.message.indexOf(";")))).toEqual([
      "shot 2 of scene 'ad' compiles to 1,501 characters, over the focus budget of 1,500",
      "shot close of scene 'ad' compiles to 1,501 characters, over the focus budget of 1,500",
    ]);
  });

  it("counts scene sections inherited into a shot", () => {
    const source = `scene ad {\n  ${IMAGE}\n  action "${LONG}"\n  shot one {\n    duration 5s\n    camera "Slow push in on Maya."\n  }\n}\n`;
    expect(at(found(source))).toEqual(["4:8-4:11"]);
  });

  it("has nothing to fix", () => {
    const source = `${IMAGE}\naction "${OVER}"\n`;
    const result = fix(source, { rules: [rule] });
    expect(result.output).toBe(source);
    expect(result.remaining.map((d) => d.ruleId)).toEqual([ID]);
  });
});
