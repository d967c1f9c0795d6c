/**
 * Markdown storyboards: the ```kp blocks of a .md file are one project (src/markdown); its findings
 * and fixes come with Markdown positions and edits, so the server publishes and applies them as they are.
 */
import { compareDiagnostics, type Diagnostic } from "../language/diagnostics.js";
import type { LintConfig } from "../lint/engine.js";
import { compileMarkdown, fixMarkdown, lintMarkdown } from "../markdown/index.js";

function options(filename: string | undefined, config: LintConfig) {
  return { ...(filename !== undefined ? { filename } : {}), config };
}

/** What `klingc lint` reports for the storyboard, plus what only compiling says (`no-request`), in Markdown offsets. */
export function markdownFindings(
  markdown: string,
  filename: string | undefined,
  config: LintConfig,
): Diagnostic[] {
  const linted = lintMarkdown(markdown, options(filename, config));
  const compileOnly = compileMarkdown(markdown, options(filename, config)).diagnostics.filter(
    (d) => d.ruleId === "no-request",
  );
  return [...linted, ...compileOnly].sort(compareDiagnostics);
}

/** The storyboard with every safe fix applied inside its ```kp blocks. */
export function fixedMarkdown(
  markdown: string,
  filename: string | undefined,
  config: LintConfig,
): string {
  return fixMarkdown(markdown, options(filename, config)).output;
}
