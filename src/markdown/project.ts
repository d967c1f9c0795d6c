/**
 * Markdown storyboards: a `.md` file whose fenced ```kp blocks, joined in
 * document order, are one `.kp` project. This stage sits on top of the
 * library (emit, lint): it pulls the blocks out of the Markdown, runs the
 * library on the joined source, and maps every position and edit back into
 * the Markdown. Pure: no I/O, runs in a browser.
 */
import type { Code, Nodes, Root } from "mdast";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { LineIndex } from "../language/positions.js";

/** The info string's first word that makes a fenced code block part of the project. */
export const KP_LANG = "kp";

/**
 * A run of the joined source copied byte for byte from the Markdown:
 * source offsets [from, to) are Markdown offsets [at, at + to - from).
 */
export interface Segment {
  from: number;
  to: number;
  at: number;
  /** Index of the block it belongs to in `MarkdownProject.blocks`. */
  block: number;
}

/** One ```kp block, as the Markdown holds it. */
export interface StoryboardBlock {
  /** Markdown offset where its first code line's code starts (after any container prefix). */
  start: number;
  /** Markdown offset just past its last code line's code (before the closing fence's line). */
  end: number;
  /** Offset in the joined source where its code starts. */
  sourceStart: number;
  /**
   * What stands before the code on each of its lines: `> ` in a block quote,
   * the item's indentation in a list, the fence's own indentation. A line the
   * fixer adds inside the block starts with it.
   */
  prefix: string;
}

/** A storyboard's ```kp blocks joined into one `.kp` source, with the map back to the .md. */
export interface MarkdownProject {
  /** The code of every ```kp block in document order, one line break between blocks, and nothing else. */
  source: string;
  /** Where each offset of `source` is in the Markdown. */
  map: OffsetMap;
  blocks: StoryboardBlock[];
}

/** Maps offsets of a joined `.kp` source back to the Markdown it came from. */
export class OffsetMap {
  constructor(readonly segments: readonly Segment[]) {}

  /**
   * The segment an offset falls in; at a boundary, the later one (so an
   * offset at the start of a code line maps after that line's prefix). An
   * offset between blocks (the joining line break) falls in the block before.
   */
  segmentAt(offset: number): Segment | undefined {
    const segments = this.segments;
    let lo = 0;
    let hi = segments.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((segments[mid] as Segment).from <= offset) lo = mid + 1;
      else hi = mid;
    }
    return segments[Math.max(0, lo - 1)];
  }

  /** The Markdown offset of a source offset; one in the text that joins two blocks maps to the end of the block before. */
  toMarkdown(offset: number): number {
    const segment = this.segmentAt(offset);
    if (!segment) return 0;
    return segment.at + Math.max(0, Math.min(offset, segment.to) - segment.from);
  }

  /** True when the offset lies in the block's copied text (its end included), not in a joining line break. */
  isCopied(offset: number): boolean {
    const segment = this.segmentAt(offset);
    return segment !== undefined && offset >= segment.from && offset <= segment.to;
  }
}

// Made on first use: the CLI loads the Markdown parser only for a storyboard (scripts/build.mjs).
let parser: ReturnType<typeof markdownParser> | undefined;
function markdownParser() {
  return unified().use(remarkParse);
}

/**
 * Joins the ```kp blocks of a Markdown text into one `.kp` source, with the
 * map back. Blocks inside list items and block quotes are taken too, without
 * their container prefix. Never throws: anything but a string reads as "".
 */
export function extractProject(markdown: string): MarkdownProject {
  const text = typeof markdown === "string" ? markdown : "";
  parser ??= markdownParser();
  return projectFromTree(parser.parse(text), text);
}

/** Code nodes in document order (an explicit stack: a deep nest of quotes must not overflow the call stack). */
function kpBlocks(tree: Root): Code[] {
  const found: Code[] = [];
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop() as Nodes;
    if (node.type === "code" && node.lang === KP_LANG) found.push(node);
    if ("children" in node)
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
  }
  return found;
}

/**
 * The same as `extractProject`, from a tree a remark pipeline already parsed
 * out of `markdown` (positions are read by line, so a BOM does not shift them).
 */
export function projectFromTree(tree: Root, markdown: string): MarkdownProject {
  const lines = new LineIndex(markdown);
  const segments: Segment[] = [];
  const blocks: StoryboardBlock[] = [];
  let source = "";
  for (const node of kpBlocks(tree)) {
    const codeLines = codeLinesOf(node, markdown, lines);
    if (codeLines.length === 0) continue;
    if (blocks.length > 0) source += "\n";
    const block = blocks.length;
    const sourceStart = source.length;
    codeLines.forEach((line, i) => {
      const last = i === codeLines.length - 1;
      const copied = markdown.slice(line.start, last ? line.end : line.next);
      add(segments, {
        from: source.length,
        to: source.length + copied.length,
        at: line.start,
        block,
      });
      source += copied;
    });
    const first = codeLines[0] as CodeLine;
    const model = codeLines.find((l) => l.end > l.start) ?? first;
    blocks.push({
      start: first.start,
      end: (codeLines[codeLines.length - 1] as CodeLine).end,
      sourceStart,
      prefix: markdown.slice(model.lineStart, model.start),
    });
  }
  return { source, map: new OffsetMap(segments), blocks };
}

/** Adds a segment, merging it into the one before when both sides run on (no prefix between them). */
function add(segments: Segment[], segment: Segment): void {
  const previous = segments[segments.length - 1];
  if (
    previous &&
    previous.block === segment.block &&
    previous.to === segment.from &&
    previous.at + (previous.to - previous.from) === segment.at
  ) {
    previous.to = segment.to;
    return;
  }
  segments.push(segment);
}

interface CodeLine {
  lineStart: number;
  /** Where the code starts, after the container prefix. */
  start: number;
  /** End of the code, before the line break. */
  end: number;
  /** Start of the next line (after the line break). */
  next: number;
}

const LINE_BREAK = /\r\n|\r|\n/;

/** Spaces a tab split by a container prefix leaves in a code line's value (a tab is at most four columns). */
const MAX_VIRTUAL_SPACES = 3;

/**
 * Where each code line of a fenced block sits in the Markdown. The node's
 * value holds each line without its prefix, so the code is the part of the
 * Markdown line that ends with that value; a tab the prefix takes part of
 * shows in the value as spaces, which are not the file's bytes and are left out.
 */
function codeLinesOf(node: Code, markdown: string, lines: LineIndex): CodeLine[] {
  const fenceLine = node.position?.start.line;
  const endLine = node.position?.end.line;
  if (fenceLine === undefined || endLine === undefined) return [];
  // An empty value: no code line at all (the fence closes at once), or one blank line before the closing fence.
  if (node.value === "" && endLine < fenceLine + 2) return [];
  const values = node.value.split(LINE_BREAK);
  const out: CodeLine[] = [];
  values.forEach((value, i) => {
    const line = fenceLine + 1 + i;
    if (line > lines.lineCount) return;
    const lineStart = lines.lineStart(line);
    const end = lines.lineEnd(line);
    const next = line < lines.lineCount ? lines.lineStart(line + 1) : end;
    const length = copiedLength(markdown.slice(lineStart, end), value);
    if (length !== null) out.push({ lineStart, start: end - length, end, next });
  });
  return out;
}

/** How much of the end of a Markdown line is the code line `value` (null when it is not there at all). */
function copiedLength(line: string, value: string): number | null {
  for (let skip = 0; skip <= MAX_VIRTUAL_SPACES && skip <= value.length; skip++) {
    if (skip > 0 && value[skip - 1] !== " ") break;
    const rest = value.slice(skip);
    if (line.endsWith(rest)) return rest.length;
  }
  return null;
}

/** The Markdown outside the ```kp blocks' code, piece by piece. */
export function outsideBlocks(markdown: string, project: MarkdownProject): string[] {
  const pieces: string[] = [];
  let at = 0;
  for (const block of project.blocks) {
    pieces.push(markdown.slice(at, block.start));
    at = block.end;
  }
  pieces.push(markdown.slice(at));
  return pieces;
}
