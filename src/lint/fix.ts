import type { Diagnostic, Fix, TextEdit } from "../language/diagnostics.js";
import { validateLintOptions, lintValidated, type LintOptions } from "./engine.js";

/** One fix `fix` applied: the rule that offered it and what it does. */
export interface AppliedFix {
  ruleId: string;
  description: string;
  /** Pass in which it was applied (1-based). */
  pass: number;
}

/** What `fix` returns: the fixed text, the fixes applied, and what lint still reports on it. */
export interface FixResult {
  /** The fixed text (the input itself when nothing could be fixed safely). */
  output: string;
  applied: AppliedFix[];
  /** What lint reports on the output. */
  remaining: Diagnostic[];
}

export const MAX_FIX_PASSES = 10;

function span(fix: Fix): [number, number] {
  // A loop, not Math.min(...edits): a fix may hold more edits than a call takes arguments.
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  for (const e of fix.edits) {
    if (e.start < start) start = e.start;
    if (e.end > end) end = e.end;
  }
  return [start, end];
}

/** Fixes whose edits do not touch one another, earliest first; the rest wait for the next pass. */
export function chooseFixes(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const withFix = diagnostics
    .filter((d) => d.fix && d.fix.edits.length > 0)
    .map((d) => ({ d, span: span(d.fix as Fix) }))
    .sort((a, b) => a.span[0] - b.span[0]);
  const chosen: Diagnostic[] = [];
  let reached = -1;
  let lastWasInsertion = false;
  for (const {
    d,
    span: [start, end],
  } of withFix) {
    // Edits that meet at one offset with an insertion among them have no clear order: the later waits a pass.
    if (start < reached || (start === reached && (start === end || lastWasInsertion))) continue;
    chosen.push(d);
    reached = end;
    lastWasInsertion = start === end;
  }
  return chosen;
}

/** Applies non-overlapping edits (offsets refer to the original text). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = "";
  let at = 0;
  for (const edit of sorted) {
    if (edit.start < at) continue;
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + text.slice(at);
}

function errorKeys(diagnostics: readonly Diagnostic[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of diagnostics) {
    if (d.severity !== "error") continue;
    const key = `${d.ruleId}\u0000${d.message}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** True when `after` has a syntax error or any error `before` did not have. */
function addsErrors(before: readonly Diagnostic[], after: readonly Diagnostic[]): boolean {
  if (
    after.some((d) => d.ruleId === "syntax" && d.severity === "error") &&
    !before.some((d) => d.ruleId === "syntax")
  )
    return true;
  const was = errorKeys(before);
  for (const [key, count] of errorKeys(after)) if (count > (was.get(key) ?? 0)) return true;
  return false;
}

/**
 * Applies fixes in passes until nothing changes (at most MAX_FIX_PASSES). A
 * pass whose result would add an error is thrown away (then its fixes are
 * tried one at a time), so the output always parses at least as well as the input.
 */
export function fix(source: string, options?: LintOptions): FixResult {
  const validated = validateLintOptions(source, options);
  return fixPasses(validated.source, (text) =>
    lintValidated(text, validated.options, validated.problems),
  );
}

/**
 * `fix`'s passes over any text `lint` reports on with edits into that text
 * (a Markdown storyboard, for one). A pass `keep` refuses is thrown away too.
 */
export function fixPasses(
  source: string,
  lint: (text: string) => Diagnostic[],
  keep: (before: string, after: string) => boolean = () => true,
): FixResult {
  let text = source;
  let diagnostics = lint(text);
  const applied: AppliedFix[] = [];
  for (let pass = 1; pass <= MAX_FIX_PASSES; pass++) {
    const chosen = chooseFixes(diagnostics);
    if (chosen.length === 0) break;
    const step = firstAccepted(chosen, text, diagnostics, lint, keep);
    if (!step) break;
    for (const d of step.fixes)
      applied.push({ ruleId: d.ruleId, description: (d.fix as Fix).description, pass });
    text = step.text;
    diagnostics = step.diagnostics;
  }
  return { output: text, applied, remaining: diagnostics };
}

/**
 * The pass's fixes applied together when that is accepted; else the first of
 * them that is accepted alone (each fix is made for the text as it is, and two
 * can clash when applied at once: the rest wait for the next pass). Null when
 * none is: fixing stops there.
 */
function firstAccepted(
  chosen: readonly Diagnostic[],
  text: string,
  diagnostics: readonly Diagnostic[],
  lint: (text: string) => Diagnostic[],
  keep: (before: string, after: string) => boolean,
): { fixes: readonly Diagnostic[]; text: string; diagnostics: Diagnostic[] } | null {
  const tries = chosen.length > 1 ? [chosen, ...chosen.map((d) => [d])] : [chosen];
  for (const fixes of tries) {
    const next = applyEdits(
      text,
      fixes.flatMap((d) => (d.fix as Fix).edits),
    );
    if (next === text || !keep(text, next)) continue;
    const after = lint(next);
    if (!addsErrors(diagnostics, after)) return { fixes, text: next, diagnostics: after };
  }
  return null;
}
