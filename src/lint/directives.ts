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

/** `klingc-` and the kind; the longest kind is tried first, and no shorter one can match where it fails. */
const HEAD = /^\s*klingc-(disable-next-line|disable-line|disable|enable)/;

/**
 * A directive comment's kind and rule list: `klingc-KIND`, then nothing, white
 * space and the rule ids (split on white space and commas), or `--` and a
 * reason; the list ends at the first `--`. Read by index, not by one regex
 * with a lazy list and an optional reason, which backtracks quadratically.
 */
function parseDirective(value: string): { kind: DirectiveKind; rules: string[] } | null {
  const head = HEAD.exec(value);
  if (!head) return null;
  const rest = value.slice(head[0].length);
  if (rest !== "" && !/^\s/.test(rest) && !rest.startsWith("--")) return null;
  const reason = rest.indexOf("--");
  const list = reason < 0 ? rest : rest.slice(0, reason);
  return { kind: head[1] as DirectiveKind, rules: list.split(/[\s,]+/).filter((s) => s !== "") };
}

/**
 * Reads `klingc-…` comments. "Next line" is the next line that holds code:
 * blank lines and lines holding only comments in between are passed over, so a
 * directive is never silently lost to a blank line.
 */
export function readDirectives(
  comments: readonly CommentNode[],
  source: string,
  lines: LineIndex,
): Directive[] {
  const directives: Directive[] = [];
  let nextCodeLine: ((after: number) => number) | null = null;
  for (const comment of comments) {
    const parsed = parseDirective(comment.value);
    if (!parsed) continue;
    const { kind, rules } = parsed;
    const line =
      kind === "disable-next-line"
        ? (nextCodeLine ??= nextCodeLineFinder(source, lines))(comment.position.end.line)
        : comment.position.start.line;
    directives.push({
      kind,
      rules: rules.length > 0 ? rules : null,
      comment,
      line,
      used: new Set(),
    });
  }
  return directives;
}

/** Whether a line holds code outside comments, and whether a block comment is still open at its end. One pass, left to right. */
function scanLine(text: string, inBlock: boolean): { code: boolean; inBlock: boolean } {
  let open = inBlock;
  let i = 0;
  while (i < text.length) {
    if (open) {
      const close = text.indexOf("*/", i);
      if (close < 0) return { code: false, inBlock: true };
      open = false;
      i = close + 2;
    } else if (text.startsWith("//", i)) {
      break;
    } else if (text.startsWith("/*", i)) {
      open = true;
      i += 2;
    } else if (/\s/.test(text[i] as string)) {
      i++;
    } else {
      return { code: true, inBlock: false };
    }
  }
  return { code: false, inBlock: open };
}

/**
 * The next code line after a given line (or the line after it when no code
 * follows). Asked in source order, it remembers its last scan: a run of
 * directives with no code between them gets the code line the first one found,
 * and a run with no code after it learns that once, so every line is scanned
 * at most once however many directives precede it.
 */
function nextCodeLineFinder(source: string, lines: LineIndex): (after: number) => number {
  // The last scan covered lines from..to and found code on line `to`, or none (found false).
  let from = 1;
  let to = 0;
  let found = false;
  return (after) => {
    if (after + 1 >= from && after < to) return found ? to : after + 1;
    from = after + 1;
    let inBlock = false;
    for (let line = from; line <= lines.lineCount; line++) {
      const scanned = scanLine(source.slice(lines.lineStart(line), lines.lineEnd(line)), inBlock);
      if (scanned.code) {
        to = line;
        found = true;
        return line;
      }
      inBlock = scanned.inBlock;
    }
    to = lines.lineCount + 1;
    found = false;
    return after + 1;
  };
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
