/**
 * Re-analysing one scene after an edit inside it. Scenes are independent once the project block
 * is known, so the edited scene is linted in a copy of the document without the other scenes
 * (only their line breaks stay, so lines are the document's; its findings are then moved back
 * to the document's offsets), and the other scenes keep their
 * findings, shifted past the edit. The project and the edited scene alone are analysed before and
 * after the edit too: when their findings outside the scene differ (the scene now inherits the project's
 * duration, which a finding in the project speaks of), so may the rest, and a full analysis runs. What ties scenes together (`from=` names, a repeated
 * scene name) and syntax errors elsewhere (their messages may name a line) send the edit to a full analysis; the server runs a full one anyway once typing
 * pauses, so findings about the project as a whole catch up.
 */
import { compareDiagnostics, type Diagnostic } from "../language/diagnostics.js";
import { findings, outlineOf, type Analysis, type OutlineEntry } from "./analysis.js";
import { moveBack, type Piece } from "./pieces.js";

/** The old range [start, oldEnd) became [start, start + (oldEnd - start) + delta). */
interface Change {
  start: number;
  oldEnd: number;
  delta: number;
}

/** The changed span between two texts: common prefix and suffix, one pass each. */
export function changeBetween(before: string, after: string): Change {
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let same = 0;
  while (
    same < max - start &&
    before.charCodeAt(before.length - 1 - same) === after.charCodeAt(after.length - 1 - same)
  )
    same++;
  return { start, oldEnd: before.length - same, delta: after.length - before.length };
}

/** The line breaks of text[start, end), and nothing else: a removed scene keeps its lines, so line numbers in messages stay the document's. */
function lineBreaks(text: string, start: number, end: number): string {
  let out = "";
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) out += text[i];
  }
  return out;
}

function shiftOffset(offset: number, change: Change): number {
  return offset >= change.oldEnd ? offset + change.delta : offset;
}

/** A finding outside the edited scene, moved with the text (LSP reads offsets; lines are recomputed from them). */
function shift(d: Diagnostic, change: Change): Diagnostic {
  if (d.endOffset < change.oldEnd && !d.related && !d.fix) return d;
  const moved: Diagnostic = {
    ...d,
    offset: shiftOffset(d.offset, change),
    endOffset: shiftOffset(d.endOffset, change),
  };
  if (d.related)
    moved.related = d.related.map((r) => ({
      ...r,
      offset: shiftOffset(r.offset, change),
      endOffset: shiftOffset(r.endOffset, change),
    }));
  if (d.fix)
    moved.fix = {
      ...d.fix,
      edits: d.fix.edits.map((e) => ({
        ...e,
        start: shiftOffset(e.start, change),
        end: shiftOffset(e.end, change),
      })),
    };
  return moved;
}

/** The scene whose block interior holds the whole change (after its `{`, before its `}`). */
function editedScene(outline: readonly OutlineEntry[], change: Change): OutlineEntry | undefined {
  return outline.find(
    (s) =>
      s.keyword === "scene" &&
      s.block !== null &&
      s.block.start < change.start &&
      change.oldEnd < s.block.end,
  );
}

/**
 * The document without the scenes other than `scene` (each leaves its line breaks, so lines stay the
 * document's); what stays (project, comments, top-level statements) is in order. `change` moves the
 * outline's offsets, which are the text before the edit, into `text`.
 */
function withoutOtherScenes(
  text: string,
  outline: readonly OutlineEntry[],
  scene: OutlineEntry,
  change: Change,
): { copy: string; pieces: Piece[] } {
  const pieces: Piece[] = [];
  let copy = "";
  let at = 0;
  const keep = (from: number, to: number) => {
    if (to <= from) return;
    pieces.push({ at: copy.length, from, length: to - from });
    copy += text.slice(from, to);
  };
  for (const entry of outline) {
    if (entry.keyword !== "scene" || entry === scene) continue;
    const start = shiftOffset(entry.start, change);
    keep(at, start);
    at = shiftOffset(entry.end, change);
    copy += lineBreaks(text, start, at);
  }
  keep(at, text.length);
  return { copy, pieces };
}

/** Whether the findings outside `scene` that the project and this scene give (`after`, in the edited text) are the ones they gave before the edit. */
function sameOutside(
  previous: Analysis,
  scene: OutlineEntry,
  change: Change,
  after: readonly Diagnostic[],
): boolean {
  const { copy, pieces } = withoutOtherScenes(previous.text, previous.outline, scene, {
    start: 0,
    oldEnd: 0,
    delta: 0,
  });
  const copyStart = copyOffset(pieces, scene.start);
  const before = findings(copy, previous.filename, previous.config).diagnostics.filter(
    (d) => d.offset < copyStart || d.offset > copyStart + (scene.end - scene.start),
  );
  const key = (d: Diagnostic) =>
    JSON.stringify([d.ruleId, d.offset, d.endOffset, d.message, d.fix?.edits ?? null]);
  const was = before.map((d) => key(shift(moveBack(d, pieces), change))).sort();
  const now = after.map(key).sort();
  return was.length === now.length && was.every((k, i) => k === now[i]);
}

/** Where the document offset `offset` lies in the copy (-1 when no kept piece holds it). */
function copyOffset(pieces: readonly Piece[], offset: number): number {
  const piece = pieces.find((p) => p.from <= offset && offset < p.from + p.length);
  return piece ? piece.at + (offset - piece.from) : -1;
}

/** The analysis of `text` from `previous` by re-linting one scene, or null when the edit needs a full analysis. */
export function reanalyseScene(previous: Analysis, text: string): Analysis | null {
  const change = changeBetween(previous.text, text);
  const scene = editedScene(previous.outline, change);
  if (!scene) return null;
  const newEnd = scene.end + change.delta;
  const sceneText = text.slice(scene.start, newEnd);
  const names = previous.outline.filter((s) => s.keyword === "scene").map((s) => s.name);
  if (sceneText.includes("from=") || names.filter((n) => n === scene.name).length > 1) return null;
  const { copy, pieces } = withoutOtherScenes(text, previous.outline, scene, change);
  const { diagnostics, built } = findings(copy, previous.filename, previous.config);
  const copyStart = copyOffset(pieces, scene.start);
  const fresh = outlineOf(built.analysis.ast).find((s) => s.start === copyStart);
  // The edit changed the scene's shape (a brace typed or removed): only a full analysis knows the new outline.
  if (!fresh || fresh.end - fresh.start !== newEnd - scene.start || fresh.block === null)
    return null;
  const toDoc = (offset: number) => offset - copyStart + scene.start;
  const freshEntry: OutlineEntry = {
    ...fresh,
    start: scene.start,
    end: newEnd,
    block: { start: toDoc(fresh.block.start), end: toDoc(fresh.block.end) },
  };
  const inScene = (offset: number, start: number, end: number) => offset >= start && offset <= end;
  const outside = previous.diagnostics.filter((d) => !inScene(d.offset, scene.start, scene.end));
  // A syntax error anywhere (outside, or one the edit just made) can change what the parser sees as a
  // scene (a quote typed before a brace swallows the block), which only a full analysis knows.
  if (outside.some((d) => d.ruleId === "syntax") || diagnostics.some((d) => d.ruleId === "syntax"))
    return null;
  const inCopy = (d: Diagnostic) =>
    inScene(d.offset, copyStart, copyStart + (newEnd - scene.start));
  // The scene can be the subject of a finding placed outside it (the project's duration, which it now
  // inherits): when the edit changed what lies outside, only a full analysis knows the rest of the file.
  if (
    !sameOutside(
      previous,
      scene,
      change,
      diagnostics.filter((d) => !inCopy(d)).map((d) => moveBack(d, pieces)),
    )
  )
    return null;
  const kept = outside.map((d) => shift(d, change));
  const ours = diagnostics.filter(inCopy).map((d) => moveBack(d, pieces));
  const outline = previous.outline.map((s) =>
    s === scene
      ? freshEntry
      : {
          ...s,
          start: shiftOffset(s.start, change),
          end: shiftOffset(s.end, change),
          block: s.block && {
            start: shiftOffset(s.block.start, change),
            end: shiftOffset(s.block.end, change),
          },
        },
  );
  return {
    ...previous,
    text,
    diagnostics: [...kept, ...ours].sort(compareDiagnostics),
    built,
    outline,
    partial: true,
  };
}
