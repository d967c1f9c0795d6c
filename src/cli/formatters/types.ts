/** Formatters are plain functions of the results, as ESLint's are: one file's diagnostics in, text out. */
import type { ChalkInstance } from "chalk";
import type { Diagnostic } from "../../language/diagnostics.js";

export interface FileReport {
  /** The path as the user named it (or `<stdin>`, or --stdin-filename). */
  filePath: string;
  diagnostics: readonly Diagnostic[];
  /** The text checked, when it could be read as text: fixes are given as ranges into it. */
  source?: string;
}

export interface FormatterOptions {
  chalk: ChalkInstance;
  /** Paths in SARIF are made relative to this folder. */
  cwd: string;
  /** Whether the stylish report ends with its count line (lint's does, the main job's does not). */
  summary: boolean;
}

export type Formatter = (reports: readonly FileReport[], options: FormatterOptions) => string;
