import type { TokenType } from "chevrotain";
import {
  codeOf,
  scan,
  tokenVector,
  type ScanVectors,
  type TokenVector,
} from "../../grammar/lexer.js";
import { KpParser, tokenNames, type TreeSink } from "../../grammar/parser.js";
import {
  allTokens,
  BareUrl,
  BlockComment,
  BlockString,
  Comma,
  CurlyQuotedText,
  Dimension,
  Identifier,
  LCurly,
  LineComment,
  Newline,
  NumberLiteral,
  QuotedString,
  Ratio,
  RCurly,
  SingleQuotedText,
  StringLiteral,
  UnterminatedBlockComment,
  UnterminatedBlockString,
} from "../../grammar/tokens.js";
import type {
  ArgumentNode,
  BlockNode,
  CommentNode,
  FileNode,
  StatementNode,
  StringNode,
  ValueNode,
} from "./ast.js";
import {
  formatNumber,
  makeDiagnostic,
  type Diagnostic,
  type DiagnosticInput,
} from "./diagnostics.js";
import { LineIndex, type Point, type Span } from "./positions.js";
import { decodeEscapes, dedent } from "./strings.js";

/** Options of `parse`. */
export interface ParseOptions {
  /** Shown in diagnostics; also names an implicit scene. */
  filename?: string;
}

/** What `parse` returns: the syntax tree and the syntax errors found on the way. */
export interface ParseResult {
  ast: FileNode;
  diagnostics: Diagnostic[];
  /** Shared with later passes so positions are computed one way. */
  lines: LineIndex;
}

/** Deeper blocks are cut off: real scenes nest three deep (scene → shot → audio), and recursion must stay bounded. */
export const MAX_DEPTH = 64;

// Built once: chevrotain's grammar analysis is the costly part of start-up.
let sharedParser: KpParser | undefined;
function parser(): KpParser {
  sharedParser ??= new KpParser({ validate: false });
  return sharedParser;
}

type Problem = Omit<DiagnosticInput, "ruleId" | "severity"> & {
  /** Lexical problems (0) win over the structural ones (1) they cause on the same line. */
  rank?: number;
  /** `syntax` unless said. */
  ruleId?: "file-too-large";
};

/**
 * The most tokens (names, strings, numbers and marks; comments and unreadable
 * characters count too) one file may hold. Memory grows with the syntax tree
 * and the model built from it: 10,000 full scenes (about 6 MB) are about
 * 500,000 tokens and compile in well under 300 MB; a file past the limit gets
 * one `file-too-large` error instead of a run that could exhaust memory.
 */
export const MAX_TOKENS = 520_000;
type Report = (input: Problem) => void;

/** Source → tokens → AST (the parser's actions feed the tree builder), with every problem as a `syntax` diagnostic. Never throws on any input. */
export function parse(source: string, options: ParseOptions = {}): ParseResult {
  const lines = new LineIndex(source);
  const problems: Problem[] = [];
  const ast = buildTree(source, lines, (input) => problems.push(input));
  return { ast, diagnostics: report(problems, lines, options.filename), lines };
}

/** Problems in source order (a lexical one first at the same offset), one a line: a bad line must not cascade. */
function report(problems: Problem[], lines: LineIndex, filename: string | undefined): Diagnostic[] {
  problems.sort((a, b) => a.start - b.start || (a.rank ?? 1) - (b.rank ?? 1));
  const diagnostics: Diagnostic[] = [];
  let lastLine = -1;
  for (const { rank: _rank, ruleId = "syntax", ...problem } of problems) {
    const line = lines.point(problem.start).line;
    if (line === lastLine) continue;
    lastLine = line;
    diagnostics.push(makeDiagnostic(lines, filename, { ...problem, ruleId, severity: "error" }));
  }
  return diagnostics;
}

/**
 * Token vectors lent to `scan` by every parse of a text up to SCRATCH_TEXT long:
 * a run over many small files then allocates them once, not once a file. Nothing
 * holds them once a parse is done; a longer text gets vectors of its own, so
 * what stays allocated is small.
 */
const SCRATCH_TEXT = 64 * 1024;
const scratch: ScanVectors = { tokens: tokenVector(1024), comments: tokenVector(16) };

/**
 * Tokens → AST. A function of its own so that nothing holds the token vector
 * once the tree is built.
 */
function buildTree(source: string, lines: LineIndex, push: Report): FileNode {
  const { tokens, comments, errors } = scan(
    source,
    source.length <= SCRATCH_TEXT ? scratch : undefined,
  );
  const count = tokens.count + comments.count + errors.length;
  if (count > MAX_TOKENS) {
    push(tooLarge(count, tokens.count > MAX_TOKENS ? (tokens.starts[MAX_TOKENS] as number) : 0));
    return { type: "File", statements: [], comments: [], position: lines.span(0, source.length) };
  }
  for (const error of errors) push({ ...lexError(source, error.offset, error.length), rank: 0 });
  const builder = new TreeBuilder(source, lines, push, tokens);
  const commentNodes: CommentNode[] = [];
  for (let i = 0; i < comments.count; i++) {
    commentNodes.push(
      toComment(
        source,
        comments.types[i] as number,
        comments.starts[i] as number,
        comments.ends[i] as number,
        lines,
        push,
      ),
    );
    if (comments.types[i] === UNTERMINATED_COMMENT) builder.swallowedToEnd = true;
  }
  forParser(tokens, push);
  parser().run(tokens, builder);
  return builder.file(commentNodes);
}

/** Where the file passes MAX_TOKENS (so a user sees where to split it), and nothing of it parsed. */
function tooLarge(count: number, at: number): Problem {
  return {
    ruleId: "file-too-large",
    message: `the file holds ${formatNumber(count)} tokens, more than the ${formatNumber(MAX_TOKENS)} klingc reads in one file (about 10,000 full scenes), so none of it is compiled: split it into smaller files (the limit is passed here)`,
    start: at,
    end: at,
  };
}

function lexError(source: string, offset: number, length: number): Problem {
  const text = source.slice(offset, offset + length);
  const first = text.codePointAt(0) ?? 0;
  const shown =
    first < 0x20 || (first >= 0xd800 && first <= 0xdfff) || first === 0x7f
      ? `U+${first.toString(16).toUpperCase().padStart(4, "0")}`
      : `'${String.fromCodePoint(first)}'`;
  const hint =
    first >= 0x80 && /\p{L}/u.test(String.fromCodePoint(first))
      ? " (names are ASCII letters, digits, '_', '-' and '.'; put other text in a string)"
      : "";
  return { message: `unexpected character ${shown}${hint}`, start: offset, end: offset + length };
}

function toComment(
  source: string,
  type: number,
  start: number,
  end: number,
  lines: LineIndex,
  push: Report,
): CommentNode {
  const block = type !== LINE_COMMENT;
  const closed = type === BLOCK_COMMENT;
  if (type === UNTERMINATED_COMMENT) {
    push({
      message: "unterminated comment: '/*' has no closing '*/'",
      start,
      end: start + 2,
      rank: 0,
    });
  }
  const value = source.slice(start + 2, closed ? end - 2 : end);
  return { type: "Comment", block, value, position: lines.span(start, end) };
}

/** Codes of the token types the tree builder tells apart. */
const code = codeOf;
const LINE_COMMENT = code(LineComment);
const BLOCK_COMMENT = code(BlockComment);
const UNTERMINATED_COMMENT = code(UnterminatedBlockComment);
const NEWLINE = code(Newline);
const COMMA = code(Comma);
const LCURLY = code(LCurly);
const RCURLY = code(RCurly);
const IDENTIFIER = code(Identifier);
const NUMBER = code(NumberLiteral);
const DIMENSION = code(Dimension);
const RATIO = code(Ratio);
const BLOCK_STRING = code(BlockString);
const UNTERMINATED_BLOCK_STRING = code(UnterminatedBlockString);
const QUOTED_STRING = code(QuotedString);
const MISQUOTED = new Set([code(BareUrl), code(SingleQuotedText), code(CurlyQuotedText)]);
const STRINGS = new Set(allTokens.filter((t) => t.CATEGORIES?.includes(StringLiteral)).map(code));

function describeToken(type: TokenType): string {
  return (
    tokenNames.get(type) ??
    (type.CATEGORIES?.some((c) => tokenNames.has(c)) ? "a string" : type.name)
  );
}

/**
 * The token stream the parser sees, made in place in one pass:
 * - a line that ends in a comma continues on the next line: line breaks after a comma are dropped;
 * - blocks nested deeper than MAX_DEPTH are dropped (reported once each), so parsing never overflows the stack.
 */
function forParser(tokens: TokenVector, push: Report): void {
  const { types, starts, ends } = tokens;
  let kept = 0;
  let afterComma = false;
  let depth = 0;
  let skipFrom = -1;
  for (let i = 0; i < tokens.count; i++) {
    const type = types[i] as number;
    if (afterComma && type === NEWLINE) continue;
    afterComma = type === COMMA;
    if (type === LCURLY) depth++;
    if (depth > MAX_DEPTH && skipFrom < 0) {
      skipFrom = depth;
      push({
        message: `blocks are nested more than ${MAX_DEPTH} deep; the deeper ones are ignored`,
        start: starts[i] as number,
        end: (starts[i] as number) + 1,
      });
    }
    const keep = skipFrom < 0;
    if (type === RCURLY && depth > 0) {
      if (depth === skipFrom) skipFrom = -1;
      depth--;
    }
    if (!keep) continue;
    if (kept !== i) {
      types[kept] = type;
      starts[kept] = starts[i] as number;
      ends[kept] = ends[i] as number;
    }
    kept++;
  }
  tokens.count = kept;
}

const NAME_SLOTS = 1024;
const MAX_SHARED_NAME = 24;
/**
 * Names recently seen, by a hash of their text; shared by all parses, so a run
 * over many files fills it once and its files share their keywords' strings.
 */
const names: (string | undefined)[] = new Array<string | undefined>(NAME_SLOTS).fill(undefined);

/**
 * A list reused from one statement (or block) to the next, so it keeps its room;
 * each finished list is an exact-size copy: the tree holds ~100,000 of them on a
 * 5 MB file, and a growing array keeps 16 spare slots.
 */
class Reusable<T> {
  private readonly items: T[] = [];
  count = 0;

  add(item: T): void {
    this.items[this.count++] = item;
  }

  first(): T | undefined {
    return this.count > 0 ? this.items[0] : undefined;
  }

  last(): T | undefined {
    return this.count > 0 ? this.items[this.count - 1] : undefined;
  }

  take(): T[] {
    const list = this.count === 0 ? [] : this.items.slice(0, this.count);
    this.count = 0;
    return list;
  }
}

/**
 * The file or an open block, and the statement whose tokens are arriving in it
 * (that statement's block, if any, is the next frame). One frame per depth,
 * reused by the next block at that depth.
 */
class Frame {
  readonly statements = new Reusable<StatementNode>();
  /** The keyword of the last statement when no end came after it: a stray here is "after the 'K' statement". */
  after: string | null = null;
  /** For a block: its '{' token, and where it starts. */
  open = -1;
  start: Point | null = null;

  /** Whether a statement is arriving; its parts follow. */
  active = false;
  keyword = "";
  keywordPosition: Span | null = null;
  readonly args = new Reusable<ArgumentNode>();
  /** Offset of its first ',' before an argument; -1 when none. */
  firstSeparator = -1;
  /** The token of a key whose value has not arrived yet; -1 when none. */
  key = -1;
  block: BlockNode | null = null;
}

/**
 * Builds the AST from the parser's actions, in source order, and reports every
 * structural problem. The contents of a block with no keyword are parsed but
 * neither kept nor checked ("muted").
 */
class TreeBuilder implements TreeSink {
  /** An unterminated block string or comment ran to the end: a missing '}' is its consequence, not news. */
  swallowedToEnd = false;
  private readonly frames: Frame[] = [new Frame()];
  /** Index of the innermost frame: 0 is the file. */
  private depth = 0;
  /** The innermost frame, `frames[depth]`. */
  private top = this.frames[0] as Frame;
  /** How many blocks deep inside a block with no keyword; 0 outside one. */
  private muted = 0;
  private orphanNext = false;
  private readonly types: Uint8Array;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;

  constructor(
    private readonly source: string,
    private readonly lines: LineIndex,
    private readonly push: Report,
    tokens: TokenVector,
  ) {
    this.types = tokens.types;
    this.starts = tokens.starts;
    this.ends = tokens.ends;
  }

  private text(token: number): string {
    return this.source.slice(this.starts[token], this.ends[token]);
  }

  /**
   * A name's text, the same string each time the same short name comes back:
   * keywords and names repeat thousands of times in a large file, and the tree keeps them all.
   */
  private name(token: number): string {
    const start = this.starts[token] as number;
    const end = this.ends[token] as number;
    const length = end - start;
    if (length > MAX_SHARED_NAME) return this.source.slice(start, end);
    // Hashed by its length and three of its characters, not all: constant work a name, and a collision only costs a copy.
    const source = this.source;
    const hash =
      ((length * 31 + source.charCodeAt(start)) * 31 + source.charCodeAt(start + (length >> 1))) *
        31 +
      source.charCodeAt(end - 1);
    const slot = hash & (NAME_SLOTS - 1);
    const known = names[slot];
    if (known !== undefined && known.length === length && this.source.startsWith(known, start))
      return known;
    const name = this.source.slice(start, end);
    names[slot] = name;
    return name;
  }

  private span(token: number): Span {
    return this.lines.span(this.starts[token] as number, this.ends[token] as number);
  }

  /** The file node, once the parser is done: blocks still open are closed at the end of the file, innermost first. */
  file(comments: CommentNode[]): FileNode {
    while (this.depth > 0) this.closeBlock(-1);
    const file = this.top;
    this.finishStatement(file);
    return {
      type: "File",
      statements: file.statements.take(),
      comments,
      position: this.lines.span(0, this.source.length),
    };
  }

  end(): void {
    if (this.muted > 0) return;
    const frame = this.top;
    if (frame.active) this.finishStatement(frame);
    frame.after = null;
  }

  statement(keyword: number): void {
    if (this.muted > 0) return;
    const frame = this.top;
    if (frame.active) this.finishStatement(frame);
    const name = this.name(keyword);
    frame.after = name;
    frame.active = true;
    frame.keyword = name;
    frame.keywordPosition = this.span(keyword);
    frame.firstSeparator = -1;
    frame.key = -1;
    frame.block = null;
  }

  separator(comma: number): void {
    const frame = this.top;
    if (this.muted > 0 || !frame.active || frame.firstSeparator >= 0) return;
    frame.firstSeparator = this.starts[comma] as number;
  }

  value(token: number): void {
    const frame = this.top;
    if (this.muted > 0 || !frame.active) return;
    if (frame.key >= 0) this.keyWithoutValue(frame);
    frame.args.add(this.valueNode(token));
  }

  key(token: number): void {
    const frame = this.top;
    if (this.muted > 0 || !frame.active) return;
    this.keyWithoutValue(frame);
    frame.key = token;
  }

  propertyValue(token: number): void {
    const frame = this.top;
    if (this.muted > 0 || !frame.active || frame.key < 0) return;
    // Recovery inserts a value that was not there (`tier=` before a '}'): the property has none.
    if (token < 0) return this.keyWithoutValue(frame);
    const key = frame.key;
    frame.key = -1;
    const keyPosition = this.span(key);
    const value = this.valueNode(token);
    frame.args.add({
      type: "Property",
      key: this.name(key),
      keyPosition,
      value,
      position: { start: keyPosition.start, end: value.position.end },
    });
  }

  private keyWithoutValue(frame: Frame): void {
    const key = frame.key;
    if (key < 0) return;
    frame.key = -1;
    this.push({
      message: `'${this.text(key)}=' needs a value`,
      start: this.starts[key] as number,
      end: (this.ends[key] as number) + 1,
    });
  }

  trailingComma(comma: number): void {
    if (this.muted > 0) return;
    const start = this.starts[comma] as number;
    const end = this.ends[comma] as number;
    this.push({ message: `a comma cannot come before ${this.nextTokenText(end)}`, start, end });
  }

  open(token: number): void {
    if (this.muted > 0) {
      this.muted++;
      return;
    }
    const start = this.starts[token] as number;
    if (this.orphanNext) {
      this.orphanNext = false;
      this.muted = 1;
      this.strayProblem(
        this.top,
        start,
        start + 1,
        "'{'",
        "a block needs a keyword before '{' (for example 'scene NAME {')",
      );
      return;
    }
    if (!this.top.active) {
      // Never happens (the grammar opens a block only after a keyword or orphan()); kept out of the tree if it did.
      this.muted = 1;
      return;
    }
    const frame = (this.frames[++this.depth] ??= new Frame());
    this.top = frame;
    frame.after = null;
    frame.open = token;
    frame.start = this.lines.point(start);
    frame.active = false;
  }

  close(token: number): void {
    if (this.muted > 0) {
      this.muted--;
      return;
    }
    if (this.depth > 0) this.closeBlock(token);
  }

  strayClose(token: number): void {
    if (this.muted > 0) return;
    this.finishStatement(this.top);
    this.push({
      message: "unexpected '}': no block is open here",
      start: this.starts[token] as number,
      end: this.ends[token] as number,
    });
  }

  stray(token: number): void {
    if (this.muted > 0) return;
    const frame = this.top;
    this.finishStatement(frame);
    const type = this.types[token] as number;
    // A stray string still gets its own lexical checks ("unterminated string" explains more than "stray").
    if (STRINGS.has(type)) this.string(token, this.span(token));
    const otherwise = type === COMMA ? "unexpected ','" : null;
    this.strayProblem(
      frame,
      this.starts[token] as number,
      this.ends[token] as number,
      describeToken(allTokens[type] as TokenType),
      otherwise,
    );
  }

  orphan(): void {
    if (this.muted > 0) return;
    this.finishStatement(this.top);
    this.orphanNext = true;
  }

  /** A stray right after a statement is a statement not ended; otherwise `message`, or "expected a keyword". */
  private strayProblem(
    frame: Frame,
    start: number,
    end: number,
    found: string,
    message: string | null,
  ): void {
    if (frame.after !== null) {
      this.push({
        message: `expected a new line or ';' after the '${frame.after}' statement, found ${found}`,
        start,
        end,
      });
    } else {
      this.push({
        message: message ?? `expected a keyword at the start of a statement, found ${found}`,
        start,
        end,
      });
    }
  }

  /** The statement whose tokens were arriving in `frame` is complete. */
  private finishStatement(frame: Frame): void {
    if (!frame.active) return;
    frame.active = false;
    if (frame.key >= 0) this.keyWithoutValue(frame);
    const { keyword, block } = frame;
    const keywordPosition = frame.keywordPosition as Span;
    if (frame.firstSeparator >= 0) {
      const firstArg = frame.args.first();
      if (firstArg && frame.firstSeparator < firstArg.position.start.offset) {
        this.push({
          message: `unexpected ',' right after '${keyword}'`,
          start: frame.firstSeparator,
          end: frame.firstSeparator + 1,
        });
      }
    }
    const last = block ?? frame.args.last();
    // Points are shared with the parts that start and end the statement: large files hold hundreds of thousands.
    const position = {
      start: keywordPosition.start,
      end: last ? last.position.end : keywordPosition.end,
    };
    frame.statements.add({
      type: "Statement",
      keyword,
      keywordPosition,
      arguments: frame.args.take(),
      block,
      position,
    });
  }

  /** The innermost block ends: at its '}', or (`close` -1) unclosed at the end of the file. */
  private closeBlock(close: number): void {
    const frame = this.top;
    this.finishStatement(frame);
    const owner = this.frames[--this.depth] as Frame;
    this.top = owner;
    const closed = close >= 0;
    const end = closed ? (this.ends[close] as number) : this.source.length;
    if (!closed && !this.swallowedToEnd) {
      const firstArg = owner.args.first();
      const name =
        firstArg?.type === "Identifier"
          ? ` '${firstArg.name}'`
          : firstArg?.type === "String"
            ? ` "${firstArg.value}"`
            : "";
      const open = this.starts[frame.open] as number;
      // The opening brace's place goes in `related`: positions stay out of messages.
      this.push({
        message: `expected '}' to close ${owner.keyword}${name}`,
        start: this.source.length,
        end: this.source.length,
        related: [
          { message: `${owner.keyword}${name} is opened here`, start: open, end: open + 1 },
        ],
      });
    }
    owner.block = {
      type: "Block",
      statements: frame.statements.take(),
      closed,
      position: { start: frame.start as Point, end: this.lines.point(end) },
    };
  }

  private nextTokenText(from: number): string {
    // Sticky: skips white space and comments from `from` without copying the rest of the file.
    const skip = /(?:\s|\/\/[^\r\n]*|\/\*[\s\S]*?\*\/)*/y;
    skip.lastIndex = from;
    skip.exec(this.source);
    const next = this.source[skip.lastIndex];
    return next === undefined ? "the end of the file" : `'${next}'`;
  }

  private valueNode(token: number): ValueNode {
    const start = this.starts[token] as number;
    const end = this.ends[token] as number;
    const position = this.lines.span(start, end);
    const type = this.types[token];
    if (type === QUOTED_STRING) {
      // The usual value, first: a one-line string with no escape is its text.
      const body = this.source.slice(start + 1, end - 1);
      if (!body.includes("\\")) return { type: "String", value: body, block: false, position };
    }
    if (type === IDENTIFIER) return { type: "Identifier", name: this.name(token), position };
    if (type === NUMBER) {
      const raw = this.text(token);
      return { type: "Number", value: Number(raw), raw, position };
    }
    if (type === DIMENSION) {
      const raw = this.text(token);
      const unitAt = raw.search(/[A-Za-z_]/);
      return {
        type: "Dimension",
        value: Number(raw.slice(0, unitAt)),
        unit: raw.slice(unitAt),
        raw,
        position,
      };
    }
    if (type === RATIO) {
      const raw = this.text(token);
      const [w, h] = raw.split(":");
      return { type: "Ratio", width: Number(w), height: Number(h), raw, position };
    }
    return this.string(token, position);
  }

  private string(token: number, position: Span): StringNode {
    const start = this.starts[token] as number;
    const end = this.ends[token] as number;
    const type = this.types[token] as number;
    if (MISQUOTED.has(type)) {
      const misquoted = misquotedText(allTokens[type] as TokenType, this.text(token));
      this.push({ message: misquoted.message, start, end, rank: 0 });
      return { type: "String", value: misquoted.value, block: false, position };
    }
    const block = type === BLOCK_STRING || type === UNTERMINATED_BLOCK_STRING;
    const quote = block ? 3 : 1;
    const closed = type === BLOCK_STRING || type === QUOTED_STRING;
    if (!closed) {
      if (block) this.swallowedToEnd = true;
      const what = block
        ? 'unterminated block string: \'"""\' has no closing \'"""\''
        : 'unterminated string: add a closing \'"\' on the same line (use """…""" for text over several lines)';
      this.push({ message: what, start, end: block ? start + 3 : end, rank: 0 });
    }
    const body = this.source.slice(start + quote, closed ? end - quote : end);
    if (!block && !body.includes("\\")) return { type: "String", value: body, block, position };
    const decoded = decodeEscapes(body, start + quote);
    for (const problem of decoded.problems) this.push({ ...problem, rank: 0 });
    // Indentation is judged on the lines as written, before escapes such as \n make new ones.
    const value = block ? decodeEscapes(dedent(body), start + quote).value : decoded.value;
    return { type: "String", value, block, position };
  }
}

/** Longer text is shown cut, so a message stays one readable line. */
const SHOWN_TEXT = 40;

/**
 * Text written the wrong way (single quotes, curly quotes, a bare URL): its value, and a
 * message saying what to write instead.
 */
function misquotedText(type: TokenType, raw: string): { value: string; message: string } {
  if (type === BareUrl) {
    // The service fetches the image itself, so it needs an absolute https:// URL.
    const url = /^[A-Za-z][A-Za-z0-9+.-]*:/.test(raw) ? raw : `https://${raw}`;
    return { value: raw, message: `a URL is text: write it in double quotes, ${suggestion(url)}` };
  }
  const closed = raw.length > 1 && /^['\u201c\u201d\u2019]$/.test(raw[raw.length - 1] as string);
  const value = raw.slice(1, closed ? -1 : undefined);
  const quotes = type === SingleQuotedText ? "single quotes" : "curly quotes";
  return {
    value,
    message: `text goes in straight double quotes, not ${quotes}: write ${suggestion(value)}`,
  };
}

/** The text as a `.kp` string literal, cut after SHOWN_TEXT code points. */
function suggestion(text: string): string {
  const chars = [...text];
  const shown = chars.length > SHOWN_TEXT ? `${chars.slice(0, SHOWN_TEXT).join("")}…` : text;
  return `"${shown.replace(/["\\]/g, "\\$&")}"`;
}
