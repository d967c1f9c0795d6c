/** `klingc fmt PATH…`: the formatter on files (stdout, `--check` or `--write`). */
import { format } from "../fmt/format.js";
import { formatMarkdown } from "../fmt/markdown.js";
import { isMarkdownFile } from "../markdown/storyboard.js";
import { hasErrors, type Diagnostic } from "../language/diagnostics.js";
import {
  expandPaths,
  fileErrorReason,
  isReadOnly,
  readSource,
  UsageError,
  writeAtomically,
} from "../node/files.js";
import { diagnosticLine, makeChalk } from "./style.js";
import type { Io } from "./commands/command.js";

interface FileOutcome {
  diagnostics: Diagnostic[];
  changed: boolean;
  failed: boolean;
}

export interface FmtFlags {
  check?: boolean | undefined;
  write?: boolean | undefined;
}

/** The command with its arguments parsed (commands/ declares them). */
export function fmtPaths(positionals: string[], values: FmtFlags, io: Io): number {
  if (values.check && values.write)
    throw new UsageError("--check and --write do not go together", { showHelp: true });
  if (positionals.length === 0) throw new UsageError("no input files", { showHelp: true });
  const files = expandPaths(positionals);
  const chalk = makeChalk(process.stderr);
  const outcomes = files.map((file) => fmtFile(file, files.length > 1, values, io));
  for (const d of outcomes.flatMap((o) => o.diagnostics)) io.err(`${diagnosticLine(d, chalk)}\n`);
  if (outcomes.some((o) => o.failed)) return 2;
  const changed = outcomes.filter((o) => o.changed).length;
  if (values.check && changed > 0)
    io.err(`klingc: ${changed} file${changed === 1 ? "" : "s"} would be reformatted\n`);
  if (hasErrors(outcomes.flatMap((o) => o.diagnostics))) return 1;
  return values.check && changed > 0 ? 1 : 0;
}

function fmtFile(file: string, many: boolean, flags: FmtFlags, io: Io): FileOutcome {
  const source = readSource(file);
  if (source.problem) return { diagnostics: [source.problem], changed: false, failed: true };
  // A storyboard is formatted inside its ```kp blocks only.
  const { output, diagnostics } = (isMarkdownFile(file) ? formatMarkdown : format)(source.text, {
    filename: file,
  });
  // A file with a syntax error is reported and left alone: no output, no write.
  if (hasErrors(diagnostics)) return { diagnostics, changed: false, failed: false };
  const changed = output !== source.text;
  if (flags.check) {
    if (changed) io.out(`${file}\n`);
  } else if (flags.write) {
    if (changed) return { diagnostics, changed, failed: !write(file, output, io) };
  } else io.out(many ? `# ${file}\n${output}` : output);
  return { diagnostics, changed, failed: false };
}

function write(file: string, output: string, io: Io): boolean {
  try {
    if (isReadOnly(file)) {
      io.err(`${file}: read-only, not formatted\n`);
      return true;
    }
    writeAtomically(file, output);
  } catch (error) {
    io.err(`${file}: not formatted: cannot write it (${fileErrorReason(error)})\n`);
    return false;
  }
  io.out(`${file}: formatted\n`);
  return true;
}
