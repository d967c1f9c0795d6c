/** The default report: `file:line:column  severity  message  rule-id` a line, then the counts. */
import { formatDiagnostic, summaryLine } from "../style.js";
import type { Formatter } from "./types.js";

export const stylish: Formatter = (reports, { chalk, summary }) => {
  const all = reports.flatMap((r) => r.diagnostics);
  const lines = all.map((d) => `${formatDiagnostic(d, chalk)}\n`);
  if (summary && all.length > 0) lines.push(`${summaryLine(all)}\n`);
  return lines.join("");
};
