/** `klingc`: the process entry point. */
import { run, type Io } from "./run.js";

const io: Io = { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) };
const args = process.argv.slice(2);
if (args[0] === "lsp") {
  void import("./lsp.js").then(async ({ runLsp }) => {
    const code = await runLsp(args.slice(1), io.err);
    if (code !== null) process.exitCode = code;
  });
} else process.exitCode = run(args, io);
