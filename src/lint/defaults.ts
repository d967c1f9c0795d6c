/**
 * Lint defaults that rules read as well as the engine. They live here, not in
 * engine.ts, because engine.ts imports the rule registry: a rule importing
 * engine.ts would close an import cycle.
 */

/** The practitioners' figure for a focused prompt, in characters: the default `focusBudget`. */
export const DEFAULT_FOCUS_BUDGET = 1500;
