/** Merging: settings layered on top of each other. */
import type {
  ConfigSettings,
  KlingcConfigFile,
  ResolvedConfig,
  RuleEntry,
  RuleSetting,
} from "./types.js";

// ---------------------------------------------------------------------------
// Merging

/** A fresh config with nothing set. */
export function emptyConfig(): ResolvedConfig {
  return { brands: [], rules: {} };
}

/** Appends brands, dropping ones already present in any letter case; the first spelling stays. */
function mergeBrands(base: readonly string[], added: readonly string[]): string[] {
  const seen = new Set(base.map((b) => b.toLowerCase()));
  const brands = [...base];
  for (const brand of added) {
    if (seen.has(brand.toLowerCase())) continue;
    seen.add(brand.toLowerCase());
    brands.push(brand);
  }
  return brands;
}

/** Per rule; a later entry with options replaces the options, a severity-only entry keeps them. */
function mergeRules(
  base: Record<string, RuleSetting>,
  over: Record<string, RuleEntry>,
): Record<string, RuleSetting> {
  const rules = { ...base };
  for (const [id, entry] of Object.entries(over)) {
    rules[id] = { severity: entry.severity, options: entry.options ?? base[id]?.options ?? {} };
  }
  return rules;
}

/** `over` on top of `base`: scalars in `over` win, brands append, rules merge per rule, prices per endpoint. */
export function mergeConfigs(
  base: ResolvedConfig,
  over: ConfigSettings & Pick<KlingcConfigFile, "prices">,
): ResolvedConfig {
  const merged: ResolvedConfig = {
    brands: mergeBrands(base.brands, over.brands ?? []),
    rules: mergeRules(base.rules, over.rules ?? {}),
  };
  const target = over.target ?? base.target;
  const budget = over.budget ?? base.budget;
  const focusBudget = over.focusBudget ?? base.focusBudget;
  if (target !== undefined) merged.target = target;
  if (budget !== undefined) merged.budget = budget;
  if (focusBudget !== undefined) merged.focusBudget = focusBudget;
  // A later config's entry for an endpoint replaces the earlier one whole: its figures were read together.
  if (base.prices !== undefined || over.prices !== undefined)
    merged.prices = { ...base.prices, ...over.prices };
  return merged;
}
