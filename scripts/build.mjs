// Builds what the package runs: a bundled CLI (one CommonJS file, so start-up
// pays neither for resolving ~60 chevrotain modules nor for the ESM loader) with
// a V8 code cache beside it and the parts only some runs need apart, the library,
// and its type declarations.
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
if (!process.argv.includes("--cli-only")) rmSync("dist", { recursive: true, force: true });

const common = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  // ESM builds first: jsonc-parser's UMD build loads its parts with a dynamic require a bundle cannot follow.
  mainFields: ["module", "main"],
  logLevel: "warning",
};

// What only some runs of the CLI need is bundled apart and required when first used, so a
// compile or a lint does not parse and run it at start-up (see scripts/code-cache.cjs too).
// Subcommands the CLI reaches by import(): each is a bundle of its own. A bundle apart has its
// own copies of shared modules (classes too: an error it throws is not an instance of the CLI's
// UsageError), so only what reports its own errors is apart: the language server.
const APART = { "src/cli/lsp.ts": "lsp" };
// Packages only some runs use, by the chunk that holds them: Markdown storyboards (.md inputs),
// file-name globs and ignore files (lint's paths, config `files`), atomic writes (fixes, fmt),
// fal's client (render), progress bars (lint of many files on a terminal).
const LAZY_PACKAGES = {
  markdown: ["unified", "remark-parse"],
  files: ["picomatch", "picomatch/posix.js", "ignore", "write-file-atomic"],
  render: ["@fal-ai/client"],
  progress: ["cli-progress"],
};
// Node modules that modules in the bundle import but only some runs use (commander's executable
// subcommands spawn processes, which klingc's do not; render hashes requests and streams
// downloads; only runs of many files tune V8 and only runs of thousands start worker threads):
// required when first used.
const LAZY_BUILTINS = [
  "node:child_process",
  "node:crypto",
  "node:stream",
  "node:stream/promises",
  "node:tty",
  "node:v8",
  "node:worker_threads",
];

/** `import("./x.js")` of an APART entry becomes a require of its bundle (a real import() would not run in bin/'s vm.Script). */
const apart = {
  name: "apart",
  setup(b) {
    b.onResolve({ filter: /^\./ }, (args) => {
      if (args.namespace === "apart") return { path: args.path, external: true };
      if (args.kind !== "dynamic-import") return undefined;
      const entry = relative(
        process.cwd(),
        resolve(args.resolveDir, args.path.replace(/\.js$/, ".ts")),
      );
      return APART[entry] ? { path: APART[entry], namespace: "apart" } : undefined;
    });
    b.onLoad({ filter: /.*/, namespace: "apart" }, (args) => ({
      contents: `module.exports = require("./${args.path}.cjs");`,
      loader: "js",
    }));
  },
};

/** Bundles each chunk of LAZY_PACKAGES as dist/lazy/NAME.cjs; returns the stand-in module of each package and LAZY_BUILTINS module. */
async function buildLazyChunks() {
  const standIns = new Map();
  for (const [chunk, packages] of Object.entries(LAZY_PACKAGES)) {
    const outfile = `dist/lazy/${chunk}.cjs`;
    await build({
      ...common,
      format: "cjs",
      minify: true,
      stdin: {
        contents: `module.exports = {${packages.map((p) => `${JSON.stringify(p)}: require(${JSON.stringify(p)})`).join(", ")}};`,
        resolveDir: process.cwd(),
        loader: "js",
      },
      outfile,
    });
    const loaded = require(resolve(outfile));
    for (const name of packages)
      standIns.set(
        name,
        standIn(
          `require(${JSON.stringify(`./lazy/${chunk}.cjs`)})[${JSON.stringify(name)}]`,
          loaded[name],
        ),
      );
  }
  for (const name of LAZY_BUILTINS)
    standIns.set(name, standIn(`require(${JSON.stringify(name)})`, require(name)));
  return standIns;
}

/**
 * A module shaped like the package that requires its chunk on first use: importers read the
 * exports only when they use them. The CLI's sources are ESM in a "type": "module" package, so
 * esbuild gives them Node's interop: a default import is the module's exports object itself,
 * a named import one of its properties. So the stand-in is (a function forwarding to) the
 * package's default export, or an object, with a getter for each named export.
 */
function standIn(load, real) {
  const esm = real.__esModule === true;
  const main = esm ? real.default : real;
  const lines = [`"use strict";`, `const real = () => ${load};`];
  lines.push(
    typeof main === "function"
      ? `module.exports = function (...args) { const f = real()${esm ? ".default" : ""}; return new.target ? Reflect.construct(f, args, new.target) : f.apply(this, args); };`
      : "module.exports = {};",
  );
  for (const key of Object.keys(real)) {
    if (key === "__esModule" || (esm && key === "default")) continue;
    lines.push(
      `Object.defineProperty(module.exports, ${JSON.stringify(key)}, { get: () => real()[${JSON.stringify(key)}], enumerable: true });`,
    );
  }
  return lines.join("\n");
}

/**
 * chalk detects the terminal's colours when it is loaded (its default instance), which loads
 * node:tty and costs every start ~2 ms; klingc never uses that instance (makeChalk gives each
 * Chalk its level), so the CLI bundle gets chalk's browser detection, which does nothing in Node.
 */
const noColorDetection = {
  name: "no-color-detection",
  setup(b) {
    b.onResolve({ filter: /^#supports-color$/ }, (args) => ({
      path: resolve(args.resolveDir, "vendor/supports-color/browser.js"),
    }));
  },
};

/** Each LAZY_PACKAGES import in the CLI bundle resolves to its stand-in; the chunks stay outside it. */
function lazyPackages(standIns) {
  return {
    name: "lazy-packages",
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (args.namespace === "lazy-package") return { path: args.path, external: true };
        return standIns.has(args.path) ? { path: args.path, namespace: "lazy-package" } : undefined;
      });
      b.onLoad({ filter: /.*/, namespace: "lazy-package" }, (args) => ({
        contents: standIns.get(args.path),
        loader: "js",
      }));
    },
  };
}

/**
 * Makes the bundle ASCII and appends the build's id (a hash of the bundle) as its last line:
 * bin/klingc.cjs matches the code cache to it. esbuild escapes all but the characters of
 * regular expression literals (and comments); `\uXXXX` means the same there, in a `u`
 * regular expression too (a surrogate pair of escapes is one code point). V8 reads and keeps
 * an ASCII source as one byte a character, which makes every start cheaper.
 */
function finishBundle(file) {
  const text = readFileSync(file, "utf8").replace(/(\\?)([^\0-\x7f])/g, (_, backslash, char) => {
    // `\é` (an identity escape) would become `\\u00e9`, another regular expression: refuse it.
    if (backslash)
      throw new Error(`${file}: an escaped non-ASCII character (${char}) cannot be made ASCII`);
    return `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
  const id = createHash("sha256").update(text).digest("hex").slice(0, 16);
  writeFileSync(file, `${text}// klingc-build ${id}\n`);
}

const standIns = await buildLazyChunks();
await build({
  ...common,
  format: "cjs",
  entryPoints: { cli: "src/cli/main.ts" },
  outExtension: { ".js": ".cjs" },
  outdir: "dist",
  minify: true,
  plugins: [apart, lazyPackages(standIns), noColorDetection],
});
finishBundle("dist/cli.cjs");
for (const [entry, name] of Object.entries(APART)) {
  await build({
    ...common,
    format: "cjs",
    entryPoints: { [name]: entry },
    outExtension: { ".js": ".cjs" },
    outdir: "dist",
    minify: true,
  });
}
// V8 code cache for the bundle, taken after warm-up runs (see scripts/code-cache.cjs).
execFileSync(process.execPath, ["scripts/code-cache.cjs"], { stdio: "inherit" });

await build({
  ...common,
  entryPoints: { index: "src/index.ts" },
  outdir: "dist",
  packages: "external",
});

// `klingc/markdown`: storyboards and the remark plugin, apart so the core library carries no Markdown parser.
await build({
  ...common,
  entryPoints: { markdown: "src/markdown/index.ts" },
  outdir: "dist",
  packages: "external",
});

// `klingc/render`: the render add-on as its own entry, so the library stays free of I/O and of fal's client.
await build({
  ...common,
  entryPoints: { render: "src/render/index.ts" },
  outdir: "dist",
  packages: "external",
});

// `--cli-only`: what tests need, in well under a second: the real binary, and the package's
// JavaScript entries that the browser-bundle and example tests import by the package's name. No types.
if (process.argv.includes("--cli-only")) process.exit(0);

execFileSync(
  process.execPath,
  [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"],
  {
    stdio: "inherit",
  },
);
