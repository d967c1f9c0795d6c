/**
 * What compiling itself finds: the packing findings (`over-budget`,
 * `dropped-content`) and the target facts that leave a scene without a
 * request. Emit reports them so `compile` need not run the lint engine; the
 * two packing rules call `packingFindings` too, so the logic lives here once.
 */
import { formatNumber } from "../language/diagnostics.js";
import type { Scene } from "../language/model.js";
import { checkDuration, checkShotDuration, getProfile } from "../targets/profiles.js";
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
export function describeDropped(dropped: readonly { section: string; chars: number }[], count: (n: number) => string = String): string {
  const bySection = new Map<string, { units: number; chars: number }>();
  for (const d of dropped) {
    const entry = bySection.get(d.section) ?? { units: 0, chars: 0 };
    entry.units++;
    entry.chars += d.chars;
    bySection.set(d.section, entry);
  }
  return [...bySection]
    .map(([section, e]) => `${section} (${e.units} ${section === "avoid" ? "term" : "sentence"}${e.units === 1 ? "" : "s"}, ${count(e.chars)} chars)`)
    .join(", ");
}

/**
 * One finding per prompt that lost text: `over-budget` when tier 1 alone is
 * over the target's hard limit (the service would cut it), else `dropped-content`.
 */
export function packingFindings(packing: readonly ScenePacking[]): PackingFinding[] {
  const out: PackingFinding[] = [];
  for (const { scene, packs, hardLimit, budget } of packing) {
    packs.forEach((pack, i) => {
      const shot = scene.shots[i];
      const where = shot ? `shot ${shot.name ?? i + 1} of scene '${scene.name}'` : `scene '${scene.name}'`;
      const at: Anchor = shot ? shot.statement : sceneAnchor(scene);
      if (pack.overflow && hardLimit !== null && budget !== null && budget >= hardLimit) {
        const lost = pack.dropped.reduce((n, d) => n + d.chars, 0);
        const message = `tier-1 text of ${where} is over ${scene.target}'s limit of ${formatNumber(hardLimit)} characters; the service keeps ${formatNumber(pack.chars)} and cuts ${formatNumber(lost)}`;
        out.push({ ruleId: "over-budget", at, message });
      } else if (pack.dropped.length > 0) {
        const lost = describeDropped(pack.dropped.map((d) => ({ section: d.keyword, chars: d.chars })), formatNumber);
        out.push({ ruleId: "dropped-content", at, message: `${where} is over its budget of ${formatNumber(budget ?? 0)} characters; dropped: ${lost}` });
      }
    });
  }
  return out;
}

/**
 * Why the scene's target would refuse (or silently change) its request:
 * a missing image, a setting the target does not take, a length outside the
 * target's set, shots the target cannot take. Empty when the request is one
 * klingc can hand to a renderer. The lint rules `image-required`,
 * `target-capability` and `duration` report the same facts with fixes.
 */
export function requestProblems(scene: Scene): string[] {
  const profile = getProfile(scene.target);
  const { settings } = scene;
  const problems: string[] = [];
  const hasLegacyImage = scene.legacy.some((l) => l.keyword === "start_image" || l.keyword === "start_image_url");
  if (profile.image.required && !settings.image && !hasLegacyImage) problems.push(`${scene.target} needs ${profile.image.field} and the scene has no image`);
  if (settings.aspect && !profile.aspect?.allowed.includes(settings.aspect.value)) problems.push(`${scene.target} does not take aspect ${settings.aspect.value}`);
  if (settings.endImage && !profile.endImage) problems.push(`${scene.target} takes no end image`);
  if (settings.audio && !profile.audioFlag) problems.push(`${scene.target} has no audio flag`);
  if (settings.quality && !profile.qualities.allowed.includes(settings.quality.value)) problems.push(`${scene.target} does not offer quality '${settings.quality.value}'`);
  problems.push(...lengthProblems(scene));
  return problems;
}

function lengthProblems(scene: Scene): string[] {
  const profile = getProfile(scene.target);
  const multi = profile.multiShot;
  if (scene.shots.length === 0) {
    const seconds = scene.settings.duration?.value;
    return seconds !== undefined && checkDuration(profile, seconds) === "not-allowed" ? [`${scene.target} does not take ${seconds}s`] : [];
  }
  if (!multi) return [`${scene.target} takes no shots`];
  const problems: string[] = [];
  if (multi.maxShots !== null && scene.shots.length > multi.maxShots) problems.push(`${scene.target} takes at most ${multi.maxShots} shots`);
  const lengths = scene.shots.map((shot) => shot.duration?.value ?? multi.shotDefault);
  const wrong = scene.shots.filter((shot) => shot.duration !== undefined && checkShotDuration(profile, shot.duration.value) === "not-allowed");
  if (wrong.length > 0) problems.push(`${scene.target} does not take a shot of ${wrong.map((s) => `${s.duration?.value}s`).join(", ")}`);
  const total = lengths.reduce((a, b) => a + b, 0);
  if (checkDuration(profile, total) === "not-allowed") problems.push(`${scene.target} does not take shots that add up to ${total}s`);
  return problems;
}
