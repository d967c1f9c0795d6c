/** `klingc lsp`'s usage line, shared by its help (in the CLI bundle) and the server's start (in its own bundle). */
export const LSP_USAGE =
  "Usage: klingc lsp --stdio   run the language server on standard input and output\n";
