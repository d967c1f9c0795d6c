/**
 * The tool subcommands (`fmt`, `migrate`, `explain`), each its own module,
 * behind the smallest dispatch: `run` hands them their arguments. Usage
 * errors and anything unexpected are one line and exit 2, as for the rest
 * of the command line.
 */
import { ConfigError } from "../config/config.js";
import { UsageError } from "../node/files.js";
import { runExplain } from "./explain.js";
import { runFmt } from "./fmt.js";
import { runMigrate } from "./migrate.js";
import type { Io } from "./run.js";

const TOOLS: Readonly<Record<string, (args: string[], io: Io) => number>> = { fmt: runFmt, migrate: runMigrate, explain: runExplain };

export function isTool(name: string | undefined): boolean {
  return name !== undefined && Object.hasOwn(TOOLS, name);
}

/** Runs `klingc NAME …` for a tool NAME; the exit code. */
export function runTool(name: string, args: string[], io: Io): number {
  const tool = TOOLS[name];
  if (!tool) throw new UsageError(`unknown command '${name}'`);
  try {
    return tool(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`klingc ${name}: ${error.message}\n${error.showHelp ? `Run 'klingc ${name} --help' for usage.\n` : ""}`);
      return 2;
    }
    if (error instanceof ConfigError) {
      io.err(`klingc ${name}: ${error.message}\n`);
      return 2;
    }
    io.err(`klingc ${name}: internal error: ${(error as Error).message ?? String(error)}\n`);
    return 2;
  }
}
