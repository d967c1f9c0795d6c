/**
 * What compiling itself finds: the packing findings (`over-budget`,
 * `dropped-content`) and the target facts that leave a scene without a
 * request. Emit reports them so `compile` need not run the lint engine; the
 * two packing rules call `packingFindings` too, so the logic lives here once.
 */
import { formatNumber } from "../language/diagnostics.js";
import { imageUrlProblem } from "../targets/images.js";
import type { Scene } from "../language/model.js";
import { checkDuration, checkShotDuration, getProfile } from "../targets/profiles.js";
import type { RequestSpec } from "./request.js";
import type { ScenePacking } from "./scenes.js";

export type Anchor = { position: { start: { offset: number }; end: { offset: number } } };

/** Where to point for a scene-level finding: the scene's name, else its keyword, else the file start. */
export function sceneAnchor(scene: Scene): Anchor {
  const name = scene.statement?.arguments[0];
  if (name) return name;
  if (scene.statement) return { position: scene.statement.keywordPosition };
  return { position: { start: { offset: 0 }, end: { offset: 0 } } };
}

/** The packing ids and their default severities (the rules' metas read them from here). */
export const PACKING_SEVERITY = { "over-budget": "error", "dropped-content": "warning" } as const;
export type PackingId = keyof typeof PACKING_SEVERITY;

export interface PackingFinding {
  ruleId: PackingId;
  at: Anchor;
  message: string;
}

/**
 * What the budget cost, per section in prompt order: `realism (1 sentence, 82 chars), avoid (2 terms, 28 chars)`.
 * Shared by the `dropped-content` finding and the CLI's budget line; `count` formats the character counts.
 */
export function describeDropped(
  dropped: readonly { section: string; chars: number }[],
  count: (n: number) => string = String,
): string {
  const bySection = new Map<string, { units: number; chars: number }>();
  for (const d of dropped) {
    const entry = bySection.get(d.section) ?? { units: 0, chars: 0 };
    entry.units++;
    entry.chars += d.chars;
    bySection.set(d.section, entry);
  }
  return [...bySection]
    .map(
      ([section, e]) =>
        `${section} (${e.units} ${section === "avoid" ? "term" : "sentence"}${e.units === 1 ? "" : "s"}, ${count(e.chars)} chars)`,
    )
    .join(", ");
}

/**
 * One finding per prompt that lost text: `over-budget` when tier 1 alone is
 * over the target's hard limit (the service would cut it), else `dropped-content`.
 */
export function packingFindings(packing: readonly ScenePacking[]): PackingFinding[] {
  const out: PackingFinding[] = [];
  for (const { scene, packs, hardLimit, budget } of packing) {
    for (let i = 0; i < packs.length; i++) {
      const pack = packs[i] as ScenePacking["packs"][number];
      if (!pack.overflow && pack.dropped.length === 0) continue;
      const shot = scene.shots[i];
      const where = shot
        ? `shot ${shot.name ?? i + 1} of scene '${scene.name}'`
        : `scene '${scene.name}'`;
      const at: Anchor = shot ? shot.statement : sceneAnchor(scene);
      if (pack.overflow && hardLimit !== null && budget !== null && budget >= hardLimit) {
        const lost = pack.dropped.reduce((n, d) => n + d.chars, 0);
        const message = `tier-1 text of ${where} is over ${scene.target}'s limit of ${formatNumber(hardLimit)} characters; the service keeps ${formatNumber(pack.chars)} and cuts ${formatNumber(lost)}`;
        out.push({ ruleId: "over-budget", at, message });
      } else if (pack.dropped.length > 0) {
        const lost = describeDropped(
          pack.dropped.map((d) => ({ section: d.keyword, chars: d.chars })),
          formatNumber,
        );
        out.push({
          ruleId: "dropped-content",
          at,
          message: `${where} is over its budget of ${formatNumber(budget ?? 0)} characters; dropped: ${lost}`,
        });
      }
    }
  }
  return out;
}

/**
 * The settings of one request, as a scene states them: a `RequestSpec` without
 * its texts, where `audio` may be left to the target. What the target profile is checked against.
 */
export interface SettingsSpec extends Pick<
  RequestSpec,
  "target" | "quality" | "image" | "endImage" | "duration" | "aspect"
> {
  /** An `audio on|off` the scene writes; null when it writes none (the target decides). */
  audio: boolean | null;
  /** null or empty: a single-prompt request. A shot's null duration is the target's shot default. */
  shots: readonly { duration: number | null }[] | null;
}

/**
 * Why the target would refuse (or silently change) a request with these
 * settings: a missing image, a setting the target does not take, a length
 * outside the target's set, shots the target cannot take. Empty when the
 * request is one klingc can hand to a renderer. The lint rules
 * `image-required`, `target-capability` and `duration` report the same facts
 * on a scene, with fixes.
 */
export function settingsProblems(spec: SettingsSpec): string[] {
  const { target } = spec;
  const profile = getProfile(target);
  const problems: string[] = [];
  const noImage = profile.image.required && !spec.image;
  if (noImage) problems.push(`${target} needs ${profile.image.field} and the scene has no image`);
  const imageProblem = spec.image === null || noImage ? null : imageUrlProblem(spec.image);
  if (imageProblem !== null) problems.push(`the image ${firstClause(imageProblem)}`);
  const endImageProblem = spec.endImage === null ? null : imageUrlProblem(spec.endImage);
  if (endImageProblem !== null) problems.push(`the end image ${firstClause(endImageProblem)}`);
  if (spec.aspect !== null && !profile.aspect?.allowed.includes(spec.aspect))
    problems.push(`${target} does not take aspect ${spec.aspect}`);
  if (spec.endImage !== null && !profile.endImage) problems.push(`${target} takes no end image`);
  if (spec.audio !== null && !profile.audioFlag) problems.push(`${target} has no audio flag`);
  if (spec.quality !== null && !profile.qualities.allowed.includes(spec.quality))
    problems.push(`${target} does not offer quality '${spec.quality}'`);
  for (const problem of lengthProblems(spec)) problems.push(problem);
  return problems;
}

/** An image problem up to its advice (what comes after a `;`). */
function firstClause(problem: string): string {
  return problem.split(";")[0] as string;
}

const NO_SHOTS: readonly { duration: number | null }[] = [];

/** The problems of a scene's request (see `settingsProblems`); a legacy `start_image` counts as its image. */
export function requestProblems(scene: Scene): string[] {
  const { settings } = scene;
  let legacyImage: Scene["legacy"][number] | undefined;
  for (const l of scene.legacy) {
    if (l.keyword === "start_image" || l.keyword === "start_image_url") {
      legacyImage = l;
      break;
    }
  }
  return settingsProblems({
    target: scene.target,
    quality: settings.quality?.value ?? null,
    image: settings.image?.value ?? (legacyImage ? String(legacyImage.value) : null),
    endImage: settings.endImage?.value ?? null,
    duration: settings.duration?.value ?? null,
    aspect: settings.aspect?.value ?? null,
    audio: settings.audio?.value ?? null,
    shots:
      scene.shots.length === 0
        ? NO_SHOTS
        : scene.shots.map((shot) => ({ duration: shot.duration?.value ?? null })),
  });
}

function lengthProblems(spec: SettingsSpec): string[] {
  const { target } = spec;
  const profile = getProfile(target);
  const multi = profile.multiShot;
  const shots = spec.shots ?? [];
  if (shots.length === 0) {
    const seconds = spec.duration;
    return seconds !== null && checkDuration(profile, seconds) === "not-allowed"
      ? [`${target} does not take ${seconds}s`]
      : [];
  }
  if (!multi) return [`${target} takes no shots`];
  const problems: string[] = [];
  if (multi.maxShots !== null && shots.length > multi.maxShots)
    problems.push(`${target} takes at most ${multi.maxShots} shots`);
  const lengths = shots.map((shot) => shot.duration ?? multi.shotDefault);
  const wrong = shots.flatMap((shot) =>
    shot.duration !== null && checkShotDuration(profile, shot.duration) === "not-allowed"
      ? [shot.duration]
      : [],
  );
  if (wrong.length > 0)
    problems.push(
      `${target} does not take a shot of ${wrong.map((seconds) => `${seconds}s`).join(", ")}`,
    );
  const total = lengths.reduce((a, b) => a + b, 0);
  if (checkDuration(profile, total) === "not-allowed")
    problems.push(`${target} does not take shots that add up to ${total}s`);
  return problems;
}
