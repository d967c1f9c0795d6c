#!/usr/bin/env node
"use strict";
// `klingc`: runs dist/cli.cjs through vm.Script so a V8 code cache can be handed in
// (one file: each further module would be one more resolution at every start).
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
const { createRequire } = require("node:module");

const file = path.join(__dirname, "../dist/cli.cjs");

/** The bundle's last line names its build (scripts/build.mjs); the cache's id file names the build it was made from. */
const BUILD_MARK = "// klingc-build ";

/** The bundle's text, wrapped as CommonJS wraps a module (the code cache is made for exactly this text). */
function readSource() {
  return `(function (exports, require, module, __filename, __dirname) {${fs.readFileSync(file, "utf8")}\n})`;
}

/**
 * The code cache, when it was made from this very build. V8 checks only the
 * source's length, and a cache of another build with the same length would run
 * that build's code: so the id the cache was made for must end the bundle.
 */
function readCache(source) {
  try {
    const id = fs.readFileSync(`${file}.cache-id`, "utf8");
    if (!source.endsWith(`${BUILD_MARK}${id}\n\n})`)) return undefined;
    return fs.readFileSync(`${file}.cache`);
  } catch {
    return undefined;
  }
}

/** Compiles the bundle (with `cachedData` when given: V8 uses it when it accepts it, else compiles as usual). */
function compileCli(source, cachedData) {
  return new vm.Script(source, { filename: file, cachedData });
}

/** Runs the compiled bundle: `klingc` with this process's arguments. */
function runCli(script) {
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file));
}

module.exports = { BUILD_MARK, file, readSource, compileCli, runCli };

/** The compiled bundle, or undefined when it cannot be read (reported in one line, exit code 2, as the CLI reports its failures). */
function loadCli() {
  try {
    const source = readSource();
    return compileCli(source, readCache(source));
  } catch (error) {
    process.stderr.write(
      `klingc: internal error: ${String(error instanceof Error ? error.message : error).split("\n")[0]}\n`,
    );
    process.exitCode = 2;
    return undefined;
  }
}

// Run as `klingc` (also in a worker thread of a lint run); scripts/code-cache.cjs requires this file for the functions above.
if (require.main === module) {
  const script = loadCli();
  if (script) runCli(script);
}
