/**
 * ESLint's JSON shape, so tools that read ESLint's report read klingc's:
 * severity 2 for an error and 1 for a warning; an info is 1 as well, with
 * klingc's own severity kept in `klingcSeverity`.
 */
import type { Diagnostic } from "../../language/diagnostics.js";
import type { FileReport, Formatter } from "./types.js";

interface EslintFix {
  range: [number, number];
  text: string;
}

interface EslintMessage {
  ruleId: string;
  severity: 1 | 2;
  klingcSeverity: Diagnostic["severity"];
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fix?: EslintFix;
}

/** A fix's edits as ESLint's one replacement: the span from the first edit to the last, the text between kept. */
function eslintFix(d: Diagnostic, source: string | undefined): EslintFix | undefined {
  if (!d.fix || source === undefined || d.fix.edits.length === 0) return undefined;
  const edits = [...d.fix.edits].sort((a, b) => a.start - b.start);
  const start = edits[0]!.start;
  let end = start;
  let text = "";
  for (const edit of edits) {
    text += source.slice(end, edit.start) + edit.text;
    end = Math.max(end, edit.end);
  }
  return { range: [start, end], text };
}

function message(d: Diagnostic, source: string | undefined): EslintMessage {
  const result: EslintMessage = {
    ruleId: d.ruleId,
    severity: d.severity === "error" ? 2 : 1,
    klingcSeverity: d.severity,
    message: d.message,
    line: d.line,
    column: d.column,
    endLine: d.endLine,
    endColumn: d.endColumn,
  };
  const fix = eslintFix(d, source);
  if (fix) result.fix = fix;
  return result;
}

function fileResult(report: FileReport) {
  const messages = report.diagnostics.map((d) => message(d, report.source));
  const count = (severity: 1 | 2, fixable: boolean) =>
    messages.filter((m) => m.severity === severity && (!fixable || m.fix !== undefined)).length;
  return {
    filePath: report.filePath,
    messages,
    errorCount: count(2, false),
    warningCount: count(1, false),
    fixableErrorCount: count(2, true),
    fixableWarningCount: count(1, true),
  };
}

export const json: Formatter = (reports) => `${JSON.stringify(reports.map(fileResult), null, 2)}\n`;
