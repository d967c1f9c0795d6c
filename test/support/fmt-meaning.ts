/**
 * What "the formatter preserves meaning" means, as data to compare: the
 * analyzed model and the compiled scenes of two texts, without anything the
 * layout decides (positions, a string's quoting style, the order of
 * statements that the model itself puts in the keyword table's order).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { analyze } from "../../src/language/analyze.js";
import { compile } from "../../src/emit/compile.js";
import { lint } from "../../src/lint/engine.js";
import { SECTION_ORDER } from "../../src/language/keywords.js";
import { parse } from "../../src/language/parse.js";
import type { Diagnostic } from "../../src/language/diagnostics.js";

const LAYOUT_KEYS = new Set(["position", "keywordPosition", "keyPosition"]);

/** A statement stands for itself by keyword and arguments: its block's layout is the printer's business. */
function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  if (record["type"] === "Statement")
    return { keyword: record["keyword"], arguments: strip(record["arguments"]) };
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(record)) {
    if (LAYOUT_KEYS.has(key)) continue;
    // `"…"` or `"""…"""`: the same value either way.
    if (key === "block" && typeof v === "boolean") continue;
    out[key] = strip(v);
  }
  return out;
}

const RANK = new Map<string, number>(SECTION_ORDER.map((k, i) => [k, i]));

function byKeyword<T extends { keyword: string }>(
  list: readonly T[],
  rank: (k: string) => number = (k) => k.charCodeAt(0),
): T[] {
  return [...list].sort(
    (a, b) =>
      rank(a.keyword) - rank(b.keyword) ||
      (a.keyword < b.keyword ? -1 : a.keyword > b.keyword ? 1 : 0),
  );
}

/** Messages without the line:column some of them cite (`already defined at 3:1`). */
export function diagnosticSummary(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics
    .map((d) => `${d.ruleId} ${d.severity} ${d.message.replace(/\d+:\d+/g, "L:C")}`)
    .sort();
}

export function modelOf(source: string, filename = "doc.kp"): unknown {
  const { project, scenes, diagnostics } = analyze(source, { filename });
  const projectModel = project && {
    ...project,
    // The project keeps its own statements in source order; scenes sort them by the table, as the prompt does.
    sections: byKeyword(project.sections, (k) => RANK.get(k) ?? 0),
    legacy: project.legacy,
    repeats: byKeyword(project.repeats),
  };
  const sceneModels = scenes.map((scene) => ({
    ...scene,
    repeats: byKeyword(scene.repeats),
    shots: scene.shots.map((shot) => ({ ...shot, repeats: byKeyword(shot.repeats) })),
  }));
  return {
    project: strip(projectModel),
    scenes: strip(sceneModels),
    diagnostics: diagnosticSummary(diagnostics),
  };
}

/** What lint says, positions aside: directives still silence what they silenced. */
export function lintedOf(source: string, filename = "doc.kp"): string[] {
  return diagnosticSummary(lint(source, { filename }));
}

export function compiledOf(source: string, filename = "doc.kp"): unknown {
  const { scenes, diagnostics } = compile(source, { filename });
  return { scenes, diagnostics: diagnosticSummary(diagnostics) };
}

/**
 * Every comment's text, line breaks and trailing blanks of line comments
 * aside; each text once (the formatter repeats a line directive for each
 * statement of the line it names).
 */
export function commentsOf(source: string): string[] {
  return [
    ...new Set(
      parse(source).ast.comments.map((c) =>
        c.block ? `/*${c.value.replace(/\r\n|\r/g, "\n")}*/` : `//${c.value}`.trimEnd(),
      ),
    ),
  ].sort();
}

export function hasSyntaxError(source: string): boolean {
  return parse(source).diagnostics.some((d) => d.ruleId === "syntax");
}

/** Every `.kp` under a folder, as [path, text]. */
export function kpFiles(dir: string): [string, string][] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".kp"))
    .map((e) => join(e.parentPath, e.name))
    .sort()
    .map((path) => [path, readFileSync(path, "utf8")]);
}
