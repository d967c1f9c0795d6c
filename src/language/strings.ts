/** Decoding of `.kp` string literals. Problems come back as data, with source offsets (callers pass where the body starts). */

export interface StringProblem {
  message: string;
  start: number;
  end: number;
}

export interface DecodedString {
  value: string;
  problems: StringProblem[];
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { '"': '"', "\\": "\\", n: "\n", t: "\t" };

/** Resolves `\" \\ \n \t \u{…}` in a literal's body; `bodyStart` is the body's offset inside the literal. */
export function decodeEscapes(body: string, bodyStart: number): DecodedString {
  // The list made before the literal: a literal holding another is built by the runtime, not cloned.
  const problems: StringProblem[] = [];
  if (!body.includes("\\")) return { value: body, problems };
  let value = "";
  let i = 0;
  while (i < body.length) {
    const slash = body.indexOf("\\", i);
    if (slash < 0) {
      value += body.slice(i);
      break;
    }
    value += body.slice(i, slash);
    const step = decodeEscapeAt(body, slash);
    if (step.problem)
      problems.push({ ...step.problem, start: bodyStart + slash, end: bodyStart + step.next });
    value += step.text;
    i = step.next;
  }
  return { value, problems };
}

export interface EscapeStep {
  text: string;
  next: number;
  problem?: { message: string };
}

/** One escape: `body[slash]` is a backslash; gives its text and where the next character starts. */
export function decodeEscapeAt(body: string, slash: number): EscapeStep {
  const c = body[slash + 1];
  if (c === undefined)
    return {
      text: "\\",
      next: slash + 1,
      problem: { message: "a string cannot end with a lone '\\'" },
    };
  const simple = SIMPLE_ESCAPES[c];
  if (simple !== undefined) return { text: simple, next: slash + 2 };
  if (c === "u") return decodeUnicode(body, slash);
  const shown = String.fromCodePoint(body.codePointAt(slash + 1) ?? 0);
  return {
    text: shown,
    next: slash + 1 + shown.length,
    problem: { message: `unknown escape '\\${shown}'; use \\\\ for a backslash` },
  };
}

const BAD_UNICODE_ESCAPE =
  "a unicode escape is written \\u{1F600}: 1 to 6 hex digits naming a character (at most 10FFFF, not a surrogate)";

/** `U+0007`, `U+202E`, `U+1F600`: how messages name a code point. */
export function codePointName(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
}

function decodeUnicode(body: string, slash: number): EscapeStep {
  const match = /^\\u\{([0-9A-Fa-f]{1,6})\}/.exec(body.slice(slash, slash + 11));
  const code = match ? Number.parseInt(match[1] as string, 16) : NaN;
  if (!match || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
    // A surrogate is named, as the invalid-character error names one in a caller's string.
    const surrogate =
      match && code <= 0x10ffff
        ? `${codePointName(code)} is a lone surrogate, not a character; `
        : "";
    return {
      text: "",
      next: match ? slash + match[0].length : slash + 2,
      problem: { message: `${surrogate}${BAD_UNICODE_ESCAPE}` },
    };
  }
  return { text: String.fromCodePoint(code), next: slash + match[0].length };
}

/**
 * A block string's text: a first line that is blank after the opening quotes
 * and a last line that is blank before the closing quotes are dropped, then the
 * indentation common to all non-blank lines is removed.
 */
export function dedent(text: string): string {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > 1 && (lines[0] as string).trim() === "") lines.shift();
  if (lines.length > 1 && (lines[lines.length - 1] as string).trim() === "") lines.pop();
  let common: number | null = null;
  for (const line of lines) {
    if (line.trim() === "") continue;
    const indent = /^[ \t]*/.exec(line)?.[0].length ?? 0;
    common = common === null ? indent : Math.min(common, indent);
  }
  const cut = common ?? 0;
  return lines
    .map((line) => line.slice(Math.min(cut, line.length - line.trimStart().length)))
    .join("\n");
}
