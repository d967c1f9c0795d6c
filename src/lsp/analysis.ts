/**
 * One document's findings, as `klingc lint` reports them with the file's config, plus what only
 * compiling says (`no-request`): one parse feeds both, and the compiled scenes stay for hover.
 */
import { compileRun } from "../emit/compile.js";
import type { CompiledScenes } from "../emit/scenes.js";
import { compareDiagnostics, type Diagnostic } from "../language/diagnostics.js";
import { lintCompiled, type LintConfig } from "../lint/engine.js";

export interface Analysis {
  text: string;
  diagnostics: Diagnostic[];
  built: CompiledScenes;
  config: LintConfig;
}

export function analyzeDocument(text: string, filename: string | undefined, config: LintConfig): Analysis {
  const run = compileRun(text, { ...(filename !== undefined ? { filename } : {}), config });
  const linted = lintCompiled(run.source, run.built, { ...(filename !== undefined ? { filename } : {}), config: run.config });
  const compileOnly = run.result.diagnostics.filter((d) => d.ruleId === "no-request");
  return { text, diagnostics: [...linted, ...compileOnly].sort(compareDiagnostics), built: run.built, config: run.config };
}
