// npm run bench: speed and memory as ratios against baselines measured in the
// same run on the same machine (these machines are shared and noisy, so
// absolute times mean little; every figure is a median of repeated runs, and
// times are CPU time of the process doing the work, see timeOnce).
// Not part of npm test. `--json` prints { measures: [{ id, value, unit, baseline, ratio, aim, met }] };
// `--only id,id` runs some measures only.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateProject, sceneText } from "./bench-project.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const library = join(root, "dist/index.js");
const { compile } = await import(library);

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const STARTS = Number(process.env.BENCH_STARTS ?? 20);
const MB = 1024 * 1024;
const dir = mkdtempSync(join(tmpdir(), "klingc-bench-"));
const json = process.argv.includes("--json");
const onlyAt = process.argv.indexOf("--only");
const only = onlyAt > 0 ? new Set((process.argv[onlyAt + 1] ?? "").split(",")) : null;

/** A JSON document of the same size and a similar shape (many objects of strings). */
function generateJson(bytes) {
  const items = [];
  let size = 2;
  for (let i = 0; size < bytes; i++) {
    const item = JSON.stringify({
      name: `s${i}`,
      image: `https://cdn.example.com/frames/s${i}.png`,
      duration: 5 + (i % 3) * 5,
      character: {
        name: "maya",
        text: `Maya, late twenties, curly brown hair, cream knit sweater, take ${i}. Exactly two arms, two hands, five fingers on each hand.`,
      },
      action: "Maya lifts the bottle to chest height and turns it slowly toward the lens.",
      audio: [
        { dialogue: "maya", text: `Two drops, every morning. Take ${i}.` },
        { tone: "Warm, upbeat." },
      ],
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

/** A Markdown file about the size of one scene file, for the lint baseline. */
function markdownText(i) {
  return `# Scene s${i}

Maya, late twenties, curly brown hair, cream knit sweater, take ${i}.
Exactly two arms, two hands, five fingers on each hand.

## Action

- Maya lifts the bottle to chest height and turns it slowly toward the lens.
- Dialogue: "Two drops, every morning. Take ${i}."
- Tone: warm, upbeat.

## Look

Amber glass dropper bottle with a matte black cap. Handheld selfie framing,
slight natural sway. Soft natural window light from the left.
Photorealistic, subtle film grain.
`;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Milliseconds of CPU (user + system) that `fn` costs this process. CPU time, not
 * wall time: on a shared machine waiting for a core says nothing about klingc,
 * and it moved wall-clock ratios by 2× between two runs of this script.
 */
function timeOnce(fn) {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** A child process's own CPU time in ms (a preload reports it at exit), so children are timed like `timeOnce`. */
const CPU_REPORT = `process.on("exit",()=>{const u=process.cpuUsage();require("fs").writeSync(2,"\\nklingc-bench-cpu "+(u.user+u.system)/1000+"\\n")})`;
let reporter;
function childCpu(args, options = {}) {
  reporter ??= (() => {
    const file = join(dir, "cpu-report.cjs");
    writeFileSync(file, CPU_REPORT);
    return file;
  })();
  const result = spawnSync(process.execPath, ["-r", reporter, ...args], {
    encoding: "utf8",
    maxBuffer: 64 * MB,
    ...options,
  });
  const found = /klingc-bench-cpu ([\d.]+)/.exec(result.stderr);
  if (!found)
    throw new Error(`no CPU report from ${args.join(" ")}: ${result.stderr.slice(0, 500)}`);
  return { ms: Number(found[1]), status: result.status, stderr: result.stderr };
}

function timeIt(fn, runs) {
  return median(Array.from({ length: runs }, () => timeOnce(fn)));
}

const measures = [];

function measure(id, fn) {
  if (only && !only.has(id)) return;
  measures.push({ id, ...fn() });
}

measure("compile", () => {
  const source = generateProject({ bytes: 5 * MB });
  const doc = generateJson(source.length);
  // The baseline first, on a quiet heap, and more often: it is short, so noise moves it most.
  JSON.parse(doc);
  const jsonMs = timeIt(() => JSON.parse(doc), RUNS * 3);
  compile(source); // warm-up: JIT and the parser's one-time construction
  const compileMs = timeIt(() => compile(source), RUNS);
  const ratio = compileMs / jsonMs;
  return {
    value: round(compileMs),
    unit: "ms CPU",
    baseline: round(jsonMs),
    ratio: round(ratio, 2),
    aim: "ratio ≤ 10",
    met: ratio <= 10,
    detail: `public compile of ${(source.length / MB).toFixed(1)} MB vs JSON.parse of ${(doc.length / MB).toFixed(1)} MB of the same shape`,
  };
});

measure("cold-start", () => {
  const one = join(dir, "one.kp");
  writeFileSync(one, sceneText(1).replace(/^scene s1 \{\n|\}\n$/g, ""));
  const run = (args, mustPass) => {
    const { ms, status, stderr } = childCpu(args);
    if (mustPass && status !== 0) throw new Error(`klingc exited ${status}: ${stderr}`);
    return ms;
  };
  const node = [];
  const klingc = [];
  for (let i = 0; i < STARTS; i++) {
    // Interleaved, so drift in machine load hits both sides alike.
    node.push(run(["-e", "0"], false));
    klingc.push(run([join(root, "bin/klingc.cjs"), one], true));
  }
  const ratio = median(klingc) / median(node);
  return {
    value: round(median(klingc)),
    unit: "ms CPU",
    baseline: round(median(node)),
    ratio: round(ratio, 2),
    aim: "ratio ≤ 1.5",
    met: ratio <= 1.5,
    detail: "klingc one.kp vs node -e 0",
  };
});

measure("lint-1000", () => {
  const kp = join(dir, "kp");
  const md = join(dir, "md");
  mkdirSync(kp);
  mkdirSync(md);
  for (let i = 0; i < 1000; i++) {
    writeFileSync(join(kp, `s${i}.kp`), sceneText(i));
    writeFileSync(join(md, `s${i}.md`), markdownText(i));
  }
  const markdownlint = join(root, "node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs");
  // Exit codes are not judged: findings are expected on both sides.
  const run = (args, cwd) => childCpu(args, { cwd }).ms;
  const ours = [];
  const theirs = [];
  for (let i = 0; i < Math.max(3, Math.ceil(RUNS / 2)); i++) {
    ours.push(run([join(root, "bin/klingc.cjs"), "lint", "."], kp));
    theirs.push(run([markdownlint, "**/*.md"], md));
  }
  const ratio = median(ours) / median(theirs);
  return {
    value: round(median(ours)),
    unit: "ms CPU",
    baseline: round(median(theirs)),
    ratio: round(ratio, 3),
    aim: "ratio ≤ 0.125 (8× faster)",
    met: ratio <= 0.125,
    detail:
      "klingc lint over 1,000 scene files vs markdownlint-cli2 over 1,000 Markdown files of about the same size",
  };
});

/** Peak memory of a child process doing one job, so jobs do not share a heap. */
function peakRss(kind, file) {
  const code =
    kind === "json"
      ? `const fs=require("fs");JSON.parse(fs.readFileSync(${JSON.stringify(file)},"utf8"));console.log(process.resourceUsage().maxRSS)`
      : `import(${JSON.stringify(library)}).then(m=>{const fs=require("fs");m.compile(fs.readFileSync(${JSON.stringify(file)},"utf8"));console.log(process.resourceUsage().maxRSS)})`;
  const out = execFileSync(process.execPath, ["-e", code], { encoding: "utf8" });
  return Number(out.trim()) / 1024;
}

measure("memory-10k", () => {
  const source = generateProject({ scenes: 10_000 });
  const big = join(dir, "10k.kp");
  const bigJson = join(dir, "10k.json");
  writeFileSync(big, source);
  writeFileSync(bigJson, generateJson(source.length));
  const ours = median(Array.from({ length: 3 }, () => peakRss("compile", big)));
  const theirs = median(Array.from({ length: 3 }, () => peakRss("json", bigJson)));
  return {
    value: round(ours),
    unit: "MB",
    baseline: round(theirs),
    ratio: round(ours / theirs, 2),
    aim: "value < 300 MB",
    met: ours < 300,
    detail: `peak RSS of compile over 10,000 scenes in one file (${(source.length / MB).toFixed(1)} MB) vs JSON.parse of the same size`,
  };
});

measure("scaling-8x", () => {
  const unit = 0.625 * MB;
  const sizes = [1, 2, 4, 8];
  const sources = sizes.map((n) => generateProject({ bytes: unit * n }));
  compile(sources[0]);
  compile(sources[3]);
  // Interleaved rounds, and each size run 8/n times a round so every size gets the same CPU: measured one
  // after the other with 3 runs each, a short 1× run caught alone in a quiet or busy moment moved the ratio by ±30%.
  const samples = sizes.map(() => []);
  for (let round = 0; round < Math.max(3, RUNS); round++) {
    sizes.forEach((n, i) => {
      for (let k = 0; k < 8 / n; k++) samples[i].push(timeOnce(() => compile(sources[i])));
    });
  }
  const times = samples.map(median);
  const perByte = times.map((t, i) => t / sources[i].length);
  const growth = times[3] / times[0];
  return {
    value: round(growth, 2),
    unit: "× time for 8× input",
    baseline: 8,
    ratio: round(growth / 8, 3),
    aim: "ratio ≤ 1.1 (8× input within 8.8× time)",
    met: growth <= 8.8,
    detail: `compile of ${sizes.map((n, i) => `${n}×: ${round(times[i])} ms (${round(perByte[i] * 1e6, 1)} ns/byte)`).join(", ")}`,
  };
});

/**
 * lsp-edit: a one-character didChange in a 100-scene document until its publishDiagnostics, over
 * 200 edits, with the server's debounce at 0 (the delay an editor waits is not klingc's work: it is
 * reported apart), beside one `analyze` of the same document. Latency is what an editor waits for, so
 * it is wall time, unlike the CPU times above.
 */
async function lspEdit() {
  const { spawn } = await import("node:child_process");
  const { createMessageConnection, StreamMessageReader, StreamMessageWriter } =
    await import("vscode-jsonrpc/node");
  const { analyze } = await import(library);
  // DEFAULT_DEBOUNCE_MS of src/lsp/server.ts.
  const DEBOUNCE_MS = 150;
  const EDITS = 200;
  let text = `project "bench" {\n  engine kling-o3\n  quality pro\n}\n`;
  for (let i = 0; i < 100; i++) text += sceneText(i);
  analyze(text);
  const analyzeMs = timeIt(() => analyze(text), RUNS * 3);
  const child = spawn(process.execPath, [join(root, "bin/klingc.cjs"), "lsp", "--stdio"], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const connection = createMessageConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  const waiting = new Map();
  connection.onNotification("textDocument/publishDiagnostics", (p) => waiting.get(p.version)?.(p));
  connection.onRequest("client/registerCapability", () => null);
  connection.listen();
  const published = (version) => new Promise((done) => waiting.set(version, done));
  await connection.sendRequest("initialize", {
    processId: process.pid,
    rootUri: null,
    capabilities: {},
    initializationOptions: { debounceMs: 0 },
  });
  await connection.sendNotification("initialized", {});
  const uri = "untitled:bench.kp";
  let version = 1;
  const opened = published(version);
  await connection.sendNotification("textDocument/didOpen", {
    textDocument: { uri, languageId: "klingc", version, text },
  });
  await opened;
  const times = [];
  for (let i = 0; i < EDITS; i++) {
    // Type one character into a scene's action text, then delete it, in another scene every two edits.
    const line = 4 + ((i >> 1) % 100) * 15 + 4;
    const character = 12;
    const range = {
      start: { line, character },
      end: { line, character: i % 2 === 0 ? character : character + 1 },
    };
    version++;
    const done = published(version);
    const start = process.hrtime.bigint();
    await connection.sendNotification("textDocument/didChange", {
      textDocument: { uri, version },
      contentChanges: [{ range, text: i % 2 === 0 ? "x" : "" }],
    });
    await done;
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  await connection.sendRequest("shutdown");
  await connection.sendNotification("exit");
  connection.dispose();
  const sorted = [...times].sort((a, b) => a - b);
  const p95 = sorted[Math.floor(sorted.length * 0.95)];
  return {
    value: round(median(times)),
    unit: "ms wall (median)",
    baseline: round(analyzeMs),
    ratio: round(median(times) / analyzeMs, 2),
    aim: "median < 10 ms",
    met: median(times) < 10,
    detail: `one-character didChange → publishDiagnostics in a 100-scene document, ${EDITS} edits: median ${round(median(times))} ms, p95 ${round(p95)} ms, with the debounce at 0 (editors wait ${DEBOUNCE_MS} ms more by default); baseline: one analyze of the document, ${round(analyzeMs)} ms CPU`,
  };
}

// Asynchronous (it talks to a server), so measured outside `measure`, listed like the others.
if (!only || only.has("lsp-edit")) measures.push({ id: "lsp-edit", ...(await lspEdit()) });

rmSync(dir, { recursive: true, force: true });

function round(n, digits = 1) {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

if (json) {
  console.log(
    JSON.stringify({ node: process.version, runs: RUNS, starts: STARTS, measures }, null, 2),
  );
} else {
  const header = ["id", "klingc", "baseline (same run)", "ratio", "aim", "met"];
  const rows = measures.map((m) => [
    m.id,
    `${m.value} ${m.unit}`,
    String(m.baseline),
    String(m.ratio),
    m.aim,
    m.met ? "yes" : "no",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  console.log(line(header));
  console.log(`| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`);
  for (const r of rows) console.log(line(r));
  console.log("");
  for (const m of measures) console.log(`${m.id}: ${m.detail}`);
  console.log(
    `\nCPU time (user + system); medians of ${RUNS} compile runs, ${RUNS * 3} JSON.parse runs and ${STARTS} interleaved starts; node ${process.version}`,
  );
}
