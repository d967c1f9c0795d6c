/**
 * Messages people can act on (issue 7.6): one number format everywhere (2,500), positions in the related field
 * rather than in the text, a quoted character name explained, keyword typos with one clear suggestion fixed.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyze } from "../src/language/analyze.js";
import { formatNumber } from "../src/language/diagnostics.js";
import { toVFileMessage } from "../src/language/vfile.js";
import { clearSuggestion } from "../src/language/keywords.js";
import { lint } from "../src/lint/engine.js";
import { fix } from "../src/lint/fix.js";
import { run } from "../src/cli/run.js";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { tmpdir } from "node:os";
import { join } from "node:path";

const IMAGE = 'image "https://x.test/a.png"';

describe("one number format", () => {
  it("groups thousands with commas and keeps decimals, whatever the locale", () => {
    expect([
      formatNumber(2500),
      formatNumber(20000),
      formatNumber(999),
      formatNumber(0.5),
      formatNumber(1234567),
    ]).toEqual(["2,500", "20,000", "999", "0.5", "1,234,567"]);
  });

  it("writes whole numbers as en-US does, with or without Intl", () => {
    const intl = new Intl.NumberFormat("en-US", { maximumFractionDigits: 6 });
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer(),
          fc.maxSafeInteger(),
          fc.integer({ min: -1e6, max: 1e6 }),
          fc.double(),
        ),
        (n) => {
          expect(formatNumber(n)).toBe(intl.format(n));
        },
      ),
    );
  });

  it("is used by every message that states a count of characters", () => {
    const long = "Maya turns to the window and smiles. ".repeat(80).trim();
    const messages = [
      ...analyze(`${IMAGE}\nbudget 9000\naction "Maya waves."\n`).diagnostics,
      ...lint(`${IMAGE}\naction "${long}"\n`),
      ...lint(
        `${IMAGE}\nbudget 1000\naction "${"Maya waves. ".repeat(60).trim()}"\nrealism "${"Grain. ".repeat(200).trim()}"\n`,
      ),
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
    expect(d?.related).toEqual([
      {
        message: "scene 'hook' is first defined here",
        file: undefined,
        line: 1,
        column: 7,
        endLine: 1,
        endColumn: 11,
        offset: 6,
        endOffset: 10,
      },
    ]);
    expect(toVFileMessage(d as NonNullable<typeof d>).note).toBe(
      "1:7: scene 'hook' is first defined here",
    );
  });

  it("the command line prints a related place on an indented line under its diagnostic", () => {
    const dir = mkdtempSync(join(tmpdir(), "klingc-messages-"));
    try {
      const file = join(dir, "twice.kp");
      writeFileSync(file, `${IMAGE}\ncamera "A."\ncamera "B."\naction "Maya waves."\n`);
      let out = "";
      run(["lint", file], { out: (t) => (out += t), err: () => undefined });
      const lines = out.replace(/\u001b\[[0-9;]*m/g, "").split("\n");
      const at = lines.findIndex((l) => l.includes("duplicate-section"));
      expect(lines[at]).toContain(`${file}:3:1`);
      expect(lines[at + 1]).toBe(`  ${file}:2:1  the first 'camera'`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("no message about any fixture names a line or column (syntax errors, the parser's, aside)", () => {
    const root = fileURLToPath(new URL("../fixtures/", import.meta.url));
    const files = readdirSync(root, { recursive: true, encoding: "utf8" }).filter((f) =>
      f.endsWith(".kp"),
    );
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      for (const d of lint(readFileSync(join(root, f), "utf8"), { filename: f })) {
        if (d.ruleId !== "syntax")
          expect(d.message, `${f} ${d.ruleId}`).not.toMatch(/\b(?:at|line) \d+(?::\d+)?\b/);
      }
    }
    const repeats =
      'project { camera "A."\n camera "B." }\nscene a { image "https://x.test/a.png"\n duration 5s\n duration 6s }\nscene a { }\n';
    expect(lint(repeats).filter((d) => d.related !== undefined).length).toBe(3);
  });
});

describe("a quoted character name", () => {
  it("gets one message at the name saying what to write, and a fix when the name is a bare word", () => {
    const source = `${IMAGE}\ncharacter "Maya" "Maya, late twenties."\naction "Maya waves."\n`;
    const found = analyze(source).diagnostics;
    expect(
      found.map(
        (d) => `${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.ruleId} ${d.message}`,
      ),
    ).toEqual([
      `2:11-2:17 invalid-argument a character's name is written without quotes: character Maya "…"`,
    ]);
    expect(fix(source).output).toBe(
      `${IMAGE}\ncharacter Maya "Maya, late twenties. Exactly two arms, two hands, five fingers on each hand."\naction "Maya waves."\n`,
    );
  });

  it("keeps the character, so a dialogue naming it is no second error", () => {
    const { diagnostics, scenes } = analyze(
      `${IMAGE}\ncharacter "Maya" "Maya."\naudio { dialogue Maya "Hi." }\n`,
    );
    expect(diagnostics).toHaveLength(1);
    expect(scenes[0]?.sections.find((s) => s.keyword === "character")?.name).toBe("Maya");
  });

  it("suggests a bare name for a name with spaces, without a fix", () => {
    const [d] = analyze(`${IMAGE}\ncharacter "Maya Lopez" "Maya."\n`).diagnostics;
    expect(d?.message).toBe(
      `a character's name is written without quotes: character Maya_Lopez "…"`,
    );
    expect(d?.fix).toBeUndefined();
  });
});

describe("keyword typos", () => {
  it("with one clear suggestion get a fix that writes it", () => {
    const source = `${IMAGE}\nacton "Maya waves."\ncamra "Slow push-in."\n`;
    const found = analyze(source).diagnostics;
    expect(found.map((d) => [d.message, d.fix?.edits])).toEqual([
      ["unknown keyword 'acton'; did you mean 'action'?", [{ start: 29, end: 34, text: "action" }]],
      ["unknown keyword 'camra'; did you mean 'camera'?", [{ start: 49, end: 54, text: "camera" }]],
    ]);
    expect(fix(source).output).toBe(`${IMAGE}\naction "Maya waves."\ncamera "Slow push-in."\n`);
  });

  it("without a clear suggestion get none", () => {
    expect(analyze(`${IMAGE}\nwobble "x"\n`).diagnostics[0]?.fix).toBeUndefined();
    expect(clearSuggestion("caw", ["cat", "car"])).toBeUndefined();
    expect(clearSuggestion("cag", ["cat", "dog"])).toBe("cat");
  });
});
