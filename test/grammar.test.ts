import { Lexer, type TokenType } from "chevrotain";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KpParser, type TreeSink } from "../grammar/parser.js";
import { allTokens, createLexer } from "../grammar/tokens.js";

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

// The shipped parser remembers each lookahead decision by the next two token types; chevrotain's own
// lookahead, run on every call, is the oracle: the same actions, in the same order, on any token stream.
describe("remembered lookahead", () => {
  const codes = allTokens
    .map((_, code) => code)
    .filter((code) => (allTokens[code] as TokenType).PATTERN !== Lexer.NA);
  const recorder = (log: string[]): TreeSink =>
    new Proxy({} as TreeSink, {
      get: (_, action: string) => (token?: number) => log.push(`${action}(${token ?? ""})`),
    });
  const actions = (parser: KpParser, types: number[]): string[] => {
    const log: string[] = [];
    const tokens = {
      count: types.length,
      types: Uint8Array.from(types),
      starts: new Int32Array(types.length),
      ends: new Int32Array(types.length),
    };
    parser.run(tokens, recorder(log));
    return log;
  };

  it("takes the decisions chevrotain's own lookahead takes", () => {
    const remembered = new KpParser({ validate: false });
    const own = new KpParser({ validate: false, remember: false });
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...codes), { maxLength: 40 }), (types) => {
        expect(actions(remembered, types)).toEqual(actions(own, types));
      }),
      { numRuns: 3000 },
    );
  });
});
