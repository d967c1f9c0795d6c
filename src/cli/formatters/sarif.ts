/**
 * SARIF 2.1.0 (the OASIS standard GitHub code scanning reads): one run whose
 * driver lists every rule with its documentation, and a result for each
 * diagnostic. Columns are counted in Unicode code points, as klingc counts
 * them, and the run says so (`columnKind`).
 */
import { isAbsolute, relative, sep } from "node:path";
import { pathToFileURL } from "node:url";
import pkg from "../../../package.json" with { type: "json" };
import { RULES } from "../../../rules/index.js";
import {
  docsUrl,
  LANGUAGE_IDS,
  type Diagnostic,
  type RelatedInformation,
  type Severity,
} from "../../language/diagnostics.js";
import type { Formatter } from "./types.js";

const LEVEL: Readonly<Record<Severity, string>> = {
  error: "error",
  warning: "warning",
  info: "note",
};
const SRCROOT = "%SRCROOT%";

interface ReportingDescriptor {
  id: string;
  shortDescription?: { text: string };
  helpUri: string;
  defaultConfiguration?: { level: string };
}

/** Every rule's meta, then the parser's ids and any other id the results carry (directive problems, no-request). */
function driverRules(diagnostics: readonly Diagnostic[]): ReportingDescriptor[] {
  const rules: ReportingDescriptor[] = RULES.map(({ meta }) => ({
    id: meta.id,
    shortDescription: { text: meta.description },
    helpUri: meta.url ?? docsUrl(meta.id),
    defaultConfiguration: { level: LEVEL[meta.severity] },
  }));
  const known = new Set(rules.map((r) => r.id));
  for (const id of [...LANGUAGE_IDS, ...diagnostics.map((d) => d.ruleId)]) {
    if (known.has(id)) continue;
    known.add(id);
    rules.push({ id, helpUri: docsUrl(id) });
  }
  return rules;
}

/**
 * A path relative to the working folder when it lies below it, against the
 * base %SRCROOT% (the checkout, which code scanning supplies), else a file: URL.
 */
function artifactLocation(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const rel = isAbsolute(file) ? relative(cwd, file) : file;
  if (isAbsolute(rel) || rel.startsWith("..")) return { uri: pathToFileURL(file).href };
  return {
    uri: rel.split(sep).join("/").split("/").map(encodeURIComponent).join("/"),
    uriBaseId: SRCROOT,
  };
}

type Place = Pick<Diagnostic | RelatedInformation, "line" | "column" | "endLine" | "endColumn">;

function region(p: Place) {
  return { startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: p.endColumn };
}

export const sarif: Formatter = (reports, { cwd }) => {
  const all = reports.flatMap((r) => r.diagnostics);
  const rules = driverRules(all);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = reports.flatMap((report) => {
    const artifact = artifactLocation(report.filePath, cwd);
    return report.diagnostics.map((d) => {
      const result: Record<string, unknown> = {
        ruleId: d.ruleId,
        ruleIndex: index.get(d.ruleId),
        level: LEVEL[d.severity],
        message: { text: d.message },
        locations: [{ physicalLocation: { artifactLocation: artifact, region: region(d) } }],
      };
      if (d.related) {
        result["relatedLocations"] = d.related.map((r, id) => ({
          id,
          message: { text: r.message },
          physicalLocation: { artifactLocation: artifact, region: region(r) },
        }));
      }
      return result;
    });
  });
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "klingc",
            version: pkg.version,
            informationUri: "https://github.com/klingc/klingc",
            rules,
          },
        },
        columnKind: "unicodeCodePoints",
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
