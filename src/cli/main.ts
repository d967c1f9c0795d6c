/** `klingc`: the process entry point. */
import { run, type Io } from "./run.js";

const io: Io = { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) };
process.exitCode = run(process.argv.slice(2), io);
