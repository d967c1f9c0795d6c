/**
 * Robustness: `parse` and `analyze` take any text. They never throw, every
 * position they report lies inside the source, and the same input always gives
 * the same output. Run counts are moderate so the file stays well under 30 s on
 * a two-core machine; the 10 MB case dominates.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  fixtureSources,
  mutate,
  mutationArb,
  soupArb,
  sourceArb,
  toPieces,
  type Pieces,
} from "../scripts/fuzz.js";
import { analyze, type AnalyzeResult } from "../src/language/analyze.js";
import { MAX_TOKENS, parse, type ParseResult } from "../src/language/parse.js";
import { scan } from "../grammar/lexer.js";
import type { Span } from "../src/language/positions.js";

const FIXTURE_DIR = fileURLToPath(new URL("../fixtures/language/", import.meta.url));

function checkSpan(span: Span, length: number, what: string): void {
  const { start, end } = span;
  if (!(start.offset >= 0 && start.offset <= end.offset && end.offset <= length)) {
    throw new Error(`${what}: offsets ${start.offset}..${end.offset} outside 0..${length}`);
  }
  if (!(start.line >= 1 && start.column >= 1 && end.line >= start.line && end.column >= 1)) {
    throw new Error(`${what}: bad line/column ${JSON.stringify(span)}`);
  }
}

/** Every diagnostic and every AST position lies inside the source, and lines/columns agree with offsets. */
function checkResult(result: ParseResult | AnalyzeResult, source: string): void {
  for (const d of result.diagnostics) {
    expect(
      0 <= d.offset && d.offset <= d.endOffset && d.endOffset <= source.length,
      `${d.message} at ${d.offset}..${d.endOffset}`,
    ).toBe(true);
    expect(d.line >= 1 && d.column >= 1 && d.endLine >= d.line && d.endColumn >= 1).toBe(true);
    expect(d.place).toEqual({
      start: result.lines.point(d.offset),
      end: result.lines.point(d.endOffset),
    });
    expect([d.line, d.column, d.endLine, d.endColumn]).toEqual([
      d.place.start.line,
      d.place.start.column,
      d.place.end.line,
      d.place.end.column,
    ]);
    expect(typeof d.message === "string" && d.message.length > 0).toBe(true);
    expect([
      "syntax",
      "unknown-keyword",
      "misplaced-statement",
      "invalid-argument",
      "duplicate-scene",
      "invalid-character",
    ]).toContain(d.ruleId);
  }
  // One bad line yields one syntax diagnostic, not a cascade.
  const syntaxLines = result.diagnostics.filter((d) => d.ruleId === "syntax").map((d) => d.line);
  expect(new Set(syntaxLines).size).toBe(syntaxLines.length);
  const walk = (node: unknown, path: string): void => {
    if (Array.isArray(node)) {
      node.forEach((n, i) => walk(n, `${path}[${i}]`));
      return;
    }
    if (node === null || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      if (key === "position" || key === "keywordPosition" || key === "keyPosition")
        checkSpan(value as Span, source.length, `${path}.${key}`);
      else walk(value, `${path}.${key}`);
    }
  };
  walk(result.ast, "ast");
}

function checkSource(source: string): void {
  const parsed = parse(source, { filename: "p.kp" });
  checkResult(parsed, source);
  const analysed = analyze(source, { filename: "p.kp" });
  checkResult(analysed, source);
  // Deterministic: the same input gives a deep-equal result (AST, diagnostics, model).
  expect(analyze(source, { filename: "p.kp" })).toEqual(analysed);
  expect(parse(source, { filename: "p.kp" })).toEqual(parsed);
}

describe("robustness: arbitrary text", () => {
  it("never throws, keeps positions inside the source, and is deterministic", () => {
    fc.assert(fc.property(sourceArb, checkSource), { numRuns: 300 });
  });

  it("survives token soup", () => {
    fc.assert(fc.property(soupArb, checkSource), { numRuns: 300 });
  });

  it("survives arbitrary text wrapped in a scene block", () => {
    fc.assert(
      fc.property(sourceArb, fc.boolean(), (body, close) =>
        checkSource(`scene s {\n${body}${close ? "\n}" : ""}`),
      ),
      { numRuns: 150 },
    );
  });
});

describe("robustness: mutated fixtures", () => {
  const sources = fixtureSources(FIXTURE_DIR);
  const pieces = sources.map(toPieces);

  it("reads the fixtures", () => {
    expect(sources.length).toBeGreaterThan(20);
    // The piece splitter loses nothing: joining the pieces gives the source back.
    sources.forEach((source, i) => expect((pieces[i] as Pieces).parts.join("")).toBe(source));
  });

  it("never throws on deleted, duplicated and swapped tokens", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: pieces.length - 1 }),
        fc.array(mutationArb, { minLength: 1, maxLength: 6 }),
        (index, mutations) => {
          checkSource(mutate(pieces[index] as Pieces, mutations));
        },
      ),
      { numRuns: 250 },
    );
  });

  it("never throws when a fixture is cut at any point", () => {
    fc.assert(
      fc.property(fc.nat({ max: sources.length - 1 }), fc.nat(), (index, at) => {
        const source = sources[index] as string;
        checkSource(source.slice(0, at % (source.length + 1)));
      }),
      { numRuns: 150 },
    );
  });
});

describe("robustness: deep nesting", () => {
  const N = 100_000;
  const cases: [string, string][] = [
    ["balanced", `scene a ${"{".repeat(N)}${"}".repeat(N)}`],
    ["only opening", `scene a ${"{".repeat(N)}`],
    ["only closing", `scene a ${"}".repeat(N)}`],
    ["more opening than closing", `scene a ${"{".repeat(N)}${"}".repeat(N / 2)}`],
    ["more closing than opening", `scene a ${"{".repeat(N / 2)}${"}".repeat(N)}`],
    ["nested shots on separate lines", `scene a {\n${"shot {\n".repeat(N)}${"}\n".repeat(N)}}`],
  ];

  it.each(cases)("%s: gives a syntax diagnostic, no stack overflow", (_name, source) => {
    const result = analyze(source, { filename: "deep.kp" });
    expect(result.diagnostics.some((d) => d.ruleId === "syntax")).toBe(true);
    for (const d of result.diagnostics) expect(d.endOffset).toBeLessThanOrEqual(source.length);
  });
});

describe("robustness: large input", () => {
  it("analyses realistic scenes up to the token limit and gives every scene; one copy more is file-too-large", () => {
    const example = readFileSync(join(FIXTURE_DIR, "example.kp"), "utf8");
    const head = example.slice(0, example.indexOf("scene hook"));
    const body = example.slice(example.indexOf("scene hook"));
    const tokens = (text: string): number => {
      const { tokens: t, comments, errors } = scan(text);
      return t.count + comments.count + errors.length;
    };
    // Every copy has the body's tokens; the "\n" joining them is one more.
    const perCopy = tokens(body) + 1;
    const copy = (i: number): string =>
      body
        .replace("scene hook", `scene hook-${i}`)
        .replace("scene demo", `scene demo-${i}`)
        .replace("from=hook", `from=hook-${i}`);
    const parts: string[] = [head];
    let count = tokens(head);
    let copies = 0;
    while (count + perCopy <= MAX_TOKENS) {
      parts.push(copy(copies++));
      count += perCopy;
    }
    const source = parts.join("\n");
    expect(tokens(source)).toBeLessThanOrEqual(MAX_TOKENS);
    expect(source.length).toBeGreaterThan(3 * 1024 * 1024);
    const result = analyze(source, { filename: "big.kp" });
    expect(result.diagnostics).toEqual([]);
    expect(result.scenes).toHaveLength(copies * 2);
    expect(result.scenes.at(-1)?.name).toBe(`demo-${copies - 1}`);
    expect(result.scenes.at(-1)?.sections.find((s) => s.keyword === "continuity")?.from).toBe(
      `hook-${copies - 1}`,
    );
    const over = analyze(`${source}\n${copy(copies)}`, { filename: "big.kp" });
    expect(over.diagnostics.map((d) => d.ruleId)).toEqual(["file-too-large"]);
    expect(over.scenes).toEqual([]);
  }, 120_000);
});

describe("robustness: awkward characters", () => {
  it("reports a NUL byte as an unexpected character and keeps the scene", () => {
    const source = 'scene a {\n  action "x" \u0000\n}';
    const result = analyze(source);
    expect(result.diagnostics.map((d) => [d.ruleId, d.message, d.line, d.column])).toEqual([
      ["syntax", "unexpected character U+0000", 2, 14],
    ]);
    expect(result.scenes[0]?.sections[0]?.text).toBe("x");
  });

  it("reports a NUL inside a string at its place, and keeps it in the model (nothing written is lost)", () => {
    const result = analyze('action "a\u0000b"');
    expect(result.diagnostics.map((d) => [d.ruleId, d.line, d.column])).toEqual([
      ["invalid-character", 1, 10],
    ]);
    expect(result.scenes[0]?.sections[0]?.text).toBe("a\u0000b");
  });

  it("reports a lone surrogate outside a string as a syntax error, and one inside a string as an invalid character", () => {
    const outside = analyze("scene a {\n  \udc00\n}");
    expect(outside.diagnostics.map((d) => [d.message, d.line, d.column])).toEqual([
      ["unexpected character U+DC00", 2, 3],
    ]);
    const inside = analyze('action "a\ud83db"');
    expect(inside.diagnostics.map((d) => [d.ruleId, d.line, d.column])).toEqual([
      ["invalid-character", 1, 10],
    ]);
    expect(inside.scenes[0]?.sections[0]?.text).toBe("a\ud83db");
  });

  it("ignores a leading BOM and counts columns after it", () => {
    const source = '\ufeffscene a {\n  action "x"\n}';
    const result = analyze(source);
    expect(result.diagnostics).toEqual([]);
    expect(result.scenes.map((s) => s.name)).toEqual(["a"]);
    expect(result.ast.statements[0]?.position.start).toEqual({ line: 1, column: 1, offset: 1 });
  });

  it("reads CRLF line ends like LF", () => {
    const lf = 'scene a {\n  action "x"\n  camera "y"\n}\nscene b {\n  actoin "z"\n}\n';
    const crlf = lf.replace(/\n/g, "\r\n");
    const a = analyze(lf);
    const b = analyze(crlf);
    expect(b.scenes.map((s) => [s.name, s.sections.map((x) => x.text)])).toEqual(
      a.scenes.map((s) => [s.name, s.sections.map((x) => x.text)]),
    );
    expect(b.diagnostics.map((d) => [d.line, d.column, d.endLine, d.endColumn, d.message])).toEqual(
      a.diagnostics.map((d) => [d.line, d.column, d.endLine, d.endColumn, d.message]),
    );
  });
});
