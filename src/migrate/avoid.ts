/**
 * A V3 `negative_prompt` becomes an `Avoid: …` clause at the end of the O3
 * prompt, packed by the same packer as any avoid clause: terms are kept
 * while the whole prompt stays within the limit, the others are reported.
 */
import { pack, type PackUnit } from "../emit/pack.js";
import { codePointLength, ensureTerminalPeriod, foldWhitespace } from "../emit/text.js";

export interface AvoidAppended {
  prompt: string;
  kept: string[];
  dropped: string[];
  /** The prompt had no terminal punctuation: a period was added so the clause is a sentence of its own. */
  periodAdded: boolean;
}

/** A term as a list item: "grain." → "grain" (a loop, not a regex that backtracks on a run of dots). */
function withoutEndPunctuation(text: string): string {
  let end = text.length;
  while (end > 0 && ".!?".includes(text[end - 1] as string)) end--;
  return text.slice(0, end);
}

/** `"blur, distort, and low quality"` → blur, distort, low quality: commas split, a leading "and"/"or" goes. */
export function negativeTerms(negative: string): string[] {
  const seen = new Set<string>();
  const terms: string[] = [];
  for (const part of negative.split(/[,;\n]/)) {
    const term = withoutEndPunctuation(foldWhitespace(part).replace(/^(?:and|or) /i, "")).trim();
    const key = term.toLowerCase();
    if (term === "" || seen.has(key)) continue;
    seen.add(key);
    terms.push(term);
  }
  return terms;
}

/**
 * The prompt, unchanged but for a closing period when it lacks one, then one
 * space and the clause. The clause gets what the limit leaves; `limit` null
 * means no limit is known.
 */
export function appendAvoid(
  prompt: string,
  terms: readonly string[],
  limit: number | null,
): AvoidAppended {
  const trimmed = prompt.trimEnd();
  if (terms.length === 0) return { prompt, kept: [], dropped: [], periodAdded: false };
  const closed = trimmed === "" ? "" : ensureTerminalPeriod(trimmed);
  const used = closed === "" ? 0 : codePointLength(closed) + 1;
  const units: PackUnit[] = terms.map((text, i) => ({
    kind: "avoid",
    section: 0,
    keyword: "avoid",
    sentence: i,
    tier: 3,
    text,
  }));
  const room = limit === null ? Number.POSITIVE_INFINITY : Math.max(0, limit - used);
  const packed = pack(units, room);
  const kept = packed.kept.map((u) => u.text);
  const dropped = packed.dropped.map((d) => d.text);
  if (kept.length === 0) return { prompt, kept, dropped, periodAdded: false };
  return {
    prompt: closed === "" ? packed.prompt : `${closed} ${packed.prompt}`,
    kept,
    dropped,
    periodAdded: closed !== trimmed,
  };
}
