import { DEFAULT_TIER, type SectionKeyword } from "../src/language/keywords.js";
import type { Rule } from "../src/lint/rule.js";
import type { Scene, Section } from "../src/language/model.js";
import { sceneAnchor } from "../src/lint/rule.js";
import { isEmptySection } from "./empty-section.js";

/** The sections that are tier 1 by default (character, action, audio); a `tier=` property does not change which count. */
const TIER_ONE: ReadonlySet<SectionKeyword> = new Set(
  (Object.keys(DEFAULT_TIER) as SectionKeyword[]).filter((keyword) => DEFAULT_TIER[keyword] === 1),
);

/** A blank section (`action ""`) is absent: it puts nothing into the prompt. */
function hasTierOne(sections: readonly Section[]): boolean {
  return sections.some((s) => TIER_ONE.has(s.keyword) && !isEmptySection(s));
}

/** Inherited project sections count, and so do a shot's own; an explicit `audio off` says what the audio is. */
function givesTierOne(scene: Scene): boolean {
  if (scene.settings.audio?.value === false) return true;
  return hasTierOne(scene.sections) || scene.shots.some((shot) => hasTierOne(shot.sections));
}

export const tier1Required: Rule = {
  meta: {
    id: "tier1-required",
    description: "a scene says nothing essential: no `character`, `action` or `audio`",
    severity: "warning",
    fixable: false,
    options: {},
    details: [
      "Tier 1 is what the model cannot guess: who is in the shot (`character`), what happens (`action`) and what is",
      "heard (`audio`). A prompt of camera, lighting and realism alone leaves the subject and the motion to chance, and",
      "since Kling O3 renders native audio, a scene that does not describe its sound gets improvised sound. Packing",
      "also keeps tier 1 first, so it is the part of a prompt that survives a tight budget.",
      "",
      "Counted: the scene's own sections, the ones it inherits from the `project`, and any shot's own. An explicit",
      "`audio off` counts as saying what is heard. The `tier=` property does not change which keywords count.",
      'A section whose text is empty or only white space (`action ""`), or an `audio { … }` block whose every line',
      "is, does not count: it puts nothing into the prompt (`empty-section` reports the statement itself).",
    ].join("\n"),
    examples: [
      {
        kind: "fail",
        title: "Only camera and lighting",
        code: 'image "https://x.test/a.png"\ncamera "Slow push-in."\nlighting "Soft window light."\n',
      },
      {
        kind: "fail",
        title: "An action with no text",
        code: 'image "https://x.test/a.png"\naction ""\ncamera "  "\n',
      },
      {
        kind: "pass",
        title: "An action",
        code: 'image "https://x.test/a.png"\naction "Maya waves at the lens."\ncamera "Slow push-in."\n',
      },
      {
        kind: "pass",
        title: "Silent on purpose",
        code: 'image "https://x.test/a.png"\naudio off\ncamera "Slow push-in over the empty kitchen."\n',
      },
    ],
  },
  check(context) {
    for (const scene of context.scenes) {
      if (givesTierOne(scene)) continue;
      const where = scene.implicit ? `this file's scene '${scene.name}'` : `scene '${scene.name}'`;
      context.report({
        at: sceneAnchor(scene),
        message:
          `${where} has no character, action or audio: the model invents who is in the shot, what they do and what is heard; ` +
          `add at least an 'action' (or 'audio off' for a silent scene)`,
      });
    }
  },
};
