"use strict";
// Runs dist/cli.cjs through vm.Script so a V8 code cache can be handed in.
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
const { createRequire } = require("node:module");

const file = path.join(__dirname, "../dist/cli.cjs");

function readCache() {
  try {
    return fs.readFileSync(`${file}.cache`);
  } catch {
    return undefined;
  }
}

/** Runs the CLI; returns the compiled script (the build asks it for a cache). */
function loadCli({ cachedData = readCache() } = {}) {
  const source = `(function (exports, require, module, __filename, __dirname) {${fs.readFileSync(file, "utf8")}\n})`;
  // A cache from another V8 or another build is rejected by V8 and simply not used.
  const script = new vm.Script(source, { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file));
  return script;
}

module.exports = { loadCli };
