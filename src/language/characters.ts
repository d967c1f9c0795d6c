/**
 * Characters that must never reach a model: NUL and the other C0/C1 controls
 * (tab and line feed excepted), bidirectional overrides and isolates, lone
 * surrogates and U+FFFD. The one table of them is INVALID below; analysis
 * reports them (`invalid-character`) and the emitter strips them.
 */
import type { FileNode, StatementNode, StringNode, ValueNode } from "./ast.js";
import { makeDiagnostic, type Diagnostic, type TextEdit } from "./diagnostics.js";
import type { LineIndex } from "./positions.js";
import { codePointName, decodeEscapeAt } from "./strings.js";

// One character each (no quantifier), so every search is linear. With the u flag a
// well-formed surrogate pair is one code point, so \p{Cs} matches only a lone half.
const INVALID_SOURCE = String.raw`[\0-\x08\x0B-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069\uFFFD]|\p{Cs}`;
const INVALID = new RegExp(INVALID_SOURCE, "u");
const INVALID_ALL = new RegExp(INVALID_SOURCE, "gu");
/** In a literal as written: an invalid character, or a backslash whose escape may make one. */
const INVALID_OR_ESCAPE = new RegExp(`${INVALID_SOURCE}|\\\\`, "gu");

/** The text without the characters that must not reach a model. */
export function stripInvalidCharacters(text: string): string {
  return INVALID.test(text) ? text.replace(INVALID_ALL, "") : text;
}

const BIDI_NAMES: Readonly<Record<number, string>> = {
  0x202a: "left-to-right embedding",
  0x202b: "right-to-left embedding",
  0x202c: "pop directional formatting",
  0x202d: "left-to-right override",
  0x202e: "right-to-left override",
  0x2066: "left-to-right isolate",
  0x2067: "right-to-left isolate",
  0x2068: "first strong isolate",
  0x2069: "pop directional isolate",
};

/**
 * What is wrong with the character and whether deleting it is safe. U+FFFD
 * stands for text already lost, and a C1 control is almost always punctuation
 * from a Windows-1252 file read as Latin-1 (U+0092 for ’): deleting either would
 * hide the damage, so the user retypes them.
 */
function describe(code: number): { message: string; removable: boolean } {
  const name = codePointName(code);
  if (code === 0xfffd)
    return {
      message: `${name} is the replacement character: text that was not valid UTF-8 was lost here; retype it`,
      removable: false,
    };
  if (code >= 0xd800 && code <= 0xdfff)
    return {
      message: `${name} is a lone surrogate (half of a character), not text; remove it`,
      removable: true,
    };
  const bidi = BIDI_NAMES[code];
  if (bidi)
    return {
      message: `${name} is an invisible bidirectional control (${bidi}); remove it`,
      removable: true,
    };
  if (code >= 0x80)
    return {
      message: `${name} is a C1 control character, usually punctuation from a Windows-1252 file read wrongly; retype it`,
      removable: false,
    };
  return {
    message: `${name} is a control character; prompt text takes none but tab and line feed; remove it`,
    removable: true,
  };
}

interface Found {
  code: number;
  start: number;
  end: number;
}

/** Invalid characters of one literal, written raw or made by an escape, with their source spans. */
function findInLiteral(source: string, node: StringNode): Found[] {
  const start = node.position.start.offset;
  const end = node.position.end.offset;
  const found: Found[] = [];
  INVALID_OR_ESCAPE.lastIndex = start + (node.block ? 3 : 1);
  for (
    let match = INVALID_OR_ESCAPE.exec(source);
    match && match.index < end;
    match = INVALID_OR_ESCAPE.exec(source)
  ) {
    const at = match.index;
    if (match[0] !== "\\") {
      // A raw CR in a block string is a line break, not a character of the value.
      if (match[0] !== "\r")
        found.push({
          code: match[0].codePointAt(0) as number,
          start: at,
          end: at + match[0].length,
        });
      continue;
    }
    const step = decodeEscapeAt(source, at);
    const made = INVALID.exec(step.text);
    if (made) found.push({ code: made[0].codePointAt(0) as number, start: at, end: step.next });
    INVALID_OR_ESCAPE.lastIndex = Math.max(step.next, at + 1);
  }
  return found;
}

/** Every string literal of the file, wherever it stands (unknown statements included). */
function* strings(statements: readonly StatementNode[]): Generator<StringNode> {
  for (const statement of statements) {
    for (const argument of statement.arguments) {
      const value: ValueNode = argument.type === "Property" ? argument.value : argument;
      if (value.type === "String") yield value;
    }
    if (statement.block) yield* strings(statement.block.statements);
  }
}

/**
 * One `invalid-character` error per string that holds an invalid character,
 * at the first one; its fix deletes them all when every one is safe to delete.
 */
export function checkCharacters(
  ast: FileNode,
  source: string,
  lines: LineIndex,
  filename: string | undefined,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  // Most files hold none, raw or by escape: one search of the whole text decides.
  if (!INVALID.test(source) && !source.includes("\\")) return diagnostics;
  for (const node of strings(ast.statements)) {
    // The value holds every character a literal makes (a block string's dropped blank lines aside).
    if (!INVALID.test(node.value)) continue;
    const found = findInLiteral(source, node);
    const first = found[0];
    if (!first) continue;
    const { message } = describe(first.code);
    const more =
      found.length > 1
        ? ` (this string holds ${found.length - 1} more invalid character${found.length > 2 ? "s" : ""})`
        : "";
    // All or nothing: a fix that left one behind would change this error's message, and the
    // fixer throws away a pass that brings an error it has not seen before.
    const removable = found.every((f) => describe(f.code).removable);
    const edits: TextEdit[] = removable
      ? found.map((f) => ({ start: f.start, end: f.end, text: "" }))
      : [];
    const description =
      edits.length === 1
        ? `remove ${codePointName(first.code)}`
        : `remove ${edits.length} invisible characters`;
    diagnostics.push(
      makeDiagnostic(lines, filename, {
        ruleId: "invalid-character",
        severity: "error",
        message: message + more,
        start: first.start,
        end: first.end,
        ...(edits.length > 0 ? { fix: { description, edits } } : {}),
      }),
    );
  }
  return diagnostics;
}
