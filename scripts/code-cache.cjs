// Writes dist/cli.cjs.cache, V8's compiled code for the CLI bundle, and
// dist/cli.cjs.cache-id, the build it was made from (bin/klingc.cjs uses the
// cache only for that build: V8 itself checks no more than the source's length).
//
// The cache is taken after warm-up runs of the bundle in this process, so it
// holds the functions a compile or a lint of one file runs: a cache of the
// never-run script holds the top level only, and every function a run calls is
// then parsed and compiled again at each start. The warm-up never reads an
// older cache (the old files are removed first, and the script is compiled
// without one): code compiled from another build must never be carried over.
"use strict";
const fs = require("node:fs");
const { BUILD_MARK, file, readSource, compileCli, runCli } = require("../bin/klingc.cjs");

/**
 * What the warm-up runs (`klingc ARGS`): the main job and lint on the shipped example, and lint
 * of a folder of 70 files (walking folders, configs per folder, many reports: ~10% of the CPU
 * of a 1,000-file lint went to compiling those functions at each run).
 */
const WARM_UPS = [
  ["fixtures/ugc-ad.kp"],
  ["lint", "fixtures/ugc-ad.kp"],
  ["lint", "fixtures/language"],
];

function writeAtomically(target, data) {
  fs.writeFileSync(`${target}.tmp`, data);
  fs.renameSync(`${target}.tmp`, target);
}

/**
 * Runs `klingc ARGS` in this process with its output dropped; the exit code it set is cleared.
 * The CLI writes to descriptors 1 and 2 with fs.writeSync (src/cli/terminal.ts), and Node's
 * streams where a descriptor cannot take a write at once: both are muted.
 */
function warmUp(script, args) {
  const saved = {
    argv: process.argv,
    writeSync: fs.writeSync,
    out: process.stdout.write,
    err: process.stderr.write,
  };
  process.argv = [saved.argv[0], file, ...args];
  fs.writeSync = (fd, data, ...rest) =>
    fd === 1 || fd === 2 ? Buffer.byteLength(data) : saved.writeSync(fd, data, ...rest);
  process.stdout.write = () => true;
  process.stderr.write = () => true;
  try {
    runCli(script);
  } finally {
    fs.writeSync = saved.writeSync;
    process.stdout.write = saved.out;
    process.stderr.write = saved.err;
    process.argv = saved.argv;
    process.exitCode = undefined;
  }
}

fs.rmSync(`${file}.cache-id`, { force: true });
fs.rmSync(`${file}.cache`, { force: true });
const source = readSource();
const id = new RegExp(`${BUILD_MARK}(\\w+)\\n\\n\\}\\)$`).exec(source)?.[1];
if (id === undefined)
  throw new Error(`${file} does not end with its build id (scripts/build.mjs stamps it)`);
const script = compileCli(source, undefined);
for (const args of WARM_UPS) warmUp(script, args);
writeAtomically(`${file}.cache`, script.createCachedData());
writeAtomically(`${file}.cache-id`, id);
