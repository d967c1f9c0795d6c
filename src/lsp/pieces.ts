/** Text cut out of a document (one scene, Markdown's ```kp blocks) and findings moved back to the document's offsets. */
import type { Diagnostic } from "../language/diagnostics.js";

/** A run of the cut-out text copied from the document: `at` in the copy, `from` in the document. */
export interface Piece {
  at: number;
  from: number;
  length: number;
}

/** A copy offset back in the document: the last piece starting at or before it (binary search: pieces are ordered). */
export function toDocument(pieces: readonly Piece[], offset: number): number {
  let lo = 0;
  let hi = pieces.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((pieces[mid] as Piece).at <= offset) lo = mid + 1;
    else hi = mid;
  }
  const found = pieces[Math.max(0, lo - 1)];
  return found ? found.from + (offset - found.at) : offset;
}

/** A finding of the copy, with its place, related places and fix edits in document offsets. */
export function moveBack(d: Diagnostic, pieces: readonly Piece[]): Diagnostic {
  const back = (offset: number) => toDocument(pieces, offset);
  const moved: Diagnostic = { ...d, offset: back(d.offset), endOffset: back(d.endOffset) };
  if (d.related)
    moved.related = d.related.map((r) => ({
      ...r,
      offset: back(r.offset),
      endOffset: back(r.endOffset),
    }));
  if (d.fix)
    moved.fix = {
      ...d.fix,
      edits: d.fix.edits.map((e) => ({ ...e, start: back(e.start), end: back(e.end) })),
    };
  return moved;
}
