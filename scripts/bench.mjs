// npm run bench: speed and memory as ratios against baselines measured in the
// same run on the same machine (these machines are shared and noisy, so
// absolute times mean little). Not part of npm test.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
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


/**
 * lsp-edit: a one-character didChange in a 100-scene document until its publishDiagnostics, over
 * 200 edits, with the server's debounce at 0 (the delay an editor waits is reported apart), beside
 * one `analyze` of the same document in this process.
 */
async function lspEdit() {
  const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = await import("vscode-jsonrpc/node");
  const { analyze } = await import(join(root, "dist/index.js"));
  // DEFAULT_DEBOUNCE_MS of src/lsp/server.ts: what an editor waits after the last keystroke.
  const DEFAULT_DEBOUNCE_MS = 150;
  const EDITS = 200;
  let text = `project "bench" {\n  engine kling-o3\n  quality pro\n}\n`;
  for (let i = 0; i < 100; i++) text += sceneText(i);
  analyze(text);
  const analyzeMs = timeIt(() => analyze(text), 20);
  const child = spawn(process.execPath, [join(root, "bin/klingc.cjs"), "lsp", "--stdio"], { stdio: ["pipe", "pipe", "inherit"] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiting = new Map();
  connection.onNotification("textDocument/publishDiagnostics", (p) => waiting.get(p.version)?.(p));
  connection.onRequest("client/registerCapability", () => null);
  connection.listen();
  const published = (version) => new Promise((done) => waiting.set(version, done));
  await connection.sendRequest("initialize", { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { debounceMs: 0 } });
  await connection.sendNotification("initialized", {});
  const uri = "untitled:bench.kp";
  let version = 1;
  let opened = published(version);
  await connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "klingc", version, text } });
  await opened;
  const times = [];
  for (let i = 0; i < EDITS; i++) {
    // Type one character into a scene's action text, then delete it again, in a different scene each time.
    const scene = (i >> 1) % 100;
    const line = 4 + 4 + scene * 15;
    const character = 12;
    const change = i % 2 === 0 ? { range: { start: { line, character }, end: { line, character } }, text: "x" } : { range: { start: { line, character }, end: { line, character: character + 1 } }, text: "" };
    version++;
    const done = published(version);
    const start = process.hrtime.bigint();
    await connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [change] });
    await done;
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  await connection.sendRequest("shutdown");
  await connection.sendNotification("exit");
  connection.dispose();
  const sorted = [...times].sort((a, b) => a - b);
  return { medianMs: median(times), p95Ms: sorted[Math.floor(sorted.length * 0.95)], analyzeMs, debounceMs: DEFAULT_DEBOUNCE_MS };
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
const lsp = await lspEdit();

const rows = [
  ["compile throughput", `${(t.mb / (t.compileMs / 1000)).toFixed(1)} MB/s (${t.scenes} scenes, ${t.mb.toFixed(1)} MB)`, `JSON.parse ${(t.jsonMb / (t.jsonMs / 1000)).toFixed(1)} MB/s`, `${(t.compileMs / t.jsonMs).toFixed(1)}× slower`, "< 8×"],
  ["peak memory", `${rssCompile.toFixed(0)} MB`, `JSON.parse ${rssJson.toFixed(0)} MB`, `${(rssCompile / rssJson).toFixed(1)}×`, "—"],
  ["lsp-edit", `median ${lsp.medianMs.toFixed(1)} ms, p95 ${lsp.p95Ms.toFixed(1)} ms (didChange → publishDiagnostics, 100 scenes, 200 edits, debounce 0)`, `analyze once ${lsp.analyzeMs.toFixed(1)} ms`, `${(lsp.medianMs / lsp.analyzeMs).toFixed(2)}×`, `median < 10 ms + debounce (${lsp.debounceMs} ms by default)`],
  ["cold start", `${c.klingcMs.toFixed(0)} ms (klingc one.kp)`, `node -e 0 ${c.nodeMs.toFixed(0)} ms`, `${(c.klingcMs / c.nodeMs).toFixed(2)}×`, "< 1.6×"],
];
const header = ["measure", "klingc", "baseline (same run)", "ratio", "aim"];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
console.log(line(header));
console.log(`| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`);
for (const r of rows) console.log(line(r));
console.log(`\nmedian of ${RUNS} compile runs and ${RUNS * 3} JSON.parse runs, ${STARTS} interleaved starts; node ${process.version}`);
