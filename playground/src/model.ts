/**
 * What the page shows, computed from one compile: per scene (and shot) the
 * budget split by tier, what was dropped, the prompt and the request.
 */
import {
  codePointLength,
  compile,
  lint,
  type CompiledScene,
  type Diagnostic,
  type DroppedContent,
  type LintConfig,
  type TargetId,
  type Tier,
} from "klingc";
// The per-tier split of the kept text needs the packer's detail, which the
// public `compile` does not return; `compileScenes` is the library's own
// packing step (pure). Move to a public `explain()` once the library has one.
import { compileScenes } from "../../src/emit/scenes.js";

export const TIERS: readonly Tier[] = [1, 2, 3];

export type PerTier = Record<Tier, number>;

export interface Bar {
  /** The scene's name, or `scene / shot` for a shot. */
  label: string;
  /** The shot's name, for a shot of a multi-shot scene. */
  shot: string | null;
  chars: number;
  budget: number | null;
  /** Characters of kept text by tier. */
  kept: PerTier;
  /** The spaces, separators and `Avoid: ` that join the kept units. */
  joins: number;
  dropped: PerTier;
  units: DroppedContent[];
}

export interface SceneView {
  name: string;
  target: TargetId;
  bars: Bar[];
  /** One prompt for a single-prompt scene, one per shot otherwise. */
  prompts: { label: string; text: string }[];
  /** null when the scene has an error and the library withholds its request. */
  request: unknown;
}

export interface PlaygroundModel {
  scenes: SceneView[];
  diagnostics: Diagnostic[];
  /** How long the compile took, in milliseconds. */
  millis: number;
}

export interface Settings {
  target: TargetId;
  /** null: the target's own limit. */
  budget: number | null;
}

function perTier(items: readonly { tier: Tier; chars: number }[]): PerTier {
  const sums: PerTier = { 1: 0, 2: 0, 3: 0 };
  for (const item of items) sums[item.tier] += item.chars;
  return sums;
}

interface Packed {
  chars: number;
  kept: readonly { tier: Tier; text: string }[];
}

function bar(
  label: string,
  shot: string | null,
  packed: Packed,
  budget: number | null,
  dropped: DroppedContent[],
): Bar {
  const kept = perTier(
    packed.kept.map((unit) => ({ tier: unit.tier, chars: codePointLength(unit.text) })),
  );
  const text = kept[1] + kept[2] + kept[3];
  return {
    label,
    shot,
    chars: packed.chars,
    budget,
    kept,
    joins: Math.max(0, packed.chars - text),
    dropped: perTier(dropped),
    units: dropped,
  };
}

function sceneView(scene: CompiledScene, packs: readonly Packed[]): SceneView {
  const shots = scene.shots ?? [];
  const shotName = (name: string | null, i: number): string => name ?? `shot ${i + 1}`;
  const bars =
    shots.length > 0
      ? shots.map((shot, i) =>
          bar(
            `${scene.name} / ${shotName(shot.name, i)}`,
            shotName(shot.name, i),
            packs[i] ?? { chars: shot.chars, kept: [] },
            shot.budget,
            shot.dropped,
          ),
        )
      : [
          bar(
            scene.name,
            null,
            packs[0] ?? { chars: scene.chars, kept: [] },
            scene.budget,
            scene.dropped,
          ),
        ];
  const prompts =
    shots.length > 0
      ? shots.map((shot, i) => ({
          label: `${scene.name} / ${shotName(shot.name, i)}`,
          text: shot.prompt,
        }))
      : [{ label: scene.name, text: scene.prompt ?? "" }];
  return { name: scene.name, target: scene.target, bars, prompts, request: scene.request ?? null };
}

const FILENAME = "playground.kp";

/**
 * Compiles a document with the page's settings and shows what `klingc FILE`
 * shows: the scenes from `compile`; the diagnostics from `lint` (the
 * language's, every rule's with their fixes, packing's) plus what only
 * compiling says (`no-request`). Pure apart from reading the clock.
 */
export function build(source: string, settings: Settings): PlaygroundModel {
  const started = performance.now();
  const config: LintConfig = { target: settings.target };
  if (settings.budget !== null) config.budget = settings.budget;
  const compiled = compile(source, { filename: FILENAME, config });
  const packing = compileScenes(source, { filename: FILENAME, ...config }).packing;
  const compileOnly = compiled.diagnostics.filter((d) => d.ruleId === "no-request");
  const diagnostics = [...lint(source, { filename: FILENAME, config }), ...compileOnly].sort(
    (a, b) => a.offset - b.offset || a.endOffset - b.endOffset,
  );
  const scenes = compiled.scenes.map((scene, i) => sceneView(scene, packing[i]?.packs ?? []));
  return { scenes, diagnostics, millis: performance.now() - started };
}
