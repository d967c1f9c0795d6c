/** "Did you mean": the closest known name to a typo. */

/**
 * Optimal string alignment distance (Levenshtein plus swaps of neighbours),
 * in three rows instead of a matrix: files with thousands of typos call it
 * for every candidate.
 */
export function editDistance(a: string, b: string): number {
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, (before[j - 2] as number) + 1);
      current[j] = best;
    }
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length] as number;
}

/** The closest candidate (case-insensitive) within a third of the word's length (at least 1 edit), if any. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    // The distance is at least the difference in length: no need to compute it when that is already too far.
    if (Math.abs(candidate.length - lower.length) >= bestDistance) continue;
    const candidateLower = candidate.toLowerCase();
    const distance = candidateLower === lower ? 0 : editDistance(lower, candidateLower);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * The one candidate `didYouMean` would give, when no other candidate is as close: a suggestion clear enough to
 * apply as a fix. undefined when there is none or two tie.
 */
export function clearSuggestion(word: string, candidates: readonly string[]): string | undefined {
  const best = didYouMean(word, candidates);
  if (best === undefined) return undefined;
  const lower = word.toLowerCase();
  const distance = editDistance(lower, best.toLowerCase());
  const ties = candidates.filter(
    (c) =>
      c !== best &&
      Math.abs(c.length - lower.length) <= distance &&
      editDistance(lower, c.toLowerCase()) === distance,
  );
  return ties.length === 0 ? best : undefined;
}
