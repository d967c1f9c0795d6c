import { createToken, Lexer, type TokenType } from "chevrotain";

/**
 * Tokens of the `.kp` language. The lexer knows no keyword: every statement
 * starts with an Identifier and meaning is checked after parsing.
 * Order matters: chevrotain takes the first pattern that matches.
 */

export const WhiteSpace = createToken({
  name: "WhiteSpace",
  pattern: /[ \t\f\v\u00a0\ufeff\u2000-\u200a\u202f\u205f\u3000]+/,
  group: Lexer.SKIPPED,
});

/**
 * Categories (no pattern of their own) let one grammar rule accept several tokens:
 * `End` ends a statement, `Literal` is a value that cannot start a statement, `Value` is any value.
 */
export const End = createToken({ name: "End", pattern: Lexer.NA });
export const Value = createToken({ name: "Value", pattern: Lexer.NA });
export const Literal = createToken({ name: "Literal", pattern: Lexer.NA, categories: [Value] });

/** A line break ends a statement (unless the line ends in a comma). */
export const Newline = createToken({
  name: "Newline",
  pattern: /\r\n|\r|\n/,
  line_breaks: true,
  categories: [End],
});

export const LineComment = createToken({
  name: "LineComment",
  pattern: /\/\/[^\r\n]*/,
  group: "comments",
});
export const BlockComment = createToken({
  name: "BlockComment",
  pattern: /\/\*[\s\S]*?\*\//,
  group: "comments",
  line_breaks: true,
});
/** Kept as a token so the parser layer can say "unterminated comment" instead of "unexpected character". */
export const UnterminatedBlockComment = createToken({
  name: "UnterminatedBlockComment",
  pattern: /\/\*[\s\S]*/,
  group: "comments",
  line_breaks: true,
});

/** Any string literal; the parser consumes this category. */
export const StringLiteral = createToken({
  name: "StringLiteral",
  pattern: Lexer.NA,
  categories: [Literal],
});
export const BlockString = createToken({
  name: "BlockString",
  pattern: /"""[\s\S]*?"""/,
  categories: [StringLiteral],
  line_breaks: true,
});
export const UnterminatedBlockString = createToken({
  name: "UnterminatedBlockString",
  pattern: /"""[\s\S]*/,
  categories: [StringLiteral],
  line_breaks: true,
});
export const QuotedString = createToken({
  name: "QuotedString",
  pattern: /"(?:[^"\\\r\n]|\\[^\r\n])*"/,
  categories: [StringLiteral],
});
/** A string cut by the end of its line: reported, then read as if it were closed there. */
export const UnterminatedString = createToken({
  name: "UnterminatedString",
  pattern: /"(?:[^"\\\r\n]|\\[^\r\n])*\\?/,
  categories: [StringLiteral],
});

/**
 * Text a user meant as a string, written the wrong way: in single quotes, in
 * curly (typographic) quotes, or a URL with no quotes. Each is read as a string
 * (so the statement keeps its value) and reported once with what to write.
 */
export const SingleQuotedText = createToken({
  name: "SingleQuotedText",
  pattern: /'[^'\r\n]*'?/,
  categories: [StringLiteral],
});
export const CurlyQuotedText = createToken({
  name: "CurlyQuotedText",
  pattern:
    /[\u201c\u201d\u201e\u201f][^\u201c\u201d"\r\n]*[\u201c\u201d]?|[\u2018\u2019\u201a\u201b][^\u2018\u2019\r\n]*\u2019?/,
  categories: [StringLiteral],
});
/** `scheme://…`, or a dotted host followed by '/': `cdn.example.com/a.png`. Runs to white space or a delimiter. */
export const BareUrl = createToken({
  name: "BareUrl",
  pattern:
    /[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s"'{},;]*|[A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)+\/[^\s"'{},;]*/,
  categories: [StringLiteral],
});

export const Ratio = createToken({
  name: "Ratio",
  pattern: /\d+(?:\.\d+)?:\d+(?:\.\d+)?/,
  categories: [Literal],
});
export const Dimension = createToken({
  name: "Dimension",
  pattern: /\d+(?:\.\d+)?[A-Za-z_][A-Za-z0-9_]*/,
  categories: [Literal],
});
export const NumberLiteral = createToken({
  name: "NumberLiteral",
  pattern: /\d+(?:\.\d+)?/,
  categories: [Literal],
});
export const Identifier = createToken({
  name: "Identifier",
  pattern: /[A-Za-z_][A-Za-z0-9_.-]*/,
  categories: [Value],
});

export const Equals = createToken({ name: "Equals", pattern: "=" });
export const Comma = createToken({ name: "Comma", pattern: "," });
export const Semicolon = createToken({ name: "Semicolon", pattern: ";", categories: [End] });
export const LCurly = createToken({ name: "LCurly", pattern: "{" });
export const RCurly = createToken({ name: "RCurly", pattern: "}" });

export const allTokens: TokenType[] = [
  End,
  Value,
  Literal,
  WhiteSpace,
  Newline,
  LineComment,
  BlockComment,
  UnterminatedBlockComment,
  StringLiteral,
  BlockString,
  UnterminatedBlockString,
  QuotedString,
  UnterminatedString,
  SingleQuotedText,
  CurlyQuotedText,
  BareUrl,
  Ratio,
  Dimension,
  NumberLiteral,
  Identifier,
  Equals,
  Comma,
  Semicolon,
  LCurly,
  RCurly,
];

/**
 * chevrotain's own lexer over these definitions, with its validations on. The
 * parser runs grammar/lexer.ts instead (same tokens, no construction at start-up);
 * tests use this one as the oracle it must agree with.
 */
export function createLexer(validate: boolean): Lexer {
  return new Lexer(allTokens, {
    positionTracking: "onlyOffset",
    ensureOptimizations: true,
    skipValidations: !validate,
  });
}
