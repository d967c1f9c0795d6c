import type { StatementNode } from "../src/language/ast.js";
import { positional } from "../src/language/arguments.js";
import { joinAnd, joinOr, scenesLabel } from "../src/lint/messages.js";
import { removeStatement, replaceNode } from "../src/lint/edits.js";
import type { Rule, RuleContext } from "../src/lint/rule.js";
import type { Scene } from "../src/language/model.js";
import {
  checkDuration,
  checkShotDuration,
  getProfile,
  type Profile,
} from "../src/targets/profiles.js";

type At = { position: { start: { offset: number }; end: { offset: number } } };

/** "3 to 15 seconds" for a run of whole seconds, else "4, 6 or 8 seconds". */
export function describeLengths(values: readonly number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const run =
    sorted.length > 2 && sorted.every((v, i) => i === 0 || v === (sorted[i - 1] as number) + 1);
  if (run) return `${sorted[0]} to ${sorted.at(-1)} seconds`;
  return `${joinOr(sorted.map(String))} seconds`;
}

/**
 * The allowed length nearest to `seconds`. A tie goes to the longer length
 * (cutting an action short is worse than a moment more of it), except that a
 * length in dispute (above `disputedAbove`) loses a tie to an undisputed one.
 */
export function nearestLength(
  allowed: readonly number[],
  seconds: number,
  disputedAbove: number | null = null,
): number {
  let best: number | undefined;
  const disputed = (v: number) => (disputedAbove !== null && v > disputedAbove ? 1 : 0);
  for (const v of allowed) {
    if (best === undefined) {
      best = v;
      continue;
    }
    const d = Math.abs(v - seconds) - Math.abs(best - seconds);
    if (
      d < 0 ||
      (d === 0 && (disputed(v) < disputed(best) || (disputed(v) === disputed(best) && v > best)))
    )
      best = v;
  }
  return best ?? seconds;
}

function nearestSceneLength(profile: Profile, seconds: number): number {
  return nearestLength(
    profile.durations.allowed,
    seconds,
    profile.durations.disputedMax?.seconds ?? null,
  );
}

function seconds(value: number): string {
  return `${value}s`;
}

function sceneLabel(scene: Scene): string {
  return `scene '${scene.name}'`;
}

/** Where a `duration` statement's value is (settings take no properties), else the statement. */
function valueNode(statement: StatementNode): At {
  return positional(statement)[0] ?? statement;
}

/** Where to point for a finding about a scene's shots: its name, else its first shot. */
function shotsAnchor(scene: Scene): At {
  const name = scene.statement?.arguments[0];
  if (name) return name;
  const first = scene.shots[0];
  if (first) return { position: first.statement.keywordPosition };
  return { position: { start: { offset: 0 }, end: { offset: 0 } } };
}

function takesShots(scene: Scene): boolean {
  return scene.shots.length > 0 && getProfile(scene.target).multiShot !== null;
}

function takes(profile: Profile): string {
  return `${profile.id} takes ${describeLengths(profile.durations.allowed)}`;
}

/** Every duration statement a scope states for itself: the one in force, then its repeats. */
function ownDurations(scene: Scene): StatementNode[] {
  const inForce = scene.settings.duration;
  if (!inForce || inForce.origin === "project") return [];
  return [
    inForce.statement,
    ...scene.repeats.filter((r) => r.keyword === "duration").map((r) => r.repeat),
  ];
}

function checkSingle(
  context: RuleContext,
  scene: Scene,
  value: number,
  statement: StatementNode,
): void {
  const profile = getProfile(scene.target);
  if (checkDuration(profile, value) !== "not-allowed") return;
  const nearest = nearestSceneLength(profile, value);
  const at = valueNode(statement);
  context.report({
    at,
    message: `${takes(profile)}, not ${seconds(value)}`,
    fix: {
      description: `change the duration to ${seconds(nearest)}`,
      edits: [replaceNode(at, seconds(nearest))],
    },
  });
}

function checkShots(context: RuleContext, scene: Scene): void {
  const profile = getProfile(scene.target);
  const multi = profile.multiShot;
  if (!multi || scene.shots.length === 0) return;
  const current = scene.shots.map((shot) => shot.duration?.value ?? multi.shotDefault);
  const wrong = scene.shots.map(
    (shot) =>
      shot.duration !== undefined &&
      checkShotDuration(profile, shot.duration.value) === "not-allowed",
  );
  const fixed = current.map((v, i) => (wrong[i] ? nearestLength(multi.shotDurations, v) : v));
  const total = current.reduce((a, b) => a + b, 0);
  const totalAfterFix = fixed.reduce((a, b) => a + b, 0);
  // A shot's fix is offered only when the fixed shots add up to a length the target takes:
  // a fix that left the scene's total wrong would trade one error for another.
  const fixable = checkDuration(profile, totalAfterFix) !== "not-allowed";

  scene.shots.forEach((shot, i) => {
    if (!wrong[i] || !shot.duration) return;
    const at = valueNode(shot.duration.statement);
    const nearest = fixed[i] as number;
    const where = `shot ${shot.name === null ? i + 1 : `'${shot.name}'`} of ${sceneLabel(scene)}`;
    context.report({
      at,
      message: `${profile.id} takes shots of ${describeLengths(multi.shotDurations)}, not ${seconds(current[i] as number)} (${where})`,
      ...(fixable
        ? {
            fix: {
              description: `change the shot's duration to ${seconds(nearest)}`,
              edits: [replaceNode(at, seconds(nearest))],
            },
          }
        : {}),
    });
  });

  if (checkDuration(profile, total) === "not-allowed") {
    const defaulted = scene.shots.some((shot) => shot.duration === undefined)
      ? `; a shot without a duration counts as ${seconds(multi.shotDefault)}`
      : "";
    context.report({
      at: shotsAnchor(scene),
      message: `the shots of ${sceneLabel(scene)} add up to ${seconds(total)}, but ${takes(profile)}${defaulted}`,
    });
  }

  // "A scene with shots has no duration of its own." A duration inherited from the project is a
  // default for other scenes, not this one's statement, so only the scene's own is reported.
  const own = ownDurations(scene);
  const stated = scene.settings.duration;
  if (own.length === 0 || !stated) return;
  const safe = stated.value === total;
  context.report({
    at: stated.statement,
    message: `${sceneLabel(scene)} has shots, so it has no duration of its own: its length is the sum of its shots' durations`,
    ...(safe
      ? {
          fix: {
            description: `delete the scene's duration (its shots add up to ${seconds(total)})`,
            edits: own.map((s) => removeStatement(context.source, s)),
          },
        }
      : {}),
  });
}

/** A project duration, judged once for every scene it reaches. */
function checkProjectDuration(
  context: RuleContext,
  statement: StatementNode,
  value: number,
  scenes: readonly Scene[],
): void {
  const rejecting = scenes.filter(
    (scene) => checkDuration(getProfile(scene.target), value) === "not-allowed",
  );
  if (rejecting.length === 0) return;
  const profiles = [...new Set(rejecting.map((s) => s.target))].map(getProfile);
  const nearest = new Set(profiles.map((p) => nearestSceneLength(p, value)));
  const rejected = new Set(rejecting);
  const accepting = scenes.filter((scene) => !rejected.has(scene));
  const onlyRejecting =
    accepting.length === 0
      ? ""
      : `; ${scenesLabel(accepting)} ${accepting.length === 1 ? "takes" : "take"} it, so give the others their own duration`;
  const at = valueNode(statement);
  const message = `${joinAnd(profiles.map(takes))}, not ${seconds(value)} (the project's duration, used by ${scenesLabel(rejecting)}${onlyRejecting})`;
  const [only] = nearest;
  // Fixed only when every scene it reaches rejects it and all agree on the nearest length.
  if (accepting.length > 0 || nearest.size !== 1 || only === undefined) {
    context.report({ at, message });
    return;
  }
  context.report({
    at,
    message,
    fix: {
      description: `change the duration to ${seconds(only)}`,
      edits: [replaceNode(at, seconds(only))],
    },
  });
}

export const duration: Rule = {
  meta: {
    id: "duration",
    description: "a duration the target does not take, or shots that do not add up to one",
    severity: "error",
    fixable: true,
    options: {},
    details: [
      "Each target takes only some lengths: kling-o3 and kling-v3 take 3 to 15 seconds, veo-3.1 takes 4, 6 or 8, and",
      "sora-2 takes 4, 8 or 12. Any other length is refused by the service, so the render fails after the upload.",
      "Where the sources disagree (sora-2's guide gives a 10 s maximum, the API takes 12), lint stays quiet.",
      "",
      "This rule reports:",
      "",
      "- a scene's `duration` the target does not take;",
      "- a shot's `duration` outside the target's shot range (1 to 15 seconds on Kling);",
      "- shots that do not add up to a length the target takes (a shot without a `duration` counts as the",
      "  target's shot default, 5 seconds on Kling);",
      "- a scene with shots that also states its own `duration`: a multi-shot scene's length is the sum of its shots.",
      "",
      "The fix writes the allowed length nearest to the one given, as `Ns`. A tie goes to the longer length, since",
      "cutting an action short is worse than holding a moment longer (veo-3.1 `duration 5s` becomes `6s`); a length",
      "in dispute loses a tie (sora-2 `duration 10s` becomes `8s`). A project `duration` is fixed only when every",
      "scene it reaches rejects it and all agree on the nearest length. A shot's duration is fixed only when the",
      "fixed shots add up to a length the target takes. A multi-shot scene's own `duration` is deleted only when it",
      "equals the sum of its shots; otherwise the author decides which is right. Shots that do not add up are never",
      "fixed: which shot to shorten is the author's call. On a target without shots (sora-2, veo-3.1) shots are",
      "`target-capability`'s finding, and this rule judges only the scene's `duration`.",
    ].join("\n"),
    examples: [
      {
        kind: "fail",
        title: "Veo takes 4, 6 or 8 seconds",
        code: 'engine veo-3.1\nimage "https://x.test/a.png"\nduration 5s\naction "Maya waves."\n',
      },
      {
        kind: "fail",
        title: "Longer than Kling's 15 seconds",
        code: 'image "https://x.test/a.png"\nduration 20s\naction "Maya waves."\n',
      },
      {
        kind: "fail",
        title: "A multi-shot scene that also states its length",
        code: 'scene demo {\n  image "https://x.test/a.png"\n  duration 10s\n  shot { duration 4s; action "Maya waves." }\n  shot { duration 6s; action "Maya smiles." }\n}\n',
      },
      {
        kind: "pass",
        title: "Shots that add up to 10 seconds",
        code: 'scene demo {\n  image "https://x.test/a.png"\n  shot { duration 4s; action "Maya waves." }\n  shot { duration 6s; action "Maya smiles." }\n}\n',
      },
      {
        kind: "pass",
        title: "A length Sora takes",
        code: 'engine sora-2\nimage "https://x.test/a.png"\nduration 8s\naction "Maya waves."\n',
      },
    ],
  },
  check(context) {
    const project = new Map<StatementNode, { value: number; scenes: Scene[] }>();
    for (const scene of context.scenes) {
      if (takesShots(scene)) {
        checkShots(context, scene);
        continue;
      }
      const stated = scene.settings.duration;
      if (!stated) continue;
      if (stated.origin === "project") {
        const entry = project.get(stated.statement) ?? { value: stated.value, scenes: [] };
        entry.scenes.push(scene);
        project.set(stated.statement, entry);
      } else {
        checkSingle(context, scene, stated.value, stated.statement);
      }
    }
    for (const [statement, { value, scenes }] of project)
      checkProjectDuration(context, statement, value, scenes);
  },
};
