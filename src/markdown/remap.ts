/** Diagnostics and fix edits of a joined storyboard source, moved into the Markdown's coordinates. */
import {
  makeDiagnostic,
  type Diagnostic,
  type Fix,
  type TextEdit,
} from "../language/diagnostics.js";
import { LineIndex } from "../language/positions.js";
import type { MarkdownProject } from "./project.js";

const LINE_BREAKS = /\r\n|\r|\n/g;

/**
 * An edit of the joined source as an edit of the Markdown, or null when it
 * cannot be one: it reaches into the line break that joins two blocks, or
 * spans two blocks. An edit over a line break inside a block takes the next
 * line's prefix with it (the prefix of the line it starts on stays), and
 * every line break it writes is followed by the block's prefix, so the block
 * stays inside its list item or block quote.
 */
export function toMarkdownEdit(project: MarkdownProject, edit: TextEdit): TextEdit | null {
  const { map } = project;
  const { start, end } = deletionBeforeJoin(project, edit);
  const first = map.segmentAt(start);
  const last = map.segmentAt(end);
  if (!first || !last || first.block !== last.block || !map.isCopied(start) || !map.isCopied(end))
    return null;
  const block = project.blocks[first.block];
  if (!block) return null;
  const text =
    block.prefix === ""
      ? edit.text
      : edit.text.replace(LINE_BREAKS, (lineBreak) => lineBreak + block.prefix);
  return { start: map.toMarkdown(start), end: map.toMarkdown(end), text };
}

/** True when a source offset is the line break joining two blocks (the only text not copied from the Markdown). */
function isJoin(project: MarkdownProject, offset: number): boolean {
  const segment = project.map.segmentAt(offset);
  return (
    segment !== undefined &&
    segment.to === offset &&
    project.map.segmentAt(offset + 1)?.block === segment.block + 1
  );
}

/**
 * A deletion of a block's last line takes the line break after it, which is
 * the one joining it to the next block and not in the Markdown. Deleting the
 * line break before the line instead leaves the same joined source, and in
 * the Markdown keeps the closing fence on its own line.
 */
function deletionBeforeJoin(
  project: MarkdownProject,
  edit: TextEdit,
): { start: number; end: number } {
  const join = edit.end - 1;
  if (edit.text !== "" || edit.start >= join || !isJoin(project, join)) return edit;
  const { map, source } = project;
  const block = map.segmentAt(edit.start)?.block;
  const blockStart =
    block === undefined ? edit.start : (project.blocks[block]?.sourceStart ?? edit.start);
  // The whole block's code: the fence stays, empty.
  if (edit.start === blockStart) return { start: edit.start, end: join };
  // Part of a line and the join: the rest of the line cannot be joined to the next block.
  if (source[edit.start - 1] !== "\n" && source[edit.start - 1] !== "\r") return edit;
  const lineBreak = source[edit.start - 1] === "\n" && source[edit.start - 2] === "\r" ? 2 : 1;
  return { start: edit.start - lineBreak, end: join };
}

/** A fix whose every edit maps into the Markdown, or null (a fix is applied whole or not at all). */
function toMarkdownFix(project: MarkdownProject, fix: Fix): Fix | null {
  const edits: TextEdit[] = [];
  for (const edit of fix.edits) {
    const mapped = toMarkdownEdit(project, edit);
    if (!mapped) return null;
    edits.push(mapped);
  }
  return { description: fix.description, edits };
}

/**
 * Diagnostics about the joined source, with line, column, offsets, place and
 * fix edits in the Markdown. A fix that cannot be written into the Markdown is dropped.
 */
export function toMarkdownDiagnostics(
  project: MarkdownProject,
  markdown: string,
  diagnostics: readonly Diagnostic[],
): Diagnostic[] {
  const lines = new LineIndex(markdown);
  const range = (offset: number, endOffset: number): { start: number; end: number } => {
    const start = project.map.toMarkdown(offset);
    return { start, end: Math.max(start, project.map.toMarkdown(endOffset)) };
  };
  return diagnostics.map((d) => {
    const fix = d.fix ? toMarkdownFix(project, d.fix) : null;
    const related = d.related?.map((r) => ({
      message: r.message,
      ...range(r.offset, r.endOffset),
    }));
    const { fix: _, related: __, ...rest } = d;
    const input = {
      ruleId: d.ruleId,
      severity: d.severity,
      message: d.message,
      url: d.url,
      ...range(d.offset, d.endOffset),
    };
    const moved = makeDiagnostic(lines, d.file, {
      ...input,
      ...(fix ? { fix } : {}),
      ...(related ? { related } : {}),
    });
    return { ...rest, ...moved };
  });
}
