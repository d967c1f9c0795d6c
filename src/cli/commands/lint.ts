/** `klingc lint PATH…`: lint files, directories and globs (or standard input), fix them, report in any format. */
import { formatNumber, type Diagnostic } from "../../language/diagnostics.js";
import type { LintConfig, LintOptions } from "../../lint/engine.js";
import type { AppliedFix } from "../../lint/fix.js";
import { dirname } from "node:path";
import { sameConfigThroughout } from "../../node/config-files.js";
import {
  expandPaths,
  fileErrorReason,
  isReadOnly,
  loadIgnore,
  UsageError,
  writeAtomically,
} from "../../node/files.js";
import { fixText, lintText } from "../check.js";
import {
  configFor,
  exitStatus,
  fileInput,
  flagSettings,
  readInput,
  reportTarget,
  stdinInput,
  wholeNumber,
  writeReport,
  type FlagSettings,
  type Input,
  type ReadOutcome,
} from "../common.js";
import { plural } from "../style.js";
import { mapInParallel, registerTask } from "../parallel.js";
import { tuneForManyFiles } from "../v8-tuning.js";
import type { FileReport } from "../formatters/index.js";
import type { CliCommand, Io, Options } from "./command.js";
import { addReportOptions, addTargetOptions, collect } from "./options.js";
import { isTerminal } from "../terminal.js";

/** Above this many files a terminal gets a progress bar (on stderr; never in CI or when stderr is not a terminal). */
export const PROGRESS_THRESHOLD = 50;

export function showsProgress(
  files: number,
  errIsTTY: boolean,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  return files > PROGRESS_THRESHOLD && errIsTTY && !env["CI"];
}

type ProgressLibrary = typeof import("cli-progress");

/**
 * cli-progress, loaded only when a bar is drawn: loading it at start-up cost
 * every run. The shipped bundle is CommonJS, so `require` loads it there;
 * run from the ESM sources (tests) there is no `require` and no bar.
 */
function progressLibrary(): ProgressLibrary | null {
  return typeof require === "function" ? (require("cli-progress") as ProgressLibrary) : null;
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
  const fixed = fixText(source, options);
  if (fixed.output === source) return { diagnostics: fixed.remaining, note: null, failed: false };
  try {
    if (isReadOnly(file))
      return {
        diagnostics: lintText(source, options),
        note: `${file}: read-only, not fixed`,
        failed: false,
      };
    writeAtomically(file, fixed.output);
  } catch (error) {
    return {
      diagnostics: lintText(source, options),
      note: `${file}: not fixed: cannot write it (${fileErrorReason(error)})`,
      failed: true,
    };
  }
  return { diagnostics: fixed.remaining, note: fixSummary(file, fixed.applied), failed: false };
}

/** `scene.kp: fixed 3 problems (legacy-endpoint ×1, no-cfg-scale ×2)`: rule ids in alphabetical order. */
function fixSummary(file: string, applied: readonly AppliedFix[]): string {
  const counts = new Map<string, number>();
  for (const { ruleId } of applied) counts.set(ruleId, (counts.get(ruleId) ?? 0) + 1);
  const ids = [...counts.keys()].sort();
  const what = ids.map((id) => `${id} ×${formatNumber(counts.get(id) ?? 0)}`).join(", ");
  return `${file}: fixed ${plural(applied.length, "problem")} (${what})`;
}

function withFinalNewline(text: string): string {
  return text === "" || text.endsWith("\n") ? text : `${text}\n`;
}

function inputsOf(paths: string[], options: Options): Input[] {
  if (options["stdin"]) {
    if (paths.length > 0)
      throw new UsageError("--stdin reads standard input: give no paths with it");
    return [stdinInput(options)];
  }
  if (options["stdinFilename"] !== undefined)
    throw new UsageError("--stdin-filename goes with --stdin");
  if (paths.length === 0) throw new UsageError("no input files", { showHelp: true });
  return expandPaths(paths, loadIgnore(options["ignorePath"] as string | undefined)).map(fileInput);
}

interface Run {
  options: Options;
  settings: FlagSettings;
  io: Io;
  /** Whether the fixed text goes to stdout rather than to the file. */
  printsFixedText: boolean;
  several: boolean;
  /** Directory → its files' config, where every file in it gets the same one. */
  configs: Map<string, LintConfig>;
}

/** One file's outcome: plain data, so a worker thread can hand it back. */
interface LintedFile {
  report: FileReport;
  failure?: string;
  writeFailed?: boolean;
  /** What --fix did to the file, in a line. */
  note?: string;
}

/** A file's config, resolved once per directory where the directory's files all get the same one. */
function lintConfigOf(input: Input, run: Run): LintConfig {
  // Keyed by the path as written (a folder written two ways is resolved twice, no harm done).
  const dir = dirname(input.configPath);
  const known = run.configs.get(dir);
  if (known) return known;
  const config = configFor(input.configPath, run.settings);
  if (sameConfigThroughout(dir, run.settings.cache)) run.configs.set(dir, config);
  return config;
}

/**
 * Lints files, each read before any is linted: reading them back to back costs
 * less than a read before each lint (~5% of the CPU of a 1,000-file lint).
 * The texts are kept either way, for the report.
 */
function lintAll(
  inputs: readonly Input[],
  run: Run,
  progress: (done: number) => void = () => {},
): LintedFile[] {
  const reads = inputs.map((input) => readInput(input, run.io));
  return inputs.map((input, i) => {
    const linted = lintInput(input, reads[i] as ReadOutcome, run);
    progress(1);
    return linted;
  });
}

function lintInput(input: Input, read: ReadOutcome, run: Run): LintedFile {
  const { options, io } = run;
  const lintOptions: LintOptions = {
    filename: input.name,
    config: lintConfigOf(input, run),
    reportUnusedDirectives: options["reportUnusedDisableDirectives"] === true,
  };
  if ("failure" in read)
    return { report: { filePath: input.name, diagnostics: [] }, failure: read.failure };
  if (read.problem) return { report: { filePath: input.name, diagnostics: [read.problem] } };
  const report = (diagnostics: Diagnostic[]): FileReport => ({
    filePath: input.name,
    diagnostics,
    source: read.text,
  });
  if (run.printsFixedText) {
    const fixed = fixText(read.text, lintOptions);
    io.out(run.several ? `# ${input.name}\n${withFinalNewline(fixed.output)}` : fixed.output);
    return { report: report(fixed.remaining) };
  }
  if (options["fix"]) {
    const fixed = fixFile(input.name, read.text, lintOptions);
    const linted: LintedFile = { report: report(fixed.diagnostics), writeFailed: fixed.failed };
    if (fixed.note) linted.note = fixed.note;
    return linted;
  }
  return { report: report(lintText(read.text, lintOptions)) };
}

function action(paths: string[], options: Options, io: Io): number {
  if (options["fix"] && options["fixDryRun"])
    throw new UsageError("--fix writes the files and --fix-dry-run prints them: give one");
  // Every flag is judged before any file is read or written.
  const settings = flagSettings(options);
  const maxWarnings = wholeNumber(options["maxWarnings"], "--max-warnings", 0);
  const inputs = inputsOf(paths, options);
  tuneForManyFiles(inputs.length);
  const printsFixedText =
    options["fixDryRun"] === true || (options["fix"] === true && options["stdin"] === true);
  // With the fixed text on stdout, the report goes to stderr.
  const stream = printsFixedText ? io.err : io.out;
  const streamIsTTY = printsFixedText ? (io.errIsTTY ?? isTerminal(2)) : isTerminal(1);
  const target = reportTarget(options, stream, streamIsTTY);
  const stylishHere = (options["format"] ?? "stylish") === "stylish" && !target.toFile;
  // Lines about files (fixed, not fixed) go with a stylish report, else to stderr.
  const note = stylishHere ? stream : io.err;
  const run: Run = {
    options,
    settings,
    io,
    printsFixedText,
    several: inputs.length > 1,
    configs: new Map(),
  };

  const errIsTTY = io.errIsTTY ?? isTerminal(2);
  const library = showsProgress(inputs.length, errIsTTY) ? progressLibrary() : null;
  const bar = library
    ? new library.SingleBar({
        stream: io.errStream ?? process.stderr,
        clearOnComplete: true,
        hideCursor: true,
        format: "klingc lint {bar} {value}/{total} files",
      })
    : null;
  bar?.start(inputs.length, 0);
  let linted: LintedFile[];
  try {
    // Printing the fixed text keeps to one thread: its order on stdout is the files' order.
    linted = printsFixedText
      ? lintAll(inputs, run)
      : mapInParallel(
          LINT_TASK,
          inputs,
          options,
          (share, progress) => lintAll(share, run, progress),
          (n) => bar?.increment(n),
        );
  } finally {
    bar?.stop();
  }

  for (const c of linted) if (c.note) note(`${c.note}\n`);
  for (const { failure } of linted) if (failure) io.err(`klingc: ${failure}\n`);
  const fileFailed = linted.some((c) => c.failure !== undefined || c.writeFailed === true);
  // --quiet hides warnings from the report; --max-warnings still counts them.
  const all = linted.flatMap((c) => c.report.diagnostics);
  const warnings = all.filter((d) => d.severity === "warning").length;
  const quiet = options["quiet"] === true;
  const reports = linted.map(({ report }) =>
    quiet
      ? { ...report, diagnostics: report.diagnostics.filter((d) => d.severity === "error") }
      : report,
  );
  writeReport(reports, options, target, true);
  const shown = reports.flatMap((r) => r.diagnostics);
  if (maxWarnings !== undefined && warnings > maxWarnings) {
    note(
      `klingc: ${plural(warnings, "warning")}, more than --max-warnings ${formatNumber(maxWarnings)}\n`,
    );
    return Math.max(1, exitStatus(shown, fileFailed));
  }
  return exitStatus(shown, fileFailed);
}

const LINT_TASK = "lint";

// A worker thread lints its share of the files as the main thread does, with the same options.
registerTask(LINT_TASK, (items, context) => {
  const options = context as Options;
  const io: Io = { out: () => {}, err: () => {} };
  const run: Run = {
    options,
    settings: flagSettings(options),
    io,
    printsFixedText: false,
    several: true,
    configs: new Map(),
  };
  return lintAll(items as Input[], run);
});

export const lint: CliCommand = {
  name: "lint",
  summary: "lint files, directories and globs (or standard input)",
  example: "klingc lint --format sarif -o klingc.sarif scenes/",
  configure(command) {
    command.argument("[paths...]", "files, directories (every .kp below) and globs");
    command.option(
      "--fix",
      "apply safe fixes and write the files (with --stdin: print the fixed text)",
    );
    command.option("--fix-dry-run", "print the fixed text instead of writing it");
    command.option(
      "--rule <id:severity>",
      "set a rule's severity (off, info, warn, error); repeatable",
      collect,
    );
    command.option("--max-warnings <n>", "exit 1 when there are more than N warnings");
    command.option("--quiet", "report errors only");
    command.option(
      "--report-unused-disable-directives",
      "report klingc-disable comments that silence nothing",
    );
    command.option("--stdin", "lint standard input");
    command.option(
      "--stdin-filename <name>",
      "the name standard input goes by (it picks the config and the Markdown mode)",
    );
    command.option(
      "--ignore-path <file>",
      "the ignore file (gitignore syntax; default: .klingcignore in the working folder)",
    );
    addTargetOptions(command);
    addReportOptions(command);
  },
  action,
};
