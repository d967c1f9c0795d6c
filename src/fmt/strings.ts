/**
 * String literals as the formatter writes them: `"…"` with the language's
 * escapes, or a `"""…"""` block whose lines, once dedented and decoded, give
 * back exactly the same value (checked; otherwise the quoted form is used).
 */
import { decodeEscapes, dedent } from "../language/strings.js";

/** C0 and C1 controls and DEL, which a reader cannot see: written as `\u{…}`. */
function isInvisibleControl(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

function unicodeEscape(code: number): string {
  return `\\u{${code.toString(16).toUpperCase()}}`;
}

/** `"…"`: backslash, quote, new line and tab escaped by name, other controls by code point. */
export function quoted(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0) as number;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (isInvisibleControl(code)) out += unicodeEscape(code);
    else out += ch;
  }
  return `${out}"`;
}

/** One line of a block string's body: quotes escaped only where three in a row would close the block. */
function blockLine(line: string): string {
  let out = "";
  let quotes = 0;
  const flush = (): void => {
    out += quotes >= 3 ? '\\"'.repeat(quotes) : '"'.repeat(quotes);
    quotes = 0;
  };
  for (const ch of line) {
    if (ch === '"') {
      quotes++;
      continue;
    }
    flush();
    const code = ch.codePointAt(0) as number;
    if (ch === "\\") out += "\\\\";
    else if (ch === "\t") out += "\\t";
    else if (isInvisibleControl(code)) out += unicodeEscape(code);
    else out += ch;
  }
  flush();
  return out;
}

/**
 * The block form, opening on the statement's line and closing at `indent`,
 * its text one level deeper; null when that form would not read back as
 * `value` (for example when every line starts with white space).
 */
export function blockString(
  value: string,
  indent: string,
  step: string,
  eol: string,
): string | null {
  const lines = value
    .split("\n")
    .map((line) => (line === "" ? "" : `${indent}${step}${blockLine(line)}`));
  const body = `${eol}${lines.join(eol)}${eol}${indent}`;
  if (body.includes('"""')) return null;
  if (decodeEscapes(dedent(body), 0).value !== value) return null;
  return `"""${body}"""`;
}
