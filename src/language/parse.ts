import { tokenMatcher, type CstNode, type IToken, type TokenType } from "chevrotain";
import { tokenize } from "../../grammar/lexer.js";
import { KpParser, tokenNames } from "../../grammar/parser.js";
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
import { LineIndex, type Span } from "./positions.js";
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

/** Source → tokens → CST → AST, with every problem as a `syntax` diagnostic. Never throws on any input. */
export function parse(source: string, options: ParseOptions = {}): ParseResult {
  const lines = new LineIndex(source);
  const diagnostics: Diagnostic[] = [];
  let lastLine = -1;
  // One diagnostic a line: a bad line must not cascade.
  const report = (input: Omit<DiagnosticInput, "ruleId" | "severity">): void => {
    const line = lines.point(input.start).line;
    if (line === lastLine) return;
    lastLine = line;
    diagnostics.push(makeDiagnostic(lines, options.filename, { ...input, ruleId: "syntax", severity: "error" }));
  };
  const problems: Problem[] = [];
  const push: Report = (input) => problems.push(input);
  const { cst, comments, swallowedToEnd } = toCst(source, lines, push);
  const builder = new AstBuilder(source, lines, push);
  builder.swallowedToEnd = swallowedToEnd;
  const ast = builder.file(cst, comments);
  problems.sort((a, b) => a.start - b.start || (a.rank ?? 1) - (b.rank ?? 1));
  for (const { rank: _rank, ...problem } of problems) report(problem);
  return { ast, diagnostics, lines };
}

/**
 * Tokens → CST. A function of its own so that nothing holds the token vector
 * while the tree builder runs.
 */
function toCst(source: string, lines: LineIndex, push: Report): { cst: CstNode; comments: CommentNode[]; swallowedToEnd: boolean } {
  const lexed = tokenize(source);
  for (const error of lexed.errors) push({ ...lexError(source, error.offset, error.length), rank: 0 });
  const comments = lexed.groups.comments.map((token) => toComment(token, lines, push));
  const p = parser();
  p.input = limitDepth(joinContinuedLines(lexed.tokens), push);
  const cst = p.file();
  // The shared parser would otherwise hold every token of this file until the next parse.
  p.input = [];
  return { cst, comments, swallowedToEnd: lexed.groups.comments.some((t) => t.tokenType === UnterminatedBlockComment) };
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

/** A line that ends in a comma continues on the next line: drop the line breaks after a comma. */
function joinContinuedLines(tokens: IToken[]): IToken[] {
  if (!tokens.some((t, i) => t.tokenType === Comma && tokens[i + 1]?.tokenType === Newline)) return tokens;
  const out: IToken[] = [];
  let afterComma = false;
  for (const token of tokens) {
    if (afterComma && token.tokenType === Newline) continue;
    afterComma = token.tokenType === Comma;
    out.push(token);
  }
  return out;
}

/** Drops blocks nested deeper than MAX_DEPTH (reported once), so parsing never overflows the stack. */
function limitDepth(tokens: IToken[], push: Report): IToken[] {
  if (!tooDeep(tokens)) return tokens;
  let depth = 0;
  let skipFrom = -1;
  const out: IToken[] = [];
  for (const token of tokens) {
    if (token.tokenType === LCurly) depth++;
    if (depth > MAX_DEPTH && skipFrom < 0) {
      skipFrom = depth;
      push({
        message: `blocks are nested more than ${MAX_DEPTH} deep; the deeper ones are ignored`,
        start: token.startOffset,
        end: token.startOffset + 1,
      });
    }
    if (skipFrom < 0) out.push(token);
    if (token.tokenType === RCurly && depth > 0) {
      if (depth === skipFrom) skipFrom = -1;
      depth--;
    }
  }
  return out;
}

function tooDeep(tokens: readonly IToken[]): boolean {
  let depth = 0;
  for (const token of tokens) {
    if (token.tokenType === LCurly && ++depth > MAX_DEPTH) return true;
    if (token.tokenType === RCurly && depth > 0) depth--;
  }
  return false;
}

function tokenEnd(token: IToken): number {
  // Tokens from the lexer carry their end; ones chevrotain inserts in recovery have an image only.
  return token.endOffset !== undefined ? token.endOffset + 1 : token.startOffset + token.image.length;
}

function describeToken(type: TokenType): string {
  return tokenNames.get(type) ?? (type.CATEGORIES?.some((c) => tokenNames.has(c)) ? "a string" : type.name);
}

function children(node: CstNode, label: string): CstNode[] {
  return (node.children[label] as CstNode[] | undefined) ?? [];
}

function tokensOf(node: CstNode, label: string): IToken[] {
  return (node.children[label] as IToken[] | undefined) ?? [];
}

function isReal(token: IToken | undefined): token is IToken {
  return token !== undefined && !token.isInsertedInRecovery && Number.isFinite(token.startOffset);
}

/** What a statement, block or file holds, in source order. */
type Item = { kind: "end"; token: IToken } | { kind: "statement"; node: CstNode } | { kind: "stray"; node: CstNode };

class AstBuilder {
  /** An unterminated block string or comment ran to the end: a missing '}' is its consequence, not news. */
  swallowedToEnd = false;

  constructor(
    private readonly source: string,
    private readonly lines: LineIndex,
    private readonly push: Report,
  ) {}

  file(cst: CstNode, comments: CommentNode[]): FileNode {
    for (const close of tokensOf(cst, "strayClose")) {
      this.push({ message: "unexpected '}': no block is open here", start: close.startOffset, end: tokenEnd(close) });
    }
    const statements = this.items(cst);
    return { type: "File", statements, comments, position: this.lines.span(0, this.source.length) };
  }

  private items(container: CstNode): StatementNode[] {
    // Without strays, order does not matter to anything but the statements, which are in order already.
    if (children(container, "stray").length === 0) return this.releasing(children(container, "statement"));
    const statements: StatementNode[] = [];
    let previous: Item | undefined;
    for (const item of inSourceOrder(container)) {
      if (item.kind === "statement") statements.push(this.statement(item.node));
      else if (item.kind === "stray") this.stray(item.node, previous);
      previous = item.kind === "stray" && previous?.kind === "statement" ? previous : item;
    }
    return statements;
  }

  /**
   * Statements from their CST nodes, each node let go once built: the CST and the
   * tokens it holds are then freed while the AST grows, not kept until both are
   * whole (on a large file that is the peak of compiling).
   */
  private releasing(nodes: (CstNode | null)[]): StatementNode[] {
    const statements: StatementNode[] = [];
    for (let i = 0; i < nodes.length; i++) {
      statements.push(this.statement(nodes[i] as CstNode));
      nodes[i] = null;
    }
    return statements;
  }

  private stray(node: CstNode, previous: Item | undefined): void {
    const token = tokensOf(node, "token")[0];
    const orphan = children(node, "orphanBlock")[0];
    const start = token ? token.startOffset : (orphan ? (tokensOf(orphan, "open")[0]?.startOffset ?? 0) : 0);
    const end = token ? tokenEnd(token) : start + 1;
    // A stray string still gets its own lexical checks ("unterminated string" explains more than "stray").
    if (token && tokenMatcher(token, StringLiteral)) this.string(token, this.lines.span(start, end));
    const found = token ? describeToken(token.tokenType) : "'{'";
    if (previous?.kind === "statement") {
      const keyword = tokensOf(previous.node, "keyword")[0]?.image ?? "";
      this.push({ message: `expected a new line or ';' after the '${keyword}' statement, found ${found}`, start, end });
    } else if (orphan) {
      this.push({ message: "a block needs a keyword before '{' (for example 'scene NAME {')", start, end });
    } else if (token?.tokenType === Comma) {
      this.push({ message: "unexpected ','", start, end });
    } else {
      this.push({ message: `expected a keyword at the start of a statement, found ${found}`, start, end });
    }
  }

  private statement(node: CstNode): StatementNode {
    const keyword = tokensOf(node, "keyword")[0] as IToken;
    const args = this.arguments(node);
    this.checkCommas(node, keyword, args);
    const blockNode = children(node, "block")[0];
    const block = blockNode ? this.block(blockNode, keyword, args[0]) : null;
    const keywordPosition = this.lines.span(keyword.startOffset, tokenEnd(keyword));
    const last = block ?? args[args.length - 1];
    // Points are shared with the parts that start and end the statement: large files hold hundreds of thousands.
    const position = { start: keywordPosition.start, end: last ? last.position.end : keywordPosition.end };
    return { type: "Statement", keyword: keyword.image, keywordPosition, arguments: args, block, position };
  }

  private checkCommas(node: CstNode, keyword: IToken, args: ArgumentNode[]): void {
    const first = tokensOf(node, "separator")[0];
    const firstArg = args[0];
    if (first && firstArg && first.startOffset < firstArg.position.start.offset) {
      this.push({ message: `unexpected ',' right after '${keyword.image}'`, start: first.startOffset, end: tokenEnd(first) });
    }
    const trailing = tokensOf(node, "trailingComma")[0];
    if (trailing) {
      const next = this.nextTokenText(tokenEnd(trailing));
      this.push({ message: `a comma cannot come before ${next}`, start: trailing.startOffset, end: tokenEnd(trailing) });
    }
  }

  private nextTokenText(from: number): string {
    // Sticky: skips white space and comments from `from` without copying the rest of the file.
    const skip = /(?:\s|\/\/[^\r\n]*|\/\*[\s\S]*?\*\/)*/y;
    skip.lastIndex = from;
    skip.exec(this.source);
    const next = this.source[skip.lastIndex];
    return next === undefined ? "the end of the file" : `'${next}'`;
  }

  private block(node: CstNode, owner: IToken, firstArg: ArgumentNode | undefined): BlockNode {
    const open = tokensOf(node, "open")[0] as IToken;
    const close = tokensOf(node, "close")[0];
    const statements = this.items(node);
    const closed = isReal(close);
    let end = closed ? tokenEnd(close) : this.source.length;
    if (!closed && !this.swallowedToEnd) {
      const name = firstArg?.type === "Identifier" ? ` '${firstArg.name}'` : firstArg?.type === "String" ? ` "${firstArg.value}"` : "";
      // The opening brace's place goes in `related`: positions stay out of messages.
      this.push({
        message: `expected '}' to close ${owner.image}${name}`,
        start: this.source.length,
        end: this.source.length,
        related: [{ message: `${owner.image}${name} is opened here`, start: open.startOffset, end: tokenEnd(open) }],
      });
      end = this.source.length;
    }
    return { type: "Block", statements, closed, position: this.lines.span(open.startOffset, end) };
  }

  /** Plain values and `key=value` properties, back in source order. */
  private arguments(node: CstNode): ArgumentNode[] {
    const values = tokensOf(node, "value");
    const keys = tokensOf(node, "key");
    if (keys.length === 0) return values.filter(isReal).map((t) => this.value(t));
    const propertyValues = tokensOf(node, "propertyValue").filter(isReal);
    const args: ArgumentNode[] = [];
    let v = 0;
    let p = 0;
    keys.forEach((key, k) => {
      while (v < values.length && (values[v] as IToken).startOffset < key.startOffset) args.push(this.value(values[v++] as IToken));
      const nextKey = keys[k + 1]?.startOffset ?? Infinity;
      const token = propertyValues[p];
      const property = token && token.startOffset > key.startOffset && token.startOffset < nextKey ? (p++, this.property(key, token)) : this.property(key, null);
      if (property) args.push(property);
    });
    while (v < values.length) args.push(this.value(values[v++] as IToken));
    return args;
  }

  private property(key: IToken, token: IToken | null): ArgumentNode | null {
    if (!token) {
      // Recovery left a property without its value (`tier=` at the end of a line).
      this.push({ message: `'${key.image}=' needs a value`, start: key.startOffset, end: tokenEnd(key) + 1 });
      return null;
    }
    const value = this.value(token);
    const keyPosition = this.lines.span(key.startOffset, tokenEnd(key));
    return { type: "Property", key: key.image, keyPosition, value, position: { start: keyPosition.start, end: value.position.end } };
  }

  private value(token: IToken): ValueNode {
    const start = token.startOffset;
    const end = tokenEnd(token);
    const position = this.lines.span(start, end);
    const type = token.tokenType;
    const raw = token.image;
    if (type === Identifier) return { type: "Identifier", name: raw, position };
    if (type === NumberLiteral) return { type: "Number", value: Number(raw), raw, position };
    if (type === Dimension) {
      const unitAt = raw.search(/[A-Za-z_]/);
      return { type: "Dimension", value: Number(raw.slice(0, unitAt)), unit: raw.slice(unitAt), raw, position };
    }
    if (type === Ratio) {
      const [w, h] = raw.split(":");
      return { type: "Ratio", width: Number(w), height: Number(h), raw, position };
    }
    return this.string(token, position);
  }

  private string(token: IToken, position: Span): StringNode {
    const start = token.startOffset;
    const raw = token.image;
    const type = token.tokenType;
    const misquoted = misquotedText(type, raw);
    if (misquoted !== null) {
      this.push({ message: misquoted.message, start, end: start + raw.length, rank: 0 });
      return { type: "String", value: misquoted.value, block: false, position };
    }
    const block = type === BlockString || type === UnterminatedBlockString;
    const quote = block ? 3 : 1;
    const closed = type === BlockString || type === QuotedString;
    if (!closed) {
      if (block) this.swallowedToEnd = true;
      const what = block ? "unterminated block string: '\"\"\"' has no closing '\"\"\"'" : "unterminated string: add a closing '\"' on the same line (use \"\"\"…\"\"\" for text over several lines)";
      this.push({ message: what, start, end: block ? start + 3 : start + raw.length, rank: 0 });
    }
    const body = raw.slice(quote, closed ? raw.length - quote : raw.length);
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

function strayOffset(node: CstNode): number {
  const token = tokensOf(node, "token")[0];
  if (token) return token.startOffset;
  const orphan = children(node, "orphanBlock")[0];
  return orphan ? (tokensOf(orphan, "open")[0]?.startOffset ?? 0) : 0;
}

/**
 * A file's or block's items in source order. The grammar keeps ends,
 * statements and strays in separate lists (fewer CST nodes); each list is
 * already sorted, so a three-way merge restores the order.
 */
function inSourceOrder(container: CstNode): Item[] {
  const ends = tokensOf(container, "end");
  const statements = children(container, "statement");
  const strays = children(container, "stray");
  const items: Item[] = [];
  let e = 0;
  let s = 0;
  let x = 0;
  const at = (i: number, list: "e" | "s" | "x"): number => {
    if (list === "e") return ends[i]?.startOffset ?? Infinity;
    if (list === "s") return (statements[i] && tokensOf(statements[i] as CstNode, "keyword")[0]?.startOffset) ?? Infinity;
    return strays[i] ? strayOffset(strays[i] as CstNode) : Infinity;
  };
  while (e < ends.length || s < statements.length || x < strays.length) {
    const oe = at(e, "e");
    const os = at(s, "s");
    const ox = at(x, "x");
    if (oe <= os && oe <= ox) items.push({ kind: "end", token: ends[e++] as IToken });
    else if (os <= ox) items.push({ kind: "statement", node: statements[s++] as CstNode });
    else items.push({ kind: "stray", node: strays[x++] as CstNode });
  }
  return items;
}

