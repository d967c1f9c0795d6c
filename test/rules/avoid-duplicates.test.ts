import { describe, expect, it } from "vitest";
import { compileScenes } from "../../src/emit/scenes.js";
import type { LintOptions } from "../../src/lint/engine.js";
import { fix } from "../../src/lint/fix.js";
import type { Rule } from "../../src/lint/rule.js";
import { avoidDuplicates } from "../../rules/avoid-duplicates.js";
import { ruleHarness } from "./harness.js";

const rule: Rule = avoidDuplicates;
const IMAGE = 'image "https://x.test/a.png"';

const { found, at, fixedClean } = ruleHarness(rule);

/** Every scene's prompt (or shot prompts). */
function prompts(source: string): string[] {
  return compileScenes(source).scenes.flatMap((s) =>
    s.shots ? s.shots.map((shot) => shot.prompt) : [s.prompt ?? ""],
  );
}

/** Fixes, checks the result is clean, stable and compiles to the same prompts, and returns the output. */
function fixed(source: string, options: LintOptions = {}): string {
  const output = fixedClean(source, options);
  expect(prompts(output)).toEqual(prompts(source));
  return output;
}

const scenes = (projectAvoid: string, sceneAvoid: string): string =>
  [
    "project {",
    `  ${projectAvoid}`,
    "}",
    "scene a {",
    `  ${IMAGE}`,
    '  action "Maya waves."',
    `  ${sceneAvoid}`,
    "}",
    "scene b {",
    `  ${IMAGE}`,
    '  action "Maya nods."',
    "}",
    "",
  ].join("\n");

describe("avoid-duplicates: what it reports", () => {
  it("reports a scene term that repeats a project term, at the term, naming the first spelling", () => {
    const source = scenes("avoid blur, cartoon", 'avoid Blur, "extra fingers"');
    const diagnostics = found(source);
    expect(at(diagnostics)).toEqual(["7:9-7:13"]);
    expect(diagnostics[0]?.severity).toBe("info");
    expect(diagnostics[0]?.message).toBe(
      'avoid term "Blur" repeats one already in the list (as "blur"); terms merge case-insensitively, so this one does nothing',
    );
    expect(diagnostics[0]?.related?.map((r) => `${r.line}:${r.column} ${r.message}`)).toEqual([
      '2:9 the first "blur"',
    ]);
  });

  it("reports a repeat inside one list, strings and names alike", () => {
    const source = `${IMAGE}\naction "Maya waves."\navoid "3D render", blur, "3d RENDER"\n`;
    const diagnostics = found(source);
    expect(at(diagnostics)).toEqual(["3:26-3:37"]);
    expect(diagnostics[0]?.message).toBe(
      'avoid term "3d RENDER" repeats one already in the list (as "3D render"); terms merge case-insensitively, so this one does nothing',
    );
  });

  it("reports a repeated project term once, however many scenes inherit it", () => {
    expect(at(found(scenes("avoid blur, cartoon, blur", 'avoid "extra fingers"')))).toEqual([
      "2:24-2:28",
    ]);
  });

  it("reports a repeat in a project with no scenes", () => {
    expect(at(found("project {\n  avoid blur\n  avoid BLUR\n}\n"))).toEqual(["3:9-3:13"]);
  });

  it("reports a shot term that repeats the scene's, once per shot that repeats it", () => {
    const source = [
      "scene a {",
      `  ${IMAGE}`,
      "  avoid blur",
      "  shot one {",
      "    duration 5s",
      '    action "Maya waves."',
      "    avoid cartoon, blur",
      "  }",
      "  shot two {",
      "    duration 5s",
      '    action "Maya nods."',
      "    avoid blur",
      "  }",
      "}",
      "",
    ].join("\n");
    expect(at(found(source))).toEqual(["7:20-7:24", "12:11-12:15"]);
    expect(fixed(source)).toBe(
      source
        .replace("    avoid cartoon, blur\n", "    avoid cartoon\n")
        .replace("    avoid blur\n  }\n}", "  }\n}"),
    );
  });

  it("says nothing when every term is different", () => {
    expect(found(scenes("avoid blur, cartoon", 'avoid "3D render", "blurry edges"'))).toEqual([]);
  });
});

describe("avoid-duplicates: the fix", () => {
  const list = (terms: string): string => `${IMAGE}\naction "Maya waves."\navoid ${terms}\n`;

  it("removes a term and the comma after it, or before it when it is last", () => {
    expect(fixed(list("blur, blur, cartoon"))).toBe(list("blur, cartoon"));
    expect(fixed(list("blur, cartoon, BLUR"))).toBe(list("blur, cartoon"));
    expect(fixed(list("blur cartoon blur"))).toBe(list("blur cartoon"));
  });

  it("removes the first term of a statement with the comma after it", () => {
    const source = scenes("avoid blur", "avoid blur, cartoon");
    expect(fixed(source)).toBe(scenes("avoid blur", "avoid cartoon"));
  });

  it("removes the whole statement when its only term is a repeat", () => {
    const source = scenes("avoid blur, cartoon", "avoid Blur");
    expect(fixed(source)).toBe(source.replace("  avoid Blur\n", ""));
  });

  it("removes the whole statement when all of its terms are repeats, in one pass", () => {
    const source = scenes("avoid blur, cartoon", "avoid cartoon, blur tier=3");
    const result = fix(source, { rules: [rule] });
    expect(result.output).toBe(source.replace("  avoid cartoon, blur tier=3\n", ""));
    expect(result.applied.map((a) => a.pass)).toEqual([1]);
    expect(fixed(source)).toBe(result.output);
  });

  it("joins a list continued over lines", () => {
    const source = `${IMAGE}\naction "Maya waves."\navoid blur,\n  cartoon,\n  blur,\n  glare\n`;
    expect(fixed(source)).toBe(
      `${IMAGE}\naction "Maya waves."\navoid blur,\n  cartoon,\n  glare\n`,
    );
  });

  it("removes a statement that shares its line with another", () => {
    const source = scenes("avoid blur", 'avoid blur; action "Maya smiles."');
    expect(fixed(source)).toBe(scenes("avoid blur", 'action "Maya smiles."'));
  });

  it("offers no fix when a comment stands next to the term", () => {
    const source = `${IMAGE}\naction "Maya waves."\navoid blur, /* again */ blur /* why */ , cartoon\n`;
    const diagnostics = found(source);
    expect(at(diagnostics)).toEqual(["3:25-3:29"]);
    expect(diagnostics[0]?.fix).toBeUndefined();
  });

  it("reports the repeats of one term in one statement once, with their count, and removes them all in one pass", () => {
    const source = list("blur, cartoon, blur, BLUR, glare, blur");
    const diagnostics = found(source);
    expect(at(diagnostics)).toEqual(["3:22-3:26"]);
    expect(diagnostics[0]?.message).toBe(
      'avoid term "blur" repeats one already in the list 3 times; terms merge case-insensitively, so these do nothing',
    );
    const result = fix(source, { rules: [rule] });
    expect(result.output).toBe(list("blur, cartoon, glare"));
    expect(result.applied.map((a) => a.pass)).toEqual([1]);
    expect(fixed(source)).toBe(result.output);
  });

  it("leaves no comma behind when the repeats run to the end of the list", () => {
    expect(fixed(list("blur, cartoon, blur, blur"))).toBe(list("blur, cartoon"));
    expect(fixed(list("blur, blur, cartoon, blur"))).toBe(list("blur, cartoon"));
  });

  it("reports each repeated term of a statement apart", () => {
    const source = list("blur, cartoon, blur, cartoon, blur");
    expect(found(source).map((d) => d.message.slice(0, 40))).toEqual([
      'avoid term "blur" repeats one already in',
      'avoid term "cartoon" repeats one already',
    ]);
    expect(fixed(source)).toBe(list("blur, cartoon"));
  });

  it("gives one finding for a line of 150,000 repeats (linear, and no call-stack limit on the way)", () => {
    const source = list(`blur${", blur".repeat(150_000)}`);
    const diagnostics = found(source);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]?.message).toContain("150,000 times");
    expect(diagnostics[0]?.fix?.edits).toHaveLength(1);
  });

  it("keeps CRLF line ends", () => {
    const source = `${IMAGE}\r\naction "Maya waves."\r\navoid blur\r\navoid blur, cartoon\r\n`;
    expect(fixed(source)).toBe(
      `${IMAGE}\r\naction "Maya waves."\r\navoid blur\r\navoid cartoon\r\n`,
    );
  });
});
