// Builds what the package runs: a bundled CLI (one file, so start-up does not
// pay for resolving ~60 chevrotain modules), the library, and its type declarations.
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

await build({
  ...common,
  entryPoints: { cli: "src/cli/main.ts" },
  outdir: "dist",
  minify: true,
  // chalk and friends are ESM; a require shim keeps any CJS dependency working in the bundle.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});

// `--cli-only`: what tests that run the real binary need, in well under a second.
if (process.argv.includes("--cli-only")) process.exit(0);

await build({
  ...common,
  entryPoints: { index: "src/index.ts" },
  outdir: "dist",
  packages: "external",
});

execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"], {
  stdio: "inherit",
});
