/**
 * The command line's logic; `main.ts` wires it to the process. commander
 * parses the arguments of the commands in commands/index.ts; every way a run
 * can fail ends here as an exit code and one line, never a stack trace
 * (KLINGC_DEBUG=1 adds the stack, for a bug report).
 */
import { statSync } from "node:fs";
import { Command, CommanderError, type Option } from "commander";
import pkg from "../../package.json" with { type: "json" };
import { ConfigError } from "../config/config.js";
import { didYouMean } from "../language/suggest.js";
import { UsageError } from "../node/files.js";
import type { CliCommand, Io } from "./commands/command.js";
import { COMMANDS } from "./commands/index.js";

export type { CliCommand, Io };

const HELP_HINT = "Run 'klingc --help' for usage.\n";

function examples(): string {
  return `\nExamples:\n${COMMANDS.map((c) => `  ${c.example}`).join("\n")}\n`;
}

/** The program: the main job's options on the program itself, each other command a subcommand. */
function buildProgram(io: Io, done: (code: number | Promise<number>) => void): Command {
  const program = new Command("klingc")
    .exitOverride()
    // Our own messages replace commander's (see commanderFailure); help and --version still print.
    .configureOutput({ writeOut: io.out, writeErr: () => {}, outputError: () => {} })
    .enablePositionalOptions()
    .version(`klingc ${pkg.version}`, "--version", "print the version")
    .helpOption("-h, --help", "show help")
    .helpCommand("help [command]", "show help for a command");
  for (const spec of COMMANDS) {
    const command = spec.name === "" ? program : program.command(spec.name);
    command.description(spec.summary);
    spec.configure(command);
    command.addHelpText("after", spec.name === "" ? examples() : `\nExample:\n  ${spec.example}\n`);
    command.action((...params: unknown[]) => {
      const self = params.at(-1) as Command;
      done(spec.action(self.args, self.opts(), io));
    });
  }
  return program;
}

/** A word that is not a path but is close to a command's name: `klingc lnit scenes/`. */
function commandTypo(argv: readonly string[]): void {
  const first = argv[0];
  const names = COMMANDS.map((c) => c.name).filter((n) => n !== "");
  if (
    first === undefined ||
    first.startsWith("-") ||
    names.includes(first) ||
    /[./\\*?]/.test(first)
  )
    return;
  if (statSync(first, { throwIfNoEntry: false })) return;
  const near = didYouMean(first, names);
  if (near)
    throw new UsageError(`unknown command '${first}'; did you mean 'klingc ${near}'?`, {
      showHelp: true,
    });
}

/** The command an argument list runs: the first word naming a subcommand, else the program. */
function commandOf(program: Command, argv: readonly string[]): Command {
  const word = argv.find((a) => !a.startsWith("-"));
  return program.commands.find((c) => c.name() === word) ?? program;
}

function longNames(command: Command): string[] {
  return command.options.map((o: Option) => o.long).filter((l): l is string => l !== undefined);
}

/** commander's errors in klingc's words: what was wrong, and the nearest right thing. */
function commanderFailure(
  error: CommanderError,
  program: Command,
  argv: readonly string[],
): UsageError {
  const quoted = /'([^']*)'/.exec(error.message)?.[1] ?? "";
  if (error.code === "commander.unknownOption") {
    const command = commandOf(program, argv);
    const flag = quoted.split("=")[0] ?? quoted;
    const near = didYouMean(flag, longNames(command));
    if (near)
      return new UsageError(`unknown option '${flag}'; did you mean '${near}'?`, {
        showHelp: true,
      });
    const owner = [program, ...program.commands].find(
      (c) => c !== command && longNames(c).includes(flag),
    );
    if (owner)
      return new UsageError(
        `${flag} belongs to ${owner === program ? "the main job ('klingc FILE')" : `'klingc ${owner.name()}'`}`,
        { showHelp: true },
      );
    return new UsageError(`unknown option '${flag}'`, { showHelp: true });
  }
  if (error.code === "commander.optionMissingArgument")
    return new UsageError(`${quoted.split(" ")[0]} needs a value`, { showHelp: true });
  return new UsageError(error.message.replace(/^error: /, ""), { showHelp: true });
}

/** The exit code and one line for an error that ends a command: never a stack trace unless KLINGC_DEBUG=1 asks. */
export function failure(error: unknown, io: Io, usage = ""): number {
  if (process.env["KLINGC_DEBUG"] === "1" && error instanceof Error && error.stack)
    io.err(`${error.stack}\n`);
  if (error instanceof UsageError) {
    const help = error.message === "no input files" ? usage : error.showHelp ? HELP_HINT : "";
    io.err(`klingc: ${error.message}\n${help}`);
    return 2;
  }
  if (error instanceof ConfigError) {
    io.err(`klingc: ${error.message}\n`);
    return 2;
  }
  // The message is enough to report it; KLINGC_DEBUG=1 shows where it came from.
  const message = error instanceof Error ? error.message : String(error);
  io.err(`klingc: internal error: ${message}\n`);
  return 2;
}

/** Runs any command: a command that works over the network gives its exit code as a promise. */
export function runCommand(argv: string[], io: Io): number | Promise<number> {
  let code = 0 as number | Promise<number>;
  const program = buildProgram(io, (result) => {
    code = result;
  });
  const usage = (): string => commandOf(program, argv).helpInformation();
  try {
    commandTypo(argv);
    program.parse(argv, { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0;
      return failure(commanderFailure(error, program, argv), io);
    }
    return failure(error, io, usage());
  }
  const result = code;
  return typeof result === "number"
    ? result
    : result.catch((error: unknown) => failure(error, io, usage()));
}

/** The commands that finish synchronously (the main job, lint): their exit code. */
export function run(argv: string[], io: Io): number {
  const code = runCommand(argv, io);
  if (typeof code !== "number") throw new Error("this command runs asynchronously: use runCommand");
  return code;
}
