import { describe, expect, it } from "vitest";
import { KpParser } from "../grammar/parser.js";
import { createLexer } from "../grammar/tokens.js";

// The shipped lexer and parser skip chevrotain's definition checks to start fast; these run them.
describe("grammar definitions", () => {
  it("the lexer's token definitions pass chevrotain's validations", () => {
    const lexer = createLexer(true);
    expect(lexer.lexerDefinitionErrors).toEqual([]);
  });

  it("the parser's grammar passes chevrotain's validations (no ambiguity, no left recursion)", () => {
    // chevrotain throws "Parser Definition Errors detected" from performSelfAnalysis when a check fails.
    expect(() => new KpParser({ validate: true })).not.toThrow();
  });
});
