import type { StringNode } from "../language/ast.js";
import type { AudioPart, Section } from "../language/model.js";
import { decodeEscapeAt } from "../language/strings.js";
import { hasTerminalPunctuation } from "../emit/text.js";
import { oncePer, type RuleContext } from "./rule.js";

/*
 * Helpers shared by the rules that read or edit the text inside a string
 * literal (limb-guidance, negation-phrasing, brand-risk, sentence-end).
 */

/** A string literal's text as written between its quotes, mapped back to source offsets. */
export interface LiteralText {
  /** Escapes resolved; for a block string, before common indentation is removed (only white space differs). */
  text: string;
  /** Source offset where the written form of `text[i]` starts (an escape maps all its code units to the escape). */
  starts: number[];
  /** Source offset just past the written form of `text[i]`. */
  ends: number[];
  /** Offset of the first character after the opening quote(s). */
  bodyStart: number;
  /** Offset of the closing quote(s) (the end of the literal when unterminated). */
  bodyEnd: number;
  /** False for an unterminated literal: no fix edits inside it. */
  closed: boolean;
}

/** Reads a string literal from the source, keeping for every character where it was written. */
export function readLiteral(source: string, node: StringNode): LiteralText {
  const start = node.position.start.offset;
  const raw = source.slice(start, node.position.end.offset);
  const quote = node.block ? 3 : 1;
  const starts: number[] = [];
  const ends: number[] = [];
  let text = "";
  let i = quote;
  let closed = false;
  let limit = raw.length;
  if (node.block && raw.length >= 6 && raw.endsWith('"""')) {
    closed = true;
    limit = raw.length - 3;
  }
  while (i < limit) {
    const c = raw[i] as string;
    if (!node.block && c === '"') {
      closed = i === raw.length - 1;
      limit = i;
      break;
    }
    const step = c === "\\" ? decodeEscapeAt(raw, i) : { text: c, next: i + 1 };
    const length = step.next - i;
    const piece = step.text;
    for (let k = 0; k < piece.length; k++) {
      starts.push(start + i);
      ends.push(start + i + length);
    }
    text += piece;
    i += length;
  }
  return { text, starts, ends, bodyStart: start + quote, bodyEnd: start + limit, closed };
}

/** The source range of `text.slice(from, to)` of a literal. */
export function literalRange(
  literal: LiteralText,
  from: number,
  to: number,
): { position: { start: { offset: number }; end: { offset: number } } } {
  const start = literal.starts[from] ?? literal.bodyEnd;
  const end = to > from ? (literal.ends[to - 1] ?? literal.bodyEnd) : start;
  return { position: { start: { offset: start }, end: { offset: end } } };
}

/** Offset just past the last non-blank character of the literal's text (the body start when all blank). */
export function contentEnd(literal: LiteralText): number {
  for (let i = literal.text.length - 1; i >= 0; i--) {
    if (!/\s/.test(literal.text[i] as string)) return literal.ends[i] as number;
  }
  return literal.bodyStart;
}

/**
 * True when folded, trimmed text ends a sentence (or is empty). Folding only
 * changes white space, and the punctuation test looks only at the tail after
 * the last white space, so the text is tested as it is, unfolded.
 */
export function endsSentence(text: string): boolean {
  // Most texts end with an ASCII stop, which the punctuation test accepts: no trimming, no Unicode pattern.
  const last = text.charCodeAt(text.length - 1);
  if (last === 0x2e || last === 0x21 || last === 0x3f) return true;
  return isBlank(text) || hasTerminalPunctuation(text);
}

/** Text that puts nothing into the prompt: empty, or white space only. */
export function isBlank(text: string): boolean {
  return text.trim() === "";
}

/** One piece of prompt text with its source string. */
export interface TextSource {
  section: Section;
  /** Set for a sub-statement of an `audio { … }` block. */
  part: AudioPart | null;
  text: string;
  node: StringNode;
}

/**
 * Every section statement of the file once (project, scenes, shots), in
 * source order. A project section inherited into several scenes is one entry.
 */
/** Computed once per lint run by the engine (several rules read it). */
export function collectUniqueSections(context: Pick<RuleContext, "project" | "scenes">): Section[] {
  // The lists in a row, with no Set and no sort while each section starts after the one before (so none repeats):
  // a file without a project has each section once, in source order.
  const out: Section[] = [];
  let last = -1;
  let ordered = true;
  const add = (sections: readonly Section[]): void => {
    // Indexed: the engine runs this for every file (see runRules).
    for (let i = 0; i < sections.length; i++) {
      const section = sections[i] as Section;
      const start = section.statement.position.start.offset;
      if (start <= last) ordered = false;
      last = start;
      out.push(section);
    }
  };
  add(context.project?.sections ?? []);
  for (const scene of context.scenes) {
    add(scene.sections);
    for (const shot of scene.shots) add(shot.sections);
  }
  return ordered ? out : uniqueInOrder(out);
}

/** Each section statement once (the first entry), in source order. */
function uniqueInOrder(sections: readonly Section[]): Section[] {
  const seen = new Set<object>();
  const out: Section[] = [];
  for (const section of sections) {
    if (seen.has(section.statement)) continue;
    seen.add(section.statement);
    out.push(section);
  }
  return out.sort((a, b) => a.statement.position.start.offset - b.statement.position.start.offset);
}

/** The texts of a section list (see `textSources`) and what several rules ask of each, found in one pass. */
export interface TextIndex {
  all: readonly TextSource[];
  /** The texts that are empty or white space only (`isBlank`). */
  blank: readonly TextSource[];
  /** The texts that are not blank and do not end a sentence (`endsSentence`). */
  unended: readonly TextSource[];
  /**
   * Every text followed by U+0000, which no text pattern takes as part of a
   * word: a pattern whose edges accept U+0000 where they accept a text's start
   * and end (no `^` or `$`, no lookaround that U+0000 fails) and that finds
   * nothing here finds nothing in any of the texts. One search instead of one per text.
   */
  joined: string;
}

/**
 * Made once per section list: lint runs it on every file, for several rules,
 * and one loop over the texts costs less than one in each rule. Shared: read it only.
 */
export const textIndex: (sections: readonly Section[]) => TextIndex = oncePer(indexTexts);

/** The string-bearing texts of sections (avoid lists excluded): a section's own string, or each audio part's. Shared: read it only. */
export function textSources(sections: readonly Section[]): readonly TextSource[] {
  return textIndex(sections).all;
}

function indexTexts(sections: readonly Section[]): TextIndex {
  const all: TextSource[] = [];
  // Indexed loops: lint runs this on every file (see runRules).
  for (let i = 0; i < sections.length; i++) {
    const section = sections[i] as Section;
    if (section.keyword === "avoid") continue;
    if (section.textNode)
      all.push({ section, part: null, text: section.text, node: section.textNode });
    for (let k = 0; k < section.parts.length; k++) {
      const part = section.parts[k] as AudioPart;
      all.push({ section, part, text: part.text, node: part.textNode });
    }
  }
  const blank: TextSource[] = [];
  const unended: TextSource[] = [];
  let joined = "";
  for (let i = 0; i < all.length; i++) {
    const source = all[i] as TextSource;
    if (isBlank(source.text)) blank.push(source);
    else if (!endsSentence(source.text)) unended.push(source);
    joined += `${source.text}\u0000`;
  }
  return { all, blank, unended, joined };
}

/** How a message names where a text lives: `action`, `character 'maya'`, `audio music`. */
export function describeSource(source: Pick<TextSource, "section" | "part">): string {
  const { section, part } = source;
  if (part)
    return part.kind === "dialogue" ? `dialogue of '${part.speaker ?? ""}'` : `audio ${part.kind}`;
  return section.name !== null ? `${section.keyword} '${section.name}'` : section.keyword;
}
