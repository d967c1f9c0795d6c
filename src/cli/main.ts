/** `klingc`: the process entry point. */
import { runCommand, type Io } from "./run.js";

const io: Io = { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) };
void Promise.resolve(runCommand(process.argv.slice(2), io)).then((code) => {
  process.exitCode = code;
});
