import { packingFindings, type PackingFinding } from "../emit/findings.js";
import type { ScenePacking } from "../emit/scenes.js";

/** Findings already made, by the packing they came from: over-budget and dropped-content read the same ones. */
const FOUND = new WeakMap<readonly ScenePacking[], readonly PackingFinding[]>();

/** `packingFindings` once per file's packing (the list is shared: read it only). */
export function filePackingFindings(packing: readonly ScenePacking[]): readonly PackingFinding[] {
  let found = FOUND.get(packing);
  if (!found) FOUND.set(packing, (found = packingFindings(packing)));
  return found;
}
