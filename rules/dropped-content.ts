import type { Rule } from "../src/lint/rule.js";
import { PACKING_SEVERITY } from "../src/emit/findings.js";
import { filePackingFindings } from "../src/lint/packing.js";

export const droppedContent: Rule = {
  meta: {
    id: "dropped-content",
    description: "packing dropped text to fit the budget",
    severity: PACKING_SEVERITY["dropped-content"],
    fixable: false,
    options: {},
    details:
      "When a prompt is over its budget, klingc keeps tier 1, then tier 2, then tier 3, and drops what does not " +
      "fit. This names every section that lost text and how many characters, so the cost of the budget is visible. " +
      "When tier 1 alone is over the hard limit, `over-budget` reports it instead. `compile` reports this finding " +
      "too (packing finds it), with the severity the config gives it.",
    examples: [
      {
        kind: "fail",
        title: "A budget too small for the realism note",
        code: 'image "https://x.test/a.png"\nbudget 40\naction "Maya waves at the lens."\nrealism "Shot on a phone, natural grain."\n',
      },
      {
        kind: "pass",
        title: "Everything fits",
        code: 'image "https://x.test/a.png"\naction "Maya waves."\nrealism "Natural grain."\n',
      },
    ],
  },
  check(context) {
    for (const finding of filePackingFindings(context.packing)) {
      if (finding.ruleId === "dropped-content")
        context.report({ at: finding.at, message: finding.message });
    }
  },
};
