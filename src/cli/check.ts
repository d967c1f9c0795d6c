/**
 * The one seam between a file's name and text and what klingc makes of it:
 * compiling, linting and fixing. A Markdown storyboard is told apart here by
 * its name (src/markdown plugs in at these three functions), so every
 * command and standard input treat `.md` files alike.
 */
import { compileRun, type CompileResult } from "../emit/compile.js";
import { compareDiagnostics, type Diagnostic } from "../language/diagnostics.js";
import {
  validateLintOptions,
  lintValidated,
  lintCompiled,
  type LintConfig,
  type LintOptions,
  type ValidatedLint,
} from "../lint/engine.js";
import type { FixResult } from "../lint/fix.js";
import { checkStoryboard, fixByName, isMarkdownFile, lintByName } from "../markdown/storyboard.js";

/** Compiles a text and lints the same compiled scenes (one parse): lint's findings, plus what only compiling says (`no-request`). */
export function compileText(file: string, text: string, config: LintConfig): CompileResult {
  const check = (source: string): CompileResult => {
    const run = compileRun(source, { filename: file, config });
    const linted = lintCompiled(run.source, run.built, { filename: file, config: run.config });
    const compileOnly = run.result.diagnostics.filter((d) => d.ruleId === "no-request");
    return {
      scenes: run.result.scenes,
      diagnostics: [...linted, ...compileOnly].sort(compareDiagnostics),
    };
  };
  // A Markdown storyboard: its ```kp blocks are checked as one file, the positions put back in the Markdown.
  return isMarkdownFile(file) ? checkStoryboard(text, check) : check(text);
}

/** A config's options as `lint` validates them, per --report-unused-disable-directives: the same for every file. */
const VALIDATED = [
  new WeakMap<LintConfig, ValidatedLint>(),
  new WeakMap<LintConfig, ValidatedLint>(),
] as const;

/**
 * Lints a text; `options.filename` tells a Markdown storyboard from a scene file.
 * A run shares one config object among the files of a folder, so a scene file's
 * options are validated once per config, not once per file (the problems found are
 * the same: a file name that is a string is never one).
 */
export function lintText(text: string, options: LintOptions): Diagnostic[] {
  const { config, filename } = options;
  if (
    config === undefined ||
    filename === undefined ||
    options.rules !== undefined ||
    isMarkdownFile(filename)
  )
    return lintByName(text, options);
  const unused = options.reportUnusedDirectives === true;
  const cache = VALIDATED[unused ? 1 : 0];
  let validated = cache.get(config);
  if (!validated)
    cache.set(
      config,
      (validated = validateLintOptions("", { config, reportUnusedDirectives: unused })),
    );
  return lintValidated(text, { ...validated.options, filename }, validated.problems);
}

export function fixText(text: string, options: LintOptions): FixResult {
  return fixByName(text, options);
}
