import { analyze, type AnalyzeOptions, type AnalyzeResult } from "../language/analyze.js";
import { stripInvalidCharacters } from "../language/characters.js";
import type { Tier } from "../language/keywords.js";
import type { Scene, Section, AvoidTerm } from "../language/model.js";
import { packOrdered, type PackResult } from "./pack.js";
import { buildRequest, type RequestSpec, type TargetRequest } from "./request.js";
import { getProfile, type TargetId } from "../targets/profiles.js";
import { newSentenceCache, promptUnits, type SentenceCache } from "./units.js";
import { PACKING_SEVERITY, packingFindings, requestProblems, type PackingId } from "./findings.js";
import type { RuleSeverity } from "../language/options.js";
import type { Diagnostic } from "../language/diagnostics.js";
import type { StatementNode } from "../language/ast.js";

export interface ScenesOptions extends AnalyzeOptions {
  /** Default packing budget for scenes that state none (the CLI's --budget, a config's budget). */
  budget?: number;
  /** The configured severity of `over-budget` and `dropped-content`: as errors they withhold the request. */
  packingSeverity?: Partial<Record<PackingId, RuleSeverity>>;
  /**
   * false: leave every `request` null and `withheld` null unless the scene has a language error, for a
   * caller that reads neither (lint running only klingc's own rules). Building and checking a request per
   * scene was a fifth of emitting a small file before the JIT warmed up.
   */
  requests?: boolean;
}

/** One unit the budget cost: a sentence of a section, or one avoid term. */
export interface DroppedContent {
  section: string;
  tier: Tier;
  text: string;
  chars: number;
}

/** One shot of a multi-shot scene: its packed prompt and what the budget cost. */
export interface CompiledShot {
  name: string | null;
  duration: number | null;
  prompt: string;
  chars: number;
  budget: number | null;
  dropped: DroppedContent[];
}

/** One compiled scene: its target, packed prompt (or shots), what the budget cost, and the request to send (null when the scene has an error). */
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
  /** null when the scene has an error a renderer cannot get past (see `requestWithheld`): klingc never makes up a value. */
  request: TargetRequest | null;
  /** `takes N`: how many independent renders `klingc render` makes; absent when the scene states none (one). */
  takes?: number;
}

/** Packing detail the lint rules read; not part of the JSON output. */
export interface ScenePacking {
  scene: Scene;
  /** One result for a single-prompt scene, one per shot otherwise. */
  packs: PackResult[];
  budget: number | null;
  /** The target's hard limit, when a source states one. */
  hardLimit: number | null;
  /** Why the scene gets no request: "language" (an error inside it), the target facts it breaks and packing errors, or null. */
  withheld: "language" | string[] | null;
}

export interface CompiledScenes {
  analysis: AnalyzeResult;
  scenes: CompiledScene[];
  packing: ScenePacking[];
}

/** Analysis, packing and requests for every scene. Pure; never throws. */
export function compileScenes(source: string, options: ScenesOptions = {}): CompiledScenes {
  const analysis = analyze(source, options);
  const cache = newSentenceCache();
  const errorAt = errorOffsets(analysis.diagnostics);
  const inProject = insideAny(errorAt, analysis.project?.statement ?? null, source.length);
  const packing: ScenePacking[] = [];
  const scenes: CompiledScene[] = [];
  const requests = options.requests !== false;
  for (const scene of analysis.scenes) {
    const packed = packScene(scene, options.budget, cache);
    const language =
      inProject || insideAny(errorAt, scene.statement, source.length, errorAt.length > 0);
    packed.withheld = language
      ? "language"
      : requests
        ? withheldFor(scene, packed, options.packingSeverity)
        : null;
    packing.push(packed);
    scenes.push(toCompiled(packed, requests));
  }
  return { analysis, scenes, packing };
}

/** Why a scene without language errors gets no request: its target facts, packing errors and an empty prompt; null for none. */
function withheldFor(
  scene: Scene,
  packed: ScenePacking,
  severities: ScenesOptions["packingSeverity"],
): string[] | null {
  const problems = requestProblems(scene);
  for (const error of packingErrors(packed, severities)) problems.push(error);
  if (emptyPrompt(packed)) problems.push("its prompt is empty");
  return problems.length > 0 ? problems : null;
}

/** The packing findings that are errors (over-budget by default), as reasons to withhold the request. */
function packingErrors(
  packed: ScenePacking,
  severities: ScenesOptions["packingSeverity"],
): string[] {
  // Only a pack that lost text has a finding.
  if (packed.packs.every((p) => p.dropped.length === 0 && !p.overflow)) return [];
  const errors = packingFindings([packed]).filter(
    (f) => (severities?.[f.ruleId] ?? PACKING_SEVERITY[f.ruleId]) === "error",
  );
  return [...new Set(errors.map((f) => `${f.ruleId} is an error`))];
}

/** A prompt with no text at all (only empty sections, or none): nothing a renderer should be handed. */
function emptyPrompt(packed: ScenePacking): boolean {
  return packed.packs.some((p) => BLANK.test(p.prompt));
}

/** Nothing but white space (what `trim` removes), tested without making a trimmed copy of every prompt. */
const BLANK = /^\s*$/;

/** Start offsets of the language errors, sorted, for a binary search per scene. */
function errorOffsets(diagnostics: readonly Diagnostic[]): number[] {
  return diagnostics
    .filter((d) => d.severity === "error")
    .map((d) => d.offset)
    .sort((a, b) => a - b);
}

/**
 * True when an error starts inside the statement (an error at the very end of
 * the file counts for a block the end of the file left open). A scene without
 * a statement is the whole file: `whole` says whether the file has an error.
 */
function insideAny(
  sorted: readonly number[],
  statement: StatementNode | null,
  length: number,
  whole = false,
): boolean {
  if (!statement) return whole;
  if (sorted.length === 0) return false;
  const { start, end } = statement.position;
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) < start.offset) lo = mid + 1;
    else hi = mid;
  }
  const first = sorted[lo];
  return first !== undefined && (first < end.offset || (first === length && end.offset === length));
}

function sceneBudget(
  scene: Scene,
  fallback: number | undefined,
): { budget: number | null; hardLimit: number | null } {
  const hardLimit = getProfile(scene.target).promptLimit;
  const wanted = scene.settings.budget?.value ?? fallback ?? null;
  if (wanted === null) return { budget: hardLimit, hardLimit };
  return { budget: hardLimit === null ? wanted : Math.min(wanted, hardLimit), hardLimit };
}

function packPrompt(
  sections: readonly Section[],
  avoid: readonly AvoidTerm[],
  budget: number | null,
  cache?: SentenceCache,
): PackResult {
  // promptUnits gives a new array in prompt order, so pack may keep it as it is.
  return packOrdered(promptUnits(sections, avoid, cache), budget ?? Number.POSITIVE_INFINITY);
}

function packScene(scene: Scene, fallbackBudget?: number, cache?: SentenceCache): ScenePacking {
  const { budget, hardLimit } = sceneBudget(scene, fallbackBudget);
  const packs =
    scene.shots.length > 0
      ? scene.shots.map((shot) => packPrompt(shot.sections, shot.avoid, budget, cache))
      : [packPrompt(scene.sections, scene.avoid, budget, cache)];
  return { scene, packs, budget, hardLimit, withheld: null };
}

function dropped(result: PackResult): DroppedContent[] {
  return result.dropped.length === 0
    ? []
    : result.dropped.map((d) => ({
        section: d.keyword,
        tier: d.tier,
        text: d.text,
        chars: d.chars,
      }));
}

function toCompiled(packing: ScenePacking, requests: boolean): CompiledScene {
  const { scene, packs, budget, withheld } = packing;
  if (scene.shots.length === 0) {
    const single = packs[0] as PackResult;
    return withTakes(scene, {
      name: scene.name,
      target: scene.target,
      prompt: single.prompt,
      chars: single.chars,
      budget,
      dropped: dropped(single),
      request: withheld || !requests ? null : buildRequest(requestSpec(scene, single.prompt, null)),
    });
  }
  const shots: CompiledShot[] = scene.shots.map((shot, i) => {
    const result = packs[i] as PackResult;
    return {
      name: shot.name,
      duration: shot.duration?.value ?? null,
      prompt: result.prompt,
      chars: result.chars,
      budget,
      dropped: dropped(result),
    };
  });
  const compiled: CompiledScene = {
    name: scene.name,
    target: scene.target,
    prompt: null,
    chars: shots.reduce((longest, s) => Math.max(longest, s.chars), 0),
    budget,
    dropped: shots.flatMap((s) => s.dropped),
    request: withheld || !requests ? null : buildRequest(requestSpec(scene, null, shots)),
  };
  compiled.shots = shots;
  return withTakes(scene, compiled);
}

/** Adds `takes` where the scene (or its project) states it, so output without it stays as it was. */
function withTakes(scene: Scene, compiled: CompiledScene): CompiledScene {
  const takes = scene.settings.takes?.value;
  if (takes !== undefined) compiled.takes = takes;
  return compiled;
}

/** The value of the last legacy statement with one of the keywords, or null. */
function legacyValue(scene: Scene, keywords: readonly string[]): string | number | null {
  for (let i = scene.legacy.length - 1; i >= 0; i--) {
    const legacy = scene.legacy[i] as Scene["legacy"][number];
    if (keywords.includes(legacy.keyword)) return legacy.value;
  }
  return null;
}

const START_IMAGE = ["start_image", "start_image_url"];
const NEGATIVE_PROMPT = ["negative_prompt"];
const CFG_SCALE = ["cfg_scale"];

function requestSpec(
  scene: Scene,
  prompt: string | null,
  shots: CompiledShot[] | null,
): RequestSpec {
  const { settings } = scene;
  const legacyImage = legacyValue(scene, START_IMAGE);
  const negative = legacyValue(scene, NEGATIVE_PROMPT);
  const cfg = legacyValue(scene, CFG_SCALE);
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
