import { CstParser, EOF, type TokenType } from "chevrotain";
import {
  allTokens,
  Comma,
  Dimension,
  End,
  Equals,
  Identifier,
  LCurly,
  Literal,
  Newline,
  NumberLiteral,
  Ratio,
  RCurly,
  Semicolon,
  StringLiteral,
  Value,
} from "./tokens.js";

/**
 * The uniform `.kp` grammar. It knows no keyword and carries no semantics:
 *
 *   file      = { END | statement | stray | "}" } EOF   (a stray "}" is kept for a clear diagnostic)
 *   statement = IDENT { [","] argument } [","] [ block ]
 *   argument  = IDENT "=" VALUE | VALUE          (inlined into statement)
 *   block     = "{" { END | statement | stray } "}"
 *   stray     = "=" | "," | LITERAL | "{" … "}"   (no keyword before it)
 *
 * END (a new line or ";"), VALUE (a name or a LITERAL) and LITERAL (a string, number,
 * number with a unit or ratio) are token categories: one alternative stands for
 * several tokens, which keeps the grammar, its start-up analysis and its lookahead small.
 * Arguments are inlined (no rule of their own) because every CST node
 * costs allocation on large files. Whether a statement ended where it should
 * (a new line, ";", "}" or the end) and what a stray token means are judged
 * when the CST becomes an AST, so the parser itself only fails on a missing "}".
 */
export class KpParser extends CstParser {
  /** `validate: false` skips chevrotain's grammar checks at start-up; tests build a validating parser. */
  constructor({ validate = true }: { validate?: boolean } = {}) {
    super(allTokens, { recoveryEnabled: true, nodeLocationTracking: "none", maxLookahead: 2, skipValidations: !validate });
    this.performSelfAnalysis();
  }

  readonly file = this.RULE("file", () => {
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(End, { LABEL: "end" }) },
        { ALT: () => this.SUBRULE(this.statement) },
        { ALT: () => this.CONSUME(RCurly, { LABEL: "strayClose" }) },
        { ALT: () => this.SUBRULE(this.stray) },
      ]);
    });
  });

  readonly statement = this.RULE("statement", () => {
    this.CONSUME(Identifier, { LABEL: "keyword" });
    this.MANY(() => {
      this.OPTION(() => this.CONSUME(Comma, { LABEL: "separator" }));
      this.OR([
        {
          // A property (`tier=2`): its parts land under key / propertyValue.
          ALT: () => {
            this.CONSUME2(Identifier, { LABEL: "key" });
            this.CONSUME(Equals);
            this.CONSUME(Value, { LABEL: "propertyValue" });
          },
        },
        { ALT: () => this.CONSUME2(Value, { LABEL: "value" }) },
      ]);
    });
    this.OPTION2(() => this.CONSUME2(Comma, { LABEL: "trailingComma" }));
    this.OPTION3(() => this.SUBRULE(this.block));
  });

  readonly block = this.RULE("block", () => {
    this.CONSUME(LCurly, { LABEL: "open" });
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(End, { LABEL: "end" }) },
        { ALT: () => this.SUBRULE(this.statement) },
        { ALT: () => this.SUBRULE(this.stray) },
      ]);
    });
    this.CONSUME(RCurly, { LABEL: "close" });
  });

  readonly stray = this.RULE("stray", () => {
    this.OR([
      { ALT: () => this.CONSUME(Equals, { LABEL: "token" }) },
      { ALT: () => this.CONSUME(Comma, { LABEL: "token" }) },
      { ALT: () => this.CONSUME(Literal, { LABEL: "token" }) },
      { ALT: () => this.SUBRULE(this.block, { LABEL: "orphanBlock" }) },
    ]);
  });
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
