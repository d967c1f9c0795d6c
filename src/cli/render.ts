/**
 * `klingc render FILE --out DIR`: compile, then render every scene on fal's
 * queue through `klingc/render`'s engine. Argument handling stays in this
 * file so the command can move to any argument parser on its own.
 */
import { createFalClient } from "@fal-ai/client";
import { parseArgs } from "node:util";
import type { CompileResult } from "../emit/compile.js";
import { hasErrors } from "../language/diagnostics.js";
import { RULE_IDS, RULE_OPTIONS } from "../lint/engine.js";
import { createConfigCache, resolveConfigFor } from "../node/config-files.js";
import { isNotTextProblem, UsageError } from "../node/files.js";
import { didYouMean } from "../language/suggest.js";
import {
  ManifestError,
  planRender,
  readManifest,
  render,
  type Plan,
  type PriceOverrides,
  type RenderOptions,
  type RenderReport,
} from "../render/index.js";
import { diagnosticLine, makeChalk } from "./style.js";
import { createProgress, estimateTable, renderSummary } from "./render-style.js";
import { compileAndLint } from "./commands/compile.js";
import type { Io } from "./run.js";

export const RENDER_USAGE = `Usage:
  klingc render FILE --out DIR [options]   render every scene on fal's queue (key in FAL_KEY)

Options:
  --out DIR              where the videos (DIR/<scene>.mp4) and DIR/klingc-render.json go
  --concurrency N        most requests in flight at once (default 3)
  --scene NAME           render only this scene; repeatable
  --dry-run              print the requests and the estimate; send nothing (no key needed)
  --json                 print a JSON report on stdout
  --proxy-url URL        send every request through this proxy (it holds the key; FAL_KEY is then optional)
  --max-cost USD         refuse a run whose estimate is over USD (or whose price is unknown)
  --poll-interval S      seconds between status polls (default 2)
  -h, --help             show this help
`;

const OPTIONS = {
  out: { type: "string" },
  concurrency: { type: "string" },
  scene: { type: "string", multiple: true },
  "dry-run": { type: "boolean" },
  json: { type: "boolean" },
  "proxy-url": { type: "string" },
  "max-cost": { type: "string" },
  "poll-interval": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

type Flags = ReturnType<
  typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>
>["values"];

function parseFlags(argv: string[]): { values: Flags; positionals: string[] } {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`render: ${(error as Error).message.split("\n")[0] ?? "bad arguments"}`, {
      showHelp: true,
    });
  }
}

function positiveNumber(
  value: string | undefined,
  flag: string,
  whole: boolean,
): number | undefined {
  if (value === undefined) return undefined;
  const pattern = whole ? /^[1-9]\d*$/ : /^(?:\d+(?:\.\d*)?|\.\d+)$/;
  if (!pattern.test(value))
    throw new UsageError(
      `${flag} takes ${whole ? "a whole number of at least 1" : "a number"}, not '${value}'`,
      { showHelp: true },
    );
  return Number(value);
}

function proxyUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol))
    throw new UsageError(`--proxy-url takes an http or https URL, not '${value}'`);
  return value;
}

/** Whether the client will find a key (it reads FAL_KEY, or FAL_KEY_ID with FAL_KEY_SECRET). */
function keyFromEnv(): string | null {
  const env = process.env;
  if (env["FAL_KEY"]) return env["FAL_KEY"];
  return env["FAL_KEY_ID"] && env["FAL_KEY_SECRET"]
    ? `${env["FAL_KEY_ID"]}:${env["FAL_KEY_SECRET"]}`
    : null;
}

function unreadableManifest(out: string): void {
  try {
    readManifest(out);
  } catch (error) {
    if (error instanceof ManifestError) throw new UsageError(`render: ${error.message}`);
    throw error;
  }
}

/** Never lets the key through, whatever a message carries. */
function redacting(io: Io, key: string | null): Io {
  if (key === null || key.length < 4) return io;
  const clean = (text: string): string => text.split(key).join("[FAL_KEY]");
  return { out: (text) => io.out(clean(text)), err: (text) => io.err(clean(text)) };
}

function printDryRun(planned: Plan, flags: Flags, concurrency: number, io: Io): void {
  if (flags.json) {
    const scenes = planned.scenes.map(
      ({ name, endpoint, input, action, requestId, file, estimate }) => ({
        name,
        action,
        requestId,
        file,
        endpoint,
        input,
        estimate,
      }),
    );
    io.out(
      `${JSON.stringify({ scenes, estimate: planned.estimate, problems: planned.problems }, null, 2)}\n`,
    );
    return;
  }
  for (const scene of planned.scenes) {
    const what =
      scene.action === "submit"
        ? "submit"
        : scene.action === "follow"
          ? `follow request ${scene.requestId}`
          : "skip (rendered before)";
    io.out(
      `# ${scene.name}: ${what}  ${scene.endpoint}\n${JSON.stringify(scene.input, null, 2)}\n`,
    );
  }
  io.out(estimateTable(planned.scenes, planned.estimate, concurrency));
}

function exitCode(report: RenderReport): number {
  return report.outcome === "done" ? 0 : report.outcome === "interrupted" ? 130 : 1;
}

/** Ctrl-C once: stop submitting, keep the manifest, exit 130. Twice: leave at once (the manifest is already on disk). */
function onInterrupt(controller: AbortController): () => void {
  const handler = (): void => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
  };
  process.on("SIGINT", handler);
  return () => process.off("SIGINT", handler);
}

/** The command line, judged before any file is read. */
interface Settings {
  file: string;
  out: string | undefined;
  concurrency: number;
  maxCost: number | undefined;
  pollSeconds: number | undefined;
  proxy: string | undefined;
  dryRun: boolean;
  json: boolean;
  scenes: string[];
}

function settings(flags: Flags, positionals: string[]): Settings {
  if (positionals.length !== 1)
    throw new UsageError(
      positionals.length === 0 ? "render: no input file" : "render takes one file",
      { showHelp: true },
    );
  const pollSeconds = positiveNumber(flags["poll-interval"], "--poll-interval", false);
  if (pollSeconds === 0)
    throw new UsageError("--poll-interval takes a number of seconds above 0", { showHelp: true });
  const dryRun = flags["dry-run"] ?? false;
  if (!dryRun && flags.out === undefined)
    throw new UsageError("render: --out DIR is required (where the videos go)", { showHelp: true });
  return {
    file: positionals[0] as string,
    out: flags.out,
    concurrency: positiveNumber(flags.concurrency, "--concurrency", true) ?? 3,
    maxCost: positiveNumber(flags["max-cost"], "--max-cost", false),
    pollSeconds,
    proxy: proxyUrl(flags["proxy-url"]),
    dryRun,
    json: flags.json ?? false,
    scenes: flags.scene ?? [],
  };
}

/**
 * Compiles and lints the file as `klingc FILE` does, with the config in force for it; diagnostics go to stderr.
 * Also the config's `prices` (its bases' too), keyed by fal endpoint.
 */
function compileFile(file: string, io: Io): { compiled: CompileResult; prices: PriceOverrides } {
  const config = { ...resolveConfigFor(file, RULE_IDS, createConfigCache(), RULE_OPTIONS).config };
  const compiled = compileAndLint(file, config).result;
  const chalk = makeChalk(process.stderr);
  for (const d of compiled.diagnostics) io.err(`${diagnosticLine(d, chalk)}\n`);
  return { compiled, prices: config.prices ?? {} };
}

function renderOptions(s: Settings, prices: PriceOverrides): RenderOptions {
  return {
    concurrency: s.concurrency,
    scenes: s.scenes,
    prices,
    ...(s.out !== undefined ? { out: s.out } : {}),
    ...(s.maxCost !== undefined ? { maxCost: s.maxCost } : {}),
    ...(s.pollSeconds !== undefined ? { pollInterval: s.pollSeconds * 1000 } : {}),
  };
}

async function renderLive(
  compiled: CompileResult,
  s: Settings,
  options: RenderOptions,
  io: Io,
): Promise<number> {
  const controller = new AbortController();
  const stopListening = onInterrupt(controller);
  const shown = compiled.scenes
    .map((scene) => scene.name)
    .filter((name) => s.scenes.length === 0 || s.scenes.includes(name));
  const progress = createProgress(process.stderr, io, shown);
  try {
    const client = createFalClient(s.proxy ? { proxyUrl: { url: s.proxy, when: "always" } } : {});
    const report = await render(compiled, {
      ...options,
      client,
      signal: controller.signal,
      onEvent: progress.event,
    });
    progress.stop();
    if (report.outcome === "refused") {
      for (const problem of report.problems) io.err(`klingc: render: ${problem}\n`);
      io.err(estimateTable(report.scenes, report.estimate, s.concurrency));
    } else
      io.err(
        `${renderSummary(report)}\n${s.json ? "" : estimateTable(report.scenes, report.estimate, s.concurrency)}`,
      );
    if (s.json) io.out(`${JSON.stringify(report, null, 2)}\n`);
    return exitCode(report);
  } finally {
    progress.stop();
    stopListening();
  }
}

/** A --scene that names no scene of the file is a mistyped argument (exit 2), with the nearest name. */
function unknownScenes(wanted: readonly string[], compiled: CompileResult): void {
  const known = compiled.scenes.map((scene) => scene.name);
  const unknown = wanted.find((name) => !known.includes(name));
  if (unknown === undefined) return;
  const near = didYouMean(unknown, known);
  const hint = near ? `; did you mean '${near}'?` : ` (scenes: ${known.join(", ") || "none"})`;
  throw new UsageError(`render: --scene ${unknown}: no scene of that name${hint}`);
}

export async function runRender(argv: string[], rawIo: Io): Promise<number> {
  const { values: flags, positionals } = parseFlags(argv);
  if (flags.help) {
    rawIo.out(RENDER_USAGE);
    return 0;
  }
  const s = settings(flags, positionals);
  const key = keyFromEnv();
  const io = redacting(rawIo, key);
  if (!s.dryRun && key === null && s.proxy === undefined) {
    io.err(
      "klingc: FAL_KEY is not set: export FAL_KEY=<your fal key> (or use --dry-run to see the requests); nothing was sent\n",
    );
    return 2;
  }
  const { compiled, prices } = compileFile(s.file, io);
  if (hasErrors(compiled.diagnostics)) {
    io.err("klingc: render: the scenes have errors; nothing was sent\n");
    // A file that is not text is like an unreadable one (exit 2), as for `klingc FILE`.
    return compiled.diagnostics.some(isNotTextProblem) ? 2 : 1;
  }
  unknownScenes(s.scenes, compiled);
  // A manifest klingc cannot read is never overwritten: stop before anything is sent.
  if (s.out !== undefined) unreadableManifest(s.out);
  const options = renderOptions(s, prices);
  if (!s.dryRun) return renderLive(compiled, s, options, io);
  const planned = planRender(compiled, options);
  printDryRun(planned, flags, s.concurrency, io);
  for (const problem of planned.problems) io.err(`klingc: render: ${problem}\n`);
  return planned.problems.length > 0 ? 1 : 0;
}
