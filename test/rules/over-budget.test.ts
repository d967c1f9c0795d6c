import { describe, expect, it } from "vitest";
import { overBudget } from "../../rules/over-budget.js";
import { droppedContent } from "../../rules/dropped-content.js";
import { lint } from "../../src/lint/engine.js";
import type { Rule } from "../../src/lint/rule.js";
import { ruleHarness } from "./harness.js";

const rule: Rule = overBudget;
const IMAGE = 'image "https://x.test/a.png"';
const { found, at } = ruleHarness(rule);

/** An action of about `chars` characters made of whole sentences. */
function longAction(chars: number): string {
  return "Maya turns to the window and smiles. ".repeat(Math.ceil(chars / 37)).trim();
}

describe("over-budget", () => {
  it("reports a scene whose tier 1 alone is over kling-o3's 2,500 characters, at the scene name", () => {
    const source = `scene story {\n  ${IMAGE}\n  action "${longAction(2600)}"\n}\n`;
    const diagnostics = found(source);
    expect(at(diagnostics)).toEqual(["1:7-1:12"]);
    expect(diagnostics[0]?.severity).toBe("error");
    expect(diagnostics[0]?.message).toMatch(
      /^tier-1 text of scene 'story' is over kling-o3's limit of 2,500 characters; the service keeps \d{1,3}(,\d{3})* and cuts \d{1,3}(,\d{3})*$/,
    );
  });

  it("counts only what is cut: a sentence straddling the limit loses its tail, not its whole length", () => {
    const sentence = "Maya turns to the window and smiles. ";
    const action =
      sentence.repeat(67).trim() + " " + "She lifts the amber bottle, ".repeat(10).trim() + ".";
    const diagnostics = found(`${IMAGE}\naction "${action}"\nrealism "Grain."\n`);
    const [, keepsText, cutsText] =
      /keeps ([\d,]+) and cuts ([\d,]+)/.exec(diagnostics[0]?.message ?? "") ?? [];
    const [keeps, cuts] = [keepsText, cutsText].map((n) => (n ?? "").replaceAll(",", ""));
    const total = [...action].length + " Grain.".length;
    expect(Number(keeps)).toBeLessThanOrEqual(2500);
    // What is kept plus what is cut is the whole prompt, give or take the spaces between units.
    expect(Math.abs(Number(keeps) + Number(cuts) - total)).toBeLessThanOrEqual(3);
  });

  it("is quiet when tier 1 fits, even if lower tiers are dropped (that is dropped-content's finding)", () => {
    const source = `${IMAGE}\naction "${longAction(2300)}"\nrealism "${longAction(400)}"\n`;
    expect(found(source)).toEqual([]);
    expect(lint(source, { rules: [droppedContent] }).map((d) => d.ruleId)).toEqual([
      "dropped-content",
    ]);
  });

  it("accepts a prompt of exactly the limit", () => {
    const action = "a".repeat(2499) + ".";
    expect(found(`${IMAGE}\naction "${action}"\n`)).toEqual([]);
    expect(found(`${IMAGE}\naction "a${action}"\n`)).toHaveLength(1);
  });

  it("judges each shot of a multi-shot scene on its own", () => {
    const source = `scene s {\n  ${IMAGE}\n  shot a {\n    duration 5s\n    action "Maya waves."\n  }\n  shot b {\n    duration 5s\n    action "${longAction(2600)}"\n  }\n}\n`;
    const diagnostics = found(source);
    expect(at(diagnostics)).toEqual(["7:3-10:4"]);
    expect(diagnostics[0]?.message).toMatch(/^tier-1 text of shot b of scene 's'/);
  });

  it("leaves a smaller budget's overflow to dropped-content, which warns", () => {
    const source = `${IMAGE}\nbudget 100\naction "${longAction(300)}"\n`;
    expect(found(source)).toEqual([]);
    const dropped = lint(source, { rules: [droppedContent] });
    expect(dropped.map((d) => [d.ruleId, d.severity])).toEqual([["dropped-content", "warning"]]);
  });
});

describe("dropped-content", () => {
  const { found: dropped } = ruleHarness(droppedContent);

  it("names each section that lost text, with sentences and characters (first fit: the first realism sentence still fits)", () => {
    const source = `scene ad {\n  ${IMAGE}\n  budget 60\n  action "Maya waves at the lens."\n  camera "Slow push in."\n  realism "Shot on a phone. Natural grain."\n  avoid blur, cartoon\n}\n`;
    const diagnostics = dropped(source);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]?.message).toBe(
      "scene 'ad' is over its budget of 60 characters; dropped: realism (1 sentence, 14 chars), avoid (2 terms, 11 chars)",
    );
  });

  it("is quiet when everything fits", () => {
    expect(dropped(`${IMAGE}\naction "Maya waves."\nrealism "Natural grain."\n`)).toEqual([]);
  });
});
