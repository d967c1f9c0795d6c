/**
 * `format`: one canonical layout for a `.kp` file, printed from its syntax
 * tree. Two-space indentation, one statement a line, settings before
 * sections (both in the keyword table's order), a blank line around every
 * `project`, `scene` and `shot` block, `"…"` strings with canonical escapes
 * and `"""…"""` blocks for section text that is long or spans lines.
 * Comments move with the statement they precede. A file with a syntax
 * error is left as it is. Pure; never throws.
 */
import { tokenize } from "../../grammar/lexer.js";
import { Comma } from "../../grammar/tokens.js";
import type {
  ArgumentNode,
  CommentNode,
  FileNode,
  StatementNode,
  ValueNode,
} from "../language/ast.js";
import type { Diagnostic } from "../language/diagnostics.js";
import { KEYWORDS, SECTION_ORDER } from "../language/keywords.js";
import {
  validateFilename,
  validateRecord,
  validateSource,
  OptionProblems,
} from "../language/options.js";
import { parse } from "../language/parse.js";
import type { LineIndex } from "../language/positions.js";
import { readDirectives, type Directive } from "../lint/directives.js";
import { CORE_IDS, RULE_IDS } from "../lint/engine.js";
import { attachComments, type Attached } from "./comments.js";
import { blockString, quoted } from "./strings.js";

/** What `format` takes besides the text. */
export interface FormatOptions {
  /** Shown in diagnostics. */
  filename?: string;
}

/** What `format` gives back. */
export interface FormatResult {
  /** The formatted text; the source unchanged when it has a syntax error. */
  output: string;
  /** Why the text was left alone: its syntax errors (and bad options). */
  diagnostics: Diagnostic[];
}

const STEP = "  ";
/** A statement wider than this puts its section text in a block string on lines of its own. */
export const MAX_WIDTH = 100;

const TABLE_INDEX: ReadonlyMap<string, number> = new Map(
  [...KEYWORDS.keys()].map((k, i) => [k, i]),
);
const SECTION_INDEX: ReadonlyMap<string, number> = new Map(SECTION_ORDER.map((k, i) => [k, i]));

/**
 * The canonical layout of a `.kp` text (see the header). The analyzed model
 * and the compiled prompts of the output equal those of the input; a text
 * with a syntax error comes back unchanged, with its syntax diagnostics.
 * Pure; never throws.
 */
export function format(source: string, options?: FormatOptions): FormatResult {
  const problems = new OptionProblems();
  const text = validateSource(source, problems);
  const raw = validateRecord(options, "", problems);
  const filename = validateFilename(raw["filename"], problems);
  const parsed = parse(text, filename === undefined ? {} : { filename });
  const diagnostics = [...problems.diagnostics(parsed.lines, filename), ...parsed.diagnostics];
  if (parsed.diagnostics.some((d) => d.ruleId === "syntax")) return { output: text, diagnostics };
  return { output: new Printer(text, parsed.ast, parsed.lines).print(), diagnostics };
}

/** `audio on` / `audio off` is a setting; any other `audio` is a section (as analysis reads it). */
function isAudioSetting(statement: StatementNode): boolean {
  const args = statement.arguments.filter((a) => a.type !== "Property");
  return (
    statement.keyword === "audio" &&
    args.length === 1 &&
    args[0]?.type === "Identifier" &&
    statement.block === null
  );
}

type Key = readonly [group: number, order: number];

/**
 * Where a statement goes among its siblings: `project`, then settings (and
 * legacy statements), then sections, then shots, then scenes; settings and
 * sections in the keyword table's order, legacy statements last among the
 * settings. A statement klingc does not know (or an audio part out of its
 * block) stays right after the one it followed.
 */
function orderKey(statement: StatementNode, previous: Key): Key {
  const info = KEYWORDS.get(statement.keyword);
  if (!info) return previous;
  if (statement.keyword === "project") return [0, 0];
  if (info.kind === "setting" || isAudioSetting(statement))
    return [1, TABLE_INDEX.get(statement.keyword) ?? 0];
  // Legacy statements keep their order among themselves: the last of start_image and start_image_url is the image.
  if (info.kind === "legacy") return [1, TABLE_INDEX.size];
  if (info.kind === "section") return [2, SECTION_INDEX.get(statement.keyword) ?? 0];
  if (statement.keyword === "shot") return [3, 0];
  if (statement.keyword === "scene") return [4, 0];
  return previous;
}

/** Stable: statements with the same key (repeated actions, avoid lists) keep their order, which carries meaning. */
function canonicalOrder(statements: readonly StatementNode[]): StatementNode[] {
  let previous: Key = [0, 0];
  const keyed = statements.map((statement, index) => {
    previous = orderKey(statement, previous);
    return { statement, index, key: previous };
  });
  keyed.sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.index - b.index);
  return keyed.map((k) => k.statement);
}

/** Blocks whose statements are settings and sections: their order is free. Inside `audio { … }` order is the prompt's. */
function reorders(owner: StatementNode | null): boolean {
  return owner === null || KEYWORDS.get(owner.keyword)?.kind === "container";
}

function isContainer(statement: StatementNode): boolean {
  return KEYWORDS.get(statement.keyword)?.kind === "container";
}

/** Section text and audio lines may become block strings; settings (URLs, names) stay on one line. */
function takesBlockText(statement: StatementNode): boolean {
  const kind = KEYWORDS.get(statement.keyword)?.kind;
  return (kind === "section" || kind === "audio-part") && statement.block === null;
}

function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** Every statement, nested ones included, by the line its keyword stands on. */
function statementsByLine(ast: FileNode): Map<number, StatementNode[]> {
  const byLine = new Map<number, StatementNode[]>();
  const stack: StatementNode[] = [...ast.statements];
  while (stack.length > 0) {
    const statement = stack.pop() as StatementNode;
    const line = statement.keywordPosition.start.line;
    const onLine = byLine.get(line);
    if (onLine) onLine.push(statement);
    else byLine.set(line, [statement]);
    // One by one: a spread of a block's statements meets the call-stack limit on a huge block.
    for (const inner of statement.block?.statements ?? []) stack.push(inner);
  }
  return byLine;
}

/**
 * A line directive speaks for every statement on its line. Where the layout
 * gives those statements lines of their own, each gets a copy: above it for
 * `disable-next-line`, after it for `disable-line`.
 */
function directiveCopies(
  ast: FileNode,
  directives: readonly Directive[],
  attached: Attached,
): Printer["copies"] {
  const copies: Printer["copies"] = { leading: new Map(), trailing: new Map() };
  // A directive naming an id that is no rule is reported once for each copy: such a one is not copied.
  const known = new Set([...RULE_IDS, ...CORE_IDS]);
  const lineDirectives = directives.filter(
    (d) =>
      (d.kind === "disable-next-line" || d.kind === "disable-line") &&
      (d.rules ?? []).every((id) => known.has(id)),
  );
  if (lineDirectives.length === 0) return copies;
  const byLine = statementsByLine(ast);
  for (const directive of lineDirectives) {
    const next = directive.kind === "disable-next-line";
    for (const statement of byLine.get(directive.line) ?? []) {
      const own = [
        ...(attached.leading.get(statement) ?? []),
        ...(attached.trailing.get(statement) ?? []),
      ];
      if (own.includes(directive.comment)) continue;
      const map = next ? copies.leading : copies.trailing;
      map.set(statement, [...(map.get(statement) ?? []), directive.comment]);
    }
  }
  return copies;
}

class Printer {
  private readonly eol: string;
  private readonly bom: string;
  private readonly commas: number[];
  private readonly attached: Attached;
  /** `klingc-disable…` comments: they name lines, so the statements they sit on stay on one line. */
  private readonly directives: ReadonlySet<CommentNode>;
  /** Line directives repeated for the other statements of the line they name, which get lines of their own. */
  private readonly copies: {
    leading: Map<StatementNode, CommentNode[]>;
    trailing: Map<StatementNode, CommentNode[]>;
  };
  private readonly lines: string[] = [];

  constructor(
    private readonly source: string,
    private readonly ast: FileNode,
    lineIndex: LineIndex,
  ) {
    const directives = readDirectives(ast.comments, source, lineIndex);
    this.directives = new Set(directives.map((d) => d.comment));
    const nextLine = new Set(
      directives.filter((d) => d.kind === "disable-next-line").map((d) => d.comment),
    );
    // The file's own line ending, judged by its first line break.
    this.eol = source.startsWith("\r\n", source.search(/[\r\n]/)) ? "\r\n" : "\n";
    this.bom = source.charCodeAt(0) === 0xfeff ? "\ufeff" : "";
    this.commas = tokenize(source)
      .tokens.filter((t) => t.tokenType === Comma)
      .map((t) => t.startOffset);
    this.attached = attachComments(ast, (comment) => nextLine.has(comment));
    this.copies = directiveCopies(ast, directives, this.attached);
  }

  print(): string {
    this.comments(this.attached.header, "", false);
    if (this.attached.header.length > 0) this.lines.push("");
    this.statements(this.ast.statements, null, "");
    this.comments(this.attached.dangling.get(this.ast) ?? [], "", this.ast.statements.length > 0);
    if (this.lines.length === 0) return this.bom;
    return this.bom + this.lines.join(this.eol) + this.eol;
  }

  private statements(
    statements: readonly StatementNode[],
    owner: StatementNode | null,
    indent: string,
  ): void {
    const ordered = reorders(owner) ? canonicalOrder(statements) : statements;
    ordered.forEach((statement, i) => {
      const before = ordered[i - 1];
      if (before && (isContainer(before) || isContainer(statement))) this.lines.push("");
      this.comments(this.leadingOf(statement), indent, false);
      this.statement(statement, indent);
    });
  }

  private comments(comments: readonly CommentNode[], indent: string, blankBefore: boolean): void {
    if (comments.length > 0 && blankBefore) this.lines.push("");
    for (const comment of comments) this.lines.push(indent + this.comment(comment));
  }

  private comment(comment: CommentNode): string {
    if (!comment.block) return `//${comment.value}`.trimEnd();
    return `/*${comment.value.split(/\r\n|\r|\n/).join(this.eol)}*/`;
  }

  private leadingOf(statement: StatementNode): CommentNode[] {
    return [
      ...(this.attached.leading.get(statement) ?? []),
      ...(this.copies.leading.get(statement) ?? []),
    ];
  }

  private trailingOf(statement: StatementNode): CommentNode[] {
    return [
      ...(this.attached.trailing.get(statement) ?? []),
      ...(this.copies.trailing.get(statement) ?? []),
    ];
  }

  private trailing(statement: StatementNode): string {
    const comments = this.trailingOf(statement);
    return comments.map((c) => ` ${this.comment(c)}`).join("");
  }

  private statement(statement: StatementNode, indent: string): void {
    const head = this.head(statement, indent);
    const block = statement.block;
    if (!block) {
      this.lines.push(indent + head + this.trailing(statement));
      return;
    }
    const afterOpen = (this.attached.afterOpen.get(statement) ?? [])
      .map((c) => ` ${this.comment(c)}`)
      .join("");
    const dangling = this.attached.dangling.get(block) ?? [];
    const open = `${indent}${head} {`;
    if (block.statements.length === 0 && dangling.length === 0 && afterOpen === "") {
      this.lines.push(`${open}}${this.trailing(statement)}`);
      return;
    }
    this.lines.push(open + afterOpen);
    this.statements(block.statements, statement, indent + STEP);
    this.comments(dangling, indent + STEP, false);
    this.lines.push(`${indent}}${this.trailing(statement)}`);
  }

  /** The keyword and its arguments, with the last section text in a block string when it spans lines or the line is too wide. */
  private head(statement: StatementNode, indent: string): string {
    const args = statement.arguments;
    // A directive names lines: the strings of the statement it is about keep their lines as written.
    const asWritten = this.hasDirective(statement);
    const printed = args.map((arg) => this.argument(arg, asWritten));
    const at = args.findLastIndex((arg) => arg.type === "String");
    const text = args[at];
    if (text?.type === "String" && takesBlockText(statement) && !asWritten) {
      const oneLine = this.join(statement, printed);
      const wide = codePoints(indent) + codePoints(oneLine) > MAX_WIDTH;
      if (text.value.includes("\n") || wide) {
        const block = blockString(text.value, indent, STEP, this.eol);
        if (block !== null) printed[at] = block;
      }
    }
    return this.join(statement, printed);
  }

  private hasDirective(statement: StatementNode): boolean {
    const near = [...this.leadingOf(statement), ...this.trailingOf(statement)];
    return near.some((c) => this.directives.has(c));
  }

  private join(statement: StatementNode, printed: readonly string[]): string {
    let out = statement.keyword;
    printed.forEach((text, i) => {
      const previous = statement.arguments[i - 1];
      const current = statement.arguments[i] as ArgumentNode;
      out +=
        previous && this.commaBetween(previous.position.end.offset, current.position.start.offset)
          ? `, ${text}`
          : ` ${text}`;
    });
    return out;
  }

  /** Commas are optional between arguments: the formatter keeps the author's choice, spaced one way. */
  private commaBetween(from: number, to: number): boolean {
    let lo = 0;
    let hi = this.commas.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.commas[mid] as number) < from) lo = mid + 1;
      else hi = mid;
    }
    const at = this.commas[lo];
    return at !== undefined && at < to;
  }

  private argument(arg: ArgumentNode, asWritten: boolean): string {
    if (arg.type === "Property") return `${arg.key}=${this.value(arg.value, asWritten)}`;
    return this.value(arg, asWritten);
  }

  private value(value: ValueNode, asWritten: boolean): string {
    switch (value.type) {
      case "String":
        return asWritten
          ? this.source.slice(value.position.start.offset, value.position.end.offset)
          : quoted(value.value);
      case "Identifier":
        return value.name;
      default:
        return value.raw;
    }
  }
}
