import type { CommentNode } from "../language/ast.js";
import type { Diagnostic } from "../language/diagnostics.js";
import type { LineIndex } from "../language/positions.js";

export type DirectiveKind = "disable-next-line" | "disable-line" | "disable" | "enable";

export interface Directive {
  kind: DirectiveKind;
  /** null: every rule. */
  rules: string[] | null;
  comment: CommentNode;
  /** For line directives: the line it silences. */
  line: number;
  /** Rule ids (or "*") that silenced something. */
  used: Set<string>;
}

const PATTERN = /^\s*klingc-(disable-next-line|disable-line|disable|enable)(?:\s+([^]*?))?\s*(?:--[^]*)?$/;

/**
 * Reads `klingc-…` comments. "Next line" is the next line that holds code:
 * blank lines and lines holding only comments in between are passed over, so a
 * directive is never silently lost to a blank line.
 */
export function readDirectives(comments: readonly CommentNode[], source: string, lines: LineIndex): Directive[] {
  const directives: Directive[] = [];
  for (const comment of comments) {
    const match = PATTERN.exec(comment.value);
    if (!match) continue;
    const kind = match[1] as DirectiveKind;
    const list = (match[2] ?? "").split(/[\s,]+/).filter((s) => s !== "");
    const line = kind === "disable-next-line" ? nextCodeLine(source, lines, comment.position.end.line) : comment.position.start.line;
    directives.push({ kind, rules: list.length > 0 ? list : null, comment, line, used: new Set() });
  }
  return directives;
}

function nextCodeLine(source: string, lines: LineIndex, after: number): number {
  let inBlock = false;
  for (let line = after + 1; line <= lines.lineCount; line++) {
    let text = source.slice(lines.lineStart(line), lines.lineEnd(line));
    if (inBlock) {
      const close = text.indexOf("*/");
      if (close < 0) continue;
      inBlock = false;
      text = text.slice(close + 2);
    }
    text = text.replace(/\/\*[^]*?\*\//g, "").replace(/\/\/.*$/, "");
    if (text.includes("/*")) {
      inBlock = true;
      text = text.slice(0, text.indexOf("/*"));
    }
    if (text.trim() !== "") return line;
  }
  return after + 1;
}

function names(directive: Directive, ruleId: string): boolean {
  return directive.rules === null || directive.rules.includes(ruleId);
}

/**
 * Directives indexed for lookups: line directives by the line they silence,
 * range directives in source order. A file with thousands of directives and
 * diagnostics must not cost their product.
 */
export interface DirectiveIndex {
  all: readonly Directive[];
  byLine: ReadonlyMap<number, readonly Directive[]>;
  /** `disable` / `enable` directives, sorted by offset. */
  ranges: readonly Directive[];
}

export function indexDirectives(directives: readonly Directive[]): DirectiveIndex {
  const byLine = new Map<number, Directive[]>();
  const ranges: Directive[] = [];
  for (const d of directives) {
    if (d.kind === "disable" || d.kind === "enable") ranges.push(d);
    else byLine.set(d.line, [...(byLine.get(d.line) ?? []), d]);
  }
  return { all: directives, byLine, ranges };
}

/** Number of range directives that start at or before `offset`. */
function rangesBefore(ranges: readonly Directive[], offset: number): number {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((ranges[mid] as Directive).comment.position.start.offset <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether a diagnostic is silenced; marks the directive that silenced it as used. */
export function isSilenced(diagnostic: Diagnostic, index: DirectiveIndex): boolean {
  const id = diagnostic.ruleId;
  for (const d of index.byLine.get(diagnostic.line) ?? []) {
    if (!names(d, id)) continue;
    d.used.add(d.rules === null ? "*" : id);
    return true;
  }
  // The last disable/enable naming this rule before the diagnostic decides.
  for (let i = rangesBefore(index.ranges, diagnostic.offset) - 1; i >= 0; i--) {
    const d = index.ranges[i] as Directive;
    if (!names(d, id)) continue;
    if (d.kind === "enable") return false;
    d.used.add(d.rules === null ? "*" : id);
    return true;
  }
  return false;
}
