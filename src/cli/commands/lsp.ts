/**
 * `klingc lsp --stdio`: listed here so `klingc --help` names it and `klingc lsp
 * --help` explains it. A process whose first argument is `lsp` goes straight to
 * the server (src/cli/main.ts), before commander is built; this entry runs it
 * when the word comes later (`klingc --no-color lsp --stdio`) or in-process.
 */
import { LSP_USAGE } from "../lsp-usage.js";
import type { CliCommand } from "./command.js";

export const lsp: CliCommand = {
  name: "lsp",
  summary: "the language server for editors (LSP over standard input and output)",
  example: "klingc lsp --stdio",
  configure(command) {
    command
      .argument("[transport...]", "--stdio, the only transport")
      .allowUnknownOption()
      .allowExcessArguments();
    command.addHelpText("before", LSP_USAGE);
  },
  async action(args, _options, io) {
    // A dynamic import: the server is a bundle of its own (scripts/build.mjs), loaded only here.
    const { runLsp } = await import("../lsp.js");
    const code = await runLsp(args, io.err);
    // null: the server is running, and its client's `exit` ends the process.
    return code ?? new Promise<number>(() => {});
  },
};
