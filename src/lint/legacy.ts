import type { StatementNode } from "../language/ast.js";
import type { LegacyKeyword } from "../language/keywords.js";
import type { LegacyStatement, Scene } from "../language/model.js";
import type { TargetId } from "../targets/profiles.js";
import { joinAnd } from "./messages.js";
import type { RuleContext } from "./rule.js";

/** Helpers for the rules about legacy statements (negative_prompt, cfg_scale, start_image, endpoint). */

export interface LegacyFinding {
  legacy: LegacyStatement;
  /** Every scene that reads the statement (one for a scene's own statement). */
  readers: Scene[];
  /** The readers whose target has no use for it. */
  invalid: Scene[];
}

/** Legacy statements of the given keywords that are invalid for at least one scene reading them, once per statement, in source order. */
export function legacyFindings(
  context: RuleContext,
  keywords: readonly LegacyKeyword[],
  validOn: (scene: Scene, legacy: LegacyStatement) => boolean,
): LegacyFinding[] {
  // Made at the first legacy statement: most files have none.
  let found: Map<StatementNode, LegacyFinding> | null = null;
  // Indexed: four rules run this on every file (see runRules).
  for (let i = 0; i < context.scenes.length; i++) {
    const scene = context.scenes[i] as Scene;
    for (let k = 0; k < scene.legacy.length; k++) {
      const legacy = scene.legacy[k] as LegacyStatement;
      if (!keywords.includes(legacy.keyword)) continue;
      found ??= new Map();
      let finding = found.get(legacy.statement);
      if (!finding) {
        finding = { legacy, readers: [], invalid: [] };
        found.set(legacy.statement, finding);
      }
      finding.readers.push(scene);
      if (!validOn(scene, legacy)) finding.invalid.push(scene);
    }
  }
  if (found === null) return [];
  return [...found.values()]
    .filter((f) => f.invalid.length > 0)
    .sort(
      (a, b) => a.legacy.statement.position.start.offset - b.legacy.statement.position.start.offset,
    );
}

/** The statements of the block a legacy statement stands in: the project's, the scene's, or the file's top level (implicit scene). */
export function blockOf(context: RuleContext, finding: LegacyFinding): readonly StatementNode[] {
  if (finding.legacy.origin === "project")
    return context.project?.statement?.block?.statements ?? [];
  const scene = finding.readers[0];
  return scene?.statement?.block?.statements ?? context.ast.statements;
}

/** "on kling-o3", "on kling-o3 and sora-2": the targets that ignore the statement. */
export function onTargets(finding: LegacyFinding): string {
  return `on ${[...new Set<TargetId>(finding.invalid.map((s) => s.target))].join(" and ")}`;
}

/**
 * Why the targets that ignore the statement have no use for it, as facts of those targets only: "O3 removed it"
 * for kling-o3, "sora-2 has no such field" for the others ("O3 removed it and sora-2 has no such field" for both).
 */
export function noSuchField(finding: LegacyFinding): string {
  const targets = [...new Set<TargetId>(finding.invalid.map((s) => s.target))];
  const others = targets.filter((t) => t !== "kling-o3");
  const reasons: string[] = [];
  if (others.length < targets.length) reasons.push("O3 removed it");
  if (others.length > 0)
    reasons.push(`${joinAnd(others)} ${others.length === 1 ? "has" : "have"} no such field`);
  return reasons.join(" and ");
}

/** For a project statement, which scenes it misleads: " (project setting, read by scenes 'a', 'b')"; "" for a scene's own. */
export function readBy(finding: LegacyFinding): string {
  if (finding.legacy.origin !== "project") return "";
  const names = finding.invalid.map((s) => `'${s.name}'`).join(", ");
  return ` (project setting, read by scene${finding.invalid.length === 1 ? "" : "s"} ${names})`;
}
