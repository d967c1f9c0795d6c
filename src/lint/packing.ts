import { packingFindings, type PackingFinding } from "../emit/findings.js";
import type { ScenePacking } from "../emit/scenes.js";
import { oncePer } from "./rule.js";

/** `packingFindings` once per file's packing: over-budget and dropped-content read the same ones (the list is shared: read it only). */
export const filePackingFindings: (packing: readonly ScenePacking[]) => readonly PackingFinding[] =
  oncePer(packingFindings);
