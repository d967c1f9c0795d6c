import { docsUrl } from "../src/language/diagnostics.js";
import type { Rule } from "../src/lint/rule.js";
import { avoidDuplicates } from "./avoid-duplicates.js";
import { brandRisk } from "./brand-risk.js";
import { continuityRef } from "./continuity-ref.js";
import { disputedCapability } from "./disputed-capability.js";
import { droppedContent } from "./dropped-content.js";
import { duplicateSection } from "./duplicate-section.js";
import { duration } from "./duration.js";
import { emptySection } from "./empty-section.js";
import { focusBudget } from "./focus-budget.js";
import { imageRequired } from "./image-required.js";
import { imageUrl } from "./image-url.js";
import { legacyEndpoint } from "./legacy-endpoint.js";
import { legacyImageParam } from "./legacy-image-param.js";
import { limbGuidance } from "./limb-guidance.js";
import { negationPhrasing } from "./negation-phrasing.js";
import { noCfgScale } from "./no-cfg-scale.js";
import { noNegativePrompt } from "./no-negative-prompt.js";
import { overBudget } from "./over-budget.js";
import { sentenceEnd } from "./sentence-end.js";
import { targetCapability } from "./target-capability.js";
import { optionOverride } from "./option-override.js";
import { tier1Required } from "./tier1-required.js";

function withUrl(rule: Rule): Rule {
  return { ...rule, meta: { ...rule.meta, url: docsUrl(rule.meta.id) } };
}

/** Every rule, in the order the docs list them: migration first, then the scene, the prompt, the target. */
export const RULES: readonly Rule[] = [
  noNegativePrompt,
  noCfgScale,
  legacyImageParam,
  legacyEndpoint,
  imageRequired,
  imageUrl,
  tier1Required,
  emptySection,
  limbGuidance,
  overBudget,
  droppedContent,
  focusBudget,
  duration,
  targetCapability,
  optionOverride,
  disputedCapability,
  negationPhrasing,
  brandRisk,
  sentenceEnd,
  duplicateSection,
  continuityRef,
  avoidDuplicates,
].map(withUrl);
