/** The command line's logic; `main.ts` wires it to the process. All file and terminal I/O lives under src/cli and src/node. */
import { parseArgs } from "node:util";
import { compileRun, type CompileResult } from "../emit/compile.js";
import pkg from "../../package.json" with { type: "json" };
import { ConfigError, mergeConfigs, parseRuleFlag, type ResolvedConfig, type RuleEntry } from "../config/config.js";
import type { CompiledScene } from "../emit/scenes.js";
import { compareDiagnostics, hasErrors, type Diagnostic } from "../language/diagnostics.js";
import { lintCompiled, RULE_IDS, RULE_OPTIONS, type LintConfig, type LintOptions } from "../lint/engine.js";
import type { AppliedFix } from "../lint/fix.js";
import { checkStoryboard, fixByName as fix, isMarkdownFile, lintByName as lint } from "../markdown/storyboard.js";
import { createConfigCache, resolveConfigFor } from "../node/config-files.js";
import { expandPaths, fileErrorReason, isNotTextProblem, isReadOnly, readSource, UsageError, writeAtomically } from "../node/files.js";
import { isTargetId, TARGET_IDS, type TargetId } from "../targets/profiles.js";
import { budgetLine, formatDiagnostic, makeChalk, summaryLine } from "./format.js";
import { isTool, runTool } from "./tools.js";

const USAGE = `Usage:
  klingc [options] FILE…        compile scenes: prompts on stdout, budget and diagnostics on stderr
  klingc lint [options] PATH…   lint files, directories and globs
  klingc render FILE --out DIR  render the scenes on fal's queue (klingc render --help)
  klingc fmt [--check|--write] PATH…   format .kp files (klingc fmt --help)
  klingc migrate FILE.json      Kling V3 request bodies → O3 requests (klingc migrate --help)
  klingc explain FILE…          where each scene's budget goes (klingc explain --help)

Options:
  --json                 (compile) print { scenes, diagnostics } as JSON
  --target T             default target: ${TARGET_IDS.join(", ")}
  --budget N             default packing budget in characters
  --fix                  (lint) apply safe fixes and write the files
  --fix-dry-run          (lint) print the fixed text instead of writing it
  --rule id:severity     (lint) set a rule's severity (off, info, warn, error); repeatable
  --max-warnings N       (lint) exit 1 when there are more than N warnings
  --quiet                (lint) report errors only
  --report-unused-disable-directives  (lint) report klingc-disable comments that silence nothing
  -h, --help             show this help
  --version              print the version
`;

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const OPTIONS = {
  json: { type: "boolean" },
  target: { type: "string" },
  budget: { type: "string" },
  fix: { type: "boolean" },
  "fix-dry-run": { type: "boolean" },
  rule: { type: "string", multiple: true },
  "max-warnings": { type: "string" },
  quiet: { type: "boolean" },
  "report-unused-disable-directives": { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean" },
} as const;

type Flags = ReturnType<typeof parseFlags>["values"];

function parseFlags(args: string[]) {
  try {
    return parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.split("\n")[0] ?? "bad arguments", { showHelp: true });
  }
}

function wholeNumber(value: string | undefined, flag: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min) {
    throw new UsageError(`${flag} takes a whole number${min > 0 ? ` of at least ${min}` : ""}, not '${value}'`, { showHelp: true });
  }
  return Number(value);
}

function targetFlag(value: string | undefined): TargetId | undefined {
  if (value === undefined) return undefined;
  if (!isTargetId(value)) throw new UsageError(`--target takes one of ${TARGET_IDS.join(", ")}, not '${value}'`, { showHelp: true });
  return value;
}

/** What the command line says on top of every file's config, judged once before any file is read. */
interface FlagSettings {
  rules: Record<string, RuleEntry>;
  target: TargetId | undefined;
  budget: number | undefined;
}

function flagSettings(flags: Flags): FlagSettings {
  const rules: Record<string, RuleEntry> = {};
  for (const flag of flags.rule ?? []) {
    const [id, entry] = parseRuleFlag(flag, RULE_IDS);
    rules[id] = entry;
  }
  return { rules, target: targetFlag(flags.target), budget: wholeNumber(flags.budget, "--budget", 1) };
}

/** The config in force for one file, with the command line's flags on top. */
function configFor(file: string, settings: FlagSettings, cache: ReturnType<typeof createConfigCache>): LintConfig {
  const config: ResolvedConfig = mergeConfigs(resolveConfigFor(file, RULE_IDS, cache, RULE_OPTIONS).config, { rules: settings.rules });
  const result: LintConfig = { ...config };
  if (settings.target) result.target = settings.target;
  if (settings.budget !== undefined) result.budget = settings.budget;
  return result;
}

interface FileResult {
  file: string;
  result: CompileResult;
}

/**
 * Compiles a file and lints the same compiled scenes (one parse): the lint
 * findings, plus what only compiling says (`no-request`).
 */
export function compileAndLint(file: string, config: LintConfig): FileResult {
  const source = readSource(file);
  // A file that is not text compiles to nothing but its one file-level error.
  if (source.problem) return { file, result: { scenes: [], diagnostics: [source.problem] } };
  const check = (text: string): CompileResult => {
    const run = compileRun(text, { filename: file, config });
    const linted = lintCompiled(run.source, run.built, { filename: file, config: run.config });
    const compileOnly = run.result.diagnostics.filter((d) => d.ruleId === "no-request");
    return { scenes: run.result.scenes, diagnostics: [...linted, ...compileOnly].sort(compareDiagnostics) };
  };
  // A Markdown storyboard: its ```kp blocks are checked as one file, the positions put back in the Markdown.
  return { file, result: isMarkdownFile(file) ? checkStoryboard(source.text, check) : check(source.text) };
}

function runCompile(files: string[], flags: Flags, settings: FlagSettings, io: Io): number {
  const cache = createConfigCache();
  const results: FileResult[] = files.map((file) => compileAndLint(file, configFor(file, settings, cache)));
  const scenes = results.flatMap(({ file, result }) => result.scenes.map((scene) => ({ file, scene })));
  const diagnostics = results.flatMap((r) => r.result.diagnostics);
  if (flags.json) {
    const json = { scenes: scenes.map(({ file, scene }) => ({ file, ...scene })), diagnostics };
    io.out(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    // A scene without a request gets no prompt and no budget line: only its diagnostics.
    const ready = scenes.map((s) => s.scene).filter((scene) => scene.request !== null);
    printPrompts(ready, scenes.length > 1, io);
    const chalk = makeChalk(process.stderr);
    const width = Math.max(0, ...ready.map((scene) => scene.name.length));
    for (const scene of ready) io.err(`${budgetLine(scene, width)}\n`);
    for (const d of diagnostics) io.err(`${formatDiagnostic(d, chalk)}\n`);
  }
  return exitStatus(diagnostics);
}

/** 2 when a file could not be read as text or written (like an unreadable file), else 1 when an error is reported. */
function exitStatus(diagnostics: readonly Diagnostic[], fileFailed = false): number {
  if (fileFailed || diagnostics.some(isNotTextProblem)) return 2;
  return hasErrors(diagnostics) ? 1 : 0;
}

function printPrompts(scenes: CompiledScene[], headers: boolean, io: Io): void {
  for (const scene of scenes) {
    if (scene.shots) {
      scene.shots.forEach((shot, i) => {
        const duration = shot.duration === null ? "" : ` (${shot.duration}s)`;
        io.out(`# scene ${scene.name}, shot ${shot.name ?? i + 1}${duration}\n${shot.prompt}\n`);
      });
      continue;
    }
    if (headers) io.out(`# scene ${scene.name}\n`);
    io.out(`${scene.prompt ?? ""}\n`);
  }
}

function runLint(files: string[], flags: Flags, settings: FlagSettings, io: Io): number {
  const cache = createConfigCache();
  const chalk = makeChalk(process.stdout);
  const all: Diagnostic[] = [];
  let warnings = 0;
  // With --fix-dry-run, stdout carries the fixed text; the report goes to stderr.
  const print = flags["fix-dry-run"] ? io.err : io.out;
  let writeFailed = false;
  for (const file of files) {
    const source = readSource(file);
    const options = { filename: file, config: configFor(file, settings, cache), reportUnusedDirectives: flags["report-unused-disable-directives"] ?? false };
    let diagnostics: Diagnostic[];
    if (source.problem) diagnostics = [source.problem];
    else if (flags["fix-dry-run"]) {
      const fixed = fix(source.text, options);
      diagnostics = fixed.remaining;
      io.out(files.length > 1 ? `# ${file}\n${withFinalNewline(fixed.output)}` : fixed.output);
    } else if (flags.fix) {
      const fixed = fixFile(file, source.text, options);
      diagnostics = fixed.diagnostics;
      if (fixed.note) print(`${fixed.note}\n`);
      writeFailed ||= fixed.failed;
    } else diagnostics = lint(source.text, options);
    // --quiet hides warnings from the report; --max-warnings still counts them.
    warnings += diagnostics.filter((d) => d.severity === "warning").length;
    const shown = flags.quiet ? diagnostics.filter((d) => d.severity === "error") : diagnostics;
    all.push(...shown);
    for (const d of shown) print(`${formatDiagnostic(d, chalk)}\n`);
  }
  if (all.length > 0) print(`${summaryLine(all)}\n`);
  const maxWarnings = wholeNumber(flags["max-warnings"], "--max-warnings", 0);
  if (maxWarnings !== undefined && warnings > maxWarnings) {
    print(`klingc: ${warnings} warnings, more than --max-warnings ${maxWarnings}\n`);
    return Math.max(1, exitStatus(all, writeFailed));
  }
  return exitStatus(all, writeFailed);
}

interface FileFix {
  /** What is left to report: the problems of the text now on disk. */
  diagnostics: Diagnostic[];
  /** One line for the user: what was fixed, or why nothing was written. */
  note: string | null;
  failed: boolean;
}

/** --fix on one file. A read-only file is left alone and a failed write is reported; either way the run goes on. */
function fixFile(file: string, source: string, options: LintOptions): FileFix {
  const fixed = fix(source, options);
  if (fixed.output === source) return { diagnostics: fixed.remaining, note: null, failed: false };
  try {
    if (isReadOnly(file)) return { diagnostics: lint(source, options), note: `${file}: read-only, not fixed`, failed: false };
    writeAtomically(file, fixed.output);
  } catch (error) {
    return { diagnostics: lint(source, options), note: `${file}: not fixed: cannot write it (${fileErrorReason(error)})`, failed: true };
  }
  return { diagnostics: fixed.remaining, note: fixSummary(file, fixed.applied), failed: false };
}

/** `scene.kp: fixed 3 problems (legacy-endpoint ×1, no-cfg-scale ×2)`: rule ids in alphabetical order. */
function fixSummary(file: string, applied: readonly AppliedFix[]): string {
  const counts = new Map<string, number>();
  for (const { ruleId } of applied) counts.set(ruleId, (counts.get(ruleId) ?? 0) + 1);
  const ids = [...counts.keys()].sort();
  const what = ids.map((id) => `${id} ×${counts.get(id)}`).join(", ");
  return `${file}: fixed ${applied.length} problem${applied.length === 1 ? "" : "s"} (${what})`;
}

function withFinalNewline(text: string): string {
  return text === "" || text.endsWith("\n") ? text : `${text}\n`;
}

export function run(argv: string[], io: Io): number {
  try {
    const lintMode = argv[0] === "lint";
    const { values, positionals } = parseFlags(lintMode ? argv.slice(1) : argv);
    if (values.help) {
      io.out(USAGE);
      return 0;
    }
    if (values.version) {
      io.out(`klingc ${pkg.version}\n`);
      return 0;
    }
    if (positionals.length === 0) throw new UsageError("no input files", { showHelp: true });
    const lintOnly = ["fix", "fix-dry-run", "rule", "max-warnings", "quiet", "report-unused-disable-directives"] as const;
    if (!lintMode) {
      const misplaced = lintOnly.find((k) => values[k] !== undefined);
      if (misplaced) throw new UsageError(`--${misplaced} belongs to 'klingc lint'`);
    } else if (values.json) throw new UsageError("--json belongs to the compile command, not 'klingc lint'");
    // Every flag is judged before any file is read or written.
    const settings = flagSettings(values);
    wholeNumber(values["max-warnings"], "--max-warnings", 0);
    const files = lintMode ? expandPaths(positionals) : positionals;
    return lintMode ? runLint(files, values, settings, io) : runCompile(files, values, settings, io);
  } catch (error) {
    return failure(error, io);
  }
}

/** Every command: `klingc render` works over the network, so its exit code comes as a promise (its code is loaded only then). */
export function runCommand(argv: string[], io: Io): number | Promise<number> {
  if (isTool(argv[0])) return runTool(argv[0] as string, argv.slice(1), io);
  if (argv[0] !== "render") return run(argv, io);
  return import("./render.js").then((m) => m.runRender(argv.slice(1), io)).catch((error: unknown) => failure(error, io));
}

/** The exit code and one line for an error that ends a command: never a stack trace. */
function failure(error: unknown, io: Io): number {
  if (error instanceof UsageError) {
    const help = error.message === "no input files" ? USAGE : error.showHelp ? "Run 'klingc --help' for usage.\n" : "";
    io.err(`klingc: ${error.message}\n${help}`);
    return 2;
  }
  if (error instanceof ConfigError) {
    io.err(`klingc: ${error.message}\n`);
    return 2;
  }
  // Never a stack trace for the user; the message is enough to report it.
  io.err(`klingc: internal error: ${(error as Error).message ?? String(error)}\n`);
  return 2;
}
