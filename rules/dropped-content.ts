import type { Rule } from "../src/lint/rule.js";
import { formatNumber } from "../src/language/diagnostics.js";
import { describeDropped } from "../src/emit/scenes.js";
import { sceneAnchor } from "../src/lint/rule.js";

export const droppedContent: Rule = {
  meta: {
    id: "dropped-content",
    description: "packing dropped text to fit the budget",
    severity: "warning",
    fixable: false,
    options: {},
    details:
      "When a prompt is over its budget, klingc keeps tier 1, then tier 2, then tier 3, and drops what does not " +
      "fit. This names every section that lost text and how many characters, so the cost of the budget is visible. " +
      "When tier 1 alone is over the hard limit, `over-budget` reports it instead.",
    examples: [
      {
        kind: "fail",
        title: "A budget too small for the realism note",
        code: 'image "https://x.test/a.png"\nbudget 40\naction "Maya waves at the lens."\nrealism "Shot on a phone, natural grain."\n',
      },
      { kind: "pass", title: "Everything fits", code: 'image "https://x.test/a.png"\naction "Maya waves."\nrealism "Natural grain."\n' },
    ],
  },
  check(context) {
    for (const { scene, packs, hardLimit, budget } of context.packing) {
      packs.forEach((pack, i) => {
        // Nothing is dropped without a budget.
        if (pack.dropped.length === 0 || budget === null) return;
        // Tier 1 over the hard limit is over-budget's finding, not this one.
        if (pack.overflow && hardLimit !== null && budget !== null && budget >= hardLimit) return;
        const shot = scene.shots[i];
        const where = shot ? `shot ${shot.name ?? i + 1} of scene '${scene.name}'` : `scene '${scene.name}'`;
        context.report({
          at: shot ? shot.statement : sceneAnchor(scene),
          message: `${where} is over its budget of ${formatNumber(budget)} characters; dropped: ${describeDropped(pack.dropped.map((d) => ({ section: d.keyword, chars: d.chars })), formatNumber)}`,
        });
      });
    }
  },
};
