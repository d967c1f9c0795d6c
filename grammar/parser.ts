import { CstParser, EOF, type IToken, type TokenType } from "chevrotain";
import {
  allTokens,
  Comma,
  Dimension,
  Equals,
  Identifier,
  LCurly,
  Newline,
  NumberLiteral,
  Ratio,
  RCurly,
  Semicolon,
  StringLiteral,
} from "./tokens.js";

/**
 * The uniform `.kp` grammar. It knows no keyword and carries no semantics:
 *
 *   file      = { item | "}" } EOF            (a stray "}" is kept for a clear diagnostic)
 *   item      = END | statement | stray
 *   statement = IDENT { [","] argument } [","] [ block ]
 *   argument  = IDENT "=" value | value
 *   value     = STRING | NUMBER | DIMENSION | RATIO | IDENT
 *   block     = "{" { item } "}"
 *   stray     = "=" | "," | value-but-not-IDENT | "{" { item } "}"
 *
 * Whether a statement ended where it should (a new line, ";", "}" or the end)
 * and what a stray token means are judged when the CST becomes an AST, so the
 * parser itself only fails on a missing "}".
 */
export class KpParser extends CstParser {
  constructor() {
    super(allTokens, { recoveryEnabled: true, nodeLocationTracking: "full", maxLookahead: 2 });
    this.performSelfAnalysis();
  }

  readonly file = this.RULE("file", () => {
    this.MANY(() => {
      this.OR([
        { ALT: () => this.SUBRULE(this.item) },
        { ALT: () => this.CONSUME(RCurly, { LABEL: "strayClose" }) },
      ]);
    });
  });

  readonly item = this.RULE("item", () => {
    this.OR([
      { ALT: () => this.CONSUME(Newline, { LABEL: "end" }) },
      { ALT: () => this.CONSUME(Semicolon, { LABEL: "end" }) },
      { ALT: () => this.SUBRULE(this.statement) },
      { ALT: () => this.SUBRULE(this.stray) },
    ]);
  });

  readonly statement = this.RULE("statement", () => {
    this.CONSUME(Identifier, { LABEL: "keyword" });
    this.MANY(() => {
      this.OPTION(() => this.CONSUME(Comma, { LABEL: "separator" }));
      this.SUBRULE(this.argument);
    });
    this.OPTION2(() => this.CONSUME2(Comma, { LABEL: "trailingComma" }));
    this.OPTION3(() => this.SUBRULE(this.block));
  });

  readonly argument = this.RULE("argument", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(Identifier, { LABEL: "key" });
          this.CONSUME(Equals);
          this.SUBRULE(this.value);
        },
      },
      { ALT: () => this.SUBRULE2(this.value) },
    ]);
  });

  readonly value = this.RULE("value", () => {
    this.OR([
      { ALT: () => this.CONSUME(StringLiteral, { LABEL: "token" }) },
      { ALT: () => this.CONSUME(NumberLiteral, { LABEL: "token" }) },
      { ALT: () => this.CONSUME(Dimension, { LABEL: "token" }) },
      { ALT: () => this.CONSUME(Ratio, { LABEL: "token" }) },
      { ALT: () => this.CONSUME(Identifier, { LABEL: "token" }) },
    ]);
  });

  readonly block = this.RULE("block", () => {
    this.CONSUME(LCurly, { LABEL: "open" });
    this.MANY(() => this.SUBRULE(this.item));
    this.CONSUME(RCurly, { LABEL: "close" });
  });

  readonly stray = this.RULE("stray", () => {
    this.OR([
      { ALT: () => this.CONSUME(Equals, { LABEL: "token" }) },
      { ALT: () => this.CONSUME(Comma, { LABEL: "token" }) },
      { ALT: () => this.CONSUME(StringLiteral, { LABEL: "token" }) },
      { ALT: () => this.CONSUME(NumberLiteral, { LABEL: "token" }) },
      { ALT: () => this.CONSUME(Dimension, { LABEL: "token" }) },
      { ALT: () => this.CONSUME(Ratio, { LABEL: "token" }) },
      { ALT: () => this.SUBRULE(this.block, { LABEL: "orphanBlock" }) },
    ]);
  });
}

export function isEndOfFile(token: IToken): boolean {
  return token.tokenType === EOF;
}

export const tokenNames: ReadonlyMap<TokenType, string> = new Map<TokenType, string>([
  [Newline, "a new line"],
  [Semicolon, "';'"],
  [Comma, "','"],
  [Equals, "'='"],
  [LCurly, "'{'"],
  [RCurly, "'}'"],
  [Identifier, "a name"],
  [StringLiteral, "a string"],
  [NumberLiteral, "a number"],
  [Dimension, "a number with a unit"],
  [Ratio, "a ratio"],
  [EOF, "the end of the file"],
]);
