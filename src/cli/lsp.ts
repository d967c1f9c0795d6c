/**
 * `klingc lsp --stdio`. The server and its protocol libraries are loaded only for this
 * subcommand, so compiling and linting do not pay for them at start-up.
 */
import { LSP_USAGE } from "./lsp-usage.js";

/** Starts the server, or prints usage and returns 2 when the transport is not --stdio. */
export async function runLsp(
  args: readonly string[],
  err: (text: string) => void,
): Promise<number | null> {
  if (args.length !== 1 || args[0] !== "--stdio") {
    err(`klingc: lsp takes --stdio (the only transport)\n${LSP_USAGE}`);
    return 2;
  }
  const { runLanguageServer } = await import("../lsp/main.js");
  runLanguageServer();
  // The server runs until the client sends `exit`, which ends the process.
  return null;
}
