/** `klingc fmt PATH…`: format .kp files (see src/cli/fmt.ts). */
import { fmtPaths } from "../fmt.js";
import type { CliCommand } from "./command.js";

export const fmt: CliCommand = {
  name: "fmt",
  summary: "format .kp files (stdout, --check or --write)",
  example: "klingc fmt --check scenes/",
  configure(command) {
    command.argument("[paths...]", "files, directories (every .kp below) and globs");
    command.option("--check", "name each file that would change (exit 1 when one would)");
    command.option("--write", "rewrite the files that change");
  },
  action: (args, options, io) =>
    fmtPaths(args, { check: options["check"] === true, write: options["write"] === true }, io),
};
