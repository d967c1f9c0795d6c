/** `klingc`: the process entry point (or, in a worker thread it started, a share of a lint run). */
import { serveWorker } from "./parallel.js";
import { failure, runCommand, type Io } from "./run.js";
import { writeAll } from "./terminal.js";

function main(): void {
  const io: Io = { out: (text) => writeAll(1, text), err: (text) => writeAll(2, text) };
  let failed = false;
  process.on("uncaughtException", (error) => {
    // Once only: reporting the failure must not fail again in a loop.
    if (failed) process.exit(2);
    failed = true;
    process.exitCode = failure(error, io);
  });
  const args = process.argv.slice(2);
  if (args[0] === "lsp" && args[1] === "--stdio" && args.length === 2) {
    // Loaded only for this subcommand (its own bundle, dist/lsp.cjs), so other commands do not pay for it;
    // straight to the server, as an editor starts it (any other `lsp` line, --help too, goes through commander).
    void import("./lsp.js").then(async ({ runLsp }) => {
      const code = await runLsp(args.slice(1), io.err);
      if (code !== null) process.exitCode = code;
    });
    return;
  }
  const code = runCommand(args, io);
  if (typeof code === "number") process.exitCode = code;
  else void code.then((c) => (process.exitCode = c));
}

if (!serveWorker()) main();
