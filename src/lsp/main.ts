/** `klingc lsp --stdio`: the language server on the process's standard input and output. */
import { createConnection, StreamMessageReader, StreamMessageWriter } from "vscode-languageserver/node";
import { startServer } from "./server.js";

export function runLanguageServer(): void {
  const connection = createConnection(new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
  // stdout carries the protocol: anything else printed there would corrupt it.
  console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(" "));
  startServer(connection);
}
