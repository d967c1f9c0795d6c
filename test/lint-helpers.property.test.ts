/**
 * Helpers the rules share, written for speed, checked against their plain
 * definitions: `endsSentence` tests the text without folding its white space,
 * and `allStatements` walks the blocks with a stack, not recursion.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { StatementNode } from "../src/language/ast.js";
import { parse } from "../src/language/parse.js";
import { foldWhitespace, hasTerminalPunctuation } from "../src/emit/text.js";
import { endsSentence } from "../src/lint/literals.js";
import { allStatements } from "../src/lint/rule.js";

/** Letters, every kind of white space, sentence ends and the closers that may follow them. */
const piece = fc.constantFrom("Maya", "waves", "日本", " ", "  ", "\t", "\n", "\r\n", "\u00a0", "\u3000", "\u2028", ".", "。", "!", "?", "…", '"', "'", "”", "」", ")", ",", ":");
const text = fc.array(piece, { maxLength: 12 }).map((p) => p.join(""));

describe("endsSentence", () => {
  it("says what the folded, trimmed text says", () => {
    fc.assert(
      fc.property(text, (t) => {
        const folded = foldWhitespace(t).trim();
        expect(endsSentence(t)).toBe(folded === "" || hasTerminalPunctuation(folded));
      }),
      { numRuns: 2000 },
    );
  });
});

/** The recursive definition: each statement, then the statements of its block. */
function depthFirst(statements: readonly StatementNode[]): StatementNode[] {
  return statements.flatMap((s) => [s, ...(s.block ? depthFirst(s.block.statements) : [])]);
}

const statement: fc.Memo<string> = fc.memo((depth) =>
  depth <= 1
    ? fc.constantFrom('action "Maya waves."', "duration 5s", 'camera "Static."', "bogus 1")
    : fc.oneof(
        fc.constantFrom('action "Maya waves."', "duration 5s"),
        fc.array(statement(depth - 1), { maxLength: 3 }).map((body) => `scene s {\n${body.join("\n")}\n}`),
        fc.array(statement(depth - 1), { maxLength: 3 }).map((body) => `audio {\n${body.join("\n")}\n}`),
        fc.array(statement(depth - 1), { maxLength: 3 }).map((body) => `shot {\n${body.join("\n")}\n}`),
      ),
);

describe("allStatements", () => {
  it("lists every statement depth first, as the recursive walk does", () => {
    fc.assert(
      fc.property(fc.array(statement(4), { maxLength: 4 }), (lines) => {
        const { ast } = parse(lines.join("\n"));
        expect(allStatements(ast.statements)).toEqual(depthFirst(ast.statements));
      }),
      { numRuns: 300 },
    );
  });
});
