import type { Rule } from "../src/lint/rule.js";
import { formatNumber } from "../src/language/diagnostics.js";
import { sceneAnchor } from "../src/lint/rule.js";

export const overBudget: Rule = {
  meta: {
    id: "over-budget",
    description: "tier-1 text alone is over the target's hard limit, so the service will cut it",
    severity: "error",
    fixable: false,
    options: {},
    details:
      "Kling O3 takes at most 2,500 characters and silently cuts a longer prompt at the last sentence " +
      "boundary. Packing drops tier-2 and tier-3 text first; when `character`, `action` and `audio` alone " +
      "are over the limit, the prompt klingc emits is what the service would keep, and the rest is lost.",
    examples: [
      { kind: "fail", title: "An action longer than the limit", code: `image "https://x.test/a.png"\naction "${"Maya turns. ".repeat(230)}"\n` },
      { kind: "pass", title: "Tier 1 within the limit", code: 'image "https://x.test/a.png"\naction "Maya turns."\n' },
    ],
  },
  check(context) {
    context.packing.forEach(({ scene, packs, hardLimit, budget }) => {
      packs.forEach((pack, i) => {
        if (!pack.overflow || hardLimit === null || budget === null || budget < hardLimit) return;
        const shot = scene.shots[i];
        const where = shot ? `shot ${shot.name ?? i + 1} of scene '${scene.name}'` : `scene '${scene.name}'`;
        const lost = pack.dropped.reduce((n, d) => n + d.chars, 0);
        context.report({
          at: shot ? shot.statement : sceneAnchor(scene),
          message: `tier-1 text of ${where} is over ${scene.target}'s limit of ${formatNumber(hardLimit)} characters; the service keeps ${formatNumber(pack.chars)} and cuts ${formatNumber(lost)}`,
        });
      });
    });
  },
};
