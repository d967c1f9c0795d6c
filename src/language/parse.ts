import { tokenMatcher, type IToken, type TokenType } from "chevrotain";
import { tokenize } from "../../grammar/lexer.js";
import { KpParser, tokenNames, type TreeSink } from "../../grammar/parser.js";
import {
  BareUrl,
  BlockString,
  Comma,
  CurlyQuotedText,
  Dimension,
  Identifier,
  LCurly,
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
import { makeDiagnostic, type Diagnostic, type DiagnosticInput } from "./diagnostics.js";
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
};
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
  for (const { rank: _rank, ...problem } of problems) {
    const line = lines.point(problem.start).line;
    if (line === lastLine) continue;
    lastLine = line;
    diagnostics.push(makeDiagnostic(lines, filename, { ...problem, ruleId: "syntax", severity: "error" }));
  }
  return diagnostics;
}

/**
 * Tokens → AST. A function of its own so that nothing holds the token vector
 * once the tree is built.
 */
function buildTree(source: string, lines: LineIndex, push: Report): FileNode {
  const lexed = tokenize(source);
  for (const error of lexed.errors) push({ ...lexError(source, error.offset, error.length), rank: 0 });
  const comments = lexed.groups.comments.map((token) => toComment(token, lines, push));
  const builder = new TreeBuilder(source, lines, push);
  builder.swallowedToEnd = lexed.groups.comments.some((t) => t.tokenType === UnterminatedBlockComment);
  parser().run(forParser(lexed.tokens, push), builder);
  return builder.file(comments);
}

function lexError(source: string, offset: number, length: number): Problem {
  const text = source.slice(offset, offset + length);
  const first = text.codePointAt(0) ?? 0;
  const shown = first < 0x20 || (first >= 0xd800 && first <= 0xdfff) || first === 0x7f
    ? `U+${first.toString(16).toUpperCase().padStart(4, "0")}`
    : `'${String.fromCodePoint(first)}'`;
  const hint = first >= 0x80 && /\p{L}/u.test(String.fromCodePoint(first))
    ? " (names are ASCII letters, digits, '_', '-' and '.'; put other text in a string)"
    : "";
  return { message: `unexpected character ${shown}${hint}`, start: offset, end: offset + length };
}

function toComment(token: IToken, lines: LineIndex, push: Report): CommentNode {
  const block = token.image.startsWith("/*");
  const start = token.startOffset;
  const end = start + token.image.length;
  if (token.tokenType === UnterminatedBlockComment) {
    push({ message: "unterminated comment: '/*' has no closing '*/'", start, end: start + 2, rank: 0 });
  }
  const closed = block && token.tokenType !== UnterminatedBlockComment;
  const value = block ? token.image.slice(2, closed ? -2 : undefined) : token.image.slice(2);
  return { type: "Comment", block, value, position: lines.span(start, end) };
}

/**
 * The token stream the parser sees, in one pass:
 * - a line that ends in a comma continues on the next line: line breaks after a comma are dropped;
 * - blocks nested deeper than MAX_DEPTH are dropped (reported once each), so parsing never overflows the stack.
 * The lexer's array is returned as it is when nothing is dropped (the usual case).
 */
function forParser(tokens: IToken[], push: Report): IToken[] {
  let out: IToken[] | null = null;
  let afterComma = false;
  let depth = 0;
  let skipFrom = -1;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as IToken;
    const type = token.tokenType;
    let keep = !(afterComma && type === Newline);
    if (keep) {
      afterComma = type === Comma;
      if (type === LCurly) depth++;
      if (depth > MAX_DEPTH && skipFrom < 0) {
        skipFrom = depth;
        push({
          message: `blocks are nested more than ${MAX_DEPTH} deep; the deeper ones are ignored`,
          start: token.startOffset,
          end: token.startOffset + 1,
        });
      }
      keep = skipFrom < 0;
      if (type === RCurly && depth > 0) {
        if (depth === skipFrom) skipFrom = -1;
        depth--;
      }
    }
    if (!keep) out ??= tokens.slice(0, i);
    else if (out !== null) out.push(token);
  }
  return out ?? tokens;
}

function tokenEnd(token: IToken): number {
  // Tokens from the lexer carry their end; ones chevrotain inserts in recovery have an image only.
  return token.endOffset !== undefined ? token.endOffset + 1 : token.startOffset + token.image.length;
}

function describeToken(type: TokenType): string {
  return tokenNames.get(type) ?? (type.CATEGORIES?.some((c) => tokenNames.has(c)) ? "a string" : type.name);
}

function isReal(token: IToken): boolean {
  return token.isInsertedInRecovery !== true && Number.isFinite(token.startOffset);
}

/** A statement while its tokens arrive. */
interface OpenStatement {
  keyword: string;
  keywordPosition: Span;
  args: ArgumentNode[];
  /** Offset of its first ',' before an argument; -1 when none. */
  firstSeparator: number;
  /** A key whose value has not arrived yet. */
  key: IToken | null;
  block: BlockNode | null;
}

/** The file or a block while its items arrive. */
interface Container {
  statements: StatementNode[];
  /** The statement whose tokens are arriving (its block, if any, is the next container). */
  current: OpenStatement | null;
  /** The keyword of the last statement when no end came after it: a stray here is "after the 'K' statement". */
  after: string | null;
  /** For a block: its '{', where it starts, and the statement it belongs to. */
  open: IToken | null;
  start: Point | null;
  owner: OpenStatement | null;
}

/**
 * Builds the AST from the parser's actions, in source order, and reports every
 * structural problem. The contents of a block with no keyword are parsed but
 * neither kept nor checked ("muted").
 */
class TreeBuilder implements TreeSink {
  /** An unterminated block string or comment ran to the end: a missing '}' is its consequence, not news. */
  swallowedToEnd = false;
  private readonly containers: Container[];
  /** How many blocks deep inside a block with no keyword; 0 outside one. */
  private muted = 0;
  private orphanNext = false;

  constructor(
    private readonly source: string,
    private readonly lines: LineIndex,
    private readonly push: Report,
  ) {
    this.containers = [{ statements: [], current: null, after: null, open: null, start: null, owner: null }];
  }

  private get top(): Container {
    return this.containers[this.containers.length - 1] as Container;
  }

  /** The file node, once the parser is done: blocks still open are closed at the end of the file, innermost first. */
  file(comments: CommentNode[]): FileNode {
    while (this.containers.length > 1) this.closeBlock(null);
    const file = this.containers[0] as Container;
    this.finishStatement(file);
    return { type: "File", statements: file.statements, comments, position: this.lines.span(0, this.source.length) };
  }

  end(): void {
    if (this.muted > 0) return;
    const container = this.top;
    this.finishStatement(container);
    container.after = null;
  }

  statement(keyword: IToken): void {
    if (this.muted > 0) return;
    const container = this.top;
    this.finishStatement(container);
    const name = keyword.image;
    container.after = name;
    container.current = {
      keyword: name,
      keywordPosition: this.lines.span(keyword.startOffset, tokenEnd(keyword)),
      args: [],
      firstSeparator: -1,
      key: null,
      block: null,
    };
  }

  separator(comma: IToken): void {
    const statement = this.top.current;
    if (this.muted > 0 || statement === null || statement.firstSeparator >= 0) return;
    statement.firstSeparator = comma.startOffset;
  }

  value(token: IToken): void {
    const statement = this.top.current;
    if (this.muted > 0 || statement === null) return;
    this.keyWithoutValue(statement);
    statement.args.push(this.valueNode(token));
  }

  key(token: IToken): void {
    const statement = this.top.current;
    if (this.muted > 0 || statement === null) return;
    this.keyWithoutValue(statement);
    statement.key = token;
  }

  propertyValue(token: IToken): void {
    const statement = this.top.current;
    const key = statement?.key;
    if (this.muted > 0 || !statement || !key) return;
    // Recovery inserts a value that was not there (`tier=` before a '}'): the property has none.
    if (!isReal(token)) return this.keyWithoutValue(statement);
    statement.key = null;
    const value = this.valueNode(token);
    const keyPosition = this.lines.span(key.startOffset, tokenEnd(key));
    statement.args.push({ type: "Property", key: key.image, keyPosition, value, position: { start: keyPosition.start, end: value.position.end } });
  }

  private keyWithoutValue(statement: OpenStatement): void {
    const key = statement.key;
    if (key === null) return;
    statement.key = null;
    this.push({ message: `'${key.image}=' needs a value`, start: key.startOffset, end: tokenEnd(key) + 1 });
  }

  trailingComma(comma: IToken): void {
    if (this.muted > 0) return;
    const next = this.nextTokenText(tokenEnd(comma));
    this.push({ message: `a comma cannot come before ${next}`, start: comma.startOffset, end: tokenEnd(comma) });
  }

  open(token: IToken): void {
    if (this.muted > 0) {
      this.muted++;
      return;
    }
    if (this.orphanNext) {
      this.orphanNext = false;
      this.muted = 1;
      this.strayProblem(this.top, token.startOffset, token.startOffset + 1, "'{'", "a block needs a keyword before '{' (for example 'scene NAME {')");
      return;
    }
    const owner = this.top.current;
    if (owner === null) {
      // Never happens (the grammar opens a block only after a keyword or orphan()); kept out of the tree if it did.
      this.muted = 1;
      return;
    }
    this.containers.push({ statements: [], current: null, after: null, open: token, start: this.lines.point(token.startOffset), owner });
  }

  close(token: IToken): void {
    if (this.muted > 0) {
      this.muted--;
      return;
    }
    if (this.containers.length > 1) this.closeBlock(isReal(token) ? token : null);
  }

  strayClose(token: IToken): void {
    if (this.muted > 0) return;
    this.finishStatement(this.top);
    this.push({ message: "unexpected '}': no block is open here", start: token.startOffset, end: tokenEnd(token) });
  }

  stray(token: IToken): void {
    if (this.muted > 0) return;
    const container = this.top;
    this.finishStatement(container);
    const start = token.startOffset;
    const end = tokenEnd(token);
    // A stray string still gets its own lexical checks ("unterminated string" explains more than "stray").
    if (tokenMatcher(token, StringLiteral)) this.string(token, this.lines.span(start, end));
    const otherwise = token.tokenType === Comma ? "unexpected ','" : null;
    this.strayProblem(container, start, end, describeToken(token.tokenType), otherwise);
  }

  orphan(): void {
    if (this.muted > 0) return;
    this.finishStatement(this.top);
    this.orphanNext = true;
  }

  /** A stray right after a statement is a statement not ended; otherwise `message`, or "expected a keyword". */
  private strayProblem(container: Container, start: number, end: number, found: string, message: string | null): void {
    if (container.after !== null) {
      this.push({ message: `expected a new line or ';' after the '${container.after}' statement, found ${found}`, start, end });
    } else {
      this.push({ message: message ?? `expected a keyword at the start of a statement, found ${found}`, start, end });
    }
  }

  /** The statement whose tokens were arriving in `container` is complete. */
  private finishStatement(container: Container): void {
    const statement = container.current;
    if (statement === null) return;
    container.current = null;
    this.keyWithoutValue(statement);
    const { keyword, keywordPosition, args, block } = statement;
    const firstArg = args[0];
    if (statement.firstSeparator >= 0 && firstArg && statement.firstSeparator < firstArg.position.start.offset) {
      this.push({ message: `unexpected ',' right after '${keyword}'`, start: statement.firstSeparator, end: statement.firstSeparator + 1 });
    }
    const last = block ?? args[args.length - 1];
    // Points are shared with the parts that start and end the statement: large files hold hundreds of thousands.
    const position = { start: keywordPosition.start, end: last ? last.position.end : keywordPosition.end };
    container.statements.push({ type: "Statement", keyword, keywordPosition, arguments: args, block, position });
  }

  /** The innermost block ends: at its '}', or (`close` null) unclosed at the end of the file. */
  private closeBlock(close: IToken | null): void {
    const container = this.containers.pop() as Container;
    this.finishStatement(container);
    const open = container.open as IToken;
    const owner = container.owner as OpenStatement;
    const end = close ? tokenEnd(close) : this.source.length;
    if (!close && !this.swallowedToEnd) {
      const firstArg = owner.args[0];
      const name = firstArg?.type === "Identifier" ? ` '${firstArg.name}'` : firstArg?.type === "String" ? ` "${firstArg.value}"` : "";
      // The opening brace's place goes in `related`: positions stay out of messages.
      this.push({
        message: `expected '}' to close ${owner.keyword}${name}`,
        start: this.source.length,
        end: this.source.length,
        related: [{ message: `${owner.keyword}${name} is opened here`, start: open.startOffset, end: tokenEnd(open) }],
      });
    }
    owner.block = { type: "Block", statements: container.statements, closed: close !== null, position: { start: container.start as Point, end: this.lines.point(end) } };
  }

  private nextTokenText(from: number): string {
    // Sticky: skips white space and comments from `from` without copying the rest of the file.
    const skip = /(?:\s|\/\/[^\r\n]*|\/\*[\s\S]*?\*\/)*/y;
    skip.lastIndex = from;
    skip.exec(this.source);
    const next = this.source[skip.lastIndex];
    return next === undefined ? "the end of the file" : `'${next}'`;
  }

  private valueNode(token: IToken): ValueNode {
    const start = token.startOffset;
    const end = tokenEnd(token);
    const position = this.lines.span(start, end);
    const type = token.tokenType;
    if (type === Identifier) return { type: "Identifier", name: token.image, position };
    if (type === NumberLiteral) {
      const raw = token.image;
      return { type: "Number", value: Number(raw), raw, position };
    }
    if (type === Dimension) {
      const raw = token.image;
      const unitAt = raw.search(/[A-Za-z_]/);
      return { type: "Dimension", value: Number(raw.slice(0, unitAt)), unit: raw.slice(unitAt), raw, position };
    }
    if (type === Ratio) {
      const raw = token.image;
      const [w, h] = raw.split(":");
      return { type: "Ratio", width: Number(w), height: Number(h), raw, position };
    }
    return this.string(token, position);
  }

  private string(token: IToken, position: Span): StringNode {
    const start = token.startOffset;
    const end = tokenEnd(token);
    const type = token.tokenType;
    const misquoted = type === BareUrl || type === SingleQuotedText || type === CurlyQuotedText ? misquotedText(type, token.image) : null;
    if (misquoted !== null) {
      this.push({ message: misquoted.message, start, end, rank: 0 });
      return { type: "String", value: misquoted.value, block: false, position };
    }
    const block = type === BlockString || type === UnterminatedBlockString;
    const quote = block ? 3 : 1;
    const closed = type === BlockString || type === QuotedString;
    if (!closed) {
      if (block) this.swallowedToEnd = true;
      const what = block ? "unterminated block string: '\"\"\"' has no closing '\"\"\"'" : "unterminated string: add a closing '\"' on the same line (use \"\"\"…\"\"\" for text over several lines)";
      this.push({ message: what, start, end: block ? start + 3 : end, rank: 0 });
    }
    const body = this.source.slice(start + quote, closed ? end - quote : end);
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
 * message saying what to write instead. Null for a real string literal.
 */
function misquotedText(type: TokenType, raw: string): { value: string; message: string } | null {
  if (type === BareUrl) {
    // The service fetches the image itself, so it needs an absolute https:// URL.
    const url = /^[A-Za-z][A-Za-z0-9+.-]*:/.test(raw) ? raw : `https://${raw}`;
    return { value: raw, message: `a URL is text: write it in double quotes, ${suggestion(url)}` };
  }
  if (type !== SingleQuotedText && type !== CurlyQuotedText) return null;
  const closed = raw.length > 1 && /^['\u201c\u201d\u2019]$/.test(raw[raw.length - 1] as string);
  const value = raw.slice(1, closed ? -1 : undefined);
  const quotes = type === SingleQuotedText ? "single quotes" : "curly quotes";
  return { value, message: `text goes in straight double quotes, not ${quotes}: write ${suggestion(value)}` };
}

/** The text as a `.kp` string literal, cut after SHOWN_TEXT code points. */
function suggestion(text: string): string {
  const chars = [...text];
  const shown = chars.length > SHOWN_TEXT ? `${chars.slice(0, SHOWN_TEXT).join("")}…` : text;
  return `"${shown.replace(/["\\]/g, "\\$&")}"`;
}
