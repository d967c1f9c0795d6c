// Runs `klingc ARGS` (bin/klingc.cjs, the first argument) with standard output
// made non-blocking first, as a net.Socket over it makes it: a write to a full
// pipe then fails with EAGAIN instead of waiting.
"use strict";
new (require("node:net").Socket)({ fd: 1, readable: false });
const bin = require(process.argv[2]);
process.argv = [process.argv[0], process.argv[2], ...process.argv.slice(3)];
bin.runCli(bin.compileCli(bin.readSource()));
