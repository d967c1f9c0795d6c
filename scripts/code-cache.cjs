// Writes dist/cli.cjs.cache: V8's compiled code for the CLI bundle after one
// run on the given file, so `klingc` skips most parsing and compiling at
// start-up. bin/klingc.cjs uses it when V8 accepts it and ignores it otherwise.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { loadCli } = require("../bin/load-cli.cjs");

const sample = process.argv[2];
const argv = process.argv;
const write = { out: process.stdout.write, err: process.stderr.write };
process.argv = [argv[0], "klingc", sample];
process.stdout.write = () => true;
process.stderr.write = () => true;
let script;
try {
  script = loadCli({ cachedData: undefined });
} finally {
  process.stdout.write = write.out;
  process.stderr.write = write.err;
  process.argv = argv;
  process.exitCode = 0;
}
fs.writeFileSync(path.join(__dirname, "../dist/cli.cjs.cache"), script.createCachedData());
