/**
 * `klingc explain FILE…`: the budget picture. Per scene (and shot) a bar of
 * the budget split by tier, kept against dropped, then every dropped unit.
 * Colours come from chalk; without colour each cell is its tier's digit.
 */
import type { ChalkInstance } from "chalk";
import {
  explain,
  type ExplainedPrompt,
  type ExplainedScene,
  type ExplainResult,
  type TierShare,
} from "../explain/explain.js";
import { formatNumber, hasErrors, type Diagnostic } from "../language/diagnostics.js";
import type { Tier } from "../language/keywords.js";
import { RULE_IDS, RULE_OPTIONS, type LintConfig } from "../lint/engine.js";
import { createConfigCache, resolveConfigFor } from "../node/config-files.js";
import { readSource, UsageError } from "../node/files.js";
import { isTargetId, TARGET_IDS } from "../targets/profiles.js";
import { diagnosticLine, makeChalk } from "./style.js";
import type { Io } from "./commands/command.js";

/** Cells of a bar: the whole budget. */
export const BAR_WIDTH = 40;

const TIER_COLOUR: Readonly<Record<Tier, (chalk: ChalkInstance, s: string) => string>> = {
  1: (c, s) => c.green(s),
  2: (c, s) => c.cyan(s),
  3: (c, s) => c.magenta(s),
};

/** Cumulative rounding, so the cells of all tiers add up to the rounded total. */
function cells(amounts: readonly number[], scale: number, width: number): number[] {
  let sum = 0;
  let drawn = 0;
  return amounts.map((amount) => {
    sum += amount;
    const upTo = Math.min(width, Math.round((sum / Math.max(1, scale)) * width));
    const n = Math.max(0, upTo - drawn);
    drawn += n;
    return n;
  });
}

/** A bar's cells for each tier, and how many cells it drew. */
function tierCells(
  shares: readonly TierShare[],
  pick: (s: TierShare) => number,
  scale: number,
  chalk: ChalkInstance,
  colour: boolean,
  glyph: string,
): { bar: string; width: number } {
  const counts = cells(shares.map(pick), scale, BAR_WIDTH);
  const bar = shares
    .map((share, i) => {
      const n = counts[i] ?? 0;
      return colour
        ? TIER_COLOUR[share.tier](chalk, glyph.repeat(n))
        : String(share.tier).repeat(n);
    })
    .join("");
  return { bar, width: counts.reduce((a, b) => a + b, 0) };
}

function legend(shares: readonly TierShare[], pick: (s: TierShare) => number): string {
  return shares.map((s) => `tier ${s.tier} ${formatNumber(pick(s))}`).join(" · ");
}

function clip(text: string, max: number): string {
  const points = [...text];
  return points.length <= max ? text : `${points.slice(0, max - 1).join("")}…`;
}

function promptBlock(
  scene: ExplainedScene,
  prompt: ExplainedPrompt,
  chalk: ChalkInstance,
  colour: boolean,
): string[] {
  const title =
    prompt.shot === null ? `scene ${scene.name}` : `scene ${scene.name}, shot ${prompt.shot}`;
  const size =
    prompt.budget === null
      ? `${formatNumber(prompt.chars)} chars (no limit known for ${scene.target})`
      : `${formatNumber(prompt.chars)}/${formatNumber(prompt.budget)}`;
  const notes = [
    prompt.overflow ? "tier 1 alone is over the budget: cut where the service would cut" : "",
    scene.request ? "" : "no request: see the diagnostics",
  ].filter((n) => n !== "");
  const lines = [
    `${colour ? chalk.bold(title) : title}  ${size}${notes.map((n) => `  (${n})`).join("")}`,
  ];
  const scale = prompt.budget ?? Math.max(1, prompt.chars);
  const kept = tierCells(prompt.tiers, (s) => s.kept, scale, chalk, colour, "█");
  const free = BAR_WIDTH - kept.width;
  lines.push(
    `  kept     ${kept.bar}${colour ? chalk.dim("░".repeat(free)) : ".".repeat(free)}  ${legend(prompt.tiers, (s) => s.kept)}`,
  );
  const droppedTotal = prompt.tiers.reduce((sum, s) => sum + s.dropped, 0);
  if (droppedTotal === 0) return [...lines, "  dropped  nothing"];
  // More dropped than the budget holds: the bar stops at its width and says so.
  const over = droppedTotal > scale;
  const dropped = tierCells(
    prompt.tiers,
    (s) => s.dropped,
    over ? droppedTotal : scale,
    chalk,
    colour,
    "▒",
  );
  lines.push(
    `  dropped  ${dropped.bar}${" ".repeat(BAR_WIDTH - dropped.width)}${over ? "+" : " "} ${legend(prompt.tiers, (s) => s.dropped)}`,
  );
  const width = Math.max(...prompt.dropped.map((d) => d.section.length));
  for (const unit of prompt.dropped) {
    const part = unit.partial ? " (cut off)" : "";
    lines.push(
      `    ${unit.section.padEnd(width)}  tier ${unit.tier}  ${formatNumber(unit.chars).padStart(5)} chars${part}  ${clip(unit.text, 60)}`,
    );
  }
  return lines;
}

/** The budget pictures of one file's scenes. */
export function renderExplain(
  result: ExplainResult,
  chalk: ChalkInstance,
  colour: boolean,
): string {
  const blocks = result.scenes.flatMap((scene) =>
    scene.prompts.map((prompt) => promptBlock(scene, prompt, chalk, colour).join("\n")),
  );
  return blocks.length === 0 ? "" : `${blocks.join("\n\n")}\n`;
}

export interface ExplainFlags {
  format?: string | undefined;
  target?: string | undefined;
  budget?: string | undefined;
}

/** The command with its arguments parsed (commands/ declares them). */
export function explainFiles(positionals: string[], values: ExplainFlags, io: Io): number {
  const json = values.format === "json";
  if (values.format !== undefined && !json && values.format !== "text")
    throw new UsageError(`--format takes text or json, not '${values.format}'`, { showHelp: true });
  if (values.target !== undefined && !isTargetId(values.target))
    throw new UsageError(`--target takes one of ${TARGET_IDS.join(", ")}, not '${values.target}'`, {
      showHelp: true,
    });
  if (values.budget !== undefined && !/^[1-9]\d*$/.test(values.budget))
    throw new UsageError(`--budget takes a whole number of at least 1, not '${values.budget}'`, {
      showHelp: true,
    });
  if (positionals.length === 0) throw new UsageError("no input files", { showHelp: true });
  const cache = createConfigCache();
  const out = makeChalk(process.stdout);
  const colour = out.level > 0;
  const results: { file: string; result: ExplainResult }[] = [];
  let notText = false;
  for (const file of positionals) {
    const source = readSource(file);
    if (source.problem) {
      notText = true;
      results.push({ file, result: { scenes: [], diagnostics: [source.problem] } });
      continue;
    }
    const config: LintConfig = { ...resolveConfigFor(file, RULE_IDS, cache, RULE_OPTIONS).config };
    if (values.target !== undefined && isTargetId(values.target)) config.target = values.target;
    if (values.budget !== undefined) config.budget = Number(values.budget);
    results.push({ file, result: explain(source.text, { filename: file, config }) });
  }
  const diagnostics: Diagnostic[] = results.flatMap((r) => r.result.diagnostics);
  if (json) {
    const scenes = results.flatMap(({ file, result }) =>
      result.scenes.map((scene) => ({ file, ...scene })),
    );
    io.out(`${JSON.stringify({ scenes, diagnostics }, null, 2)}\n`);
  } else {
    const many = results.length > 1;
    for (const { file, result } of results)
      io.out(`${many ? `# ${file}\n` : ""}${renderExplain(result, out, colour)}`);
    const chalk = makeChalk(process.stderr);
    for (const d of diagnostics) io.err(`${diagnosticLine(d, chalk)}\n`);
  }
  if (notText) return 2;
  return hasErrors(diagnostics) ? 1 : 0;
}
