/** Small helpers for writing diagnostic messages. */

/** "a, b or c". */
export function joinOr(items: readonly string[]): string {
  return joinWith(items, "or");
}

/** "a, b and c". */
export function joinAnd(items: readonly string[]): string {
  return joinWith(items, "and");
}

function joinWith(items: readonly string[], word: string): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${word} ${items.at(-1)}`;
}
