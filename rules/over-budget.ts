import type { Rule } from "../src/lint/rule.js";
import { PACKING_SEVERITY } from "../src/emit/findings.js";
import { filePackingFindings } from "../src/lint/packing.js";

export const overBudget: Rule = {
  meta: {
    id: "over-budget",
    description: "tier-1 text alone is over the target's hard limit, so the service will cut it",
    severity: PACKING_SEVERITY["over-budget"],
    fixable: false,
    options: {},
    details:
      "Kling O3 takes at most 2,500 characters and silently cuts a longer prompt at the last sentence " +
      "boundary. Packing drops tier-2 and tier-3 text first; when `character`, `action` and `audio` alone " +
      "are over the limit, the service would keep only a prefix of them and the rest would be lost. " +
      "`compile` reports this finding too (packing finds it), with the severity the config gives it. As an error " +
      "it withholds the scene's request (`request: null`, no prompt printed); configured as a warning, the scene " +
      "compiles to the prompt the service would keep.",
    examples: [
      {
        kind: "fail",
        title: "An action longer than the limit",
        code: `image "https://x.test/a.png"\naction "${"Maya turns. ".repeat(230)}"\n`,
      },
      {
        kind: "pass",
        title: "Tier 1 within the limit",
        code: 'image "https://x.test/a.png"\naction "Maya turns."\n',
      },
    ],
  },
  check(context) {
    for (const finding of filePackingFindings(context.packing)) {
      if (finding.ruleId === "over-budget")
        context.report({ at: finding.at, message: finding.message });
    }
  },
};
