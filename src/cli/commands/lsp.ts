/**
 * `klingc lsp --stdio`: listed here so `klingc --help` names it and `klingc lsp
 * --help` explains it. A process whose first argument is `lsp` goes straight to
 * the server (src/cli/main.ts), before commander is built; this entry runs it
 * when the word comes later (`klingc --no-color lsp --stdio`) or in-process.
 */
import { LSP_USAGE, runLsp } from "../lsp.js";
import type { CliCommand } from "./command.js";

export const lsp: CliCommand = {
  name: "lsp",
  summary: "the language server for editors (LSP over standard input and output)",
  example: "klingc lsp --stdio",
  configure(command) {
    command.argument("[transport...]", "--stdio, the only transport").allowUnknownOption().allowExcessArguments();
    command.addHelpText("before", LSP_USAGE);
  },
  async action(args, _options, io) {
    const code = await runLsp(args, io.err);
    // null: the server is running, and its client's `exit` ends the process.
    return code ?? new Promise<number>(() => {});
  },
};
