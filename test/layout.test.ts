/**
 * The layout is a claim about the flow: source → tokens → AST → model → (lint, pack) → output.
 * This test reads every import in the library and fails when a module reaches back up a stage,
 * or when the library (which must run in a browser) imports Node built-ins, the CLI or src/node.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "..");

/** Lower ranks are earlier stages; a module may import its own stage or an earlier one. */
const STAGES: readonly { folder: string; rank: number }[] = [
  { folder: "grammar", rank: 0 },
  { folder: "src/targets", rank: 0 },
  { folder: "src/language", rank: 1 },
  { folder: "src/emit", rank: 2 },
  { folder: "src/config", rank: 2 },
  // The engine runs the rule registry and the rules use the engine's context: one stage.
  { folder: "src/lint", rank: 3 },
  { folder: "rules", rank: 3 },
  // Tools on top of the compiler: nothing below them may import them (migrate --to kp uses the formatter).
  // Formatting a storyboard's blocks reads the Markdown: it is part of the klingc/markdown entry.
  { folder: "src/fmt/markdown.ts", rank: 4 },
  { folder: "src/fmt", rank: 3.5 },
  { folder: "src/explain", rank: 3.5 },
  { folder: "src/migrate", rank: 3.5 },
  // Markdown storyboards (the klingc/markdown entry) sit on top of the library's modules.
  { folder: "src/markdown", rank: 4 },
  { folder: "src/index.ts", rank: 4 },
  { folder: "src/node", rank: 5 },
  // The render add-on (klingc/render): on top of the library, with I/O and fal's client.
  { folder: "src/render", rank: 5 },
  // The language server: on top of the library and src/node (config discovery); only the CLI loads it.
  { folder: "src/lsp", rank: 5.5 },
  { folder: "src/cli", rank: 6 },
];
const LIBRARY_RANK = 4;

/** Stages of one rank that still must not know each other. */
const APART: readonly [string, string][] = [
  ["src/emit", "src/config"],
  ["src/config", "src/emit"],
  ["src/markdown", "src/index.ts"],
  ["src/fmt/markdown.ts", "src/index.ts"],
  ["src/index.ts", "src/fmt/markdown.ts"],
  ["src/render", "src/node"],
];

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter(
      (e) =>
        e.isFile() &&
        e.name.endsWith(".ts") &&
        !e.name.endsWith(".test.ts") &&
        !e.name.endsWith(".d.ts"),
    )
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

function stageOf(file: string): { folder: string; rank: number } | undefined {
  return STAGES.find((s) => file === s.folder || file.startsWith(`${s.folder}/`));
}

/** Import and export specifiers, static and dynamic (type-only imports count: they are still an arrow). */
function importsOf(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;'"]*?\bfrom\s*["']([^"']+)["']/g))
    found.push(m[1] as string);
  for (const m of text.matchAll(/(?:^|\n)\s*import\s*["']([^"']+)["']/g))
    found.push(m[1] as string);
  for (const m of text.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) found.push(m[1] as string);
  return found;
}

const files = ["grammar", "src", "rules"].flatMap(sourceFiles);

describe("the import graph", () => {
  it("finds the stages' files (the test reads something)", () => {
    for (const stage of STAGES)
      expect(
        files.some((f) => stageOf(f) === stage),
        stage.folder,
      ).toBe(true);
    expect(
      files.filter((f) => !stageOf(f)),
      "files in no stage",
    ).toEqual([]);
  });

  it("never points from a stage to a later one", () => {
    const upward: string[] = [];
    for (const file of files) {
      const from = stageOf(file);
      if (!from) continue;
      for (const spec of importsOf(readFileSync(join(ROOT, file), "utf8"))) {
        if (!spec.startsWith(".")) continue;
        const target = relative(ROOT, resolve(ROOT, dirname(file), spec)).replace(/\.js$/, ".ts");
        const to = stageOf(target);
        if (to && to.rank > from.rank) upward.push(`${file} → ${target}`);
        if (to && APART.some(([a, b]) => from.folder === a && to.folder === b))
          upward.push(`${file} → ${target} (kept apart)`);
      }
    }
    expect(upward).toEqual([]);
  });

  it("keeps the library free of Node built-ins, so it runs in a browser", () => {
    const io: string[] = [];
    for (const file of files) {
      const stage = stageOf(file);
      if (!stage || stage.rank > LIBRARY_RANK) continue;
      for (const spec of importsOf(readFileSync(join(ROOT, file), "utf8"))) {
        if (
          spec.startsWith("node:") ||
          ["fs", "path", "os", "child_process", "url", "util", "@fal-ai/client"].includes(spec)
        )
          io.push(`${file} → ${spec}`);
      }
    }
    expect(io).toEqual([]);
  });
});
