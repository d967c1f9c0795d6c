/** klingc's diagnostics and edits (UTF-16 offsets) as LSP's (UTF-16 line/character positions). */
import type { TextDocument } from "vscode-languageserver-textdocument";
import {
  DiagnosticSeverity,
  type Diagnostic as LspDiagnostic,
  type Range,
  type TextEdit as LspTextEdit,
} from "vscode-languageserver";
import type { Diagnostic, Severity, TextEdit } from "../language/diagnostics.js";

const SEVERITY: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** Maps offsets of a text that starts `base` UTF-16 units into the document (a ```kp block in Markdown: base > 0). */
export interface Place {
  document: TextDocument;
  base: number;
}

export function rangeOf(place: Place, start: number, end: number): Range {
  return {
    start: place.document.positionAt(place.base + start),
    end: place.document.positionAt(place.base + end),
  };
}

export function toLspDiagnostic(d: Diagnostic, place: Place): LspDiagnostic {
  const out: LspDiagnostic = {
    range: rangeOf(place, d.offset, d.endOffset),
    severity: SEVERITY[d.severity],
    code: d.ruleId,
    codeDescription: { href: d.url },
    source: "klingc",
    message: d.message,
  };
  if (d.related && d.related.length > 0) {
    out.relatedInformation = d.related.map((r) => ({
      location: { uri: place.document.uri, range: rangeOf(place, r.offset, r.endOffset) },
      message: r.message,
    }));
  }
  return out;
}

export function toLspEdit(edit: TextEdit, place: Place): LspTextEdit {
  return { range: rangeOf(place, edit.start, edit.end), newText: edit.text };
}

export function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

/** True when two ranges share at least a point (an empty range touching another counts). */
export function touches(a: Range, b: Range): boolean {
  const before = (p: Range["start"], q: Range["start"]) =>
    p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
