import type { LineIndex, Span } from "./positions.js";

/** How serious a diagnostic is; the command line exits with status 1 when any is an error. */
export type Severity = "error" | "warning" | "info";

/** A replacement of the text between two UTF-16 offsets (end-exclusive). */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** A fix is data: edits the engine applies, never code that runs. */
export interface Fix {
  description: string;
  edits: TextEdit[];
}

/**
 * A place a diagnostic refers to (the first of two repeated statements, the scene defined earlier): LSP's
 * `relatedInformation`. Positions stay out of messages; they go here, with the same fields as the diagnostic's own.
 */
export interface RelatedInformation extends Pick<
  Diagnostic,
  "file" | "line" | "column" | "endLine" | "endColumn" | "offset" | "endOffset"
> {
  message: string;
}

/**
 * Everything klingc reports has this shape. It carries the fields of a
 * vfile-message (`reason`, `ruleId`, `source`, `line`, `column`, `place`,
 * `fatal`, `url`, `file`) so unified's reporters can print it, and it stays
 * plain data so it serialises to JSON for CI and editors.
 */
export interface Diagnostic {
  ruleId: string;
  source: "klingc";
  severity: Severity;
  message: string;
  /** Same as `message` (vfile-message's name for it). */
  reason: string;
  /** vfile-message: true for errors, false for warnings, undefined for info. */
  fatal: boolean | undefined;
  file: string | undefined;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  offset: number;
  endOffset: number;
  /** unist position, as vfile-message's `place`. */
  place: Span;
  url: string;
  fix?: Fix;
  /** Other places the message refers to; absent when there are none. */
  related?: RelatedInformation[];
}

// Made on first use: an Intl.NumberFormat costs ~10 ms of start-up, and most messages hold only whole numbers.
let numberFormat: Intl.NumberFormat | undefined;

/** 2500 → "2,500", 0.5 → "0.5": the one way every message writes a number, whatever the locale. */
export function formatNumber(n: number): string {
  // Public, so it must not throw on what a caller hands in.
  if (typeof n !== "number") return "NaN";
  if (Number.isSafeInteger(n) && !Object.is(n, -0)) return groupDigits(n);
  return (numberFormat ??= new Intl.NumberFormat("en-US", { maximumFractionDigits: 6 })).format(n);
}

/** A whole number with a comma every three digits, as en-US writes it. */
function groupDigits(n: number): string {
  const digits = String(Math.abs(n));
  let out = digits.slice(0, digits.length % 3 || 3);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return n < 0 ? `-${out}` : out;
}

export const DOCS_BASE = "https://github.com/klingc/klingc/blob/main/";

/** What the parser and analysis report; not rules: always errors, documented in grammar/README.md. */
export const LANGUAGE_IDS = [
  "syntax",
  "unknown-keyword",
  "misplaced-statement",
  "invalid-argument",
  "duplicate-scene",
  "invalid-character",
  "file-too-large",
] as const;
export type LanguageId = (typeof LANGUAGE_IDS)[number];

const LANGUAGE_ID_SET: ReadonlySet<string> = new Set(LANGUAGE_IDS);

const DIRECTIVE_IDS: ReadonlySet<string> = new Set(["unknown-rule", "unused-directive"]);

const DOCS_URLS = new Map<string, string>();

/**
 * Where a diagnostic's documentation lives: parser and analysis ids in
 * grammar/README.md, directive problems in the README's configuration
 * section, rules in rules/ID.md.
 */
export function docsUrl(ruleId: string): string {
  // One string per id: a file with many findings of one rule would otherwise hold a copy in each.
  let url = DOCS_URLS.get(ruleId);
  if (url === undefined) {
    url = LANGUAGE_ID_SET.has(ruleId)
      ? `${DOCS_BASE}grammar/README.md#${ruleId}`
      : DIRECTIVE_IDS.has(ruleId)
        ? `${DOCS_BASE}README.md#configuration`
        : `${DOCS_BASE}rules/${ruleId}.md`;
    DOCS_URLS.set(ruleId, url);
  }
  return url;
}

export interface DiagnosticInput {
  ruleId: string;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  fix?: Fix;
  url?: string;
  /** Related places, as offsets: `makeDiagnostic` adds their lines and columns. */
  related?: { message: string; start: number; end: number }[];
}

/** Turns a report with offsets into a full diagnostic with lines and columns. */
export function makeDiagnostic(
  index: LineIndex,
  file: string | undefined,
  input: DiagnosticInput,
): Diagnostic {
  const place = index.span(input.start, input.end);
  const diagnostic: Diagnostic = {
    ruleId: input.ruleId,
    source: "klingc",
    severity: input.severity,
    message: input.message,
    reason: input.message,
    fatal: input.severity === "error" ? true : input.severity === "warning" ? false : undefined,
    file,
    line: place.start.line,
    column: place.start.column,
    endLine: place.end.line,
    endColumn: place.end.column,
    offset: place.start.offset,
    endOffset: place.end.offset,
    place,
    url: input.url ?? docsUrl(input.ruleId),
  };
  if (input.fix) diagnostic.fix = input.fix;
  if (input.related && input.related.length > 0) {
    diagnostic.related = input.related.map((r) => {
      const span = index.span(r.start, r.end);
      return {
        message: r.message,
        file,
        line: span.start.line,
        column: span.start.column,
        endLine: span.end.line,
        endColumn: span.end.column,
        offset: span.start.offset,
        endOffset: span.end.offset,
      };
    });
  }
  return diagnostic;
}

/** Stable order: by offset, then end, then rule id. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.offset - b.offset || a.endOffset - b.endOffset || a.ruleId.localeCompare(b.ruleId);
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}
