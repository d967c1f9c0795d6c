import { DEFAULT_FOCUS_BUDGET } from "../src/lint/defaults.js";
import { formatNumber } from "../src/language/diagnostics.js";
import type { Rule } from "../src/lint/rule.js";
import { sceneAnchor } from "../src/lint/rule.js";

/** A small, realistic scene for the examples (200 characters compiled). */
const SCENE =
  'image "https://x.test/a.png"\n' +
  'character maya "Maya, late twenties, curly brown hair. Exactly two arms, two hands, five fingers on each hand."\n' +
  'action "Maya lifts the serum bottle and turns it slowly toward the lens."\n' +
  'lighting "Soft natural window light from the left."\n';

/** The budget in force: the rule's `budget` option, else the config's `focusBudget`. */
export function focusBudgetOf(
  options: Readonly<Record<string, unknown>>,
  fallback: number,
): number {
  const wanted = options["budget"];
  return typeof wanted === "number" && Number.isFinite(wanted) && wanted >= 1 ? wanted : fallback;
}

export const focusBudget: Rule = {
  meta: {
    id: "focus-budget",
    description:
      "a compiled prompt over the focus budget (about 1,500 characters) renders less faithfully",
    severity: "warning",
    fixable: false,
    options: {
      type: "object",
      properties: {
        budget: {
          type: "integer",
          minimum: 1,
          description:
            "Focus budget in characters for this rule; overrides the config's `focusBudget` (default 1500).",
        },
      },
      additionalProperties: false,
    },
    details:
      "Kling O3 accepts 2,500 characters, but a focused prompt of about 1,500 does better than a long one: the model " +
      "weighs every sentence, and detail past the focus blurs what matters. This reports a compiled prompt (after " +
      "packing, counted in code points like the limit) longer than the focus budget: the config's `focusBudget` " +
      "(default 1,500), or this rule's `budget` option when given. A multi-shot scene is checked per shot, since " +
      "each shot's prompt is a prompt of its own.\n\n" +
      "To fix it, cut or shorten tier-2 and tier-3 text, move nice-to-have detail to `tier=3`, or set the scene's " +
      "`budget` so packing drops it.",
    examples: [
      {
        kind: "fail",
        title: "A scene over the config's focus budget",
        code: SCENE,
        settings: { focusBudget: 120 },
      },
      {
        kind: "fail",
        title: "A tighter budget set as the rule's option",
        code: 'image "https://x.test/a.png"\naction "Maya leans into frame and speaks directly to camera."\n',
        options: { budget: 40 },
      },
      { kind: "pass", title: "A focused prompt under the default 1,500", code: SCENE },
      {
        kind: "pass",
        title: "The same scene under a focus budget it fits",
        code: SCENE,
        settings: { focusBudget: 400 },
      },
    ],
  },
  check(context) {
    // Built only for a report: most scenes are within budget, and formatting a number is not free.
    const advice = (): string =>
      `a focused prompt of about ${formatNumber(DEFAULT_FOCUS_BUDGET)} characters renders better than a long one, so cut detail the render can do without`;
    const budget = focusBudgetOf(context.options, context.settings.focusBudget);
    context.scenes.forEach((scene, i) => {
      const compiled = context.compiled[i];
      if (!compiled) return;
      if (compiled.shots && scene.shots.length > 0) {
        compiled.shots.forEach((shot, k) => {
          const source = scene.shots[k];
          if (!source || shot.chars <= budget) return;
          context.report({
            at: source.statement.arguments[0] ?? { position: source.statement.keywordPosition },
            message: `shot ${shot.name ?? k + 1} of scene '${scene.name}' compiles to ${formatNumber(shot.chars)} characters, over the focus budget of ${formatNumber(budget)}; ${advice()}`,
          });
        });
        return;
      }
      if (compiled.chars <= budget) return;
      context.report({
        at: sceneAnchor(scene),
        message: `scene '${scene.name}' compiles to ${formatNumber(compiled.chars)} characters, over the focus budget of ${formatNumber(budget)}; ${advice()}`,
      });
    });
  },
};
