/**
 * `.kp` highlighting for CodeMirror, derived from the language's own tables:
 * the lexical shapes are the chevrotain token patterns of grammar/tokens.ts
 * and the keywords are the library's `KEYWORDS`. Nothing here lists a keyword.
 */
import {
  HighlightStyle,
  StreamLanguage,
  syntaxHighlighting,
  type StreamParser,
  type StringStream,
} from "@codemirror/language";
import { Tag, tags } from "@lezer/highlight";
import { KEYWORDS, type KeywordInfo } from "klingc";
import * as tokens from "../../grammar/tokens.js";
import type { TokenType } from "chevrotain";

/** Legacy statements (negative_prompt, cfg_scale, …): shown struck through. */
const legacy = Tag.define();

/** A token pattern anchored at the stream's position (CodeMirror matches from the start of the rest of the line). */
function anchored(token: TokenType): RegExp {
  const pattern = token.PATTERN;
  if (!(pattern instanceof RegExp))
    throw new Error(`token ${token.name} has no regular expression`);
  return new RegExp(`^(?:${pattern.source})`, pattern.flags);
}

/** A literal-string pattern (punctuation). */
function literal(token: TokenType): string {
  const pattern = token.PATTERN;
  if (typeof pattern !== "string") throw new Error(`token ${token.name} is not a literal`);
  return pattern;
}

type Inside = "comment" | "string" | null;

interface KpState {
  /** A block comment or block string left open on an earlier line. */
  inside: Inside;
  /** The next identifier starts a statement (so it is a keyword position). */
  statementStart: boolean;
  /** The last token was a comma: the statement goes on on the next line. */
  afterComma: boolean;
  /** Keyword of the statement being read. */
  keyword: KeywordInfo | null;
}

/**
 * Multi-line tokens: their closed and unterminated patterns, and the opener
 * the closed pattern starts with (used to find where a continued one ends).
 */
const MULTILINE = {
  comment: {
    closed: anchored(tokens.BlockComment),
    open: anchored(tokens.UnterminatedBlockComment),
    opener: "/*",
    style: "comment",
  },
  string: {
    closed: anchored(tokens.BlockString),
    open: anchored(tokens.UnterminatedBlockString),
    opener: '"""',
    style: "string",
  },
} as const;

const WHITESPACE = anchored(tokens.WhiteSpace);
const LINE_COMMENT = anchored(tokens.LineComment);
const QUOTED = [anchored(tokens.QuotedString), anchored(tokens.UnterminatedString)];
const NUMBERS = [
  anchored(tokens.Ratio),
  anchored(tokens.Dimension),
  anchored(tokens.NumberLiteral),
];
const IDENTIFIER = anchored(tokens.Identifier);
const PUNCTUATION = {
  equals: literal(tokens.Equals),
  comma: literal(tokens.Comma),
  semicolon: literal(tokens.Semicolon),
  open: literal(tokens.LCurly),
  close: literal(tokens.RCurly),
};
const PROPERTY_NEXT = new RegExp(
  `^(?:${tokens.WhiteSpace.PATTERN instanceof RegExp ? tokens.WhiteSpace.PATTERN.source : " "})?${PUNCTUATION.equals}`,
);

/** Continues a block comment or block string begun on an earlier line. */
function continueMultiline(
  stream: StringStream,
  state: KpState,
  inside: "comment" | "string",
): string {
  const kind = MULTILINE[inside];
  const rest = stream.string.slice(stream.pos);
  const closed = kind.closed.exec(kind.opener + rest);
  if (closed) {
    stream.pos += closed[0].length - kind.opener.length;
    state.inside = null;
  } else stream.skipToEnd();
  return kind.style;
}

function keywordStyle(info: KeywordInfo): string {
  switch (info.kind) {
    case "container":
      return "definitionKeyword";
    case "setting":
      return "propertyName";
    case "legacy":
      return "legacy";
    case "section":
    case "audio-part":
      return "keyword";
  }
}

/** An identifier: a keyword where a statement starts, a name after a container or a speaker, else a value. */
function identifier(stream: StringStream, state: KpState, word: string): string {
  if (state.statementStart) {
    state.statementStart = false;
    const info = KEYWORDS.get(word) ?? null;
    state.keyword = info;
    return info ? keywordStyle(info) : "variableName";
  }
  if (stream.match(PROPERTY_NEXT, false)) return "attributeName";
  const named =
    state.keyword &&
    (state.keyword.kind === "container" ||
      state.keyword.name === "character" ||
      state.keyword.name === "dialogue");
  return named ? "variableName.definition" : "atom";
}

function punctuation(stream: StringStream, state: KpState): string | null {
  if (stream.match(PUNCTUATION.comma)) {
    state.afterComma = true;
    return "punctuation";
  }
  if (stream.match(PUNCTUATION.equals)) return "operator";
  if (stream.match(PUNCTUATION.semicolon)) {
    state.statementStart = true;
    return "punctuation";
  }
  if (stream.match(PUNCTUATION.open) || stream.match(PUNCTUATION.close)) {
    state.statementStart = true;
    return "brace";
  }
  return null;
}

function token(stream: StringStream, state: KpState): string | null {
  if (state.inside) return continueMultiline(stream, state, state.inside);
  // A line starts a statement unless the previous one ended in a comma.
  if (stream.sol()) state.statementStart = state.statementStart || !state.afterComma;
  if (stream.match(WHITESPACE)) return null;
  if (stream.match(LINE_COMMENT)) return "comment";
  for (const inside of ["comment", "string"] as const) {
    const kind = MULTILINE[inside];
    if (stream.match(kind.closed)) return kind.style;
    if (stream.match(kind.open)) {
      state.inside = inside;
      state.afterComma = false;
      return kind.style;
    }
  }
  state.afterComma = false;
  if (QUOTED.some((pattern) => stream.match(pattern))) return "string";
  if (NUMBERS.some((pattern) => stream.match(pattern))) return "number";
  const word = stream.match(IDENTIFIER);
  if (word && typeof word === "object") return identifier(stream, state, word[0]);
  const mark = punctuation(stream, state);
  if (mark) return mark;
  stream.next();
  return "invalid";
}

const parser: StreamParser<KpState> = {
  name: "kp",
  startState: () => ({ inside: null, statementStart: true, afterComma: false, keyword: null }),
  copyState: (state) => ({ ...state }),
  token,
  // A statement ends at the end of its line: the next line starts a new one.
  blankLine: (state) => {
    if (!state.inside && !state.afterComma) state.statementStart = true;
  },
  tokenTable: { legacy },
  languageData: { commentTokens: { line: "//", block: { open: "/*", close: "*/" } } },
};

export const kpLanguage = StreamLanguage.define(parser);

/** Colours are CSS variables (style.css) so one style reads in light and dark mode. */
export const kpHighlight = syntaxHighlighting(
  HighlightStyle.define([
    { tag: tags.definitionKeyword, color: "var(--kp-container)", fontWeight: "bold" },
    { tag: tags.keyword, color: "var(--kp-keyword)" },
    { tag: tags.propertyName, color: "var(--kp-setting)" },
    { tag: legacy, color: "var(--kp-legacy)", textDecoration: "line-through" },
    { tag: tags.string, color: "var(--kp-string)" },
    { tag: tags.comment, color: "var(--kp-comment)", fontStyle: "italic" },
    { tag: tags.number, color: "var(--kp-number)" },
    { tag: [tags.atom, tags.attributeName], color: "var(--kp-value)" },
    { tag: tags.definition(tags.variableName), color: "var(--kp-name)" },
    { tag: tags.invalid, color: "var(--kp-invalid)" },
  ]),
);
