// npm run bench: speed and memory as ratios against baselines measured in the
// same run on the same machine (these machines are shared and noisy, so
// absolute times mean little). Not part of npm test.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const { compile } = await import(join(root, "dist/index.js"));

const TARGET_BYTES = 5 * 1024 * 1024;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const STARTS = Number(process.env.BENCH_STARTS ?? 20);

function sceneText(i) {
  return `scene s${i} {
  image "https://cdn.example.com/frames/s${i}.png"
  duration ${5 + (i % 3) * 5}s
  character maya "Maya, late twenties, curly brown hair, cream knit sweater, take ${i}. Exactly two arms, two hands, five fingers on each hand."
  action "Maya lifts the bottle to chest height and turns it slowly toward the lens."
  audio {
    dialogue maya "Two drops, every morning. Take ${i}."
    tone "Warm, upbeat."
  }
  product "Amber glass dropper bottle with a matte black cap."
  camera "Handheld selfie framing, slight natural sway."
  lighting "Soft natural window light from the left."
  realism "Photorealistic, subtle film grain."
  avoid blur, cartoon, "3D render"
}
`;
}

function generateProject() {
  const parts = [`project "bench" {\n  engine kling-o3\n  quality pro\n}\n`];
  let size = parts[0].length;
  for (let i = 0; size < TARGET_BYTES; i++) {
    const s = sceneText(i);
    parts.push(s);
    size += s.length;
  }
  return parts.join("");
}

/** A JSON document of the same size and a similar shape (many objects of strings). */
function generateJson(bytes) {
  const items = [];
  let size = 2;
  for (let i = 0; size < bytes; i++) {
    const item = JSON.stringify({
      name: `s${i}`,
      image: `https://cdn.example.com/frames/s${i}.png`,
      duration: 5 + (i % 3) * 5,
      character: { name: "maya", text: `Maya, late twenties, curly brown hair, cream knit sweater, take ${i}. Exactly two arms, two hands, five fingers on each hand.` },
      action: "Maya lifts the bottle to chest height and turns it slowly toward the lens.",
      audio: [{ dialogue: "maya", text: `Two drops, every morning. Take ${i}.` }, { tone: "Warm, upbeat." }],
      product: "Amber glass dropper bottle with a matte black cap.",
      camera: "Handheld selfie framing, slight natural sway.",
      lighting: "Soft natural window light from the left.",
      realism: "Photorealistic, subtle film grain.",
      avoid: ["blur", "cartoon", "3D render"],
    });
    items.push(item);
    size += item.length + 1;
  }
  return `[${items.join(",")}]`;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function timeIt(fn, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

function throughput() {
  const source = generateProject();
  const json = generateJson(source.length);
  const mb = source.length / (1024 * 1024);
  // The baseline first, on a quiet heap, and more often: it is short, so noise moves it most.
  JSON.parse(json);
  const jsonMs = timeIt(() => JSON.parse(json), RUNS * 3);
  compile(source); // warm-up: JIT and the parser's one-time construction
  let scenes = 0;
  const compileMs = timeIt(() => (scenes = compile(source).scenes.length), RUNS);
  return { mb, scenes, compileMs, jsonMs, jsonMb: json.length / (1024 * 1024) };
}

/** Peak memory of a child process doing one job, so the two jobs do not share a heap. */
function peakRss(kind, file) {
  const code = kind === "json"
    ? `const fs=require("fs");JSON.parse(fs.readFileSync(${JSON.stringify(file)},"utf8"));console.log(process.resourceUsage().maxRSS)`
    : `import(${JSON.stringify(join(root, "dist/index.js"))}).then(m=>{const fs=require("fs");m.compile(fs.readFileSync(${JSON.stringify(file)},"utf8"));console.log(process.resourceUsage().maxRSS)})`;
  const out = execFileSync(process.execPath, ["-e", code], { encoding: "utf8" });
  return Number(out.trim()) / 1024;
}

function coldStart(file) {
  const run = (args) => {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { encoding: "utf8" });
    if (result.status !== 0 && args[0] !== "-e") throw new Error(`klingc exited ${result.status}: ${result.stderr}`);
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  const node = [];
  const klingc = [];
  for (let i = 0; i < STARTS; i++) {
    // Interleaved, so drift in machine load hits both sides alike.
    node.push(run(["-e", "0"]));
    klingc.push(run([join(root, "bin/klingc.cjs"), file]));
  }
  return { nodeMs: median(node), klingcMs: median(klingc) };
}

/** A Markdown file of about the size of sceneText(i): a heading, paragraphs and a list, the shape markdownlint reads. */
function markdownText(i) {
  return `# Scene ${i}

Maya lifts the bottle to chest height and turns it slowly toward the lens, take ${i}.

- Image: https://cdn.example.com/frames/s${i}.png
- Character: Maya, late twenties, curly brown hair, cream knit sweater.
- Dialogue: "Two drops, every morning. Take ${i}."

## Look

Handheld selfie framing, slight natural sway. Soft natural window light from
the left. Photorealistic, subtle film grain. Amber glass dropper bottle with a
matte black cap; avoid blur, cartoon and 3D render looks in every frame.
`;
}

/** \`klingc lint\` over 1,000 scene files against markdownlint-cli2 over 1,000 Markdown files of about the same size. */
function lintThousand(base) {
  const scenes = join(base, "scenes");
  const docs = join(base, "docs");
  mkdirSync(scenes);
  mkdirSync(docs);
  let kpBytes = 0;
  let mdBytes = 0;
  for (let i = 0; i < 1000; i++) {
    const kp = sceneText(i);
    const md = markdownText(i);
    kpBytes += kp.length;
    mdBytes += md.length;
    writeFileSync(join(scenes, `s${i}.kp`), kp);
    writeFileSync(join(docs, `d${i}.md`), md);
  }
  const time = (args) => {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { cwd: base, encoding: "utf8" });
    if (result.status === null || result.status > 1) throw new Error(`${args.join(" ")} exited ${result.status}: ${result.stderr}`);
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  const klingc = [];
  const markdownlint = [];
  for (let i = 0; i < Math.max(3, Math.ceil(RUNS / 2)); i++) {
    // Interleaved, as the cold starts are.
    klingc.push(time([join(root, "bin/klingc.cjs"), "lint", "scenes"]));
    markdownlint.push(time([join(root, "node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs"), "docs/**/*.md"]));
  }
  return { klingcMs: median(klingc), markdownlintMs: median(markdownlint), kpBytes, mdBytes };
}

const dir = mkdtempSync(join(tmpdir(), "klingc-bench-"));
const one = join(dir, "one.kp");
writeFileSync(one, sceneText(1).replace(/^scene s1 \{\n|\}\n$/g, ""));
const t = throughput();
const big = join(dir, "big.kp");
const bigJson = join(dir, "big.json");
writeFileSync(big, generateProject());
writeFileSync(bigJson, generateJson(t.mb * 1024 * 1024));
const rssCompile = peakRss("compile", big);
const rssJson = peakRss("json", bigJson);
const c = coldStart(one);
const l = lintThousand(dir);

const rows = [
  ["compile throughput", `${(t.mb / (t.compileMs / 1000)).toFixed(1)} MB/s (${t.scenes} scenes, ${t.mb.toFixed(1)} MB)`, `JSON.parse ${(t.jsonMb / (t.jsonMs / 1000)).toFixed(1)} MB/s`, `${(t.compileMs / t.jsonMs).toFixed(1)}× slower`, "< 8×"],
  ["peak memory", `${rssCompile.toFixed(0)} MB`, `JSON.parse ${rssJson.toFixed(0)} MB`, `${(rssCompile / rssJson).toFixed(1)}×`, "—"],
  ["lint-1000", `${l.klingcMs.toFixed(0)} ms (klingc lint, 1,000 .kp, ${(l.kpBytes / 1000).toFixed(0)} B each)`, `markdownlint-cli2 ${l.markdownlintMs.toFixed(0)} ms (1,000 .md, ${(l.mdBytes / 1000).toFixed(0)} B each)`, `${(l.markdownlintMs / l.klingcMs).toFixed(1)}× faster`, "≥ 8× faster"],
  ["cold start", `${c.klingcMs.toFixed(0)} ms (klingc one.kp)`, `node -e 0 ${c.nodeMs.toFixed(0)} ms`, `${(c.klingcMs / c.nodeMs).toFixed(2)}×`, "< 1.6×"],
];
const header = ["measure", "klingc", "baseline (same run)", "ratio", "aim"];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
console.log(line(header));
console.log(`| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`);
for (const r of rows) console.log(line(r));
console.log(`\nmedian of ${RUNS} compile runs and ${RUNS * 3} JSON.parse runs, ${STARTS} interleaved starts; node ${process.version}`);
