/** compile, lint and fix for Markdown storyboards: the library's own functions, run on the joined ```kp blocks. */
import { compile, type CompileOptions, type CompileResult } from "../emit/compile.js";
import { compareDiagnostics, type Diagnostic } from "../language/diagnostics.js";
import {
  validateLintOptions,
  lint,
  lintValidated,
  type LintOptions,
  type ValidatedLint,
} from "../lint/engine.js";
import { fix, fixPasses, type FixResult } from "../lint/fix.js";
import { extractProject, outsideBlocks, type MarkdownProject } from "./project.js";
import { toMarkdownDiagnostics } from "./remap.js";

/** Whether a file name is a Markdown storyboard's (`.md`, `.markdown`, any case). */
export function isMarkdownFile(filename: unknown): boolean {
  return typeof filename === "string" && /\.(?:md|markdown)$/i.test(filename);
}

/**
 * What `run` says about the joined source, in the Markdown. A Markdown file
 * with no ```kp block is a document, not an empty storyboard: no `empty-file`.
 */
function inMarkdown(
  project: MarkdownProject,
  markdown: string,
  diagnostics: readonly Diagnostic[],
): Diagnostic[] {
  const kept =
    project.blocks.length === 0
      ? diagnostics.filter((d) => d.ruleId !== "empty-file")
      : diagnostics;
  return toMarkdownDiagnostics(project, markdown, kept).sort(compareDiagnostics);
}

/** A compile-like run over a storyboard's joined source, with its diagnostics moved into the Markdown. */
export function checkStoryboard(
  markdown: string,
  run: (source: string) => CompileResult,
): CompileResult {
  const project = extractProject(markdown);
  const result = run(project.source);
  return { scenes: result.scenes, diagnostics: inMarkdown(project, markdown, result.diagnostics) };
}

/**
 * `compile` for a Markdown storyboard: the ```kp blocks in document order
 * are one project; diagnostics are placed in the Markdown. Pure; never throws.
 */
export function compileMarkdown(markdown: string, options?: CompileOptions): CompileResult {
  if (typeof markdown !== "string") return compile(markdown, options);
  return checkStoryboard(markdown, (source) => compile(source, options));
}

/** `lint` for a Markdown storyboard, its diagnostics and fix edits in the Markdown. Pure; never throws. */
export function lintMarkdown(markdown: string, options?: LintOptions): Diagnostic[] {
  const validated = validateLintOptions(markdown, options);
  return lintProject(extractProject(validated.source), validated.source, validated);
}

/** Lint of a storyboard already taken apart, with options already validated. */
export function lintProject(
  project: MarkdownProject,
  markdown: string,
  validated: ValidatedLint,
): Diagnostic[] {
  return inMarkdown(
    project,
    markdown,
    lintValidated(project.source, validated.options, validated.problems),
  );
}

/**
 * `fix` for a Markdown storyboard: fixes are written inside the ```kp
 * blocks only. A pass that would change a byte outside them (an edit that
 * ended a block or broke its list item) is thrown away, so every other byte
 * of the file stays as it was. Pure; never throws.
 */
export function fixMarkdown(markdown: string, options?: LintOptions): FixResult {
  const validated = validateLintOptions(markdown, options);
  const projects = new Map<string, MarkdownProject>();
  // Each pass reads the text it made twice (lint, then the next pass's check): parse it once.
  const projectOf = (text: string): MarkdownProject => {
    let project = projects.get(text);
    if (!project) {
      if (projects.size > 2) projects.clear();
      project = extractProject(text);
      projects.set(text, project);
    }
    return project;
  };
  const lintText = (text: string): Diagnostic[] => lintProject(projectOf(text), text, validated);
  const sameOutside = (before: string, after: string): boolean => {
    const was = outsideBlocks(before, projectOf(before));
    const now = outsideBlocks(after, projectOf(after));
    return was.length === now.length && was.every((piece, i) => piece === now[i]);
  };
  return fixPasses(validated.source, lintText, sameOutside);
}

/** `lint`, or `lintMarkdown` when `options.filename` names a Markdown file (the command line's entry). */
export function lintByName(source: string, options: LintOptions): Diagnostic[] {
  return isMarkdownFile(options.filename) ? lintMarkdown(source, options) : lint(source, options);
}

/** `fix`, or `fixMarkdown` when `options.filename` names a Markdown file (the command line's entry). */
export function fixByName(source: string, options: LintOptions): FixResult {
  return isMarkdownFile(options.filename) ? fixMarkdown(source, options) : fix(source, options);
}
