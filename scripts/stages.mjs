// node scripts/stages.mjs [FILE.kp] [--runs N] [--only analyze,emit,compile]
//
// Times what `compile` does after parsing, so the parser's cost does not hide
// it: the library is bundled from src/ with `parse` answered from a cache (the
// file is parsed once), and for "emit" with `analyze` cached too. Prints ms of
// CPU (user + system; medians and minimums of --runs runs) for
//   analyze  analysis alone (the parse is cached),
//   emit     packing, requests and compile's diagnostics (analysis cached),
//   compile  the public compile without its parse (analysis + emit).
// Without FILE, the bench's generated 5 MB project (scripts/bench.mjs).
// Profile a stage with: node --cpu-prof scripts/stages.mjs --only emit
import { build } from "esbuild";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { generateProject } from "./bench-project.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const runs = Number(option("--runs", 9));
const only = new Set(option("--only", "analyze,emit,compile").split(","));
const file = args.find((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--"));

const dir = mkdtempSync(join(tmpdir(), "klingc-stages-"));
const src = (path) => JSON.stringify(join(root, path));
writeFileSync(
  join(dir, "cached-parse.ts"),
  `import { parse as parseOnce } from ${src("src/language/parse.ts")};
export * from ${src("src/language/parse.ts")};
const cache = new Map();
export function parse(source, options) {
  const key = JSON.stringify(options ?? {});
  let bySource = cache.get(source);
  if (!bySource) cache.set(source, (bySource = new Map()));
  if (!bySource.has(key)) bySource.set(key, parseOnce(source, options));
  return bySource.get(key);
}`,
);
writeFileSync(
  join(dir, "cached-analyze.ts"),
  `import { analyze as analyzeOnce } from ${src("src/language/analyze.ts")};
export * from ${src("src/language/analyze.ts")};
const cache = new Map();
export function analyze(source, options) {
  if (!globalThis.klingcStagesCacheAnalysis) return analyzeOnce(source, options);
  if (!cache.has(source)) cache.set(source, analyzeOnce(source, options));
  return cache.get(source);
}`,
);
writeFileSync(
  join(dir, "entry.ts"),
  `export { compile } from ${src("src/index.ts")};
export { analyze } from ${src("src/language/analyze.ts")};`,
);
await build({
  entryPoints: [join(dir, "entry.ts")],
  outfile: join(dir, "stages.mjs"),
  bundle: true,
  platform: "node",
  format: "esm",
  mainFields: ["module", "main"],
  nodePaths: [join(root, "node_modules")],
  logLevel: "warning",
  plugins: [
    {
      name: "cached-stages",
      setup(b) {
        b.onResolve({ filter: /(^|\/)parse\.js$/ }, (a) =>
          a.importer.includes(`${root}src/`) ? { path: join(dir, "cached-parse.ts") } : undefined,
        );
        b.onResolve({ filter: /(^|\/)analyze\.js$/ }, (a) =>
          a.importer.endsWith("src/emit/scenes.ts")
            ? { path: join(dir, "cached-analyze.ts") }
            : undefined,
        );
      },
    },
  ],
});
const { compile, analyze } = await import(pathToFileURL(join(dir, "stages.mjs")).href);
rmSync(dir, { recursive: true, force: true });

const source = file ? readFileSync(file, "utf8") : generateProject({ bytes: 5 * 1024 * 1024 });

function time(name, fn) {
  fn(); // warm-up, and the one parse
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const start = process.cpuUsage();
    fn();
    const used = process.cpuUsage(start);
    ms.push((used.user + used.system) / 1000);
  }
  ms.sort((a, b) => a - b);
  console.log(
    `${name.padEnd(8)} median ${ms[Math.floor(runs / 2)].toFixed(1)} ms CPU, min ${ms[0].toFixed(1)}`,
  );
}

console.log(`${(source.length / 1024 / 1024).toFixed(1)} MB, ${runs} runs`);
if (only.has("analyze")) time("analyze", () => analyze(source));
if (only.has("compile")) time("compile", () => compile(source));
if (only.has("emit")) {
  globalThis.klingcStagesCacheAnalysis = true;
  time("emit", () => compile(source));
}
