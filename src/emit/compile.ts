import { compileScenes, type CompiledScene } from "./scenes.js";
import type { Diagnostic } from "../language/diagnostics.js";
import { sceneOptions, lintCompiled, type LintConfig, type LintOptions } from "../lint/engine.js";
import type { TargetId } from "../targets/profiles.js";

export interface CompileOptions {
  filename?: string;
  /** Default target for scenes that name no engine. */
  target?: TargetId;
  /** Default budget for scenes that state none. */
  budget?: number;
  config?: LintConfig;
}

/** What `klingc --json` prints (the CLI adds each scene's `file`). */
export interface CompileResult {
  scenes: CompiledScene[];
  diagnostics: Diagnostic[];
}

/** Compiles every scene of a source text and lints it. Pure; never throws. */
export function compile(source: string, options: CompileOptions = {}): CompileResult {
  const config: LintConfig = { ...options.config };
  if (options.target !== undefined) config.target = options.target;
  if (options.budget !== undefined) config.budget = options.budget;
  const lintOptions: LintOptions = { config };
  if (options.filename !== undefined) lintOptions.filename = options.filename;
  const built = compileScenes(source, sceneOptions(lintOptions));
  return { scenes: built.scenes, diagnostics: lintCompiled(source, built, lintOptions) };
}
