// Writes dist/cli.cjs.cache: V8's compiled code for the CLI bundle, so `klingc`
// skips most parsing and compiling at start-up. bin/klingc.cjs uses it when V8
// accepts it and ignores it otherwise.
//
// The cache is taken from a compiled but never run script: a cache taken after a
// run (to hold the lazily compiled functions too) was accepted by Node 20's V8
// and then ran wrong code (a module binding read as undefined), so that path is
// not safe.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const file = path.join(__dirname, "../dist/cli.cjs");
const source = `(function (exports, require, module, __filename, __dirname) {${fs.readFileSync(file, "utf8")}\n})`;
const script = new vm.Script(source, { filename: file });
fs.writeFileSync(`${file}.cache`, script.createCachedData());
