import { Lexer, type IToken, type TokenType } from "chevrotain";
import {
  allTokens,
  BareUrl,
  BlockComment,
  BlockString,
  Comma,
  CurlyQuotedText,
  Dimension,
  Equals,
  Identifier,
  LCurly,
  LineComment,
  Newline,
  NumberLiteral,
  QuotedString,
  Ratio,
  RCurly,
  Semicolon,
  SingleQuotedText,
  UnterminatedBlockComment,
  UnterminatedBlockString,
  UnterminatedString,
  WhiteSpace,
} from "./tokens.js";

/**
 * The lexer the parser runs: the token definitions of tokens.ts, applied the way
 * chevrotain's lexer applies them (at each position the first pattern of
 * `allTokens` that matches; a run of characters no pattern matches is one error),
 * without building chevrotain's lexer at start-up. Each pattern is the one in
 * tokens.ts, made sticky; the only thing written here is which patterns can start
 * with which character. test/lexer.test.ts checks it gives chevrotain's tokens,
 * comments and errors on any text.
 */

export interface LexError {
  offset: number;
  length: number;
}

/**
 * Tokens as three parallel arrays instead of an object each: a 5 MB file has
 * ~400,000 tokens, and objects for them cost more garbage collection than
 * finding them costs time.
 */
export interface TokenVector {
  count: number;
  /** Each token's type, as its index in `allTokens`. */
  types: Uint8Array;
  starts: Int32Array;
  /** End offsets, exclusive. */
  ends: Int32Array;
}

export interface Scanned {
  tokens: TokenVector;
  /** Comments (the "comments" group), apart from the tokens the parser sees. */
  comments: TokenVector;
  errors: LexError[];
}

/** What `tokenize` returns: chevrotain's shapes, for callers that want token objects. */
export interface Lexed {
  tokens: IToken[];
  groups: { comments: IToken[] };
  errors: LexError[];
}

interface Candidate {
  type: TokenType;
  /** Index of `type` in allTokens. */
  code: number;
  /** The token's pattern, sticky; null for a one-character token. */
  sticky: RegExp | null;
  /** Whether it is a comment (the "comments" group), kept apart from the tokens. */
  comment: boolean;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A token type's code in a `TokenVector`: its index in allTokens. */
export function codeOf(type: TokenType): number {
  return allTokens.indexOf(type);
}

function candidate(type: TokenType): Candidate {
  const pattern = type.PATTERN;
  const code = codeOf(type);
  const comment = type.GROUP === "comments";
  if (typeof pattern === "string")
    return {
      type,
      code,
      sticky: pattern.length === 1 ? null : new RegExp(escapeRegExp(pattern), "y"),
      comment,
    };
  if (!(pattern instanceof RegExp))
    throw new Error(`token ${type.name} has no pattern the lexer can run`);
  return {
    type,
    code,
    sticky: new RegExp(pattern.source, `${pattern.flags.replace("g", "")}y`),
    comment,
  };
}

/** Every token with a pattern of its own (categories have none). */
const byType = new Map(
  allTokens.filter((t) => t.PATTERN !== Lexer.NA).map((t) => [t, candidate(t)]),
);

function list(...types: TokenType[]): Candidate[] {
  // Kept in allTokens order, which decides between patterns that match at the same place.
  return types
    .sort((a, b) => allTokens.indexOf(a) - allTokens.indexOf(b))
    .map((t) => byType.get(t) as Candidate);
}

const WHITE = list(WhiteSpace);
const NEWLINE = list(Newline);
const SLASH = list(LineComment, BlockComment, UnterminatedBlockComment);
const QUOTE = list(BlockString, UnterminatedBlockString, QuotedString, UnterminatedString);
const SINGLE = list(SingleQuotedText);
const CURLY = list(CurlyQuotedText);
const DIGIT = list(BareUrl, Ratio, Dimension, NumberLiteral);
const LETTER = list(BareUrl, Identifier);
const ONE: Record<number, Candidate[]> = {
  0x3d: list(Equals),
  0x2c: list(Comma),
  0x3b: list(Semicolon),
  0x7b: list(LCurly),
  0x7d: list(RCurly),
};
const NONE: Candidate[] = [];

function isWhite(c: number): boolean {
  return (
    c === 0x20 ||
    c === 0x09 ||
    c === 0x0c ||
    c === 0x0b ||
    c === 0xa0 ||
    c === 0xfeff ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** The patterns that can match at a character (the same first characters chevrotain's lexer works out). */
function candidatesFor(c: number): Candidate[] {
  if (c >= 0x61 ? c <= 0x7a : c >= 0x41 && (c <= 0x5a || c === 0x5f)) return LETTER;
  if (c >= 0x30 && c <= 0x39) return DIGIT;
  if (isWhite(c)) return WHITE;
  switch (c) {
    case 0x0a:
    case 0x0d:
      return NEWLINE;
    case 0x22:
      return QUOTE;
    case 0x2f:
      return SLASH;
    case 0x27:
      return SINGLE;
    case 0x201c:
    case 0x201d:
    case 0x201e:
    case 0x201f:
    case 0x2018:
    case 0x2019:
    case 0x201a:
    case 0x201b:
      return CURLY;
    default:
      return ONE[c] ?? NONE;
  }
}

/** The last match of `matchAt`. */
let matched: Candidate = WHITE[0] as Candidate;

/** End of the first candidate's match at `at` (its type in `matched`), or -1 when none matches. */
function matchAt(source: string, at: number, candidates: Candidate[]): number {
  for (const candidate of candidates) {
    const sticky = candidate.sticky;
    if (sticky === null) {
      matched = candidate;
      return at + 1;
    }
    if (candidate.type === BareUrl && !mayBeUrl(source, at)) continue;
    sticky.lastIndex = at;
    if (sticky.test(source) && sticky.lastIndex > at) {
      matched = candidate;
      return sticky.lastIndex;
    }
  }
  return -1;
}

/**
 * A shortcut, not a definition: BareUrl needs a ':' or '/' right after its first run
 * of name characters, so most names and numbers skip its pattern.
 */
function mayBeUrl(source: string, at: number): boolean {
  let i = at;
  for (
    let c = source.charCodeAt(i);
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x2b && c <= 0x39 && c !== 0x2c && c !== 0x2f) ||
    c === 0x5f;
    c = source.charCodeAt(++i)
  );
  const next = source.charCodeAt(i);
  return next === 0x3a || next === 0x2f;
}

const IDENTIFIER = byType.get(Identifier) as Candidate;
const QUOTED = byType.get(QuotedString) as Candidate;
const UNTERMINATED = byType.get(UnterminatedString) as Candidate;
const NEWLINE_CANDIDATE = NEWLINE[0] as Candidate;

/** The rest of a name, after its first letter: `[A-Za-z0-9_.-]*` of Identifier's pattern. */
const NAME_REST = /[A-Za-z0-9_.-]*/y;
/**
 * The rest of a closed one-line string, after its opening quote: QuotedString's
 * `(?:[^"\\\r\n]|\\[^\r\n])*"` with its loop unrolled (each character has one
 * reading, so a failed match backtracks once over the line, no more).
 */
const QUOTED_REST = /[^"\\\r\n]*(?:\\[^\r\n][^"\\\r\n]*)*"/y;

/**
 * `matchAt` with the most frequent tokens (a name, a one-line string, a line
 * break, a one-character mark) matched by the native regular expression engine or by hand, as their
 * patterns in tokens.ts say: `[A-Za-z_][A-Za-z0-9_.-]*` (when it cannot be a
 * BareUrl), `"(?:[^"\\\r\n]|\\[^\r\n])*"` and its unterminated form (when it is
 * not a block string), `\r\n|\r|\n`. A native match costs less than a loop over
 * the characters while the code still runs in the interpreter, which is most of
 * a short run. test/lexer.test.ts holds it to chevrotain's lexer like the rest.
 */
function quickMatch(source: string, at: number, c: number): number {
  if (c >= 0x61 ? c <= 0x7a : c >= 0x41 && (c <= 0x5a || c === 0x5f)) {
    NAME_REST.lastIndex = at + 1;
    NAME_REST.test(source);
    const end = NAME_REST.lastIndex;
    // A BareUrl needs ':' or '/' after its first run of name characters (which may go on with '+').
    const next = source.charCodeAt(end);
    if ((next === 0x3a || next === 0x2f || next === 0x2b) && mayBeUrl(source, at))
      return matchAt(source, at, LETTER);
    matched = IDENTIFIER;
    return end;
  }
  if (c === 0x22 && !(source.charCodeAt(at + 1) === 0x22 && source.charCodeAt(at + 2) === 0x22)) {
    QUOTED_REST.lastIndex = at + 1;
    if (QUOTED_REST.test(source)) {
      matched = QUOTED;
      return QUOTED_REST.lastIndex;
    }
    return quotedString(source, at);
  }
  if (c === 0x0a || c === 0x0d) {
    matched = NEWLINE_CANDIDATE;
    return c === 0x0d && source.charCodeAt(at + 1) === 0x0a ? at + 2 : at + 1;
  }
  const one = ONE[c];
  if (one !== undefined) {
    matched = one[0] as Candidate;
    return at + 1;
  }
  return matchAt(source, at, candidatesFor(c));
}

/** A `"` string that is not a block string: to its closing quote, or to the end of its line (unterminated). */
function quotedString(source: string, at: number): number {
  const length = source.length;
  let i = at + 1;
  while (i < length) {
    const c = source.charCodeAt(i);
    if (c === 0x22) {
      matched = QUOTED;
      return i + 1;
    }
    if (c === 0x0a || c === 0x0d) break;
    if (c === 0x5c) {
      const next = source.charCodeAt(i + 1);
      // A backslash escapes any character but a line break; one before the end of the line ends the string.
      if (i + 1 >= length || next === 0x0a || next === 0x0d) {
        i++;
        break;
      }
      i += 2;
    } else {
      i++;
    }
  }
  matched = UNTERMINATED;
  return i;
}

/** An empty vector with room for `capacity` tokens. */
export function tokenVector(capacity: number): TokenVector {
  return {
    count: 0,
    types: new Uint8Array(capacity),
    starts: new Int32Array(capacity),
    ends: new Int32Array(capacity),
  };
}

function append(vector: TokenVector, code: number, start: number, end: number): void {
  let n = vector.count;
  if (n === vector.types.length) {
    const bigger = tokenVector(n * 2);
    bigger.types.set(vector.types);
    bigger.starts.set(vector.starts);
    bigger.ends.set(vector.ends);
    vector.types = bigger.types;
    vector.starts = bigger.starts;
    vector.ends = bigger.ends;
  }
  vector.types[n] = code;
  vector.starts[n] = start;
  vector.ends[n++] = end;
  vector.count = n;
}

/** Vectors a caller lends `scan` to fill, so that scanning many texts allocates them once. */
export interface ScanVectors {
  tokens: TokenVector;
  comments: TokenVector;
}

/**
 * The tokens, comments and lexing errors of a text. With `into`, its vectors are
 * emptied and filled (and grown when too small) instead of new ones made.
 */
export function scan(source: string, into?: ScanVectors): Scanned {
  // About one token every 12 characters in real files: one allocation, rarely a second.
  const tokens = into?.tokens ?? tokenVector((source.length >> 3) + 16);
  const comments = into?.comments ?? tokenVector(16);
  tokens.count = 0;
  comments.count = 0;
  const errors: LexError[] = [];
  const length = source.length;
  let at = 0;
  while (at < length) {
    const c = source.charCodeAt(at);
    // Spaces and tabs by hand: indentation is most of the white space.
    if (c === 0x20 || c === 0x09 || ((c > 0x7f || c === 0x0b || c === 0x0c) && isWhite(c))) {
      let d: number;
      do d = source.charCodeAt(++at);
      while (d === 0x20 || d === 0x09 || ((d > 0x7f || d === 0x0b || d === 0x0c) && isWhite(d)));
      continue;
    }
    const end = quickMatch(source, at, c);
    if (end < 0) {
      // Like chevrotain: drop characters until one where some pattern matches, and report the run once.
      const start = at;
      do at++;
      while (at < length && matchAt(source, at, candidatesFor(source.charCodeAt(at))) < 0);
      errors.push({ offset: start, length: at - start });
      continue;
    }
    append(matched.comment ? comments : tokens, matched.code, at, end);
    at = end;
  }
  return { tokens, comments, errors };
}

/**
 * A token that slices its image from the source when asked, instead of holding
 * a string of its own.
 */
class Token implements IToken {
  readonly tokenTypeIdx: number;

  constructor(
    private readonly source: string,
    readonly startOffset: number,
    /** chevrotain's meaning: the offset of the last character (inclusive). */
    readonly endOffset: number,
    readonly tokenType: TokenType,
  ) {
    this.tokenTypeIdx = tokenType.tokenTypeIdx as number;
  }

  get image(): string {
    return this.source.slice(this.startOffset, this.endOffset + 1);
  }
}

function objects(source: string, vector: TokenVector): IToken[] {
  const out: IToken[] = [];
  for (let i = 0; i < vector.count; i++) {
    out.push(
      new Token(
        source,
        vector.starts[i] as number,
        (vector.ends[i] as number) - 1,
        allTokens[vector.types[i] as number] as TokenType,
      ),
    );
  }
  return out;
}

/** The same as `scan`, with a token object for each token (the shapes of chevrotain's lexer). */
export function tokenize(source: string): Lexed {
  const { tokens, comments, errors } = scan(source);
  return {
    tokens: objects(source, tokens),
    groups: { comments: objects(source, comments) },
    errors,
  };
}
