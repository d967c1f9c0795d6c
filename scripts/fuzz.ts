/**
 * Hostile input, at scale (issue 9.7).
 *
 *   npm run fuzz            (builds dist/ first) 100,000 fast-check cases over random, token-soup and mutated
 *                           documents through every public function, then the hostile
 *                           inputs at full size: compile, lint and the CLI (klingc FILE) each in a process of its own, with its peak memory
 *   npm run fuzz -- --runs N --scale S   fewer cases, inputs S times the full size
 *
 * test/fuzz.test.ts runs the same checks with a few hundred cases and small inputs.
 * A check that fails prints the counterexample (fast-check shrinks it) and exits 1.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { tokenize } from "../grammar/lexer.js";
import {
  analyze,
  codePointLength,
  compile,
  fix,
  lint,
  parse,
  parseConfigText,
  RULE_IDS,
  splitSentences,
  toVFileMessage,
  truncateAtSentence,
  type Diagnostic,
} from "../src/index.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const FIXTURE_DIRS = ["fixtures/language", "fixtures/lint", "fixtures"].map((d) => join(root, d));

/** The memory aim of issue 9.4 (peak RSS), which every hostile input must keep to. */
export const MEMORY_AIM_MB = 300;

/** Every `.kp` file under the fixture folders, in a stable order. */
export function fixtureSources(dir: string = join(root, "fixtures")): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return fixtureSources(path);
      return entry.name.endsWith(".kp") ? [readFileSync(path, "utf8")] : [];
    });
}

/** A source cut into pieces: tokens (mutable) and the text between them (kept), in order. */
export interface Pieces {
  parts: string[];
  /** Indexes into `parts` of the tokens. */
  tokens: number[];
}

export function toPieces(source: string): Pieces {
  const lexed = tokenize(source);
  const all = [...lexed.tokens, ...Object.values(lexed.groups).flat()].sort(
    (a, b) => a.startOffset - b.startOffset,
  );
  const parts: string[] = [];
  const tokens: number[] = [];
  let at = 0;
  for (const token of all) {
    if (token.startOffset < at) continue;
    if (token.startOffset > at) parts.push(source.slice(at, token.startOffset));
    tokens.push(parts.length);
    parts.push(token.image);
    at = token.startOffset + token.image.length;
  }
  if (at < source.length) parts.push(source.slice(at));
  return { parts, tokens };
}

export type Mutation =
  | { kind: "delete"; a: number }
  | { kind: "duplicate"; a: number }
  | { kind: "swap"; a: number; b: number };

export function mutate(pieces: Pieces, mutations: readonly Mutation[]): string {
  const parts = [...pieces.parts];
  const n = pieces.tokens.length;
  if (n === 0) return parts.join("");
  const pick = (i: number): number => pieces.tokens[i % n] as number;
  for (const m of mutations) {
    const a = pick(m.a);
    if (m.kind === "delete") parts[a] = "";
    else if (m.kind === "duplicate") parts[a] = `${parts[a]} ${parts[a]}`;
    else {
      const b = pick(m.b);
      [parts[a], parts[b]] = [parts[b] as string, parts[a] as string];
    }
  }
  return parts.join("");
}

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("delete" as const), a: fc.nat() }),
  fc.record({ kind: fc.constant("duplicate" as const), a: fc.nat() }),
  fc.record({ kind: fc.constant("swap" as const), a: fc.nat(), b: fc.nat() }),
);

/** One unit of generated text: any code point (lone surrogates included), or a piece of the language. */
const unitArb: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.integer({ min: 0, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
  },
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      "\0",
      "\ufeff",
      "\r\n",
      "\r",
      "\n",
      " ",
      "\t",
      "{",
      "}",
      '"',
      '"""',
      "\\",
      "\\u{",
      "/*",
      "*/",
      "//",
      ",",
      ";",
      "=",
      ":",
      "9:16",
      "10s",
      "7.5",
      "42",
      "scene",
      "shot",
      "project",
      "audio",
      "dialogue",
      "character",
      "avoid",
      "tier=",
      "from=",
      "human=false",
      "maya",
      "😀",
      "é",
      '"text"',
      "'",
      "\u201c",
      "\u201d",
      "cdn.example.com/a.png",
      "https://x.y/z",
    ),
  },
);

export const sourceArb = fc.string({ unit: unitArb, maxLength: 120 });

/** Token soup: pieces of the language in any order, so structure errors (`x = }`, `a,{`, `tier=\n`) come up often. */
const soupTokenArb = fc.constantFrom(
  "scene",
  "shot",
  "project",
  "audio",
  "camera",
  "dialogue",
  "maya",
  "tier",
  "from",
  "human",
  "off",
  "=",
  "=",
  ",",
  ",",
  ";",
  "{",
  "{",
  "}",
  "}",
  "\n",
  "\n",
  "\r\n",
  '"x"',
  '"unterminated',
  '"""a\n  b"""',
  '"""open',
  "42",
  "7.5",
  "10s",
  "9:16",
  "// c\n",
  "/* c */",
  "/* open",
  "@",
  "\\",
  "\ufeff",
  "\u0000",
  "\ud800",
  "'q'",
  "\u201cq\u201d",
);
export const soupArb = fc
  .array(fc.tuple(soupTokenArb, fc.constantFrom(" ", "", "\n")), { maxLength: 50 })
  .map((pieces) => pieces.map(([token, gap]) => token + gap).join(""));

/** Random, soup and mutated-fixture documents, mixed. */
export function documentArb(): fc.Arbitrary<string> {
  const pieces = FIXTURE_DIRS.flatMap((d) => fixtureSources(d)).map(toPieces);
  const mutated = fc
    .tuple(
      fc.nat({ max: pieces.length - 1 }),
      fc.array(mutationArb, { minLength: 1, maxLength: 6 }),
    )
    .map(([i, ms]) => mutate(pieces[i] as Pieces, ms));
  return fc.oneof(sourceArb, soupArb, mutated);
}

function fail(what: string): never {
  throw new Error(what);
}

/** Line and column of an offset, counted from the start (a second way, for checking; small texts only). */
function pointOf(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset);
  const breaks = before.match(/\r\n|\r|\n/g) ?? [];
  const lineStart = Math.max(before.lastIndexOf("\n"), before.lastIndexOf("\r")) + 1;
  const bom = lineStart === 0 && source.charCodeAt(0) === 0xfeff ? 1 : 0;
  return { line: breaks.length + 1, column: [...before.slice(lineStart + bom)].length + 1 };
}

function checkDiagnostics(diagnostics: readonly Diagnostic[], source: string, what: string): void {
  for (const d of diagnostics) {
    if (!(0 <= d.offset && d.offset <= d.endOffset && d.endOffset <= source.length))
      fail(`${what}: ${d.message} at ${d.offset}..${d.endOffset} of ${source.length}`);
    if (source.length < 20_000) {
      const start = pointOf(source, d.offset);
      if (start.line !== d.line || start.column !== d.column)
        fail(
          `${what}: ${d.message} at ${d.line}:${d.column}, but offset ${d.offset} is ${start.line}:${start.column}`,
        );
    }
    if (!(d.line >= 1 && d.column >= 1 && d.endLine >= d.line && d.endColumn >= 1))
      fail(`${what}: bad place ${JSON.stringify(d.place)}`);
    if (typeof d.message !== "string" || d.message.trim().length === 0)
      fail(`${what}: bad message ${JSON.stringify(d.message)}`);
    if (/\bat\s+\S+\.(?:ts|js):\d/.test(d.message)) fail(`${what}: a stack trace in a message`);
    toVFileMessage(d);
  }
}

/** Every public function that takes text, on one document: none throws, every diagnostic lies inside it. */
export function checkDocument(source: string): void {
  const options = { filename: "fuzz.kp" };
  checkDiagnostics(parse(source, options).diagnostics, source, "parse");
  checkDiagnostics(analyze(source, options).diagnostics, source, "analyze");
  const compiled = compile(source, options);
  checkDiagnostics(compiled.diagnostics, source, "compile");
  for (const scene of compiled.scenes) {
    if (scene.prompt !== null && typeof scene.prompt !== "string")
      fail("compile: a prompt that is not text");
    if (scene.budget !== null && scene.chars > scene.budget)
      fail(`compile: ${scene.chars} characters over the budget of ${scene.budget}`);
  }
  checkDiagnostics(lint(source, options), source, "lint");
  const fixed = fix(source, options);
  if (typeof fixed.output !== "string") fail("fix: no output");
  if (fixed.applied.length === 0 && fixed.output !== source)
    fail("fix: changed text it applied no fix to");
  checkDiagnostics(fixed.remaining, fixed.output, "fix");
}

/** The text helpers and the config parser, on any text. */
export function checkText(text: string, limit: number): void {
  const n = codePointLength(text);
  if (!(n >= 0 && n <= text.length)) fail(`codePointLength: ${n} for ${text.length} UTF-16 units`);
  let from = 0;
  for (const sentence of splitSentences(text)) {
    const at = text.indexOf(sentence, from);
    if (at < 0) fail("splitSentences: a sentence that is not in the text, in order");
    from = at + sentence.length;
  }
  const cut = truncateAtSentence(text, limit);
  if (!text.startsWith(cut.replace(/\s+$/, "")) && cut !== "")
    fail("truncateAtSentence: not a prefix");
  if (codePointLength(cut) > Math.max(0, limit))
    fail(`truncateAtSentence: ${codePointLength(cut)} over ${limit}`);
  // The library's config API answers with diagnostics; any throw is a failure.
  const config = parseConfigText(text, "fuzz.json", RULE_IDS);
  if ((config.config === null) === (config.diagnostics.length === 0))
    fail("parseConfigText: a config and no diagnostics, or neither");
}

export interface FuzzOptions {
  runs: number;
  seed?: number;
}

/** The property runs: documents through every function, and text through the text helpers. */
export function fuzzProperties({ runs, seed }: FuzzOptions): void {
  const settings = { numRuns: runs, ...(seed === undefined ? {} : { seed }) };
  fc.assert(fc.property(documentArb(), checkDocument), settings);
  fc.assert(
    fc.property(
      fc.oneof(sourceArb, fc.string({ unit: "grapheme", maxLength: 300 })),
      fc.integer({ min: -5, max: 400 }),
      checkText,
    ),
    settings,
  );
}

/** The hostile inputs of issue 9.7 at `scale` times their full size (1 = 10 MB, 100,000 scenes, …). */
export function hostileInputs(scale = 1): { name: string; source: () => string }[] {
  const n = (full: number): number => Math.max(1, Math.round(full * scale));
  const scene = (i: number): string =>
    `scene s${i} {\n  image "https://cdn.example.com/s${i}.png"\n  action "Maya lifts the bottle, take ${i}."\n  camera "Slow dolly in."\n}\n`;
  const scenes = (count: number): string =>
    Array.from({ length: count }, (_, i) => scene(i)).join("");
  const bytes = (size: number): string => {
    const one = scene(0);
    return scenes(Math.ceil(size / one.length));
  };
  return [
    { name: "10 MB of scenes", source: () => bytes(n(10 * 1024 * 1024)) },
    { name: "100,000 scenes", source: () => scenes(n(100_000)) },
    {
      name: "100,000-deep nesting",
      source: () => `scene a ${"{".repeat(n(100_000))}${"}".repeat(n(100_000))}`,
    },
    {
      name: "100,000-deep shots, one a line",
      source: () => `scene a {\n${"shot {\n".repeat(n(100_000))}${"}\n".repeat(n(100_000))}}`,
    },
    {
      name: "1 MB single line",
      source: () => `action "${"Maya waves. ".repeat(Math.ceil(n(1024 * 1024) / 12))}"`,
    },
    {
      name: "1 MB line of names",
      source: () => `avoid ${"blur, ".repeat(Math.ceil(n(1024 * 1024) / 6))}`,
    },
    {
      name: "NUL bytes",
      source: () => `scene a {\n  action "a\u0000b" \u0000\n}\n`.repeat(n(10_000)),
    },
    {
      name: "lone surrogates",
      source: () => `scene a {\n  action "a\ud800b\udc00"\n  \udfff\n}\n`.repeat(n(10_000)),
    },
    {
      name: "BOMs",
      source: () => `\ufeff${`scene a\ufeff {\n  action "x\ufeff"\n}\n\ufeff`.repeat(n(10_000))}`,
    },
    {
      name: "CRLF and lone CR",
      source: () => `scene a {\r\n  action "x"\r  camera "y"\r\n}\r\n`.repeat(n(10_000)),
    },
  ];
}

/** What one hostile input cost: the peak of its jobs, each in a process of its own. */
export interface HostileResult {
  mb: number;
  /** The job that peaked: compile, lint, or the CLI (`klingc FILE`, which compiles and lints on one parse). */
  peakJob: string;
  scenes: number;
  diagnostics: number;
  /** Every diagnostic's rule id and count, from lint. */
  ids: Record<string, number>;
  ms: number;
}

/**
 * Compiles one source file and lints it, each in a child process running the
 * built library (dist/index.js, as users get it), then runs the built CLI on it:
 * so each job's peak memory is its own, as the memory aim measures one compile.
 */
export function runHostile(file: string): HostileResult {
  const job = (
    kind: "compile" | "lint",
  ): { mb: number; count: number; ids: Record<string, number>; ms: number } => {
    const code = `
      const { readFileSync } = await import("node:fs");
      const { ${kind} } = await import(${JSON.stringify(join(root, "dist/index.js"))});
      const source = readFileSync(${JSON.stringify(file)}, "utf8");
      const start = performance.now();
      const result = ${kind}(source, { filename: "hostile.kp" });
      const ms = performance.now() - start;
      const diagnostics = Array.isArray(result) ? result : result.diagnostics;
      const ids = {};
      for (const d of diagnostics) {
        if (d.endOffset > source.length || !d.message) throw new Error("bad diagnostic " + d.message);
        ids[d.ruleId] = (ids[d.ruleId] ?? 0) + 1;
      }
      console.log(JSON.stringify({ mb: process.resourceUsage().maxRSS / 1024, count: Array.isArray(result) ? result.length : result.scenes.length, ids, ms }));
    `;
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", code], {
      encoding: "utf8",
      maxBuffer: 1024 * 1024,
    });
    return JSON.parse(out.trim().split("\n").at(-1) as string) as {
      mb: number;
      count: number;
      ids: Record<string, number>;
      ms: number;
    };
  };
  const compiled = job("compile");
  const linted = job("lint");
  const cli = spawnSync(process.execPath, [join(root, "bin/klingc.cjs"), file], {
    encoding: "utf8",
    maxBuffer: 512 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: "1" },
  });
  // 2 is a file klingc refuses as a whole (binary), said in one line.
  if (cli.status === null || cli.status > 2)
    throw new Error(`klingc exited ${cli.status}: ${cli.stderr.slice(0, 300)}`);
  if (/\n\s+at /.test(cli.stderr))
    throw new Error(`klingc printed a stack trace: ${cli.stderr.slice(0, 300)}`);
  const cliMb = cliPeak(file);
  const peaks: [string, number][] = [
    ["compile", compiled.mb],
    ["lint", linted.mb],
    ["cli", cliMb],
  ];
  const [peakJob, mb] = peaks.reduce((a, b) => (b[1] > a[1] ? b : a));
  return {
    mb,
    peakJob,
    scenes: compiled.count,
    diagnostics: linted.count,
    ids: linted.ids,
    ms: compiled.ms + linted.ms,
  };
}

/** The CLI's peak memory on `file`, from a preload that reports it at exit. */
function cliPeak(file: string): number {
  const code =
    'process.on("exit",()=>{require("fs").writeSync(2,"\\nklingc-peak "+process.resourceUsage().maxRSS/1024+"\\n")})';
  const preload = join(tmpdir(), `klingc-peak-${process.pid}.cjs`);
  writeFileSync(preload, code);
  const run = spawnSync(process.execPath, ["-r", preload, join(root, "bin/klingc.cjs"), file], {
    encoding: "utf8",
    maxBuffer: 512 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: "1" },
  });
  rmSync(preload, { force: true });
  const found = /klingc-peak ([\d.]+)/.exec(run.stderr);
  if (!found) throw new Error(`no peak from klingc: ${run.stderr.slice(0, 300)}`);
  return Number(found[1]);
}

function argument(flag: string, fallback: number): number {
  const at = process.argv.indexOf(flag);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const runs = argument("--runs", 100_000);
  const scale = argument("--scale", 1);
  const started = performance.now();
  fuzzProperties({ runs });
  console.log(
    `${runs.toLocaleString("en-US")} cases of each property passed in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  let failed = 0;
  const dir = mkdtempSync(join(tmpdir(), "klingc-fuzz-"));
  for (const { name, source } of hostileInputs(scale)) {
    try {
      const file = join(dir, "hostile.kp");
      writeFileSync(file, source());
      const r = runHostile(file);
      const ok = r.mb < MEMORY_AIM_MB;
      if (!ok) failed++;
      const ids = Object.entries(r.ids)
        .map(([id, n]) => `${id} ${n.toLocaleString("en-US")}`)
        .join(", ");
      console.log(
        `${ok ? "ok  " : "FAIL"} ${name}: ${r.scenes.toLocaleString("en-US")} scenes, ${r.diagnostics.toLocaleString("en-US")} diagnostics (${ids || "none"}), ${r.ms.toFixed(0)} ms, peak ${r.mb.toFixed(0)} MB in ${r.peakJob} (aim < ${MEMORY_AIM_MB} MB)`,
      );
    } catch (error) {
      failed++;
      console.log(`FAIL ${name}: ${(error as Error).message.split("\n").slice(0, 3).join(" ")}`);
    }
  }
  rmSync(dir, { recursive: true, force: true });
  process.exit(failed === 0 ? 0 : 1);
}
