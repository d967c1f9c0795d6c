import { EmbeddedActionsParser, EOF, type IOrAlt, type IToken, type TokenType } from "chevrotain";
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
 * What the parser tells the tree builder, token by token, in source order. The
 * grammar only says which part of the grammar a token is; what it means is the
 * builder's business (src/language/parse.ts). A token may be one chevrotain
 * inserted in recovery (`isInsertedInRecovery`, no offsets).
 *
 * Nothing marks the end of a statement: it ends where its container's next item
 * (an `end`, a `statement`, a `stray`, an `orphan`, a `close`) begins, or at the
 * end of the input. That keeps what the builder sees exactly what was consumed,
 * however a rule was left (normally, or by chevrotain's recovery).
 */
export interface TreeSink {
  /** A new line or ';' between statements. */
  end(token: IToken): void;
  /** A statement's keyword: a statement begins. */
  statement(keyword: IToken): void;
  /** A ',' before an argument. */
  separator(comma: IToken): void;
  /** A plain argument. */
  value(token: IToken): void;
  /** The key of a `key=value` argument. */
  key(token: IToken): void;
  /** The value of the last key. */
  propertyValue(token: IToken): void;
  /** A ',' after the last argument. */
  trailingComma(comma: IToken): void;
  /** A '{': the block of the current statement, or (after `orphan`) of none. */
  open(token: IToken): void;
  /** The '}' of the innermost open block. */
  close(token: IToken): void;
  /** A '}' at the top level, where no block is open. */
  strayClose(token: IToken): void;
  /** '=', ',' or a literal where a statement should start. */
  stray(token: IToken): void;
  /** The next `open` is a block with no keyword before it. */
  orphan(): void;
}

/** Used while chevrotain records the grammar at start-up, when no input is parsed. */
const RECORDING: TreeSink = {
  end: () => {},
  statement: () => {},
  separator: () => {},
  value: () => {},
  key: () => {},
  propertyValue: () => {},
  trailingComma: () => {},
  open: () => {},
  close: () => {},
  strayClose: () => {},
  stray: () => {},
  orphan: () => {},
};

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
 * Each action hands the token it consumed to the `TreeSink`; there is no CST.
 * Whether a statement ended where it should (a new line, ";", "}" or the end) and
 * what a stray token means are judged by the sink, so the parser itself only fails
 * on a missing "}".
 */
export class KpParser extends EmbeddedActionsParser {
  /** Where the actions go; set by `parse` for one input at a time. */
  sink: TreeSink = RECORDING;

  /** `validate: false` skips chevrotain's grammar checks at start-up; tests build a validating parser. */
  constructor({ validate = true }: { validate?: boolean } = {}) {
    super(allTokens, { recoveryEnabled: true, maxLookahead: 2, skipValidations: !validate });
    this.performSelfAnalysis();
  }

  /** Parses `tokens` into `sink`; the parser keeps neither once done. */
  run(tokens: IToken[], sink: TreeSink): void {
    this.sink = sink;
    this.input = tokens;
    try {
      this.file();
    } finally {
      this.sink = RECORDING;
      this.input = [];
    }
  }

  // The alternatives of each OR are built once (chevrotain's advice for speed: an OR runs at every item).
  private readonly endItem: IOrAlt<void> = { ALT: () => this.sink.end(this.CONSUME(End)) };
  private readonly statementItem: IOrAlt<void> = { ALT: () => this.SUBRULE(this.statement) };
  private readonly strayCloseItem: IOrAlt<void> = { ALT: () => this.sink.strayClose(this.CONSUME(RCurly)) };
  private readonly strayItem: IOrAlt<void> = { ALT: () => this.SUBRULE(this.stray) };
  private readonly topItems = [this.endItem, this.statementItem, this.strayCloseItem, this.strayItem];
  private readonly blockItems = [this.endItem, this.statementItem, this.strayItem];

  private readonly argument: IOrAlt<void>[] = [
    {
      // A property (`tier=2`).
      ALT: () => {
        this.sink.key(this.CONSUME2(Identifier));
        this.CONSUME(Equals);
        this.sink.propertyValue(this.CONSUME(Value));
      },
    },
    { ALT: () => this.sink.value(this.CONSUME2(Value)) },
  ];

  private readonly strays: IOrAlt<void>[] = [
    { ALT: () => this.sink.stray(this.CONSUME(Equals)) },
    { ALT: () => this.sink.stray(this.CONSUME(Comma)) },
    { ALT: () => this.sink.stray(this.CONSUME(Literal)) },
    {
      ALT: () => {
        this.sink.orphan();
        this.SUBRULE(this.block);
      },
    },
  ];

  readonly file = this.RULE("file", () => {
    this.MANY(() => this.OR(this.topItems));
  });

  readonly statement = this.RULE("statement", () => {
    this.sink.statement(this.CONSUME(Identifier));
    this.MANY(() => {
      this.OPTION(() => this.sink.separator(this.CONSUME(Comma)));
      this.OR(this.argument);
    });
    this.OPTION2(() => this.sink.trailingComma(this.CONSUME2(Comma)));
    this.OPTION3(() => this.SUBRULE(this.block));
  });

  readonly block = this.RULE("block", () => {
    this.sink.open(this.CONSUME(LCurly));
    this.MANY(() => this.OR(this.blockItems));
    this.sink.close(this.CONSUME(RCurly));
  });

  readonly stray = this.RULE("stray", () => {
    this.OR(this.strays);
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
