import type { StatementNode } from "../language/ast.js";
import type { TextEdit } from "../language/diagnostics.js";

/** Edits are data: offsets into the source as given, end-exclusive. */

export function replaceRange(start: number, end: number, text: string): TextEdit {
  return { start, end, text };
}

export function replaceNode(
  node: { position: { start: { offset: number }; end: { offset: number } } },
  text: string,
): TextEdit {
  return { start: node.position.start.offset, end: node.position.end.offset, text };
}

export function insertAt(offset: number, text: string): TextEdit {
  return { start: offset, end: offset, text };
}

/**
 * Removes a statement. When it is alone on its line the whole line goes
 * (indentation and line break included); otherwise only the statement and a
 * `;` that follows it.
 */
export function removeStatement(source: string, statement: StatementNode): TextEdit {
  const start = statement.position.start.offset;
  const end = statement.position.end.offset;
  const lineStart = lineStartOf(source, start);
  const before = source.slice(lineStart, start);
  const rest = /^[ \t]*(\/\/[^\r\n]*)?(\r\n|\r|\n|$)/.exec(source.slice(end));
  if (before.trim() === "" && rest && !rest[1])
    return { start: lineStart, end: end + rest[0].length, text: "" };
  const semicolon = /^[ \t]*;[ \t]*/.exec(source.slice(end));
  if (semicolon) return { start, end: end + semicolon[0].length, text: "" };
  // The last statement of a line: take the `;` that joined it to the one before.
  const joiner = /;[ \t]*$/.exec(before);
  return { start: joiner ? lineStart + joiner.index : start, end, text: "" };
}

/** Indentation of the line a statement starts on. */
export function indentationOf(source: string, statement: StatementNode): string {
  const start = statement.position.start.offset;
  const lineStart = lineStartOf(source, start);
  return /^[ \t]*/.exec(source.slice(lineStart, start))?.[0] ?? "";
}

/** Offset where the line holding `offset` starts (after LF, CRLF or a lone CR). */
export function lineStartOf(source: string, offset: number): number {
  return Math.max(source.lastIndexOf("\n", offset - 1), source.lastIndexOf("\r", offset - 1)) + 1;
}

/** A `.kp` string literal for any text. */
export function stringLiteral(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\t/g, "\\t")}"`;
}
