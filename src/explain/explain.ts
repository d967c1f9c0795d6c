/**
 * `explain`: where each scene's budget went. For every prompt (a scene's,
 * or each shot's) the characters each tier keeps and loses, and every
 * dropped unit, read from compile's packing. Data only: the command line
 * draws it (src/cli), `--format json` prints it. Pure; never throws.
 */
import { compileRun, type CompileOptions } from "../emit/compile.js";
import { assemble, type PackResult, type PackUnit, type Tier } from "../emit/pack.js";
import type { ScenePacking } from "../emit/scenes.js";
import { codePointLength } from "../emit/text.js";
import type { Diagnostic } from "../language/diagnostics.js";
import type { TargetId } from "../targets/profiles.js";

/** The options of `compile`: filename, target, budget, config. */
export type ExplainOptions = CompileOptions;

/** One tier's part of a prompt. */
export interface TierShare {
  tier: Tier;
  /** Prompt characters this tier's kept units take, the spaces and `Avoid: …` punctuation around them included. */
  kept: number;
  /** Characters of this tier's dropped units. */
  dropped: number;
}

/** One unit the budget cost: a sentence of a section, or an avoid term. */
export interface ExplainedUnit {
  section: string;
  tier: Tier;
  /** Code points of what was dropped. */
  chars: number;
  text: string;
  /** Cut mid-way by the overflow fallback: only `text`, the cut-off part, is lost. */
  partial: boolean;
}

/** One packed prompt: a single-prompt scene's, or one shot's. */
export interface ExplainedPrompt {
  /** The shot's name, or its 1-based number when it has none; null for a scene's own prompt. */
  shot: string | null;
  budget: number | null;
  chars: number;
  /** Tier 1 alone was over the budget: the prompt is cut where the service would cut it. */
  overflow: boolean;
  tiers: TierShare[];
  dropped: ExplainedUnit[];
}

/** A scene's budget pictures: one for its prompt, or one a shot. */
export interface ExplainedScene {
  name: string;
  target: TargetId;
  budget: number | null;
  /** The target's hard limit, when a source states one. */
  hardLimit: number | null;
  /** False when the scene gets no request (see the diagnostics). */
  request: boolean;
  prompts: ExplainedPrompt[];
}

/** What `explain` gives back: the pictures, and what compiling the text reported. */
export interface ExplainResult {
  scenes: ExplainedScene[];
  diagnostics: Diagnostic[];
}

const TIERS: readonly Tier[] = [1, 2, 3];

/** Where each scene's budget goes, per tier kept and dropped (see the header). Pure; never throws. */
export function explain(source: string, options?: ExplainOptions): ExplainResult {
  const run = compileRun(source, options);
  return { scenes: run.built.packing.map(explainScene), diagnostics: run.result.diagnostics };
}

function explainScene(packing: ScenePacking): ExplainedScene {
  const { scene, packs, budget, hardLimit, withheld } = packing;
  const prompts = packs.map((pack, i) => {
    const shot = scene.shots.length > 0 ? (scene.shots[i]?.name ?? String(i + 1)) : null;
    return explainPrompt(pack, shot, budget);
  });
  return {
    name: scene.name,
    target: scene.target,
    budget,
    hardLimit,
    request: withheld === null,
    prompts,
  };
}

/**
 * Each tier's share of the prompt: the growth of the assembled prompt as
 * each tier's kept units join the ones before, so the shares add up to the
 * prompt's length. After an overflow cut, the part of the cut unit that
 * stayed counts for its tier.
 */
function tierShares(pack: PackResult): TierShare[] {
  let before = 0;
  const shares = TIERS.map((tier) => {
    const upTo = codePointLength(assemble(pack.kept.filter((u: PackUnit) => u.tier <= tier)));
    const dropped = pack.dropped
      .filter((d) => d.tier === tier)
      .reduce((sum, d) => sum + d.chars, 0);
    const share = { tier, kept: upTo - before, dropped };
    before = upTo;
    return share;
  });
  const rest = pack.chars - before;
  if (rest === 0) return shares;
  const cut = pack.dropped.find((d) => d.partial);
  const share =
    (cut ? shares[cut.tier - 1] : undefined) ??
    [...shares].reverse().find((s) => s.kept > 0) ??
    shares[0];
  if (share) share.kept = Math.max(0, share.kept + rest);
  return shares;
}

function explainPrompt(
  pack: PackResult,
  shot: string | null,
  budget: number | null,
): ExplainedPrompt {
  return {
    shot,
    budget,
    chars: pack.chars,
    overflow: pack.overflow,
    tiers: tierShares(pack),
    dropped: pack.dropped.map((d) => ({
      section: d.keyword,
      tier: d.tier,
      chars: d.chars,
      text: d.text,
      partial: d.partial,
    })),
  };
}
