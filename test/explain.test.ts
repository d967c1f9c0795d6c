/**
 * `explain`: the budget picture's data. Each prompt's tier shares add up to
 * its length, the dropped units are compile's, and the figures match what
 * `compile` reports for the same scene.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile } from "../src/emit/compile.js";
import { explain } from "../src/explain/explain.js";

const UGC = readFileSync(new URL("../fixtures/ugc-ad.kp", import.meta.url), "utf8");

describe("explain", () => {
  it("splits the over-budget scene of the shipped ad by tier, kept against dropped", () => {
    const proof = explain(UGC).scenes.find((s) => s.name === "proof");
    const compiled = compile(UGC).scenes.find((s) => s.name === "proof");
    expect(proof?.budget).toBe(600);
    expect(proof?.request).toBe(true);
    const [prompt] = proof?.prompts ?? [];
    expect(prompt?.shot).toBe(null);
    expect(prompt?.chars).toBe(compiled?.chars);
    expect(prompt?.dropped.map((d) => [d.section, d.tier, d.chars])).toEqual(
      compiled?.dropped.map((d) => [d.section, d.tier, d.chars]),
    );
    // What the budget cost is tier 3 here: tiers 1 and 2 fit.
    expect(prompt?.tiers.map((t) => t.tier)).toEqual([1, 2, 3]);
    expect(prompt?.tiers[0]?.dropped).toBe(0);
    expect(prompt?.tiers[2]?.dropped).toBeGreaterThan(0);
    expect(prompt?.tiers.reduce((sum, t) => sum + t.kept, 0)).toBe(prompt?.chars);
  });

  it("gives a multi-shot scene one picture a shot, named", () => {
    const demo = explain(UGC).scenes.find((s) => s.name === "demo");
    expect(demo?.prompts.map((p) => p.shot)).toEqual(["open", "apply", "glow"]);
    const unnamed = explain(
      'image "https://cdn.example.com/a.png"\nshot { action "A." }\nshot b { action "B." }\n',
    );
    expect(unnamed.scenes[0]?.prompts.map((p) => p.shot)).toEqual(["1", "b"]);
  });

  it("counts the Avoid clause's punctuation with the tier of its terms", () => {
    const { scenes } = explain(
      'image "https://cdn.example.com/a.png"\naction "Go."\navoid blur, grain\n',
    );
    // "Go. Avoid: blur, grain." = 3 + 1 + 19
    expect(scenes[0]?.prompts[0]?.tiers).toEqual([
      { tier: 1, kept: 3, dropped: 0 },
      { tier: 2, kept: 0, dropped: 0 },
      { tier: 3, kept: 20, dropped: 0 },
    ]);
  });

  it("reports a scene without a request and takes compile's options", () => {
    const { scenes, diagnostics } = explain('action "A. B. C."\ncamera "Wide."', { budget: 10 });
    expect(scenes[0]?.request).toBe(false);
    expect(scenes[0]?.budget).toBe(10);
    expect(diagnostics.some((d) => d.ruleId === "no-request")).toBe(true);
    expect(explain("", 7 as never).diagnostics.map((d) => d.ruleId)).toContain("invalid-option");
  });

  it("tier shares always add up to the prompt, which never passes the budget (property)", () => {
    const sentence = fc.constantFrom(
      "Maya turns.",
      "The light is soft and warm today.",
      "She smiles at the lens and nods twice.",
      "Rain.",
    );
    const text = fc
      .array(sentence, { minLength: 1, maxLength: 6 })
      .map((s) => JSON.stringify(s.join(" ")));
    const doc = fc.tuple(
      fc.array(
        fc.tuple(
          fc.constantFrom(
            "character",
            "action",
            "camera",
            "lighting",
            "realism",
            "continuity",
            "action tier=3",
            "realism tier=1",
          ),
          text,
        ),
        { minLength: 1, maxLength: 6 },
      ),
      fc.array(fc.constantFrom("blur", "grain", '"extra fingers"'), { maxLength: 3 }),
      fc.integer({ min: 20, max: 400 }),
    );
    fc.assert(
      fc.property(doc, ([sections, avoid, budget]) => {
        const source = [
          'image "https://cdn.example.com/a.png"',
          `budget ${budget}`,
          ...sections.map(([k, t]) => `${k} ${t}`),
          ...(avoid.length ? [`avoid ${avoid.join(", ")}`] : []),
        ].join("\n");
        for (const prompt of explain(source).scenes.flatMap((s) => s.prompts)) {
          expect(prompt.tiers.reduce((sum, t) => sum + t.kept, 0)).toBe(prompt.chars);
          expect(prompt.chars).toBeLessThanOrEqual(budget);
          expect(prompt.tiers.every((t) => t.kept >= 0 && t.dropped >= 0)).toBe(true);
          const droppedChars = prompt.dropped.reduce((sum, d) => sum + d.chars, 0);
          expect(prompt.tiers.reduce((sum, t) => sum + t.dropped, 0)).toBe(droppedChars);
        }
      }),
      { numRuns: 200 },
    );
  });
});
