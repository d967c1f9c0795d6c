import { analyze, type AnalyzeOptions, type AnalyzeResult } from "../language/analyze.js";
import { stripInvalidCharacters } from "../language/characters.js";
import type { Tier } from "../language/keywords.js";
import type { Scene, Section, AvoidTerm } from "../language/model.js";
import { pack, type PackResult } from "./pack.js";
import { buildRequest, type RequestSpec, type TargetRequest } from "./request.js";
import { getProfile, type TargetId } from "../targets/profiles.js";
import { promptUnits, type SentenceCache } from "./units.js";

export interface ScenesOptions extends AnalyzeOptions {
  /** Default packing budget for scenes that state none (the CLI's --budget, a config's budget). */
  budget?: number;
}

/** One unit the budget cost: a sentence of a section, or one avoid term. */
export interface DroppedContent {
  section: string;
  tier: Tier;
  text: string;
  chars: number;
}

export interface CompiledShot {
  name: string | null;
  duration: number | null;
  prompt: string;
  chars: number;
  budget: number | null;
  dropped: DroppedContent[];
}

export interface CompiledScene {
  name: string;
  target: TargetId;
  /** null for a multi-shot scene: see `shots`. */
  prompt: string | null;
  /** Code points of the prompt; for a multi-shot scene, of its longest shot prompt. */
  chars: number;
  /** The packing budget (null when neither the scene nor the target sets one). */
  budget: number | null;
  dropped: DroppedContent[];
  shots?: CompiledShot[];
  request: TargetRequest;
}

/**
 * What the budget cost, per section in prompt order: `realism (1 sentence, 82 chars), avoid (2 terms, 28 chars)`.
 * Shared by the `dropped-content` rule and the CLI's budget line; `count` formats the character counts.
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

/** Packing detail the lint rules read; not part of the JSON output. */
export interface ScenePacking {
  scene: Scene;
  /** One result for a single-prompt scene, one per shot otherwise. */
  packs: PackResult[];
  budget: number | null;
  /** The target's hard limit, when a source states one. */
  hardLimit: number | null;
}

export interface CompiledScenes {
  analysis: AnalyzeResult;
  scenes: CompiledScene[];
  packing: ScenePacking[];
}

/** Analysis, packing and requests for every scene. Pure; never throws. */
export function compileScenes(source: string, options: ScenesOptions = {}): CompiledScenes {
  const analysis = analyze(source, options);
  const cache: SentenceCache = new Map();
  const packing = analysis.scenes.map((scene) => packScene(scene, options.budget, cache));
  const scenes = packing.map(toCompiled);
  return { analysis, scenes, packing };
}

function sceneBudget(scene: Scene, fallback: number | undefined): { budget: number | null; hardLimit: number | null } {
  const hardLimit = getProfile(scene.target).promptLimit;
  const wanted = scene.settings.budget?.value ?? fallback ?? null;
  if (wanted === null) return { budget: hardLimit, hardLimit };
  return { budget: hardLimit === null ? wanted : Math.min(wanted, hardLimit), hardLimit };
}

function packPrompt(sections: readonly Section[], avoid: readonly AvoidTerm[], budget: number | null, cache?: SentenceCache): PackResult {
  return pack(promptUnits(sections, avoid, cache), budget ?? Number.POSITIVE_INFINITY);
}

function packScene(scene: Scene, fallbackBudget?: number, cache?: SentenceCache): ScenePacking {
  const { budget, hardLimit } = sceneBudget(scene, fallbackBudget);
  const packs = scene.shots.length > 0
    ? scene.shots.map((shot) => packPrompt(shot.sections, shot.avoid, budget, cache))
    : [packPrompt(scene.sections, scene.avoid, budget, cache)];
  return { scene, packs, budget, hardLimit };
}

function dropped(result: PackResult): DroppedContent[] {
  return result.dropped.map((d) => ({ section: d.keyword, tier: d.tier, text: d.text, chars: d.chars }));
}

function toCompiled(packing: ScenePacking): CompiledScene {
  const { scene, packs, budget } = packing;
  const multi = scene.shots.length > 0;
  const shots: CompiledShot[] = scene.shots.map((shot, i) => {
    const result = packs[i] as PackResult;
    return { name: shot.name, duration: shot.duration?.value ?? null, prompt: result.prompt, chars: result.chars, budget, dropped: dropped(result) };
  });
  const single = packs[0] as PackResult;
  const compiled: CompiledScene = {
    name: scene.name,
    target: scene.target,
    prompt: multi ? null : single.prompt,
    chars: multi ? Math.max(0, ...shots.map((s) => s.chars)) : single.chars,
    budget,
    dropped: multi ? shots.flatMap((s) => s.dropped) : dropped(single),
    request: buildRequest(requestSpec(scene, multi ? null : single.prompt, multi ? shots : null)),
  };
  if (multi) compiled.shots = shots;
  return compiled;
}

function legacyValue(scene: Scene, keywords: readonly string[]): string | number | null {
  const found = scene.legacy.filter((l) => keywords.includes(l.keyword)).at(-1);
  return found?.value ?? null;
}

function requestSpec(scene: Scene, prompt: string | null, shots: CompiledShot[] | null): RequestSpec {
  const { settings } = scene;
  const legacyImage = legacyValue(scene, ["start_image", "start_image_url"]);
  const negative = legacyValue(scene, ["negative_prompt"]);
  const cfg = legacyValue(scene, ["cfg_scale"]);
  return {
    target: scene.target,
    quality: settings.quality?.value ?? null,
    image: settings.image?.value ?? (typeof legacyImage === "string" ? legacyImage : null),
    endImage: settings.endImage?.value ?? null,
    duration: settings.duration?.value ?? null,
    aspect: settings.aspect?.value ?? null,
    audio: scene.audio,
    prompt,
    shots: shots ? shots.map((s) => ({ prompt: s.prompt, duration: s.duration })) : null,
    negativePrompt: typeof negative === "string" ? stripInvalidCharacters(negative) : null,
    cfgScale: typeof cfg === "number" ? cfg : null,
  };
}
