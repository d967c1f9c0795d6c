/**
 * Markdown storyboards: the ```kp blocks of a .md file, joined in order, are one project; its
 * findings are published at their places in the Markdown.
 *
 * A stand-in until src/markdown (fences inside lists and block quotes, fixes in Markdown
 * coordinates) reaches main: this reads top-level fences only and serves diagnostics only.
 */
import type { Diagnostic } from "../language/diagnostics.js";
import type { LintConfig } from "../lint/engine.js";
import { findings } from "./analysis.js";
import { moveBack, type Piece } from "./pieces.js";

// Anchored, one pass per line.
const OPEN = /^ {0,3}(`{3,}|~{3,})\s*(\S*)/;
const CLOSE = /^ {0,3}(`{3,}|~{3,})\s*$/;

/** The code of every ```kp block, joined by line breaks, and where each run of it is in the Markdown. */
export function kpBlocks(markdown: string): { source: string; pieces: Piece[] } {
  const pieces: Piece[] = [];
  let source = "";
  let fence: { marker: string; kp: boolean; start: number } | null = null;
  let at = 0;
  while (at <= markdown.length) {
    const newline = markdown.indexOf("\n", at);
    const end = newline < 0 ? markdown.length : newline + 1;
    const line = markdown.slice(at, newline < 0 ? markdown.length : newline).replace(/\r$/, "");
    if (fence === null) {
      const open = OPEN.exec(line);
      if (open) fence = { marker: open[1] as string, kp: open[2] === "kp" || open[2] === "klingc", start: end };
    } else {
      const close = CLOSE.exec(line);
      if (close && close[1]?.[0] === fence.marker[0] && (close[1]?.length ?? 0) >= fence.marker.length) {
        if (fence.kp && at > fence.start) {
          if (source !== "") source += "\n";
          pieces.push({ at: source.length, from: fence.start, length: at - fence.start });
          source += markdown.slice(fence.start, at);
        }
        fence = null;
      }
    }
    if (newline < 0) break;
    at = end;
  }
  return { source, pieces };
}

/** The storyboard's findings in Markdown offsets; none for a file without ```kp blocks. */
export function markdownFindings(markdown: string, filename: string | undefined, config: LintConfig): Diagnostic[] {
  const { source, pieces } = kpBlocks(markdown);
  if (pieces.length === 0) return [];
  return findings(source, filename, config).diagnostics.map((d) => moveBack(d, pieces));
}
