/** Options more than one command takes, declared once. */
import type { Command } from "commander";
import { TARGET_IDS } from "../../targets/profiles.js";
import { FORMAT_NAMES } from "../formatters/index.js";

export function addTargetOptions(command: Command): void {
  command.option("--target <id>", `default target: ${TARGET_IDS.join(", ")}`);
  command.option("--budget <n>", "default packing budget in characters");
}

export function addReportOptions(command: Command): void {
  command.option("--format <name>", `report format: ${FORMAT_NAMES.join(", ")} (default: stylish)`);
  command.option("-o, --output <file>", "write the report to a file");
  command.option("--no-color", "no colour (also NO_COLOR; FORCE_COLOR forces it)");
}

/** Repeatable options (`--rule a --rule b`) collect their values. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
