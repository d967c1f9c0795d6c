/**
 * Messages people can act on (issue 7.6): one number format everywhere (2,500), positions in the related field
 * rather than in the text, a quoted character name explained, keyword typos with one clear suggestion fixed.
 */
import { describe, expect, it } from "vitest";
import { analyze } from "../src/language/analyze.js";
import { formatNumber } from "../src/language/diagnostics.js";
import { toVFileMessage } from "../src/language/vfile.js";
import { lint } from "../src/lint/engine.js";

const IMAGE = 'image "https://x.test/a.png"';

describe("one number format", () => {
  it("groups thousands with commas and keeps decimals, whatever the locale", () => {
    expect([formatNumber(2500), formatNumber(20000), formatNumber(999), formatNumber(0.5), formatNumber(1234567)]).toEqual(["2,500", "20,000", "999", "0.5", "1,234,567"]);
  });

  it("is used by every message that states a count of characters", () => {
    const long = "Maya turns to the window and smiles. ".repeat(80).trim();
    const messages = [
      ...analyze(`${IMAGE}\nbudget 9000\naction "Maya waves."\n`).diagnostics,
      ...lint(`${IMAGE}\naction "${long}"\n`),
      ...lint(`${IMAGE}\nbudget 1000\naction "${"Maya waves. ".repeat(60).trim()}"\nrealism "${"Grain. ".repeat(200).trim()}"\n`),
      ...lint(`${IMAGE}\naction "Maya waves."\n`, { config: { budget: 4000 } }),
    ].map((d) => d.message);
    const counts = messages.join("\n").match(/\b\d{4,}\b/g);
    expect(counts, messages.join("\n")).toBeNull();
    expect(messages.join("\n")).toMatch(/2,500/);
    expect(messages.join("\n")).toMatch(/1,000/);
  });
});

describe("positions stay out of messages", () => {
  it("a duplicate scene points at the first in its related field, and a vfile-message carries it as a note", () => {
    const [d] = analyze('scene hook { action "A." }\nscene hook { action "B." }\n').diagnostics;
    expect(d?.message).not.toMatch(/\d+:\d+/);
    expect(d?.related).toEqual([{ message: "scene 'hook' is first defined here", file: undefined, line: 1, column: 7, endLine: 1, endColumn: 11, offset: 6, endOffset: 10 }]);
    expect(toVFileMessage(d as NonNullable<typeof d>).note).toBe("1:7: scene 'hook' is first defined here");
  });

  it("no rule or analysis message of the shipped fixtures holds a line:column", () => {
    const source = [
      "project { camera \"A.\"\n camera \"B.\" }",
      `scene a { ${IMAGE}\n action "A."\n duration 5s\n duration 6s }`,
      `scene a { ${IMAGE} }`,
      "",
    ].join("\n");
    for (const d of lint(source)) expect(d.message, d.ruleId).not.toMatch(/\b\d+:\d+\b/);
  });
});
