// Builds what the package runs: a bundled CLI (one CommonJS file, so start-up
// pays neither for resolving ~60 chevrotain modules nor for the ESM loader) with
// a V8 code cache beside it, the library, and its type declarations.
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
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

// `klingc lsp` lives in its own bundle, required only by that subcommand: the language server's
// protocol libraries would otherwise be parsed on every compile and lint start.
const lspApart = {
  name: "lsp-apart",
  setup(b) {
    // A stand-in module that requires dist/lsp.cjs when `import("./lsp.js")` runs (a real import() would not run in bin/'s vm.Script).
    b.onResolve({ filter: /^\.\/lsp\.js$/, namespace: "file" }, (args) =>
      args.importer.endsWith("src/cli/main.ts") ? { path: "lsp", namespace: "lsp-apart" } : undefined,
    );
    b.onResolve({ filter: /^\.\/lsp\.cjs$/ }, () => ({ path: "./lsp.cjs", external: true }));
    b.onLoad({ filter: /.*/, namespace: "lsp-apart" }, () => ({ contents: 'module.exports = require("./lsp.cjs");', loader: "js" }));
  },
};
await build({
  ...common,
  format: "cjs",
  entryPoints: { cli: "src/cli/main.ts" },
  outExtension: { ".js": ".cjs" },
  outdir: "dist",
  minify: true,
  plugins: [lspApart],
});
await build({
  ...common,
  format: "cjs",
  entryPoints: { lsp: "src/cli/lsp.ts" },
  outExtension: { ".js": ".cjs" },
  outdir: "dist",
  minify: true,
});
// V8 code cache for the bundle (see scripts/code-cache.cjs for why it is taken before any run).
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

execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"], {
  stdio: "inherit",
});
