/** `klingc`: the process entry point. */
import { runCommand, type Io } from "./run.js";

const io: Io = { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) };
const args = process.argv.slice(2);
if (args[0] === "lsp") {
  // Loaded only for this subcommand (its own bundle, dist/lsp.cjs), so other commands do not pay for it.
  void import("./lsp.js").then(async ({ runLsp }) => {
    const code = await runLsp(args.slice(1), io.err);
    if (code !== null) process.exitCode = code;
  });
} else {
  void Promise.resolve(runCommand(args, io)).then((code) => {
    process.exitCode = code;
  });
}
