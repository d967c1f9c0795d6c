/** `klingc FILE…` (the main job): prompts on stdout; budget lines and diagnostics on stderr. */
import type { CompileResult } from "../../emit/compile.js";
import type { CompiledScene } from "../../emit/scenes.js";
import type { Diagnostic } from "../../language/diagnostics.js";
import type { LintConfig } from "../../lint/engine.js";
import { readSource, UsageError } from "../../node/files.js";
import { compileText } from "../check.js";
import {
  configFor,
  exitStatus,
  fileInput,
  flagSettings,
  readInput,
  reportTarget,
  stdinInput,
  writeReport,
  type Input,
} from "../common.js";
import { budgetLine } from "../style.js";
import type { CliCommand, Io, Options } from "./command.js";
import { addReportOptions, addTargetOptions } from "./options.js";
import { tuneForManyFiles } from "../v8-tuning.js";
import { isTerminal } from "../terminal.js";

interface FileResult {
  file: string;
  source?: string;
  result: CompileResult;
}

function compileInput(
  input: Input,
  settings: ReturnType<typeof flagSettings>,
  io: Io,
  failures: string[],
): FileResult {
  const config = configFor(input.configPath, settings);
  const read = readInput(input, io);
  if ("failure" in read) {
    failures.push(read.failure);
    return { file: input.name, result: { scenes: [], diagnostics: [] } };
  }
  if (read.problem)
    return { file: input.name, result: { scenes: [], diagnostics: [read.problem] } };
  return {
    file: input.name,
    source: read.text,
    result: compileText(input.name, read.text, config),
  };
}

/** A file compiled and linted as `klingc FILE` does it (`klingc render` sends what this gives). An unreadable file is a usage error. */
export function compileAndLint(file: string, config: LintConfig): FileResult {
  const source = readSource(file);
  // A file that is not text compiles to nothing but its one file-level error.
  if (source.problem) return { file, result: { scenes: [], diagnostics: [source.problem] } };
  return { file, source: source.text, result: compileText(file, source.text, config) };
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

function inputsOf(files: string[], options: Options): Input[] {
  if (files.length === 0) throw new UsageError("no input files", { showHelp: true });
  const stdin = files.filter((f) => f === "-").length;
  if (stdin > 1) throw new UsageError("'-' (standard input) can be named once");
  if (stdin === 0 && options["stdinFilename"] !== undefined)
    throw new UsageError("--stdin-filename names standard input: give '-' as the file");
  return files.map((f) => (f === "-" ? stdinInput(options) : fileInput(f)));
}

function action(files: string[], options: Options, io: Io): number {
  if (options["json"] && options["format"] !== undefined)
    throw new UsageError("--json prints the compiled scenes; use it or --format, not both");
  const inputs = inputsOf(files, options);
  tuneForManyFiles(inputs.length);
  const settings = flagSettings(options);
  const failures: string[] = [];
  const results = inputs.map((input) => compileInput(input, settings, io, failures));
  for (const failure of failures) io.err(`klingc: ${failure}\n`);
  const scenes = results.flatMap(({ file, result }) =>
    result.scenes.map((scene) => ({ file, scene })),
  );
  const diagnostics: Diagnostic[] = results.flatMap((r) => r.result.diagnostics);
  if (options["json"]) {
    const json = { scenes: scenes.map(({ file, scene }) => ({ file, ...scene })), diagnostics };
    io.out(`${JSON.stringify(json, null, 2)}\n`);
    return exitStatus(diagnostics, failures.length > 0);
  }
  // A scene without a request gets no prompt and no budget line: only its diagnostics.
  const ready = scenes.map((s) => s.scene).filter((scene) => scene.request !== null);
  printPrompts(ready, scenes.length > 1, io);
  const width = Math.max(0, ...ready.map((scene) => scene.name.length));
  for (const scene of ready) io.err(`${budgetLine(scene, width)}\n`);
  const reports = results.map(({ file, source, result }) => ({
    filePath: file,
    diagnostics: result.diagnostics,
    ...(source === undefined ? {} : { source }),
  }));
  writeReport(reports, options, reportTarget(options, io.err, io.errIsTTY ?? isTerminal(2)), false);
  return exitStatus(diagnostics, failures.length > 0);
}

export const compile: CliCommand = {
  name: "",
  summary: "compile scenes: prompts on stdout, budget lines and diagnostics on stderr",
  example: "klingc --target veo-3.1 --budget 1500 scene.kp",
  configure(command) {
    command.argument("[files...]", "scene files, or - for standard input");
    command.option("--json", "print { scenes, diagnostics } as JSON on stdout");
    addTargetOptions(command);
    addReportOptions(command);
    command.option(
      "--stdin-filename <name>",
      "the name standard input goes by (it picks the config and the Markdown mode)",
    );
  },
  action,
};
