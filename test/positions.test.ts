import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LineIndex, type Point } from "../src/language/positions.js";

/** A slow, obviously correct reference: walk the text code point by code point. */
function naivePoint(text: string, offset: number): Point {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let column = 1;
  let i = bom;
  if (offset < bom) return { line: 1, column: 1, offset };
  while (i < offset) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      column = 1;
      i++;
      continue;
    }
    const pair =
      c >= 0xd800 &&
      c <= 0xdbff &&
      i + 1 < text.length &&
      text.charCodeAt(i + 1) >= 0xdc00 &&
      text.charCodeAt(i + 1) <= 0xdfff;
    // Stop before splitting a pair: an offset inside one counts the pair as one column.
    if (pair && i + 2 > offset) {
      column++;
      break;
    }
    i += pair ? 2 : 1;
    column++;
  }
  return { line, column, offset };
}

describe("LineIndex: lines", () => {
  it("counts LF line breaks", () => {
    const index = new LineIndex("ab\ncd\n\nef");
    expect(index.lineCount).toBe(4);
    expect(index.point(0)).toEqual({ line: 1, column: 1, offset: 0 });
    expect(index.point(2)).toEqual({ line: 1, column: 3, offset: 2 }); // the "\n" itself ends line 1
    expect(index.point(3)).toEqual({ line: 2, column: 1, offset: 3 });
    expect(index.point(6)).toEqual({ line: 3, column: 1, offset: 6 });
    expect(index.point(7)).toEqual({ line: 4, column: 1, offset: 7 });
    expect(index.point(9)).toEqual({ line: 4, column: 3, offset: 9 });
  });

  it("treats CRLF as one line break", () => {
    const index = new LineIndex("ab\r\ncd\r\n");
    expect(index.lineCount).toBe(3);
    expect(index.point(2)).toEqual({ line: 1, column: 3, offset: 2 }); // the "\r"
    expect(index.point(3)).toEqual({ line: 1, column: 4, offset: 3 }); // the "\n" after it
    expect(index.point(4)).toEqual({ line: 2, column: 1, offset: 4 });
    expect(index.point(8)).toEqual({ line: 3, column: 1, offset: 8 });
  });

  it("treats a lone CR as a line break", () => {
    const index = new LineIndex("ab\rcd\r\ref");
    expect(index.lineCount).toBe(4);
    expect(index.point(3)).toEqual({ line: 2, column: 1, offset: 3 });
    expect(index.point(5)).toEqual({ line: 2, column: 3, offset: 5 });
    expect(index.point(6)).toEqual({ line: 3, column: 1, offset: 6 }); // between two lone CRs: an empty line
    expect(index.point(7)).toEqual({ line: 4, column: 1, offset: 7 });
    expect(index.point(8)).toEqual({ line: 4, column: 2, offset: 8 });
  });

  it("gives line starts and ends without their line breaks", () => {
    const index = new LineIndex("one\r\ntwo\nthree\rfour");
    expect([1, 2, 3, 4].map((l) => index.lineStart(l))).toEqual([0, 5, 9, 15]);
    expect([1, 2, 3, 4].map((l) => index.lineEnd(l))).toEqual([3, 8, 14, 19]);
    const text = index.text;
    expect([1, 2, 3, 4].map((l) => text.slice(index.lineStart(l), index.lineEnd(l)))).toEqual([
      "one",
      "two",
      "three",
      "four",
    ]);
  });

  it("clamps line numbers outside the text", () => {
    const index = new LineIndex("a\nb");
    expect(index.lineStart(0)).toBe(0);
    expect(index.lineStart(99)).toBe(2);
    expect(index.lineEnd(99)).toBe(3);
  });

  it("has one line for empty text and for text without a break", () => {
    expect(new LineIndex("").lineCount).toBe(1);
    expect(new LineIndex("").point(0)).toEqual({ line: 1, column: 1, offset: 0 });
    expect(new LineIndex("abc").lineCount).toBe(1);
    expect(new LineIndex("abc").lineEnd(1)).toBe(3);
  });

  it("counts a final line break as the start of an empty last line", () => {
    const index = new LineIndex("a\n");
    expect(index.lineCount).toBe(2);
    expect(index.point(2)).toEqual({ line: 2, column: 1, offset: 2 });
    expect(index.lineStart(2)).toBe(2);
    expect(index.lineEnd(2)).toBe(2);
  });
});

describe("LineIndex: BOM", () => {
  it("puts line 1 column 1 after the BOM while offsets include it", () => {
    const index = new LineIndex("\ufeffscene a");
    expect(index.point(1)).toEqual({ line: 1, column: 1, offset: 1 });
    expect(index.point(7)).toEqual({ line: 1, column: 7, offset: 7 }); // "a"
    expect(index.lineStart(1)).toBe(1);
  });

  it("maps the BOM's own offset to line 1 column 1, never column 0", () => {
    expect(new LineIndex("\ufeffx").point(0)).toEqual({ line: 1, column: 1, offset: 0 });
  });

  it("affects only line 1", () => {
    const index = new LineIndex("\ufeffab\ncd");
    expect(index.point(4)).toEqual({ line: 2, column: 1, offset: 4 });
    expect(index.point(5)).toEqual({ line: 2, column: 2, offset: 5 });
  });

  it("counts a U+FEFF that is not first as an ordinary character", () => {
    const index = new LineIndex("a\ufeffb\n\ufeffc");
    expect(index.point(2)).toEqual({ line: 1, column: 3, offset: 2 });
    expect(index.point(5)).toEqual({ line: 2, column: 2, offset: 5 });
  });

  it("handles a text that is only a BOM", () => {
    const index = new LineIndex("\ufeff");
    expect(index.lineCount).toBe(1);
    expect(index.point(1)).toEqual({ line: 1, column: 1, offset: 1 });
    expect(index.lineEnd(1)).toBe(1);
  });
});

describe("LineIndex: code-point columns", () => {
  it("counts an astral character (a surrogate pair) as one column", () => {
    const text = "😀x";
    const index = new LineIndex(text);
    expect(text.indexOf("x")).toBe(2);
    expect(index.point(2)).toEqual({ line: 1, column: 2, offset: 2 });
  });

  it("counts several astral characters on a later line", () => {
    const text = "a\n😀😀 👍🏽 x";
    const index = new LineIndex(text);
    const x = text.indexOf("x");
    expect(index.point(x)).toEqual({ line: 2, column: [..."😀😀 👍🏽 "].length + 1, offset: x });
    expect(index.point(x).column).toBe(7);
  });

  it("resets the astral count on each line", () => {
    const index = new LineIndex("😀😀\nab");
    expect(index.point(6)).toEqual({ line: 2, column: 2, offset: 6 });
  });

  it("counts lone surrogates as one column each", () => {
    const text = "\ud800a\udc00b";
    const index = new LineIndex(text);
    expect(index.point(1).column).toBe(2);
    expect(index.point(3).column).toBe(4);
    expect(index.point(4).column).toBe(5);
  });

  it("counts a BMP character outside ASCII as one column", () => {
    const index = new LineIndex("éß日x");
    expect(index.point(3).column).toBe(4);
  });

  it("combines BOM, CRLF and astral characters", () => {
    const text = "\ufeff😀\r\n😀x";
    const index = new LineIndex(text);
    const x = text.indexOf("x");
    expect(index.point(x)).toEqual({ line: 2, column: 2, offset: x });
    expect(index.point(3)).toEqual({ line: 1, column: 2, offset: 3 }); // the "\r"
  });
});

describe("LineIndex: spans and clamping", () => {
  it("builds end-exclusive spans", () => {
    const index = new LineIndex("ab\ncd");
    expect(index.span(1, 4)).toEqual({
      start: { line: 1, column: 2, offset: 1 },
      end: { line: 2, column: 2, offset: 4 },
    });
  });

  it("never lets a span end before it starts", () => {
    const span = new LineIndex("abcdef").span(4, 2);
    expect(span.end.offset).toBe(4);
    expect(span.start).toEqual(span.end);
  });

  it("clamps offsets outside the text", () => {
    const index = new LineIndex("ab\ncd");
    expect(index.point(-3)).toEqual({ line: 1, column: 1, offset: 0 });
    expect(index.point(100)).toEqual({ line: 2, column: 3, offset: 5 });
  });

  it("agrees with a naive code-point walk on arbitrary text", () => {
    const pieces = fc.constantFrom(
      "a",
      "é",
      "😀",
      "\n",
      "\r",
      "\r\n",
      "\ufeff",
      "\ud800",
      "\udc00",
      " ",
      "\t",
      "日",
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }), fc.nat(), (parts, seed) => {
        const text = parts.join("");
        const index = new LineIndex(text);
        const offset = text.length === 0 ? 0 : seed % (text.length + 1);
        // Offsets inside a surrogate pair are not meaningful positions; skip them.
        const c = text.charCodeAt(offset);
        const p = text.charCodeAt(offset - 1);
        if (c >= 0xdc00 && c <= 0xdfff && p >= 0xd800 && p <= 0xdbff) return;
        expect(index.point(offset)).toEqual(naivePoint(text, offset));
      }),
      { numRuns: 500 },
    );
  });

  it("maps every line start back to column 1 of that line", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("x", "😀", "\n", "\r\n", "\r"), { maxLength: 30 }),
        (parts) => {
          const text = parts.join("");
          const index = new LineIndex(text);
          for (let line = 1; line <= index.lineCount; line++) {
            expect(index.point(index.lineStart(line))).toMatchObject({ line, column: 1 });
            expect(index.lineEnd(line)).toBeGreaterThanOrEqual(index.lineStart(line));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("LineIndex.span agrees with point at both ends", () => {
  it("for every pair of offsets in texts with BOM, CRLF, lone CR and astral characters", () => {
    for (const text of ["\ufeffab\r\ncd", "a\rb😀c\nd", "\ufeff", "x😀y", "plain line\nnext", ""]) {
      const index = new LineIndex(text);
      for (let start = 0; start <= text.length; start++) {
        for (let end = start; end <= text.length; end++) {
          expect(index.span(start, end)).toEqual({
            start: index.point(start),
            end: index.point(end),
          });
        }
      }
    }
  });
});
