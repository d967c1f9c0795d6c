import {
  EmbeddedActionsParser,
  EOF,
  LLkLookaheadStrategy,
  type ILookaheadStrategy,
  type IOrAlt,
  type IToken,
  type TokenType,
} from "chevrotain";
import type { TokenVector } from "./lexer.js";
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
 * builder's business (src/language/parse.ts). A token is its index in the
 * `TokenVector` being parsed, or -1 for one chevrotain's recovery inserted
 * (a token that is not in the text).
 *
 * Nothing marks the end of a statement: it ends where its container's next item
 * (an `end`, a `statement`, a `stray`, an `orphan`, a `close`) begins, or at the
 * end of the input. That keeps what the builder sees exactly what was consumed,
 * however a rule was left (normally, or by chevrotain's recovery).
 */
export interface TreeSink {
  /** A new line or ';' between statements. */
  end(token: number): void;
  /** A statement's keyword: a statement begins. */
  statement(keyword: number): void;
  /** A ',' before an argument. */
  separator(comma: number): void;
  /** A plain argument. */
  value(token: number): void;
  /** The key of a `key=value` argument. */
  key(token: number): void;
  /** The value of the last key. */
  propertyValue(token: number): void;
  /** A ',' after the last argument. */
  trailingComma(comma: number): void;
  /** A '{': the block of the current statement, or (after `orphan`) of none. */
  open(token: number): void;
  /** The '}' of the innermost open block. */
  close(token: number): void;
  /** A '}' at the top level, where no block is open. */
  strayClose(token: number): void;
  /** '=', ',' or a literal where a statement should start. */
  stray(token: number): void;
  /** The next `open` is a block with no keyword before it. */
  orphan(): void;
}

const NO_TYPES = new Uint8Array(0);

/** One token object for each token type: what chevrotain sees of the input (it only ever asks a token's type). */
const SHARED: IToken[] = allTokens.map((tokenType) => ({
  image: tokenType.name,
  startOffset: NaN,
  tokenTypeIdx: tokenType.tokenTypeIdx as number,
  tokenType,
}));
const END_OF_INPUT: IToken = {
  image: "",
  startOffset: NaN,
  tokenTypeIdx: EOF.tokenTypeIdx as number,
  tokenType: EOF,
};

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

/** How many values a token code of the parser's input takes: each token type, and the end of the input. */
const CODES = allTokens.length + 1;
const END_CODE = allTokens.length;
const UNKNOWN = -2;
const NO_ALTERNATIVE = -1;

/**
 * chevrotain's own LL(k) lookahead, each decision remembered by the types of the
 * next two tokens (all any decision of this grammar looks at, with maxLookahead 2).
 * chevrotain's function tries every path of every alternative on each call; that
 * search runs once here for each pair of token types met, and every later call is
 * one table read, which matters most while the code still runs in the interpreter,
 * as it does over most of a short run.
 */
class RememberedLookahead implements ILookaheadStrategy {
  private readonly llk: ILookaheadStrategy;

  constructor(maxLookahead: number) {
    this.llk = new LLkLookaheadStrategy({ maxLookahead });
  }

  validate(
    options: Parameters<ILookaheadStrategy["validate"]>[0],
  ): ReturnType<ILookaheadStrategy["validate"]> {
    return this.llk.validate(options);
  }

  buildLookaheadForAlternation(
    options: Parameters<ILookaheadStrategy["buildLookaheadForAlternation"]>[0],
  ): (alts?: IOrAlt<unknown>[]) => number | undefined {
    const decide = this.llk.buildLookaheadForAlternation(options);
    if (options.hasPredicates || options.dynamicTokensEnabled) return decide;
    const table = new Int8Array(CODES * CODES).fill(UNKNOWN);
    return function (this: KpParser, alts?: IOrAlt<unknown>[]): number | undefined {
      const key = this.ahead();
      let choice = table[key] as number;
      if (choice === UNKNOWN) choice = table[key] = decide.call(this, alts) ?? NO_ALTERNATIVE;
      return choice === NO_ALTERNATIVE ? undefined : choice;
    };
  }

  buildLookaheadForOptional(
    options: Parameters<ILookaheadStrategy["buildLookaheadForOptional"]>[0],
  ): () => boolean {
    const decide = this.llk.buildLookaheadForOptional(options);
    if (options.dynamicTokensEnabled) return decide;
    const table = new Int8Array(CODES * CODES).fill(UNKNOWN);
    return function (this: KpParser): boolean {
      const key = this.ahead();
      let enter = table[key] as number;
      if (enter === UNKNOWN) enter = table[key] = decide.call(this) ? 1 : 0;
      return enter === 1;
    };
  }
}

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
  /** Where the actions go; set by `run` for one input at a time. */
  private sink: TreeSink = RECORDING;

  /**
   * `validate: false` skips chevrotain's grammar checks at start-up; tests build a validating parser.
   * `remember: false` runs chevrotain's own lookahead (tests hold RememberedLookahead to it).
   */
  constructor({
    validate = true,
    remember = true,
  }: { validate?: boolean; remember?: boolean } = {}) {
    const lookaheadStrategy = remember
      ? new RememberedLookahead(2)
      : new LLkLookaheadStrategy({ maxLookahead: 2 });
    super(allTokens, {
      recoveryEnabled: true,
      maxLookahead: 2,
      lookaheadStrategy,
      skipValidations: !validate,
    });
    this.performSelfAnalysis();
  }

  /** Parses `tokens` into `sink`; the parser keeps neither once done. */
  run(tokens: TokenVector, sink: TreeSink): void {
    this.input = [];
    this.types = tokens.types;
    this.count = tokens.count;
    this.sink = sink;
    try {
      this.file();
    } finally {
      this.sink = RECORDING;
      this.types = NO_TYPES;
      this.count = 0;
    }
  }

  // chevrotain reads its input only through the methods below (its lexer adapter),
  // so they serve the token vector as it is: for each token, one shared token
  // object of its type. An action learns which token it consumed from `at`.
  private types: Uint8Array = NO_TYPES;
  private count = 0;
  /** Index of the last consumed token. */
  private position = -1;

  /** The types of the next two tokens as one number (a key of RememberedLookahead's tables). */
  ahead(): number {
    const i = this.position + 1;
    const first = i < this.count ? (this.types[i] as number) : END_CODE;
    const second = i + 1 < this.count ? (this.types[i + 1] as number) : END_CODE;
    return first * CODES + second;
  }

  protected override LA_FAST(howMuch: number): IToken {
    const i = this.position + howMuch;
    return i < this.count ? (SHARED[this.types[i] as number] as IToken) : END_OF_INPUT;
  }

  protected override LA(howMuch: number): IToken {
    const i = this.position + howMuch;
    return i >= 0 && i < this.count ? (SHARED[this.types[i] as number] as IToken) : END_OF_INPUT;
  }

  protected override SKIP_TOKEN(): IToken {
    if (this.position > this.count - 2) return END_OF_INPUT;
    this.position++;
    return this.LA_FAST(1);
  }

  consumeToken(): void {
    this.position++;
  }

  exportLexerState(): number {
    return this.position;
  }

  importLexerState(state: number): void {
    this.position = state;
  }

  resetLexerState(): void {
    this.position = -1;
  }

  moveToTerminatedState(): void {
    this.position = this.count - 1;
  }

  getLexerPosition(): number {
    return this.position;
  }

  /** The index of a token CONSUME returned: the last consumed one, or -1 for a token recovery inserted. */
  private at(token: IToken): number {
    return token.isInsertedInRecovery === true ? -1 : this.position;
  }

  // The alternatives of each OR are built once (chevrotain's advice for speed: an OR runs at every item).
  private readonly endItem: IOrAlt<void> = { ALT: () => this.sink.end(this.at(this.CONSUME(End))) };
  private readonly statementItem: IOrAlt<void> = { ALT: () => this.SUBRULE(this.statement) };
  private readonly strayCloseItem: IOrAlt<void> = {
    ALT: () => this.sink.strayClose(this.at(this.CONSUME(RCurly))),
  };
  private readonly strayItem: IOrAlt<void> = { ALT: () => this.SUBRULE(this.stray) };
  private readonly topItems = [
    this.endItem,
    this.statementItem,
    this.strayCloseItem,
    this.strayItem,
  ];
  private readonly blockItems = [this.endItem, this.statementItem, this.strayItem];

  private readonly argument: IOrAlt<void>[] = [
    {
      // A property (`tier=2`).
      ALT: () => {
        this.sink.key(this.at(this.CONSUME2(Identifier)));
        this.CONSUME(Equals);
        this.sink.propertyValue(this.at(this.CONSUME(Value)));
      },
    },
    { ALT: () => this.sink.value(this.at(this.CONSUME2(Value))) },
  ];

  private readonly strays: IOrAlt<void>[] = [
    { ALT: () => this.sink.stray(this.at(this.CONSUME(Equals))) },
    { ALT: () => this.sink.stray(this.at(this.CONSUME(Comma))) },
    { ALT: () => this.sink.stray(this.at(this.CONSUME(Literal))) },
    {
      ALT: () => {
        this.sink.orphan();
        this.SUBRULE(this.block);
      },
    },
  ];

  // The bodies of MANY and OPTION are built once too: an arrow written inline would be a new
  // closure on every statement.
  private readonly topItem = (): void => this.OR(this.topItems);
  private readonly blockItem = (): void => this.OR(this.blockItems);
  private readonly separatedArgument = (): void => {
    this.OPTION(this.separator);
    this.OR(this.argument);
  };
  private readonly separator = (): void => this.sink.separator(this.at(this.CONSUME(Comma)));
  private readonly trailingComma = (): void =>
    this.sink.trailingComma(this.at(this.CONSUME2(Comma)));
  private readonly statementBlock = (): void => this.SUBRULE(this.block);

  readonly file = this.RULE("file", () => {
    this.MANY(this.topItem);
  });

  readonly statement = this.RULE("statement", () => {
    this.sink.statement(this.at(this.CONSUME(Identifier)));
    this.MANY(this.separatedArgument);
    this.OPTION2(this.trailingComma);
    this.OPTION3(this.statementBlock);
  });

  readonly block = this.RULE("block", () => {
    this.sink.open(this.at(this.CONSUME(LCurly)));
    this.MANY(this.blockItem);
    this.sink.close(this.at(this.CONSUME(RCurly)));
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
