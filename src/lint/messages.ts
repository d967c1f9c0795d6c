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

/** "scene 'a'", "scenes 'a' and 'b'". */
export function scenesLabel(scenes: readonly { name: string }[]): string {
  return `${scenes.length === 1 ? "scene" : "scenes"} ${joinAnd(scenes.map((s) => `'${s.name}'`))}`;
}
