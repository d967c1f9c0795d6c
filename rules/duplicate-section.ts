import type { Rule } from "../src/lint/rule.js";
import type { Repeat } from "../src/language/model.js";

/** The keyword as the author knows it: `audio` given twice as a setting is `audio on|off` (audio sections may repeat). */
function label(repeat: Repeat): string {
  return repeat.keyword === "audio" ? "audio on|off" : repeat.keyword;
}

export const duplicateSection: Rule = {
  meta: {
    id: "duplicate-section",
    description: "a setting or single-valued section given twice in one block",
    severity: "warning",
    fixable: false,
    options: {},
    details: [
      "Every setting, and `product`, `camera`, `lighting` and `realism`, may stand once in a scene, a shot or the",
      "project. When one is given twice in the same block, the first stays in force and the second is ignored: a",
      "second `camera` line does not add a camera move, and a second `duration` does not change the length.",
      "",
      "A second `brands` list is reported too, but its names still count, since dropping them would hide a",
      "moderation risk: merge the lists into one.",
      "",
      "A scene that restates a project setting or section is not a repeat: the scene's replaces the project's.",
      "`action`, `character`, `audio` sections, `continuity` and `avoid` may repeat.",
      "",
      "There is no fix: which of the two is right is the author's call. Delete one, or merge their text.",
    ].join("\n"),
    examples: [
      {
        kind: "fail",
        title: "Two camera sections in one scene",
        code: 'image "https://x.test/a.png"\naction "Maya waves."\ncamera "Slow push-in."\ncamera "Handheld, slight sway."\n',
      },
      {
        kind: "fail",
        title: "A shot with two durations",
        code: 'scene demo {\n  image "https://x.test/a.png"\n  shot { duration 4s; duration 6s; action "Maya waves." }\n}\n',
      },
      {
        kind: "pass",
        title: "A scene replaces the project's camera",
        code: 'project {\n  camera "Locked-off tripod."\n}\nscene demo {\n  image "https://x.test/a.png"\n  action "Maya waves."\n  camera "Slow push-in."\n}\n',
      },
      {
        kind: "pass",
        title: "Actions may repeat: a sequence",
        code: 'image "https://x.test/a.png"\naction "Maya waves."\naction "Maya smiles."\n',
      },
    ],
  },
  check(context) {
    const seen = new Set<Repeat["repeat"]>();
    const report = (repeat: Repeat, where: string) => {
      if (seen.has(repeat.repeat)) return;
      seen.add(repeat.repeat);
      // A repeated `brands` list still counts (dropping names would hide moderation risks); every other repeat is ignored.
      const consequence =
        repeat.keyword === "brands"
          ? "both lists count: merge them into one"
          : "the first stays in force and this one is ignored";
      context.report({
        at: repeat.repeat,
        message: `'${label(repeat)}' is already given in ${where}; ${consequence}`,
        related: [{ at: repeat.first, message: `the first '${label(repeat)}'` }],
      });
    };
    for (const repeat of context.project?.repeats ?? []) report(repeat, "the project");
    for (const scene of context.scenes) {
      for (const repeat of scene.repeats) report(repeat, `scene '${scene.name}'`);
      scene.shots.forEach((shot, i) => {
        const name = shot.name === null ? `shot ${i + 1}` : `shot '${shot.name}'`;
        for (const repeat of shot.repeats) report(repeat, `${name} of scene '${scene.name}'`);
      });
    }
  },
};
