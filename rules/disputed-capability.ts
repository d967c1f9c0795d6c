import { scenesLabel } from "../src/lint/messages.js";
import type { Rule, RuleContext } from "../src/lint/rule.js";
import type { Scene } from "../src/language/model.js";
import {
  checkShotDuration,
  getProfile,
  type Disputed,
  type Profile,
} from "../src/targets/profiles.js";

/** `Replicate's Kling v3 API reference says "Max 6 shots"; fal's types allow it` */
function because(fact: Disputed<unknown>, field: string): string {
  return `${fact.source} says of ${field} "${fact.says}"; fal's types allow it`;
}

function checkEndImage(context: RuleContext, scene: Scene, profile: Profile): void {
  const fact = profile.disputed.endImageWithShots;
  const endImage = scene.settings.endImage;
  if (!fact || fact.value || !endImage || scene.shots.length === 0) return;
  context.report({
    at: endImage.statement,
    message: `${scenesLabel([scene])} has shots and an end image, which ${profile.id} may refuse: ${because(fact, "end_image")}`,
  });
}

function checkShotCount(context: RuleContext, scene: Scene, profile: Profile): void {
  const fact = profile.disputed.maxShots;
  const undisputed = profile.multiShot?.maxShots ?? null;
  // Where the table's own limit is as strict, target-capability already reports it as an error.
  if (!fact || (undisputed !== null && undisputed <= fact.value)) return;
  const extra = scene.shots[fact.value];
  if (!extra) return;
  context.report({
    at: { position: extra.statement.keywordPosition },
    message: `${scenesLabel([scene])} has ${scene.shots.length} shots, which ${profile.id} may refuse: ${because(fact, "multi_prompt")}`,
  });
}

function checkShotLengths(context: RuleContext, scene: Scene, profile: Profile): void {
  const fact = profile.disputed.minShotSeconds;
  if (!fact) return;
  for (const shot of scene.shots) {
    const seconds = shot.duration?.value;
    // A length the target's own facts reject is the duration rule's error.
    if (
      seconds === undefined ||
      seconds >= fact.value ||
      checkShotDuration(profile, seconds) !== "ok"
    )
      continue;
    context.report({
      at: shot.duration?.statement ?? shot.statement,
      message: `a shot of ${seconds} s, which ${profile.id} may refuse: ${because(fact, "multi_prompt")}`,
    });
  }
}

export const disputedCapability: Rule = {
  meta: {
    id: "disputed-capability",
    description:
      "a scene relies on what another host of the same model says the model does not take",
    severity: "warning",
    fixable: false,
    options: {},
    details: [
      "klingc's target profiles follow the API klingc sends to (fal's types for Kling and Veo). Other hosts of",
      "Kling's own API document limits that fal's types do not state; the profile table records them as disputed",
      "facts, each with its source. A failed render costs money, so this rule warns when a scene relies on one:",
      "",
      "- an `end_image` in a scene with shots: Novita's Kling v3 API reference says `end_image` \"Cannot be used",
      '  together with multi_prompt" (and `multi_prompt` cannot be used together with `end_image`);',
      '- more than six shots on kling-v3: Replicate\'s Kling v3 API reference says "Max 6 shots" (on kling-o3',
      "  the six-shot limit is undisputed and `target-capability` reports it as an error);",
      "- a shot shorter than 1 s that the target's own facts allow: Replicate's reference says \"min 1s per",
      "  shot\" (fal's shot durations start at 1 s too, so today this cannot happen);",
      "- Replicate's reference also says the shots' durations must total the request's `duration`. klingc always",
      "  sends the sum of the shots as the duration, so no scene can rely on the opposite and nothing is reported.",
      "",
      "Both references document Kling v3.0; klingc applies them to kling-o3 as well, the same Kling 3.0",
      "generation, until a source says otherwise. The rule is a warning, not an error, because fal's types allow",
      "all of these: drop the end image (or the shots), or turn the rule off once a render shows fal accepts it.",
    ].join("\n"),
    examples: [
      {
        kind: "fail",
        title: "An end image with shots",
        code: [
          'image "https://x.test/a.png"',
          'end_image "https://x.test/b.png"',
          'shot { duration 3s; action "Maya opens the jar." }',
          'shot { duration 2s; action "Maya smiles." }',
          "",
        ].join("\n"),
      },
      {
        kind: "fail",
        title: "Seven shots on kling-v3",
        code: [
          "engine kling-v3",
          'image "https://x.test/a.png"',
          ...Array.from({ length: 7 }, (_, i) => `shot { duration 2s; action "Step ${i + 1}." }`),
          "",
        ].join("\n"),
      },
      {
        kind: "pass",
        title: "An end image without shots",
        code: 'image "https://x.test/a.png"\nend_image "https://x.test/b.png"\nduration 5s\naction "Maya opens the jar."\n',
      },
      {
        kind: "pass",
        title: "Shots without an end image",
        code: 'image "https://x.test/a.png"\nshot { duration 3s; action "Maya opens the jar." }\nshot { duration 2s; action "Maya smiles." }\n',
      },
    ],
  },
  check(context) {
    for (const scene of context.scenes) {
      const profile = getProfile(scene.target);
      if (!profile.multiShot || scene.shots.length === 0) continue;
      checkEndImage(context, scene, profile);
      checkShotCount(context, scene, profile);
      checkShotLengths(context, scene, profile);
    }
  },
};
