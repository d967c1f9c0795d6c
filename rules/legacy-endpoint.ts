import type { StatementNode } from "../src/language/ast.js";
import { positional, termText } from "../src/language/arguments.js";
import type { Fix } from "../src/language/diagnostics.js";
import { indentationOf, lineStartOf, removeStatement, replaceNode } from "../src/lint/edits.js";
import { IMAGE_KEYWORDS } from "../src/lint/images.js";
import { allStatements, type Rule, type RuleContext } from "../src/lint/rule.js";
import type { Scene } from "../src/language/model.js";
import {
  endpointPattern,
  endpointPrefix,
  endpointTarget,
  getProfile,
  isTargetId,
  parseEndpoint,
  type TargetId,
} from "../src/targets/profiles.js";
import { blockOf, legacyFindings, readBy, type LegacyFinding } from "../src/lint/legacy.js";

/** The retired V3 path prefix; O3 moved to `fal-ai/kling-video/o3/`. */
export const V3_PREFIX = endpointPrefix(getProfile("kling-v3"));

/** The quality a scene is sent with. */
function qualityOf(scene: Scene): string {
  return scene.settings.quality?.value ?? getProfile(scene.target).qualities.default;
}

/** The endpoint klingc sends a scene to is chosen by its target and quality; a path that agrees with both is harmless. */
function agrees(scene: Scene, path: string): boolean {
  const parsed = parseEndpoint(path);
  return parsed !== null && parsed.target === scene.target && parsed.quality === qualityOf(scene);
}

function aloneOnLine(source: string, statement: StatementNode): boolean {
  const start = statement.position.start.offset;
  const lineStart = lineStartOf(source, start);
  const rest = /^[^\r\n]*/.exec(source.slice(statement.position.end.offset))?.[0] ?? "";
  return source.slice(lineStart, start).trim() === "" && /^[ \t]*(\/\/.*)?$/.test(rest);
}

function lineBreak(source: string, from: number): string {
  return /\r\n|\r|\n/.exec(source.slice(from))?.[0] ?? "\n";
}

/**
 * `endpoint "…/v3/pro/…"` → `engine kling-o3` + `quality pro`: the `engine` and `quality` of the model the path
 * stands for (`endpointTarget`), so the scene keeps its target. Statements the block already has stay, so only the
 * missing ones are written. No fix when the block's `engine` names a target the path does not belong to, or when a
 * scene reading the statement takes its target from something else in the block (another endpoint) that an
 * `engine` line would override.
 */
function endpointFix(
  context: RuleContext,
  finding: LegacyFinding,
  parsed: { target: TargetId; quality: string },
): { fix: Fix; lines: string[] } | null {
  const statement = finding.legacy.statement;
  const block = blockOf(context, finding);
  const migrated = endpointTarget(String(finding.legacy.value ?? "")) ?? parsed.target;
  const engineStatement = block.find((s) => s.keyword === "engine");
  const engineValue = engineStatement ? positional(engineStatement)[0] : undefined;
  const blockEngine = engineStatement ? (engineValue ? termText(engineValue) : "") : null;
  if (blockEngine !== null && blockEngine !== parsed.target && blockEngine !== migrated)
    return null;
  const lines: string[] = [];
  let target =
    (blockEngine !== null && isTargetId(blockEngine) ? blockEngine : undefined) ?? migrated;
  if (blockEngine === null) {
    const decidedHere = finding.readers.filter(
      (scene) => scene.targetFrom.statement !== null && block.includes(scene.targetFrom.statement),
    );
    if (decidedHere.some((scene) => scene.target !== migrated)) return null;
    lines.push(`engine ${migrated}`);
    target = migrated;
  }
  if (!block.some((s) => s.keyword === "quality")) {
    const inherited =
      finding.legacy.origin === "project" ? undefined : finding.readers[0]?.settings.quality?.value;
    const fallback = inherited ?? getProfile(target).qualities.default;
    if (parsed.quality !== fallback) lines.push(`quality ${parsed.quality}`);
  }
  if (lines.length === 0) {
    return {
      lines,
      fix: {
        description:
          "delete the endpoint statement (the block's engine and quality already choose)",
        edits: [removeStatement(context.source, statement)],
      },
    };
  }
  const separator = aloneOnLine(context.source, statement)
    ? lineBreak(context.source, statement.position.end.offset) +
      indentationOf(context.source, statement)
    : "; ";
  return {
    lines,
    fix: {
      description: `replace the endpoint with ${quoteLines(lines)}`,
      edits: [replaceNode(statement, lines.join(separator))],
    },
  };
}

function quoteLines(lines: readonly string[]): string {
  return lines.map((l) => `'${l}'`).join(" and ");
}

export const legacyEndpoint: Rule = {
  meta: {
    id: "legacy-endpoint",
    description: "a raw endpoint path is not how klingc picks a model: use `engine` and `quality`",
    severity: "error",
    fixable: true,
    options: {},
    details: [
      'klingc sends each scene to the endpoint its `engine` and `quality` select; an `endpoint "PATH"` statement is',
      "never sent. A V3 file that names `fal-ai/kling-video/v3/pro/image-to-video` therefore renders on whatever",
      "`engine` and `quality` say (kling-o3, standard, by default), not on the path it shows, and the V3 paths",
      "themselves are retired: O3 lives under `fal-ai/kling-video/o3/`.",
      "",
      "Reported:",
      "",
      "- an `endpoint` naming a known path that is not the one the scene is sent to (another target, or another",
      "  quality); an `endpoint` that agrees with the scene's `engine` and `quality` is harmless and not reported;",
      '- an `endpoint` naming a path no profile knows, such as `endpoint "fal-ai/kling-video/v2/master/image-to-video"`',
      "  (no fix: say what you want with `engine` and `quality`);",
      "- any other string that contains `fal-ai/kling-video/v3/`, such as",
      '  `action "As in fal-ai/kling-video/v3/pro/image-to-video."` (no fix): in a section it would reach the model as',
      "  words. Image URLs (`image`, `end_image`, `start_image`) are not searched: a file URL may name the model that",
      "  rendered it.",
      "",
      "A project `endpoint` is reported once, at that statement.",
      "",
      "**Target.** A scene without an `engine` takes its target from its `endpoint`: a V3 path stands for kling-o3",
      "(V3 moved there), any other known path for its own target. That wins over `--target` and the config's",
      "`target`, so a V3 file linted with `--target sora-2` is still judged, fixed and compiled as kling-o3.",
      "",
      "**Fix.** The statement is replaced by `engine` and `quality` on their own lines at the same indentation (or",
      "separated by `;` when it shares its line): the engine and quality of the model the path stands for, so the",
      "scene keeps its target. `engine` is written whenever the block has none (so `--target` cannot move the scene",
      "once the endpoint is gone), `quality` only when it differs from what the scene would otherwise get (the",
      "standard tier is the default). Statements the block already has are kept, so when the block has both",
      "`engine` and `quality` the endpoint is simply deleted; when the block's `engine` names a target the path does",
      "not belong to, there is no fix. A project `endpoint` some scene agrees with is reported but not fixed.",
    ].join("\n"),
    examples: [
      {
        kind: "fail",
        title: "A V3 endpoint path",
        code: 'endpoint "fal-ai/kling-video/v3/pro/image-to-video"\nimage "https://x.test/a.png"\naction "Maya waves at the lens."\n',
      },
      {
        kind: "fail",
        title: "An O3 path whose quality the scene does not say",
        code: 'engine kling-o3\nendpoint "fal-ai/kling-video/o3/pro/image-to-video"\nimage "https://x.test/a.png"\naction "Maya waves at the lens."\n',
      },
      {
        kind: "pass",
        title: "Engine and quality",
        code: 'engine kling-o3\nquality pro\nimage "https://x.test/a.png"\naction "Maya waves at the lens."\n',
      },
      {
        kind: "pass",
        title: "A legacy scene naming its own path",
        code: 'engine kling-v3\nquality pro\nendpoint "fal-ai/kling-video/v3/pro/image-to-video"\nimage "https://x.test/a.png"\naction "Maya waves at the lens."\n',
      },
    ],
  },
  check(context) {
    const findings = legacyFindings(context, ["endpoint"], (scene, legacy) =>
      agrees(scene, String(legacy.value ?? "")),
    );
    for (const finding of findings) {
      const { statement } = finding.legacy;
      const path = String(finding.legacy.value ?? "");
      const parsed = parseEndpoint(path);
      const scene = finding.invalid[0] as Scene;
      if (parsed === null) {
        const what = path.includes(V3_PREFIX)
          ? "a V3 path no profile lists"
          : "a path no profile lists";
        context.report({
          at: statement.arguments[0] ?? statement,
          message:
            `'endpoint' names ${what}, and klingc never sends an 'endpoint': it picks one from 'engine' and 'quality' ` +
            `(${scene.target}: ${endpointPattern(getProfile(scene.target))}); delete it and set those${readBy(finding)}`,
        });
        continue;
      }
      // The V3 → O3 move is a fact of kling-o3 only: a scene on another target is told nothing about it.
      const migrate =
        parsed.target === "kling-v3" && scene.target === "kling-o3"
          ? ` (V3 moved to ${endpointPrefix(getProfile("kling-o3"))})`
          : "";
      const fixed =
        finding.invalid.length === finding.readers.length
          ? endpointFix(context, finding, parsed)
          : null;
      const advice = !fixed
        ? "say what you want with 'engine' and 'quality'"
        : fixed.lines.length === 0
          ? "delete it"
          : `write ${quoteLines(fixed.lines)} instead`;
      const message =
        `klingc never sends an 'endpoint': it picks one from 'engine' and 'quality', which select ${scene.target} ${qualityOf(scene)} here, ` +
        `not the ${parsed.target} ${parsed.quality} path this names${migrate}; ${advice}${readBy(finding)}`;
      context.report(
        fixed ? { at: statement, message, fix: fixed.fix } : { at: statement, message },
      );
    }
    // A string value holds the V3 path only when the source does, or spells it with escapes: most files do neither.
    if (!context.source.includes(V3_PREFIX) && !context.source.includes("\\")) return;
    for (const statement of allStatements(context.ast.statements)) {
      // An image URL may name the model that rendered the file; that is no V3 path.
      if (IMAGE_KEYWORDS.has(statement.keyword) || statement.keyword === "endpoint") continue;
      for (const argument of statement.arguments) {
        const value = argument.type === "Property" ? argument.value : argument;
        if (value.type !== "String" || !value.value.includes(V3_PREFIX)) continue;
        context.report({ at: value, message: v3StringMessage(statement) });
      }
    }
  },
};

function v3StringMessage(statement: StatementNode): string {
  return (
    `this '${statement.keyword}' text names a retired V3 endpoint path (${V3_PREFIX}…); klingc does not read endpoints from text, ` +
    `so it would reach the model as words: remove it, and choose the model with 'engine' and 'quality'`
  );
}
