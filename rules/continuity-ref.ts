import type { Rule } from "../src/lint/rule.js";
import type { Scene, Section } from "../src/language/model.js";
import { didYouMean } from "../src/language/keywords.js";

export const continuityRef: Rule = {
  meta: {
    id: "continuity-ref",
    description: "`continuity from=` names no other scene of the file",
    severity: "error",
    fixable: false,
    options: {},
    details: [
      '`continuity from=SCENE "…"` says which scene this one continues: the same outfit, the same room. It must',
      "name another scene of the same file. A misspelt name, a scene that was renamed or deleted, or the scene",
      "itself means the note points at nothing, and the continuity the author relies on is not checked.",
      "",
      "A `continuity` in the project reaches every scene; it is checked once. A project-level",
      "`continuity from=hook` is not a finding in scene `hook` itself: it states which scene the others follow.",
      "",
      "There is no fix; the message suggests the nearest scene name when one is close.",
    ].join("\n"),
    examples: [
      {
        kind: "fail",
        title: "A misspelt scene name",
        code:
          'scene hook {\n  image "https://x.test/a.png"\n  action "Maya waves."\n}\n' +
          'scene demo {\n  image "https://x.test/b.png"\n  action "Maya lifts the bottle."\n  continuity from=hok "Same outfit as the hook."\n}\n',
      },
      {
        kind: "fail",
        title: "A scene that continues itself",
        code: 'scene demo {\n  image "https://x.test/b.png"\n  action "Maya lifts the bottle."\n  continuity from=demo "Same outfit."\n}\n',
      },
      {
        kind: "pass",
        title: "Continuing an earlier scene",
        code:
          'scene hook {\n  image "https://x.test/a.png"\n  action "Maya waves."\n}\n' +
          'scene demo {\n  image "https://x.test/b.png"\n  action "Maya lifts the bottle."\n  continuity from=hook "Same outfit as the hook."\n}\n',
      },
    ],
  },
  check(context) {
    // Every section statement is in context.sections once: most files have no continuity.
    if (!context.sections.some((s) => s.keyword === "continuity")) return;
    const names = context.scenes.map((s) => s.name);
    const known = new Set(names);
    const check = (section: Section, home: Scene | null) => {
      if (section.keyword !== "continuity" || section.from === null || !section.fromNode) return;
      const from = section.from;
      if (home && from === home.name) {
        context.report({
          at: section.fromNode,
          message: `continuity from=${from} names scene '${from}' itself; name the scene this one continues from`,
        });
        return;
      }
      if (known.has(from)) return;
      const others = names.filter((n) => n !== home?.name);
      const guess = didYouMean(from, others);
      const hint = guess
        ? `; did you mean '${guess}'?`
        : others.length > 0
          ? ` (its scenes: ${others.join(", ")})`
          : "";
      context.report({
        at: section.fromNode,
        message: `continuity from=${from} names no scene of this file${hint}`,
      });
    };
    // Each statement once: the project's sections as the project states them, then each scene's and shot's own.
    for (const section of context.project?.sections ?? []) check(section, null);
    for (const scene of context.scenes) {
      for (const section of scene.sections) if (section.origin === "scene") check(section, scene);
      for (const shot of scene.shots)
        for (const section of shot.sections) if (section.origin === "shot") check(section, scene);
    }
  },
};
