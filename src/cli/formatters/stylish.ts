/** The default report: `file:line:column  severity  message  rule-id` a line, then the counts. */
import { diagnosticLine, countLine } from "../style.js";
import type { Formatter } from "./types.js";

export const stylish: Formatter = (reports, { chalk, summary }) => {
  const all = reports.flatMap((r) => r.diagnostics);
  const lines = all.map((d) => `${diagnosticLine(d, chalk)}\n`);
  if (summary && all.length > 0) lines.push(`${countLine(all)}\n`);
  return lines.join("");
};
