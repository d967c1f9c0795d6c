/** `klingc lsp --stdio`: the language server on the process's standard input and output. */
import {
  createConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from "vscode-languageserver/node";
import { startServer } from "./server.js";

export function runLanguageServer(): void {
  const connection = createConnection(
    new StreamMessageReader(process.stdin),
    new StreamMessageWriter(process.stdout),
  );
  let closed = false;
  const close = () => {
    closed = true;
  };
  connection.onExit(close);
  process.stdin.on("close", close);
  // stdout carries the protocol: anything else printed there would corrupt it.
  console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(" "));
  process.on("uncaughtException", (error) => {
    // The editor went away without `exit`: nothing is left to serve (LSP's code for that is 1).
    if (closed) process.exit(1);
    // Anything else is a bug of ours; say it once on stderr (editors show it) and keep serving.
    process.stderr.write(
      `klingc lsp: internal error: ${error instanceof Error ? error.message : String(error)}\n`,
    );
  });
  startServer(connection);
}
