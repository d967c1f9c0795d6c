import { describe, expect, it } from "vitest";
import { emptySection } from "../../rules/empty-section.js";
import { compileScenes } from "../../src/emit/scenes.js";
import { lint } from "../../src/lint/engine.js";
import { ruleHarness } from "./harness.js";

const IMAGE = 'image "https://x.test/a.png"';
const { found, at, fixed } = ruleHarness(emptySection);

describe("empty-section", () => {
  it("reports QA's file: an empty action and a blank camera, at their strings", () => {
    const source = `${IMAGE}\naction ""\ncamera "  "\n`;
    const diagnostics = found(source);
    expect(at(diagnostics)).toEqual(["2:8-2:10", "3:8-3:12"]);
    expect(diagnostics.map((d) => d.severity)).toEqual(["warning", "warning"]);
    expect(diagnostics.map((d) => d.message)).toEqual([
      "action text is empty: it adds nothing to the prompt; write what it should say, or remove it",
      "camera text is only white space: it adds nothing to the prompt; write what it should say, or remove it",
    ]);
    // It really is nothing in the prompt.
    expect(compileScenes(source).scenes[0]?.prompt).toBe("");
  });

  it("lint no longer passes QA's file", () => {
    const ids = lint(`${IMAGE}\naction ""\ncamera "  "\n`).map((d) => d.ruleId);
    expect(ids).toContain("empty-section");
    expect(ids).toContain("tier1-required");
  });

  it("reports a blank line of an audio block, a blank dialogue, and blank project and shot sections", () => {
    const source = [
      "project {",
      '  lighting "\t"',
      "}",
      "scene a {",
      `  ${IMAGE}`,
      '  character maya "Maya."',
      '  action "Maya waves."',
      "  audio {",
      '    dialogue maya ""',
      '    music "Lo-fi."',
      "  }",
      "  shot 1 duration=5 {",
      '    camera ""',
      "  }",
      "}",
      "",
    ].join("\n");
    expect(found(source).map((d) => d.message.split(":")[0])).toEqual([
      "lighting text is only white space",
      "dialogue of 'maya' text is empty",
      "camera text is empty",
    ]);
  });

  it("leaves text that says something, even one character", () => {
    expect(found(`${IMAGE}\naction "."\ncamera "Slow push-in."\n`)).toEqual([]);
  });

  it("the fix removes the statement and its line", () => {
    expect(fixed(`${IMAGE}\naction "Maya waves."\ncamera "  "\nlighting ""\n`)).toBe(
      `${IMAGE}\naction "Maya waves."\n`,
    );
    expect(
      fixed(`${IMAGE}\naction "Maya waves."\naudio {\n  music "Lo-fi."\n  tone " "\n}\n`),
    ).toBe(`${IMAGE}\naction "Maya waves."\naudio {\n  music "Lo-fi."\n}\n`);
  });

  it("offers no fix for a blank character, whose name a dialogue may use", () => {
    const source = `${IMAGE}\ncharacter maya ""\naction "Maya waves."\naudio {\n  dialogue maya "Hi."\n}\n`;
    const diagnostics = found(source);
    expect(diagnostics.map((d) => d.message)).toEqual([
      "character 'maya' text is empty: it adds nothing to the prompt; write what it should say, or remove it",
    ]);
    expect(diagnostics[0]?.fix).toBeUndefined();
  });
});
