/**
 * The page's state in a link: document, target and budget, compressed into
 * the URL's hash; the last document also stays in local storage.
 */
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from "lz-string";
import { TARGET_IDS, type TargetId } from "klingc";

export interface Shared {
  source: string;
  target: TargetId;
  budget: number | null;
}

const STORAGE_KEY = "klingc-playground";

function isTarget(value: unknown): value is TargetId {
  return typeof value === "string" && (TARGET_IDS as readonly string[]).includes(value);
}

/** Reads a state written by `encode`; anything else (a hand-edited link, an old format) gives null. */
function parseState(json: string | null): Shared | null {
  if (!json) return null;
  try {
    const value: unknown = JSON.parse(json);
    if (typeof value !== "object" || value === null) return null;
    const { source, target, budget } = value as Record<string, unknown>;
    if (typeof source !== "string" || !isTarget(target)) return null;
    const validBudget =
      typeof budget === "number" && Number.isFinite(budget) && budget > 0 ? budget : null;
    return { source, target, budget: validBudget };
  } catch {
    return null;
  }
}

export function encode(state: Shared): string {
  return compressToEncodedURIComponent(JSON.stringify(state));
}

export function decode(hash: string): Shared | null {
  const packed = hash.replace(/^#/, "");
  return packed === "" ? null : parseState(decompressFromEncodedURIComponent(packed));
}

export function shareUrl(state: Shared): string {
  const url = new URL(window.location.href);
  url.hash = encode(state);
  return url.toString();
}

/** Keeps the link and local storage in step with the page, without adding history entries. */
export function remember(state: Shared): void {
  history.replaceState(null, "", `#${encode(state)}`);
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
  } catch {
    // Storage can be full or disabled (private windows): the link still holds the state.
  }
}

/** The state to open with: the link's, else the last one kept, else null. */
export function restore(): Shared | null {
  const fromLink = decode(window.location.hash);
  if (fromLink) return fromLink;
  try {
    return parseState(localStorage.getItem(STORAGE_KEY));
  } catch {
    return null;
  }
}
