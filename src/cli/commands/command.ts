/** What every subcommand module provides; commands/index.ts lists them, run.ts wires them to commander. */
import type { Command } from "commander";

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /** The whole of standard input (default: fd 0, read when a command asks for it). */
  readStdin?: () => Buffer;
  /** Whether stderr is a terminal (progress bars); default: process.stderr.isTTY. */
  errIsTTY?: boolean;
  /** Where a progress bar draws (default: process.stderr). */
  errStream?: NodeJS.WritableStream;
}

/** Parsed options as commander hands them over: plain values keyed by camel-cased flag names. */
export type Options = Record<string, unknown>;

export interface CliCommand {
  /** `klingc NAME …`; the main job (compile) has the name "" and runs when no subcommand is named. */
  name: string;
  /** One line for `klingc --help`. */
  summary: string;
  /** One example command line, shown by `klingc NAME --help`. */
  example: string;
  /** Declares the command's arguments and options. */
  configure: (command: Command) => void;
  /**
   * Runs the command and gives its exit code. Libraries only some commands
   * use (fal's client, the Markdown parser, progress bars) are bundled apart
   * by scripts/build.mjs and loaded when first used, so they cost nothing to
   * other commands' start-up; the language server is a bundle of its own.
   */
  action: (args: string[], options: Options, io: Io) => number | Promise<number>;
}
