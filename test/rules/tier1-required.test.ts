import { describe, expect, it } from "vitest";
import type { Rule } from "../../src/lint/rule.js";
import { tier1Required } from "../../rules/tier1-required.js";
import { ruleHarness } from "./harness.js";

const rule: Rule = tier1Required;
const IMAGE = 'image "https://x.test/a.png"';

const { found, at } = ruleHarness(rule);

describe("tier1-required", () => {
  it("warns about a scene with no character, action or audio, at its name", () => {
    const source = `scene hook {\n  ${IMAGE}\n  camera "Slow push-in."\n  lighting "Soft window light."\n}\n`;
    const diagnostics = found(source);
    expect(at(diagnostics)).toEqual(["1:7-1:11"]);
    expect(diagnostics[0]?.severity).toBe("warning");
    expect(diagnostics[0]?.fix).toBeUndefined();
    expect(diagnostics[0]?.message).toBe(
      "scene 'hook' has no character, action or audio: the model invents who is in the shot, what they do and what is heard; " +
        "add at least an 'action' (or 'audio off' for a silent scene)",
    );
  });

  it("warns about an implicit scene at the start of the file", () => {
    expect(at(found(`${IMAGE}\ncamera "Slow push-in."\n`, { filename: "b-roll.kp" }))).toEqual([
      "1:1-1:1",
    ]);
    expect(found(`${IMAGE}\n`, { filename: "b-roll.kp" })[0]?.message).toMatch(
      /^this file's scene 'b-roll' has no character/,
    );
  });

  it("is satisfied by any one of character, action or audio (string or block)", () => {
    for (const section of [
      'character maya "Maya, thirties."',
      'action "Maya waves."',
      'audio "Kettle whistles."',
      'audio {\n  music "Lo-fi."\n}',
    ]) {
      expect(found(`${IMAGE}\n${section}\n`), section).toEqual([]);
    }
  });

  it("does not count a section whose text is empty or only white space (QA: such a file linted clean)", () => {
    expect(at(found(`${IMAGE}\naction ""\ncamera "  "\n`))).toEqual(["1:1-1:1"]);
    for (const section of [
      'character maya "  "',
      'action "\\n\\t"',
      'audio ""',
      'audio {\n  music ""\n  tone " "\n}',
    ]) {
      expect(at(found(`${IMAGE}\n${section}\ncamera "Slow pan."\n`)), section).toEqual(["1:1-1:1"]);
    }
    // One line of an audio block that says something is enough.
    expect(found(`${IMAGE}\naudio {\n  music ""\n  tone "Warm."\n}\n`)).toEqual([]);
  });

  it("counts an explicit audio off, not audio on", () => {
    expect(found(`${IMAGE}\naudio off\ncamera "Slow pan."\n`)).toEqual([]);
    expect(at(found(`${IMAGE}\naudio on\ncamera "Slow pan."\n`))).toEqual(["1:1-1:1"]);
  });

  it("counts sections inherited from the project, and a project's audio off", () => {
    expect(found(`project {\n  character maya "Maya."\n}\nscene a {\n  ${IMAGE}\n}\n`)).toEqual([]);
    expect(found(`project {\n  audio off\n}\nscene a {\n  ${IMAGE}\n}\n`)).toEqual([]);
  });

  it("counts a shot's own tier-1 sections", () => {
    const source = `scene a {\n  ${IMAGE}\n  camera "Wide."\n  shot one {\n    duration 3s\n    camera "Close."\n  }\n  shot two {\n    action "Maya turns."\n  }\n}\n`;
    expect(found(source)).toEqual([]);
    const none = `scene a {\n  ${IMAGE}\n  shot one {\n    camera "Close."\n  }\n}\n`;
    expect(at(found(none))).toEqual(["1:7-1:8"]);
  });

  it("goes by keyword: tier= on another section does not count", () => {
    expect(at(found(`scene a {\n  ${IMAGE}\n  camera tier=1 "Close-up."\n}\n`))).toEqual([
      "1:7-1:8",
    ]);
  });

  it("reports each scene on its own", () => {
    const source = `scene a {\n  ${IMAGE}\n}\nscene b {\n  action "x"\n}\nscene c {\n  realism "Film grain."\n}\n`;
    expect(at(found(source))).toEqual(["1:7-1:8", "7:7-7:8"]);
  });
});
