/**
 * Packing a prompt into a character budget: which sentences and avoid terms
 * stay when a prompt is too long, and what the user loses.
 */
import { codePointLength, truncateAtSentence } from "./text.js";

export type Tier = 1 | 2 | 3;

/** One packable piece of a prompt: a sentence of a section or one avoid term. */
export interface PackUnit {
  kind: "sentence" | "avoid";
  /** Index of the section in prompt order; all avoid terms share the avoid clause's index. */
  section: number;
  /** Section keyword, e.g. "character", "avoid". */
  keyword: string;
  /** 0-based index of the sentence inside its section (for avoid: the term's index). */
  sentence: number;
  tier: Tier;
  /** The sentence (folded, with terminal punctuation) or the avoid term. */
  text: string;
}

/** A unit packing left out of the prompt (or cut mid-way) to keep within the budget. */
export interface DroppedUnit {
  section: number;
  keyword: string;
  tier: Tier;
  kind: "sentence" | "avoid";
  /** What the budget cost: the unit's text, or for a unit the overflow fallback cut mid-way, the part cut off. */
  text: string;
  /** Length of `text` in code points. */
  chars: number;
  /** True for a unit the overflow fallback cut mid-way: its beginning is in the prompt. */
  partial: boolean;
}

/** What `pack` returns: the packed prompt, and which units it kept and dropped. */
export interface PackResult {
  prompt: string;
  /** Length of the prompt in code points. */
  chars: number;
  budget: number;
  /** In prompt order. */
  kept: PackUnit[];
  /** In prompt order. */
  dropped: DroppedUnit[];
  /** Tier 1 alone did not fit: the prompt is the service-style truncation of everything. */
  overflow: boolean;
}

const AVOID_OPEN = "Avoid: ";
const AVOID_CLOSE = ".";
const TERM_SEPARATOR = ", ";
const UNIT_SEPARATOR = " ";

/** Units in prompt order: sentences as given, then the avoid terms as given (a copy, even when they are in order already). */
function promptOrder(units: readonly PackUnit[]): PackUnit[] {
  const ordered: PackUnit[] = [];
  for (const unit of units) if (unit.kind === "sentence") ordered.push(unit);
  if (ordered.length === units.length) return ordered;
  for (const unit of units) if (unit.kind === "avoid") ordered.push(unit);
  return ordered;
}

/** Sentences joined by one space, then one `Avoid: a, b, c.` clause last when there are avoid terms. */
export function assemble(units: readonly PackUnit[]): string {
  // Joined, not concatenated piece by piece: one flat string, with no chain of partial ones to flatten.
  const pieces: string[] = [];
  let terms: string[] | null = null;
  for (const unit of units) {
    if (unit.kind === "sentence") pieces.push(unit.text);
    else (terms ??= []).push(unit.text);
  }
  if (terms !== null) pieces.push(AVOID_OPEN + terms.join(TERM_SEPARATOR) + AVOID_CLOSE);
  return pieces.join(UNIT_SEPARATOR);
}

/**
 * The length in code points of `assemble` over the units added so far, grown
 * one unit at a time in O(1): a sentence and the avoid clause are pieces
 * joined by one space; the clause's `Avoid: ` and `.` come with its first
 * term and `, ` with each later one.
 */
class PromptLength {
  chars = 0;
  private pieces = 0;
  private terms = 0;

  /** How much adding a unit of `length` code points would add. */
  growth(kind: PackUnit["kind"], length: number): number {
    if (kind === "avoid" && this.terms > 0) return TERM_SEPARATOR.length + length;
    const piece = kind === "avoid" ? AVOID_OPEN.length + length + AVOID_CLOSE.length : length;
    return piece + (this.pieces > 0 ? UNIT_SEPARATOR.length : 0);
  }

  add(kind: PackUnit["kind"], length: number): void {
    this.chars += this.growth(kind, length);
    if (kind === "sentence") this.pieces++;
    else if (this.terms++ === 0) this.pieces++;
  }
}

/** For each sentence unit, the index of the previous sentence of its section (-1 for none). */
function previousInSection(units: readonly PackUnit[]): number[] {
  const last = new Map<number, number>();
  return units.map((unit, i) => {
    if (unit.kind !== "sentence") return -1;
    const previous = last.get(unit.section) ?? -1;
    last.set(unit.section, i);
    return previous;
  });
}

/** Unit indexes by tier (1, 2, 3), each in prompt order. */
function tierOrder(units: readonly PackUnit[]): number[] {
  const buckets: number[][] = [[], [], []];
  units.forEach((unit, i) => buckets[unit.tier - 1]?.push(i));
  return buckets.flat();
}

function tierOneLength(units: readonly PackUnit[], lengths: readonly number[]): number {
  const length = new PromptLength();
  units.forEach((unit, i) => {
    if (unit.tier === 1) length.add(unit.kind, lengths[i] ?? 0);
  });
  return length.chars;
}

/**
 * First fit in tier order: a unit stays when the prompt still fits, unless it
 * is a sentence whose predecessor in its section was dropped.
 */
function firstFit(
  units: readonly PackUnit[],
  lengths: readonly number[],
  limit: number,
): boolean[] {
  const kept = units.map(() => false);
  const previous = previousInSection(units);
  const length = new PromptLength();
  for (const i of tierOrder(units)) {
    const unit = units[i];
    const before = previous[i] ?? -1;
    if (unit === undefined || (before >= 0 && !kept[before])) continue;
    const size = lengths[i] ?? 0;
    if (length.chars + length.growth(unit.kind, size) > limit) continue;
    length.add(unit.kind, size);
    kept[i] = true;
  }
  return kept;
}

/** End offsets (UTF-16) of each unit's text inside `assemble(units)`, for units in prompt order. */
function unitEnds(units: readonly PackUnit[]): number[] {
  let offset = 0;
  let pieces = 0;
  let terms = 0;
  return units.map((unit) => {
    const opensPiece = unit.kind === "sentence" || terms++ === 0;
    if (opensPiece && pieces++ > 0) offset += UNIT_SEPARATOR.length;
    if (unit.kind === "avoid") offset += terms === 1 ? AVOID_OPEN.length : TERM_SEPARATOR.length;
    offset += unit.text.length;
    return offset;
  });
}

/** Kept units are those whose whole text lies inside the truncated prompt (a prefix of the assembled one). */
function truncatedKept(ends: readonly number[], prompt: string): boolean[] {
  return ends.map((end) => end <= prompt.length);
}

function buildResult(
  units: readonly PackUnit[],
  lengths: readonly number[],
  kept: readonly boolean[],
  prompt: string,
  budget: number,
  overflow: boolean,
  /** Where each unit ends in the assembled prompt (overflow only). */
  ends: readonly number[] = [],
): PackResult {
  const result: PackResult = {
    prompt,
    chars: codePointLength(prompt),
    budget,
    kept: [],
    dropped: [],
    overflow,
  };
  units.forEach((unit, i) => {
    if (kept[i]) result.kept.push(unit);
    else {
      const { section, keyword, tier, kind, text } = unit;
      // In the overflow fallback one unit may straddle the cut: only its cut-off part is lost.
      const start = (ends[i] ?? 0) - text.length;
      const partial = overflow && start < prompt.length;
      const lost = partial ? text.slice(prompt.length - start).trimStart() : text;
      result.dropped.push({
        section,
        keyword,
        tier,
        kind,
        text: lost,
        chars: partial ? codePointLength(lost) : (lengths[i] ?? 0),
        partial,
      });
    }
  });
  return result;
}

/**
 * Packs units into at most `budget` code points.
 *
 * Tier 1 units first, then tier 2, then tier 3, each tier in prompt order; a
 * unit is kept when the whole prompt still fits, else skipped (first fit: a
 * later, smaller unit may still fit). A sentence is kept only when the
 * previous sentence of its section is kept. When the tier-1 units alone do not
 * fit, the result is `truncateAtSentence(assemble(all units), budget)` with
 * `overflow` set; kept units are then those wholly inside that prompt.
 *
 * Units should come in prompt order (they are put there: sentences as given,
 * avoid terms last). A section should have one tier; when tiers differ inside
 * a section, the prefix rule still holds. O(units + text) outside the
 * overflow fallback.
 */
export function pack(units: readonly PackUnit[], budget: number): PackResult {
  return packOrdered(promptOrder(units), budget);
}

/**
 * `pack` of units already in prompt order (sentences, then avoid terms), in an
 * array the caller hands over: the result's `kept` may be that very array.
 */
export function packOrdered(ordered: PackUnit[], budget: number): PackResult {
  const limit = Number.isNaN(budget) ? 0 : Math.max(0, Math.floor(budget));
  // Most prompts fit: judged by the whole prompt's UTF-16 length (never less than its length in code points),
  // first fit then keeps every unit, as the length only grows, and no unit needs counting on its own.
  const whole = assemble(ordered);
  if (whole.length <= limit) {
    // The empty list made apart: a literal holding another is built by the runtime, not cloned.
    const dropped: DroppedUnit[] = [];
    return {
      prompt: whole,
      chars: codePointLength(whole),
      budget,
      kept: ordered,
      dropped,
      overflow: false,
    };
  }
  const lengths = ordered.map((unit) => codePointLength(unit.text));
  if (tierOneLength(ordered, lengths) > limit) {
    const prompt = truncateAtSentence(whole, limit);
    const ends = unitEnds(ordered);
    return buildResult(ordered, lengths, truncatedKept(ends, prompt), prompt, budget, true, ends);
  }
  const kept = firstFit(ordered, lengths, limit);
  const prompt = assemble(ordered.filter((_, i) => kept[i]));
  return buildResult(ordered, lengths, kept, prompt, budget, false);
}
