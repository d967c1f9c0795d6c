/**
 * Every command, in the order `klingc --help` lists them; the main job
 * (compile, with no name) first. A new subcommand is one module in this
 * folder and one line here.
 */
import type { CliCommand } from "./command.js";
import { compile } from "./compile.js";
import { explain } from "./explain.js";
import { fmt } from "./fmt.js";
import { lint } from "./lint.js";
import { lsp } from "./lsp.js";
import { migrate } from "./migrate.js";
import { render } from "./render.js";

export const COMMANDS: readonly CliCommand[] = [compile, lint, fmt, explain, migrate, render, lsp];
