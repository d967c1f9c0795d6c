/**
 * The library does no I/O, so it runs in any JavaScript runtime. This bundles
 * the package entry by its name (`klingc`, resolved through package.json
 * "exports" to the built dist/index.js, which vitest's global setup rebuilds
 * from the current sources) with esbuild for the browser platform, then runs
 * it in a `node:vm` context holding only what a browser has: no `require`,
 * `process` or `Buffer`. Its answers must be the ones Node gets.
 *
 * The minified, gzipped bundle must stay under 120 KB (a page pays for every
 * byte); the figure is printed when the test runs.
 */
import { build } from "esbuild";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createContext, runInContext } from "node:vm";
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import * as klingc from "../src/index.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const MAX_GZIPPED = 120_000;
const UGC = readFileSync(join(ROOT, "fixtures", "ugc-ad.kp"), "utf8");
const LEGACY = readFileSync(join(ROOT, "fixtures", "lint", "legacy-v3.kp"), "utf8");

interface Bundle {
  code: Uint8Array;
  inputs: string[];
}

async function bundle(): Promise<Bundle> {
  const result = await build({
    stdin: { contents: 'export * from "klingc";', resolveDir: ROOT, sourcefile: "page.js" },
    absWorkingDir: ROOT,
    bundle: true,
    platform: "browser",
    format: "iife",
    globalName: "klingc",
    minify: true,
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error("esbuild wrote no bundle");
  return { code: output.contents, inputs: Object.keys(result.metafile.inputs) };
}

/** A global object with what a browser page has, and none of Node's own. */
function browserContext(): Record<string, unknown> {
  return createContext({ TextEncoder, TextDecoder, URL, console, structuredClone });
}

type Api = typeof klingc;
let code: Uint8Array;
let inputs: string[];
let api: Api;
let context: Record<string, unknown>;

beforeAll(async () => {
  ({ code, inputs } = await bundle());
  context = browserContext();
  runInContext(new TextDecoder().decode(code), context, { filename: "klingc.browser.js" });
  api = context["klingc"] as Api;
});

/** Results cross the context boundary as plain data, so they are compared as JSON. */
const json = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe("the package in a browser", () => {
  it("bundles through package.json exports to the built library", () => {
    expect(inputs).toContain("dist/index.js");
    expect(inputs.filter((input) => input.startsWith("src/"))).toEqual([]);
  });

  it("runs where there is no require, process or Buffer", () => {
    expect(
      runInContext("[typeof require, typeof process, typeof Buffer, typeof module]", context),
    ).toEqual(["undefined", "undefined", "undefined", "undefined"]);
    expect(typeof api.compile).toBe("function");
  });

  it("compiles, lints and fixes as it does in Node", () => {
    const options = { filename: "ugc-ad.kp", config: { brands: ["GlowLab"] } };
    const compiled = api.compile(UGC, options);
    expect(compiled.scenes.length).toBe(4);
    expect(compiled.scenes.every((scene) => scene.request !== null)).toBe(true);
    expect(json(compiled)).toEqual(json(klingc.compile(UGC, options)));
    expect(json(api.lint(UGC, options))).toEqual(json(klingc.lint(UGC, options)));
    const fixed = api.fix(LEGACY, { filename: "legacy-v3.kp" });
    expect(fixed.applied.length).toBeGreaterThan(0);
    expect(json(fixed)).toEqual(json(klingc.fix(LEGACY, { filename: "legacy-v3.kp" })));
  });

  it("reads a config and matches its override globs without Node's modules", () => {
    const text = '{ "budget": 900, "overrides": [{ "files": ["*.draft.kp"], "budget": 100 }] }';
    const file = api.parseConfigText(text, "/p/klingc.config.json", api.RULE_IDS, {});
    expect(file.diagnostics).toEqual([]);
    const loaded = {
      file: "/p/klingc.config.json",
      dir: "/p",
      config: file.config as NonNullable<typeof file.config>,
      bases: [],
    };
    expect(json(api.configForFile(loaded, "/p/a/x.draft.kp").config)).toEqual({
      budget: 100,
      brands: [],
      rules: {},
    });
    expect(json(api.configForFile(loaded, "/p/a/x.kp").config)).toEqual({
      budget: 900,
      brands: [],
      rules: {},
    });
  });

  it("stays under 120 KB minified and gzipped", () => {
    const gzipped = gzipSync(code).length;
    console.log(
      `klingc browser bundle: ${code.length.toLocaleString("en-US")} bytes minified, ${gzipped.toLocaleString("en-US")} gzipped`,
    );
    expect(gzipped).toBeLessThan(MAX_GZIPPED);
  });
});
