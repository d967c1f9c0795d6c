/** Terminal output of the CLI. */
import { Chalk, type ChalkInstance } from "chalk";
import { describeDropped } from "../emit/findings.js";
import type { CompiledScene } from "../emit/scenes.js";
import { formatNumber, type Diagnostic } from "../language/diagnostics.js";

/**
 * FORCE_COLOR as chalk's supports-color reads it: `0` or `false` turn colour
 * off, any other value turns it on; unset or empty (null) leaves it to the stream.
 */
function forcedColor(): boolean | null {
  const value = process.env["FORCE_COLOR"];
  if (value === undefined || value === "") return null;
  return value !== "0" && value !== "false";
}

/** Colour for a stream: --no-color (`color: false`) turns it off, then FORCE_COLOR decides, else a terminal without NO_COLOR gets it. */
export function makeChalk(
  stream: { isTTY?: boolean },
  options: { color?: unknown } = {},
): ChalkInstance {
  const color =
    options.color !== false &&
    (forcedColor() ?? (stream.isTTY === true && !process.env["NO_COLOR"]));
  return new Chalk({ level: color ? 1 : 0 });
}

export function bar(chars: number, budget: number, width = 8): string {
  const filled = Math.min(width, Math.round((chars / Math.max(1, budget)) * width));
  return "▓".repeat(filled) + "░".repeat(width - filled);
}

function droppedSummary(scene: CompiledScene): string {
  return scene.dropped.length === 0
    ? ""
    : `  dropped: ${describeDropped(scene.dropped, formatNumber)}`;
}

/** `demo  1,437/2,500 ▓▓▓▓▓░░░  dropped: continuity (1 sentence, 64 chars)` */
export function budgetLine(scene: CompiledScene, nameWidth: number): string {
  const name = scene.name.padEnd(nameWidth);
  const chars = formatNumber(scene.chars);
  const shots = scene.shots ? `  (${scene.shots.length} shots, longest shown)` : "";
  if (scene.budget === null)
    return `${name}  ${chars} chars (no limit known for ${scene.target})${shots}${droppedSummary(scene)}`;
  return `${name}  ${chars}/${formatNumber(scene.budget)} ${bar(scene.chars, scene.budget)}${shots}${droppedSummary(scene)}`;
}

export function diagnosticLine(d: Diagnostic, chalk: ChalkInstance): string {
  const where = `${d.file ?? "<input>"}:${d.line}:${d.column}`;
  const severity =
    d.severity === "error"
      ? chalk.red("error")
      : d.severity === "warning"
        ? chalk.yellow("warning")
        : chalk.blue("info");
  const related = (d.related ?? [])
    .map((r) => `\n  ${chalk.dim(`${r.file ?? "<input>"}:${r.line}:${r.column}`)}  ${r.message}`)
    .join("");
  return `${where}  ${severity}  ${d.message}  ${chalk.dim(d.ruleId)}${related}`;
}

export function countLine(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.filter((d) => d.severity === "warning").length;
  const infos = diagnostics.length - errors - warnings;
  return `${plural(errors, "error")}, ${plural(warnings, "warning")}, ${formatNumber(infos)} info`;
}

/** `1 warning`, `1,200 warnings`: a count in the one number format. */
export function plural(n: number, word: string): string {
  return `${formatNumber(n)} ${word}${n === 1 ? "" : "s"}`;
}
