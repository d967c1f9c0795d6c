/**
 * Linear time on any input: lint (which compiles, packs and runs every rule)
 * takes 100 KB adversarial strings in stride. A quadratic path takes minutes
 * on these and a linear one well under a second, so the generous per-test
 * timeout only catches a blow-up; the speed figures live in the benchmark.
 */
import { describe, expect, it } from "vitest";
import { findNegations } from "../rules/negation-phrasing.js";
import { lint } from "../src/lint/engine.js";
import { splitSentences, truncateAtSentence } from "../src/emit/text.js";

const SIZE = 100_000;
const TIMEOUT = { timeout: 10_000 };
const IMAGE = 'image "https://x.test/a.png"';

/** `unit` repeated to SIZE characters (UTF-16), whole units only. */
function run(unit: string): string {
  return unit.repeat(Math.floor(SIZE / unit.length));
}

/** Texts that made a scan or a regular expression restart at every position (they need no escaping in a .kp string). */
const ADVERSARIAL: Record<string, string> = {
  periods: run("."),
  "periods and spaces": run(". "),
  "opening curly quotes": run("“"),
  "unclosed curly quote": `“${run("a ")}`,
  "straight apostrophes": run("'"),
  "unclosed straight quote": ` 'no ${run("a 'b ")}`,
  semicolons: run(";"),
  "spaces between two words": `a${run(" ")}b`,
  "emoji after periods": run("A. 😀"),
  ellipses: run("…"),
  "CJK full stops": run("。"),
  "CJK full stops before long runs of closing brackets": run(`好。${"」".repeat(50)}`),
  "CJK sentences with no space between them": run("她走进房间。"),
  "CJK full stops before long runs of opening brackets": run(
    `好。${"」".repeat(20)}${"「".repeat(50)}`,
  ),
  "opening brackets after one CJK full stop": `好。${run("「")}`,
  "closing brackets after a period": `Go.${run(")")}x`,
  negations: run("no "),
  "avoid lists without an end": run(";Avoid: a, "),
  "do and white space": `do${run(" ")}x`,
  "CJK without punctuation": run("她走进房间"),
};

/** A file with the text as an action, a character, an audio line and a negative prompt (every text-reading rule sees it). */
function fileWith(text: string): string {
  return [
    IMAGE,
    `character maya "${text}"`,
    `action "${text}"`,
    "audio {",
    `  tone "${text}"`,
    "}",
    `negative_prompt "${text}"`,
    "",
  ].join("\n");
}

describe("lint stays linear on 100 KB adversarial texts", () => {
  for (const [name, text] of Object.entries(ADVERSARIAL)) {
    it(`lints ${name}`, TIMEOUT, () => {
      const source = fileWith(text);
      const diagnostics = lint(source);
      // The negative prompt is always reported: the rules really ran, and every finding points into the file.
      expect(diagnostics.some((d) => d.ruleId === "no-negative-prompt")).toBe(true);
      expect(diagnostics.every((d) => d.offset >= 0 && d.offset <= source.length)).toBe(true);
    });
  }
});

describe("the text scans stay linear on 100 KB adversarial texts", () => {
  for (const [name, text] of Object.entries(ADVERSARIAL)) {
    it(`splits, truncates and reads negations in ${name}`, TIMEOUT, () => {
      expect(splitSentences(text).join("").length).toBeLessThanOrEqual(text.length);
      expect(truncateAtSentence(text, 2_500).length).toBeLessThanOrEqual(2_500 * 2);
      expect(findNegations(text).every((n) => text.slice(n.start, n.end) === n.phrase)).toBe(true);
    });
  }
});

describe("source-level scans stay linear", () => {
  it("reads a directive comment with a long run of white space", TIMEOUT, () => {
    const source = `${IMAGE}\n// klingc-disable-next-line sentence-end${run("\t")}x\naction "Maya waves"\n`;
    expect(lint(source).some((d) => d.ruleId === "sentence-end")).toBe(false);
  });

  it(
    "passes over a line of unclosed block-comment openers inside a line comment to find the next code line",
    TIMEOUT,
    () => {
      const source = `${IMAGE}\n// klingc-disable-next-line sentence-end\n// ${run("/*")}\naction "Maya waves"\n`;
      expect(lint(source).some((d) => d.ruleId === "sentence-end")).toBe(false);
    },
  );

  it("reads 60,000 next-line directives with no code after them", TIMEOUT, () => {
    const directives = "// klingc-disable-next-line sentence-end\n".repeat(60_000);
    const source = `${IMAGE}\naction "Maya waves"\n${directives}`;
    // The action before the run is not silenced: the directives point past the end of the file.
    expect(
      lint(source)
        .filter((d) => d.ruleId === "sentence-end")
        .map((d) => d.line),
    ).toEqual([2]);
  });

  it(
    "removes a repeated avoid term separated by a long run of white space and a comment",
    TIMEOUT,
    () => {
      const source = `${IMAGE}\naction "Maya waves."\navoid blur${run(" ")}/* c */ , blur\n`;
      expect(lint(source).some((d) => d.ruleId === "avoid-duplicates")).toBe(true);
    },
  );
});
