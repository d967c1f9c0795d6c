/** What the main job and `klingc lint` share: flags on top of configs, input, reports, exit codes. */
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import {
  mergeConfigs,
  parseRuleFlag,
  type ResolvedConfig,
  type RuleEntry,
} from "../config/config.js";
import { formatNumber, hasErrors, type Diagnostic } from "../language/diagnostics.js";
import { RULE_IDS, RULE_OPTIONS, type LintConfig } from "../lint/engine.js";
import { createConfigCache, resolveConfigFor, type ConfigCache } from "../node/config-files.js";
import {
  decodeSource,
  fileErrorReason,
  isNotTextProblem,
  readSource,
  UsageError,
  type Source,
} from "../node/files.js";
import { isTargetId, TARGET_IDS, type TargetId } from "../targets/profiles.js";
import type { Io, Options } from "./commands/command.js";
import { makeChalk } from "./style.js";
import { FORMAT_NAMES, FORMATTERS, type FileReport, type Formatter } from "./formatters/index.js";

/** A flag's value as the user typed it (commander hands over strings; anything else is shown as JSON). */
function flagText(value: unknown): string {
  return typeof value === "string" ? value : (JSON.stringify(value) ?? "");
}

export function wholeNumber(value: unknown, flag: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const text = flagText(value);
  if (!/^\d+$/.test(text) || Number(text) < min) {
    throw new UsageError(
      `${flag} takes a whole number${min > 0 ? ` of at least ${formatNumber(min)}` : ""}, not '${text}'`,
      { showHelp: true },
    );
  }
  return Number(text);
}

function targetFlag(value: unknown): TargetId | undefined {
  if (value === undefined) return undefined;
  const text = flagText(value);
  if (!isTargetId(text))
    throw new UsageError(`--target takes one of ${TARGET_IDS.join(", ")}, not '${text}'`, {
      showHelp: true,
    });
  return text;
}

/** What the command line says on top of every file's config, judged once before any file is read. */
export interface FlagSettings {
  rules: Record<string, RuleEntry>;
  target: TargetId | undefined;
  budget: number | undefined;
  cache: ConfigCache;
}

export function flagSettings(options: Options): FlagSettings {
  const rules: Record<string, RuleEntry> = {};
  for (const flag of (options["rule"] as string[] | undefined) ?? []) {
    const [id, entry] = parseRuleFlag(flag, RULE_IDS);
    rules[id] = entry;
  }
  return {
    rules,
    target: targetFlag(options["target"]),
    budget: wholeNumber(options["budget"], "--budget", 1),
    cache: createConfigCache(),
  };
}

/** The config in force for one file, with the command line's flags on top. */
export function configFor(file: string, settings: FlagSettings): LintConfig {
  const config: ResolvedConfig = mergeConfigs(
    resolveConfigFor(file, RULE_IDS, settings.cache, RULE_OPTIONS).config,
    { rules: settings.rules },
  );
  const result: LintConfig = { ...config };
  if (settings.target) result.target = settings.target;
  if (settings.budget !== undefined) result.budget = settings.budget;
  return result;
}

/** 2 when a file could not be read, checked as text or written, else 1 when an error is reported. */
export function exitStatus(diagnostics: readonly Diagnostic[], fileFailed = false): number {
  if (fileFailed || diagnostics.some(isNotTextProblem)) return 2;
  return hasErrors(diagnostics) ? 1 : 0;
}

/** The name standard input goes by when --stdin-filename gives none. */
export const STDIN_NAME = "<stdin>";

/** One input: a file's path, or standard input under the name that picks its config (and the Markdown mode). */
export interface Input {
  /** The name diagnostics carry. */
  name: string;
  /** Where to look for a config: the file itself, or a name in the working folder. */
  configPath: string;
  stdin: boolean;
}

export function fileInput(path: string): Input {
  return { name: path, configPath: path, stdin: false };
}

export function stdinInput(options: Options): Input {
  const name = (options["stdinFilename"] as string | undefined) ?? STDIN_NAME;
  return {
    name,
    configPath: resolve(name === STDIN_NAME ? join(process.cwd(), "stdin.kp") : name),
    stdin: true,
  };
}

/** An input that could not be read at all: one line for the user, and the run goes on. */
export type ReadOutcome = Source | { failure: string };

export function readInput(input: Input, io: Io): ReadOutcome {
  if (input.stdin) {
    try {
      return decodeSource(io.readStdin ? io.readStdin() : readFileSync(0), input.name);
    } catch (error) {
      return { failure: `cannot read standard input: ${fileErrorReason(error)}` };
    }
  }
  try {
    return readSource(input.name);
  } catch (error) {
    return { failure: (error as Error).message };
  }
}

export function formatterFor(options: Options): Formatter {
  const name = (options["format"] as string | undefined) ?? "stylish";
  const formatter = FORMATTERS[name];
  if (!formatter)
    throw new UsageError(`--format takes one of ${FORMAT_NAMES.join(", ")}, not '${name}'`, {
      showHelp: true,
    });
  return formatter;
}

/** Where the report goes: -o FILE, else the stream the command names. */
export interface ReportTarget {
  write: (text: string) => void;
  isTTY: boolean;
  /** Whether it is the report's own file (then other lines go elsewhere). */
  toFile: boolean;
}

export function reportTarget(
  options: Options,
  write: (text: string) => void,
  isTTY: boolean,
): ReportTarget {
  const file = options["output"] as string | undefined;
  if (file === undefined) return { write, isTTY, toFile: false };
  return {
    write: (text) => {
      try {
        writeFileSync(file, text);
      } catch (error) {
        throw new UsageError(`cannot write the report to '${file}': ${fileErrorReason(error)}`);
      }
    },
    isTTY: false,
    toFile: true,
  };
}

export function writeReport(
  reports: readonly FileReport[],
  options: Options,
  target: ReportTarget,
  summary: boolean,
): void {
  const text = formatterFor(options)(reports, {
    chalk: makeChalk(target, options),
    cwd: process.cwd(),
    summary,
  });
  if (text !== "" || target.toFile) target.write(text);
}
