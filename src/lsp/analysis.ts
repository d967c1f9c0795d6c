/**
 * One document's findings, as `klingc lint` reports them with the file's config, plus what only
 * compiling says (`no-request`): one parse feeds both, and the compiled scenes stay for hover.
 */
import { compileRun } from "../emit/compile.js";
import type { CompiledScenes } from "../emit/scenes.js";
import type { FileNode } from "../language/ast.js";
import { compareDiagnostics, type Diagnostic } from "../language/diagnostics.js";
import { lintCompiled, type LintConfig } from "../lint/engine.js";
import { nameOf } from "./syntax.js";

/** A top-level statement's place, kept in document offsets so an edit elsewhere only shifts it. */
export interface OutlineEntry {
  keyword: string;
  name: string | null;
  start: number;
  end: number;
  /** Offsets of the block's `{` and of the end of its `}`; null for a statement without a closed block. */
  block: { start: number; end: number } | null;
}

export interface Analysis {
  text: string;
  diagnostics: Diagnostic[];
  /** What compiling made of the text: the whole document's, except for a `partial` analysis. */
  built: CompiledScenes;
  config: LintConfig;
  filename: string | undefined;
  outline: OutlineEntry[];
  /** True when only one scene was analysed again (see incremental.ts): `built` does not hold the others. */
  partial: boolean;
}

export function outlineOf(ast: FileNode): OutlineEntry[] {
  return ast.statements.map((s) => ({
    keyword: s.keyword,
    name: nameOf(s),
    start: s.position.start.offset,
    end: s.position.end.offset,
    block: s.block?.closed
      ? { start: s.block.position.start.offset, end: s.block.position.end.offset }
      : null,
  }));
}

/** Lint findings and compile-only findings of a text, in source order. */
export function findings(
  text: string,
  filename: string | undefined,
  config: LintConfig,
): { diagnostics: Diagnostic[]; built: CompiledScenes } {
  const named = filename !== undefined ? { filename } : {};
  const run = compileRun(text, { ...named, config });
  const linted = lintCompiled(run.source, run.built, { ...named, config: run.config });
  const compileOnly = run.result.diagnostics.filter((d) => d.ruleId === "no-request");
  return { diagnostics: [...linted, ...compileOnly].sort(compareDiagnostics), built: run.built };
}

export function analyzeDocument(
  text: string,
  filename: string | undefined,
  config: LintConfig,
): Analysis {
  const { diagnostics, built } = findings(text, filename, config);
  return {
    text,
    diagnostics,
    built,
    config,
    filename,
    outline: outlineOf(built.analysis.ast),
    partial: false,
  };
}
