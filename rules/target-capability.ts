import type { StatementNode } from "../src/language/ast.js";
import { positional, termText } from "../src/language/arguments.js";
import { joinOr, scenesLabel } from "../src/lint/messages.js";
import { removeStatement } from "../src/lint/edits.js";
import type { Rule, RuleContext } from "../src/lint/rule.js";
import type { Project, Repeat, Scene, Settings } from "../src/language/model.js";
import { getProfile, type TargetId } from "../src/targets/profiles.js";

/** The settings a target may lack, by their key in `Settings` and their keyword. */
const CAPABILITIES = [
  { key: "aspect", keyword: "aspect" },
  { key: "endImage", keyword: "end_image" },
  { key: "audio", keyword: "audio" },
  { key: "quality", keyword: "quality" },
] as const satisfies readonly { key: keyof Settings; keyword: Repeat["keyword"] }[];

type Capability = (typeof CAPABILITIES)[number];

/** Why a target rejects a statement, and whether deleting it leaves the scene as the author meant. */
interface Verdict {
  reason: string;
  fixable: boolean;
}

/** The setting's value as written (settings take one value and no properties). */
function valueText(statement: StatementNode): string {
  const [node] = positional(statement);
  return node ? termText(node) : "";
}

function hasProjectAudio(project: Project | null): boolean {
  return project?.sections.some((s) => s.keyword === "audio") ?? false;
}

/** null when `target` takes the statement. */
function judge(
  capability: Capability,
  statement: StatementNode,
  target: TargetId,
  project: Project | null,
): Verdict | null {
  const profile = getProfile(target);
  const value = valueText(statement);
  switch (capability.key) {
    case "aspect":
      if (!profile.aspect)
        return {
          reason: `${target} takes no aspect ratio, so 'aspect ${value}' is left out of the request`,
          fixable: true,
        };
      if (profile.aspect.allowed.includes(value)) return null;
      // Which ratio was meant is the author's call: no fix.
      return {
        reason: `${target} takes aspect ${joinOr(profile.aspect.allowed)}, not ${value}`,
        fixable: false,
      };
    case "endImage":
      return profile.endImage
        ? null
        : {
            reason: `${target} takes no end image, so 'end_image' is left out of the request`,
            fixable: true,
          };
    case "audio":
      if (profile.audioFlag) return null;
      // `audio off` also keeps the project's audio sections out of the prompt; deleting it would bring them back.
      return {
        reason: `${target} has no audio flag, so 'audio ${value}' is left out of the request`,
        fixable: value === "on" || !hasProjectAudio(project),
      };
    case "quality":
      if (profile.qualities.allowed.includes(value)) return null;
      return {
        reason: `${target} offers quality ${joinOr(profile.qualities.allowed)}, not '${value}'`,
        fixable: true,
      };
  }
}

/** The statements of one keyword a scope states itself: the one in force first, then its repeats. */
function group(
  capability: Capability,
  settings: Settings,
  repeats: readonly Repeat[],
  inForce: boolean,
): StatementNode[] {
  const setting = settings[capability.key];
  if (!setting || !inForce) return [];
  return [
    setting.statement,
    ...repeats.filter((r) => r.keyword === capability.keyword).map((r) => r.repeat),
  ];
}

/** Whether a scope states any of the settings (indexed loops and no closure: lint asks this of every file, see runRules). */
function statesAny(settings: Settings): boolean {
  for (let i = 0; i < CAPABILITIES.length; i++)
    if (settings[(CAPABILITIES[i] as Capability).key]) return true;
  return false;
}

function someSceneStates(scenes: readonly Scene[], key: Capability["key"]): boolean {
  for (let i = 0; i < scenes.length; i++) if ((scenes[i] as Scene).settings[key]) return true;
  return false;
}

function checkSetting(context: RuleContext, capability: Capability): void {
  const { project } = context;
  // Most files state few of these settings: one nobody states has nothing to report.
  if (!project?.settings[capability.key] && !someSceneStates(context.scenes, capability.key))
    return;
  const projectGroup = project ? group(capability, project.settings, project.repeats, true) : [];
  // Scenes the project's statement reaches: where it is in force, and where the scene's own
  // statements are all rejected (deleting them would bring the project's into force).
  const reached: { scene: Scene; verdicts: (Verdict | null)[] }[] = [];
  const own: { scene: Scene; statements: StatementNode[]; verdicts: (Verdict | null)[] }[] = [];
  for (const scene of context.scenes) {
    const setting = scene.settings[capability.key];
    const statements = group(
      capability,
      scene.settings,
      scene.repeats,
      setting?.origin !== "project",
    );
    const verdicts = statements.map((s) => judge(capability, s, scene.target, project));
    if (statements.length > 0) own.push({ scene, statements, verdicts });
    if (projectGroup.length > 0 && verdicts.every((v) => v !== null)) {
      reached.push({
        scene,
        verdicts: projectGroup.map((s) => judge(capability, s, scene.target, project)),
      });
    }
  }

  // The project's statement: reported once, for every scene that rejects it.
  const projectFixable =
    reached.length > 0 && reached.every((r) => r.verdicts.every((v) => v?.fixable === true));
  const [projectFirst] = projectGroup;
  const rejecting = reached.filter((r) => r.verdicts[0]);
  if (projectFirst && rejecting.length > 0) {
    const reasons = [...new Set(rejecting.map((r) => (r.verdicts[0] as Verdict).reason))];
    const accepting = reached.filter((r) => !r.verdicts[0]).map((r) => r.scene);
    const tail =
      accepting.length > 0
        ? `; ${scenesLabel(accepting)} ${accepting.length === 1 ? "uses" : "use"} it, so move it into the scenes that need it`
        : "";
    context.report({
      at: projectFirst,
      message: `${reasons.join("; ")} (a project setting that reaches ${scenesLabel(rejecting.map((r) => r.scene))}${tail})`,
      ...(projectFixable
        ? {
            fix: {
              description: `delete the project's '${capability.keyword}'`,
              edits: projectGroup.map((s) => removeStatement(context.source, s)),
            },
          }
        : {}),
    });
  }

  // Each scene's own statement. Deleting it must not bring an unfixed rejected project value into force.
  for (const { scene, statements, verdicts } of own) {
    const [first] = verdicts;
    if (!first) continue;
    const exposed = projectFirst ? judge(capability, projectFirst, scene.target, project) : null;
    const fixable =
      verdicts.every((v) => v?.fixable === true) && (exposed === null || projectFixable);
    context.report({
      at: statements[0] as StatementNode,
      message: first.reason,
      ...(fixable
        ? {
            fix: {
              description: `delete the '${capability.keyword}' statement`,
              edits: statements.map((s) => removeStatement(context.source, s)),
            },
          }
        : {}),
    });
  }
}

function checkShots(context: RuleContext, scene: Scene): void {
  const count = scene.shots.length;
  if (count === 0) return;
  const multi = getProfile(scene.target).multiShot;
  const plural = `${count} ${count === 1 ? "shot" : "shots"}`;
  if (!multi) {
    const first = scene.shots[0];
    if (first) {
      context.report({
        at: { position: first.statement.keywordPosition },
        message: `${scene.target} takes one prompt per request and no shots, but scene '${scene.name}' has ${plural}`,
      });
    }
    return;
  }
  if (multi.maxShots === null || count <= multi.maxShots) return;
  const extra = scene.shots[multi.maxShots];
  if (extra) {
    context.report({
      at: { position: extra.statement.keywordPosition },
      message: `${scene.target} takes at most ${multi.maxShots} shots, but scene '${scene.name}' has ${count}`,
    });
  }
}

export const targetCapability: Rule = {
  meta: {
    id: "target-capability",
    description: "a setting or shot the scene's target does not take",
    severity: "error",
    fixable: true,
    options: {},
    details: [
      "Targets differ in what a request may carry. klingc leaves a setting the target has no field for out of the",
      "request, so the render silently ignores it, and sends a quality the target does not offer as written, so the",
      "service refuses it. This rule reports:",
      "",
      "- `aspect` on kling-o3 and kling-v3, which take no aspect ratio, and a ratio the target does not offer",
      "  (veo-3.1: auto, 16:9, 9:16; sora-2: 9:16, 16:9);",
      "- `end_image` on sora-2, which takes no end image;",
      "- `audio on` or `audio off` on sora-2, which has no audio flag;",
      "- a `quality` the target does not offer (`fast` on Kling, `4k` on sora-2, `pro` on veo-3.1);",
      "- shots on a target that takes one prompt per request (sora-2, veo-3.1), and more shots than the target",
      "  takes (kling-o3: six).",
      "",
      "`negative_prompt`, `cfg_scale` and `start_image` have rules of their own.",
      "",
      "The fix deletes the statement (with any repeats of it in the same block), which is safe because the request",
      "leaves the setting out or falls back to the target's default quality. It is not offered when:",
      "",
      "- the ratio is one the target could take in another form: which ratio was meant is the author's call;",
      "- `audio off` stands where the project has an `audio` section: `audio off` keeps that text out of the",
      "  prompt, and deleting it would bring it back;",
      "- a repeat of the setting in the same block is one the target takes;",
      "- deleting a scene's statement would bring a project value the target also rejects into force, unless",
      "  that project statement is deleted too;",
      "- a project statement reaches a scene whose target takes it: move it into the scenes that need it.",
      "",
      "Too many shots are never fixed: which shots to merge or drop is the author's call.",
    ].join("\n"),
    examples: [
      {
        kind: "fail",
        title: "Kling O3 takes no aspect ratio",
        code: 'image "https://x.test/a.png"\naspect 9:16\naction "Maya waves."\n',
      },
      {
        kind: "fail",
        title: "Sora has no end image and no audio flag",
        code: 'engine sora-2\nimage "https://x.test/a.png"\nend_image "https://x.test/b.png"\naudio on\naction "Maya waves."\n',
      },
      {
        kind: "fail",
        title: "Kling has no fast tier",
        code: 'image "https://x.test/a.png"\nquality fast\naction "Maya waves."\n',
      },
      {
        kind: "pass",
        title: "Veo takes an aspect ratio and the fast tier",
        code: 'engine veo-3.1\nimage "https://x.test/a.png"\naspect 9:16\nquality fast\naction "Maya waves."\n',
      },
      {
        kind: "pass",
        title: "Six shots on Kling O3",
        code:
          'scene demo {\n  image "https://x.test/a.png"\n' +
          [1, 2, 3, 4, 5, 6].map((i) => `  shot { duration 2s; action "Beat ${i}." }\n`).join("") +
          "}\n",
      },
    ],
  },
  check(context) {
    // Most files state none of them: one look at each scope rather than one per setting.
    const stated =
      (context.project !== null && statesAny(context.project.settings)) ||
      context.scenes.some((s) => statesAny(s.settings));
    if (stated)
      for (let i = 0; i < CAPABILITIES.length; i++)
        checkSetting(context, CAPABILITIES[i] as Capability);
    for (let i = 0; i < context.scenes.length; i++) checkShots(context, context.scenes[i] as Scene);
  },
};
