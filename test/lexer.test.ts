import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tokenize } from "../grammar/lexer.js";
import { createLexer } from "../grammar/tokens.js";
import { soupArb, sourceArb } from "../scripts/fuzz.js";

/**
 * grammar/lexer.ts runs the token definitions of grammar/tokens.ts itself; chevrotain's
 * own lexer, built from the same definitions with its validations on, is the oracle.
 */
const oracle = createLexer(true);

function viaChevrotain(source: string) {
  const lexed = oracle.tokenize(source);
  return {
    tokens: lexed.tokens.map((t) => [t.tokenType.name, t.startOffset, t.image]),
    comments: (lexed.groups["comments"] ?? []).map((t) => [
      t.tokenType.name,
      t.startOffset,
      t.image,
    ]),
    errors: lexed.errors.map((e) => [e.offset, e.length]),
  };
}

function viaLexer(source: string) {
  const lexed = tokenize(source);
  return {
    tokens: lexed.tokens.map((t) => [t.tokenType.name, t.startOffset, t.image]),
    comments: lexed.groups.comments.map((t) => [t.tokenType.name, t.startOffset, t.image]),
    errors: lexed.errors.map((e) => [e.offset, e.length]),
  };
}

/** Characters where the patterns meet: starts of several tokens, and what ends them. */
const edgeArb = fc.string({
  unit: fc.constantFrom(
    ..."aZ_9.-:/\\\"'*{},;= \t\r\n\u00a0\ufeff\u2028\u201c\u201d\u2018\u2019\u201e@#?&%x0".split(
      "",
    ),
    "//",
    "/*",
    "*/",
    '"""',
    "://",
    "\ud800",
    "😀",
  ),
  maxLength: 60,
});

describe("grammar/lexer.ts agrees with chevrotain's lexer on the same token definitions", () => {
  it("on the language's own pieces and on random text", () => {
    fc.assert(
      fc.property(fc.oneof(edgeArb, sourceArb, soupArb), (source) => {
        expect(viaLexer(source)).toEqual(viaChevrotain(source));
      }),
      { numRuns: 2000 },
    );
  });

  it("on the cases that decide between patterns", () => {
    for (const source of [
      "image cdn.example.com/a.png tier=2",
      "image https://x.y/z?q=1,",
      "a.b.c",
      "1.2/3",
      "9:16 10s 7.5 42",
      "'open",
      "\u201copen\u201d x",
      '"a\\"',
      '"""a\n"""',
      '"""open',
      "/* open",
      "// c\r\nx",
      "@@@ x",
      "-5",
      "\u2028",
      "a-b.c_d",
      "a://",
      "x.y/",
    ]) {
      expect(viaLexer(source), JSON.stringify(source)).toEqual(viaChevrotain(source));
    }
  });
});
