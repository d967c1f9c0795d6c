/**
 * GitHub Actions workflow commands: each diagnostic becomes an annotation on
 * its file and lines. Escaped as @actions/core escapes them: data loses `%`,
 * CR and LF; properties lose `:` and `,` too.
 */
import type { Formatter } from "./types.js";

const COMMAND = { error: "error", warning: "warning", info: "notice" } as const;

export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

export const github: Formatter = (reports) =>
  reports
    .flatMap((r) =>
      r.diagnostics.map((d) => {
        const properties = [
          `file=${escapeProperty(r.filePath)}`,
          `line=${d.line}`,
          `col=${d.column}`,
          `endLine=${d.endLine}`,
          `endColumn=${d.endColumn}`,
          `title=${escapeProperty(d.ruleId)}`,
        ];
        return `::${COMMAND[d.severity]} ${properties.join(",")}::${escapeData(d.message)}\n`;
      }),
    )
    .join("");
