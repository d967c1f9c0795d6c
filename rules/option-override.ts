import { formatNumber } from "../src/language/diagnostics.js";
import type { Scene } from "../src/language/model.js";
import { joinAnd, scenesLabel } from "../src/lint/messages.js";
import { sceneAnchor, type Rule, type RuleContext } from "../src/lint/rule.js";
import { getProfile, type TargetId } from "../src/targets/profiles.js";

/** What decided a scene's target, in words. */
const SOURCE_WORDS: Readonly<Record<Scene["targetFrom"]["source"], string>> = {
  engine: "its 'engine'",
  endpoint: "its 'endpoint'",
  "project-engine": "the project's 'engine'",
  "project-endpoint": "the project's 'endpoint'",
  "default-option": "the requested target",
  default: "the default",
};

/** Groups scenes by a key, in first-seen order, and describes each group. */
function grouped(
  scenes: readonly Scene[],
  key: (scene: Scene) => string,
  say: (group: Scene[], key: string) => string,
): string {
  const groups = new Map<string, Scene[]>();
  for (const scene of scenes) groups.set(key(scene), [...(groups.get(key(scene)) ?? []), scene]);
  return joinAnd([...groups].map(([k, group]) => say(group, k)));
}

function isAre(group: readonly Scene[]): string {
  return group.length === 1 ? "is" : "are";
}

/** The requested target, where the file's own `engine` or `endpoint` chose another: once per file. */
function checkTarget(context: RuleContext, requested: TargetId): void {
  const scenes = context.scenes.filter(
    (s) => s.targetFrom.statement !== null && s.target !== requested,
  );
  const decider = scenes[0]?.targetFrom.statement;
  if (!decider) return;
  const where = grouped(
    scenes,
    (s) => `${s.target} (${SOURCE_WORDS[s.targetFrom.source]})`,
    (group, key) => `${scenesLabel(group)} ${isAre(group)} compiled for ${key}`,
  );
  context.report({
    at: decider,
    message: `the file chooses its own target, which wins over the requested ${requested}: ${where}`,
  });
}

/** The hard limit of a group of scenes on one target (checked non-null by the caller). */
function limitOf(group: readonly Scene[]): number {
  return getProfile((group[0] as Scene).target).promptLimit ?? 0;
}

/** The requested budget, where it is above the hard limit of a scene's target that uses it: once per file. */
function checkBudget(context: RuleContext, requested: number): void {
  const scenes = context.scenes.filter((s) => {
    const limit = getProfile(s.target).promptLimit;
    return s.settings.budget === undefined && limit !== null && requested > limit;
  });
  const [first] = scenes;
  if (!first) return;
  const where = grouped(
    scenes,
    (s) => s.target,
    (group, target) =>
      `${target}'s limit of ${formatNumber(limitOf(group))} is used for ${scenesLabel(group)}`,
  );
  context.report({
    at: sceneAnchor(first),
    message: `the requested budget of ${formatNumber(requested)} characters is above the target's hard limit: ${where}`,
  });
}

export const optionOverride: Rule = {
  meta: {
    id: "option-override",
    description:
      "`--target` or `--budget` (or the config's) that the file's own target overrides or clamps",
    severity: "info",
    fixable: false,
    options: {},
    details: [
      "A scene's target is decided once, and every rule, fix and request uses it: the scene's `engine`, else the",
      "model its legacy `endpoint` stands for (a V3 path stands for kling-o3, where V3 moved), else the project's",
      "`engine`, else the project's `endpoint`, else `--target` or the config's `target`, else kling-o3.",
      "",
      "What the file says therefore wins over what the command line or the config asks for. This rule says so",
      "once per file, so nobody believes they compiled for one target when they compiled for another:",
      "",
      "- the requested target, when the file's `engine` or `endpoint` chooses another (at the first statement",
      "  that does); to compile for the requested target, change or delete that statement;",
      "- the requested budget, when it is above the hard limit of the target a scene is compiled for (kling-o3:",
      "  2,500 characters): the limit is used instead, since the service would cut a longer prompt anyway. A",
      "  scene's own `budget` above the limit is an `invalid-argument` error instead.",
    ].join("\n"),
    examples: [
      {
        kind: "fail",
        title: "The file's engine wins over the requested sora-2",
        settings: { target: "sora-2" },
        code: 'engine veo-3.1\nimage "https://x.test/a.png"\naction "Maya waves."\n',
      },
      {
        kind: "fail",
        title: "A requested budget above kling-o3's 2,500 characters",
        settings: { budget: 9000 },
        code: 'image "https://x.test/a.png"\naction "Maya waves."\n',
      },
      {
        kind: "pass",
        title: "The file names no target, so the requested one is used",
        settings: { target: "sora-2", budget: 1500 },
        code: 'image "https://x.test/a.png"\naction "Maya waves."\n',
      },
    ],
  },
  check(context) {
    const { target, budget } = context.settings;
    if (target !== undefined) checkTarget(context, target);
    if (budget !== undefined) checkBudget(context, budget);
  },
};
