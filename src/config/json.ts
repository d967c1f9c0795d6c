/** Config text: JSON syntax errors at their line and column, and validation errors located in the text. */
import * as jsonc from "jsonc-parser";
import { LineIndex } from "../language/positions.js";
import { ConfigError, type ConfigPath } from "./errors.js";
import type { KlingcConfigFile, RuleOptionSchemas } from "./types.js";
import { validateConfig } from "./validate.js";

// ---------------------------------------------------------------------------
// JSON text

/** Parser error codes in words (jsonc-parser names them; its enum is const, so we go by name). */
const JSON_PROBLEMS: Record<string, string> = {
  InvalidSymbol: "unexpected character",
  InvalidNumberFormat: "invalid number",
  PropertyNameExpected: "expected a double-quoted property name",
  ValueExpected: "expected a value",
  ColonExpected: "expected ':'",
  CommaExpected: "expected ','",
  CloseBraceExpected: "expected '}'",
  CloseBracketExpected: "expected ']'",
  EndOfFileExpected: "expected the end of the file",
  InvalidCommentToken: "comments are not allowed in JSON",
  UnexpectedEndOfComment: "unterminated comment",
  UnexpectedEndOfString: "unterminated string",
  UnexpectedEndOfNumber: "unterminated number",
  InvalidUnicode: "invalid unicode escape",
  InvalidEscapeCharacter: "invalid escape character",
  InvalidCharacter: "invalid character in string",
};

const STRICT_JSON = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false };

/** A leading byte-order mark is common in files saved on Windows and is not a syntax error worth reporting. */
function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * `JSON.parse`, with a syntax error turned into a ConfigError at its line and
 * column. `JSON.parse`'s own messages do not always carry a position, so the
 * position comes from a second, error-tolerant parse.
 */
export function parseConfigJson(text: string, file: string): unknown {
  const source = stripBom(text);
  try {
    return JSON.parse(source) as unknown;
  } catch (error) {
    throw jsonSyntaxError(source, file, error);
  }
}

/** The most common hand-editing mistake gets a message of its own. */
function isTrailingComma(source: string, offset: number): boolean {
  return (
    (source[offset] === "}" || source[offset] === "]") && /,\s*$/.test(source.slice(0, offset))
  );
}

/** A JSON parse error in words (shared with `klingc migrate`, which reads request bodies). */
export function describeJsonError(source: string, error: jsonc.ParseError): string {
  return isTrailingComma(source, error.offset)
    ? "trailing commas are not allowed in JSON"
    : (JSON_PROBLEMS[jsonc.printParseErrorCode(error.error)] ?? "syntax error");
}

function jsonSyntaxError(source: string, file: string, error: unknown): ConfigError {
  const expected = "valid JSON";
  const errors: jsonc.ParseError[] = [];
  jsonc.parse(source, errors, STRICT_JSON);
  const first = errors[0];
  if (!first) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return new ConfigError({ file, path: [], expected, detail: `invalid JSON: ${reason}` });
  }
  const problem = describeJsonError(source, first);
  const { line, column } = new LineIndex(source).point(first.offset);
  return new ConfigError({
    file,
    path: [],
    expected,
    detail: `invalid JSON: ${problem}`,
    line,
    column,
  });
}

/** Parses and validates a config file's text; validation errors point at the line of the offending key. */
export function parseConfigText(
  text: string,
  file: string,
  knownRules: readonly string[],
  ruleOptions: RuleOptionSchemas = {},
): KlingcConfigFile {
  const raw = parseConfigJson(text, file);
  try {
    return validateConfig(raw, file, knownRules, ruleOptions);
  } catch (error) {
    if (error instanceof ConfigError) throw locateConfigError(error, stripBom(text));
    throw error;
  }
}

/** The node at `path`, or at its longest existing prefix (a missing key is reported at the object lacking it). */
function nearestNode(root: jsonc.Node, path: ConfigPath): jsonc.Node | undefined {
  for (let length = path.length; length > 0; length--) {
    const node = jsonc.findNodeAtLocation(root, path.slice(0, length));
    if (node) return node;
  }
  return undefined;
}

/** Adds the line and column of the error's key in `text`, when it can be found. */
export function locateConfigError(error: ConfigError, text: string): ConfigError {
  const root = jsonc.parseTree(text);
  const node = root && nearestNode(root, error.path);
  if (!node) return error;
  // Point at the property name rather than its value: unknown keys are the name's fault.
  const offset = node.parent?.type === "property" ? node.parent.offset : node.offset;
  const { line, column } = new LineIndex(text).point(offset);
  return error.at(line, column);
}
