/** Diagnostics and fix edits of a joined storyboard source, moved into the Markdown's coordinates. */
import { makeDiagnostic, type Diagnostic, type Fix, type TextEdit } from "../language/diagnostics.js";
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
  const first = map.segmentAt(edit.start);
  const last = map.segmentAt(edit.end);
  if (!first || !last || first.block !== last.block || !map.isCopied(edit.start) || !map.isCopied(edit.end)) return null;
  const block = project.blocks[first.block];
  if (!block) return null;
  const text = block.prefix === "" ? edit.text : edit.text.replace(LINE_BREAKS, (lineBreak) => lineBreak + block.prefix);
  return { start: map.toMarkdown(edit.start), end: map.toMarkdown(edit.end), text };
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
export function toMarkdownDiagnostics(project: MarkdownProject, markdown: string, diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const lines = new LineIndex(markdown);
  return diagnostics.map((d) => {
    const start = project.map.toMarkdown(d.offset);
    const end = Math.max(start, project.map.toMarkdown(d.endOffset));
    const fix = d.fix ? toMarkdownFix(project, d.fix) : null;
    const { fix: _, ...rest } = d;
    const moved = makeDiagnostic(lines, d.file, { ruleId: d.ruleId, severity: d.severity, message: d.message, start, end, url: d.url, ...(fix ? { fix } : {}) });
    return { ...rest, ...moved };
  });
}
