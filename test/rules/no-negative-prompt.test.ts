import { describe, expect, it } from "vitest";
import { lint, type LintOptions } from "../../src/lint/engine.js";
import { fix } from "../../src/lint/fix.js";
import type { Rule } from "../../src/lint/rule.js";
import { negativeTerms, noNegativePrompt } from "../../rules/no-negative-prompt.js";
import { ruleHarness } from "./harness.js";

const rule: Rule = noNegativePrompt;
const IMAGE = 'image "https://x.test/a.png"';

const { found, at, fixedClean } = ruleHarness(rule);

/** Fixes, checks the result is clean and stable (linting the output with the rule finds no error either), and returns the output. */
function fixed(source: string, options: LintOptions = {}): string {
  const output = fixedClean(source, options);
  expect(lint(output, { rules: [rule], ...options }).filter((d) => d.severity === "error")).toEqual(
    [],
  );
  return output;
}

describe("no-negative-prompt: what it reports", () => {
  it("reports a negative_prompt on kling-o3 at the statement, saying why and what to do", () => {
    const source = `${IMAGE}\naction "Maya waves."\nnegative_prompt "blur, extra fingers"\n`;
    const diagnostics = found(source);
    expect(at(diagnostics)).toEqual(["3:1-3:38"]);
    expect(diagnostics[0]?.severity).toBe("error");
    expect(diagnostics[0]?.message).toBe(
      "'negative_prompt' does nothing on kling-o3: O3 removed it, so these terms are " +
        "not kept out of the video; list them in 'avoid', which writes them into the prompt",
    );
  });

  it("says nothing where the target takes the field: kling-v3 and veo-3.1, by engine or by config", () => {
    for (const engine of ["kling-v3", "veo-3.1"]) {
      expect(
        found(`engine ${engine}\n${IMAGE}\naction "Maya waves."\nnegative_prompt "blur"\n`),
      ).toEqual([]);
    }
    expect(found(`${IMAGE}\nnegative_prompt "blur"\n`, { config: { target: "kling-v3" } })).toEqual(
      [],
    );
    expect(
      at(found(`${IMAGE}\nnegative_prompt "blur"\n`, { config: { target: "sora-2" } })),
    ).toEqual(["2:1-2:23"]);
  });

  it("reports a project negative_prompt once, at the project statement, naming the scenes", () => {
    const source = [
      "project {",
      '  negative_prompt "blur"',
      "}",
      "scene a {",
      `  ${IMAGE}`,
      "}",
      "scene b {",
      `  ${IMAGE}`,
      "}",
      "",
    ].join("\n");
    const diagnostics = found(source);
    expect(at(diagnostics)).toEqual(["2:3-2:25"]);
    expect(diagnostics[0]?.message).toMatch(
      /on kling-o3: .* \(project setting, read by scenes 'a', 'b'\)$/,
    );
  });

  it("reports a project negative_prompt some scenes use, for the others only, without a fix", () => {
    const source = [
      "project {",
      '  negative_prompt "blur"',
      "}",
      "scene legacy {",
      "  engine kling-v3",
      `  ${IMAGE}`,
      "}",
      "scene fresh {",
      `  ${IMAGE}`,
      "}",
      "",
    ].join("\n");
    const diagnostics = found(source);
    expect(at(diagnostics)).toEqual(["2:3-2:25"]);
    expect(diagnostics[0]?.message).toContain("(project setting, read by scene 'fresh')");
    expect(diagnostics[0]?.message).toContain("other scenes of the project take the field");
    expect(diagnostics[0]?.fix).toBeUndefined();
    expect(fix(source, { rules: [rule] }).output).toBe(source);
  });

  it("reports each scene's own statement", () => {
    const source = `scene a {\n  ${IMAGE}\n  negative_prompt "blur"\n}\nscene b {\n  ${IMAGE}\n  negative_prompt "grain"\n}\n`;
    expect(at(found(source))).toEqual(["3:3-3:25", "7:3-7:26"]);
  });
});

describe("no-negative-prompt: the fix", () => {
  it("replaces the statement with an avoid list when the block has none", () => {
    const source = `${IMAGE}\naction "Maya waves."\nnegative_prompt "blur, extra fingers"\n`;
    expect(fixed(source)).toBe(`${IMAGE}\naction "Maya waves."\navoid "blur", "extra fingers"\n`);
  });

  it("appends to the block's avoid, skipping terms it already has (case-insensitive), and removes the statement", () => {
    const source = `${IMAGE}\navoid cartoon, "3D render"\naction "Maya waves."\nnegative_prompt "Cartoon, blur, and low quality."\n`;
    expect(fixed(source)).toBe(
      `${IMAGE}\navoid cartoon, "3D render", "blur", "low quality"\naction "Maya waves."\n`,
    );
  });

  it("skips terms the scene inherits from the project and appends to the scene's own avoid", () => {
    const source = [
      "project {",
      "  avoid blur",
      "}",
      "scene a {",
      `  ${IMAGE}`,
      "  avoid grain",
      '  negative_prompt "BLUR; watermark"',
      "}",
      "",
    ].join("\n");
    expect(fixed(source)).toBe(
      [
        "project {",
        "  avoid blur",
        "}",
        "scene a {",
        `  ${IMAGE}`,
        '  avoid grain, "watermark"',
        "}",
        "",
      ].join("\n"),
    );
  });

  it("moves a project negative_prompt into the project's avoid", () => {
    const source = [
      "project {",
      '  negative_prompt "blur, grain"',
      "  avoid cartoon",
      "}",
      "scene a {",
      `  ${IMAGE}`,
      "}",
      "",
    ].join("\n");
    expect(fixed(source)).toBe(
      [
        "project {",
        '  avoid cartoon, "blur", "grain"',
        "}",
        "scene a {",
        `  ${IMAGE}`,
        "}",
        "",
      ].join("\n"),
    );
  });

  it("does not append to an avoid with tier=, which would re-tier the moved terms", () => {
    const source = `${IMAGE}\navoid tier=2 cartoon\nnegative_prompt "blur"\n`;
    expect(fixed(source)).toBe(`${IMAGE}\navoid tier=2 cartoon\navoid "blur"\n`);
  });

  it("deletes the statement when every term is already avoided, or when it holds no term", () => {
    expect(fixed(`${IMAGE}\navoid blur\nnegative_prompt "Blur."\naction "Maya waves."\n`)).toBe(
      `${IMAGE}\navoid blur\naction "Maya waves."\n`,
    );
    expect(fixed(`${IMAGE}\nnegative_prompt " , ; "\n`)).toBe(`${IMAGE}\n`);
  });

  it("quotes terms so quotes and backslashes survive", () => {
    expect(fixed(`${IMAGE}\nnegative_prompt "the \\"glow\\" look, a\\\\b"\n`)).toBe(
      `${IMAGE}\navoid "the \\"glow\\" look", "a\\\\b"\n`,
    );
  });

  it("fixes a statement sharing its line, keeping the rest of the line", () => {
    expect(fixed(`${IMAGE}\navoid grain; negative_prompt "blur"; action "Maya waves."\n`)).toBe(
      `${IMAGE}\navoid grain, "blur"; action "Maya waves."\n`,
    );
  });

  it("keeps CRLF line breaks", () => {
    expect(
      fixed(`${IMAGE}\r\navoid grain\r\nnegative_prompt "blur"\r\naction "Maya waves."\r\n`),
    ).toBe(`${IMAGE}\r\navoid grain, "blur"\r\naction "Maya waves."\r\n`);
  });

  it("moves the terms of several statements in one run", () => {
    const source = `scene a {\n  ${IMAGE}\n  avoid grain\n  negative_prompt "blur"\n  negative_prompt "Blur, noise"\n}\n`;
    expect(fixed(source)).toBe(`scene a {\n  ${IMAGE}\n  avoid grain, "blur", "noise"\n}\n`);
  });
});

describe("no-negative-prompt: splitting terms", () => {
  it("splits on commas and semicolons, folds white space, drops a list's 'and'/'or', trailing periods, empties and repeats", () => {
    expect(negativeTerms("blur, distort, and low quality")).toEqual([
      "blur",
      "distort",
      "low quality",
    ]);
    expect(negativeTerms("  extra\n fingers ;; text overlay, or watermark., Blur, blur")).toEqual([
      "extra fingers",
      "text overlay",
      "watermark",
      "Blur",
    ]);
    expect(negativeTerms("sand and sea, orange")).toEqual(["sand and sea", "orange"]);
    expect(negativeTerms("")).toEqual([]);
  });
});
