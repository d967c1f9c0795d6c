/** ConfigError and the messages it carries. */
import { didYouMean as closest } from "../language/suggest.js";

export type ConfigPath = readonly (string | number)[];

export interface ConfigErrorDetails {
  file: string;
  path: ConfigPath;
  expected: string;
  /** The part of the message after the file and key, e.g. `expected a positive integer, got 0`. */
  detail: string;
  suggestion?: string;
  line?: number;
  column?: number;
}

/**
 * A config that cannot be used. `key` is the JSON path of the offending value
 * (`rules.limb-guidance`, `overrides[0].files`; empty for the whole file) and
 * `expected` says what would have been accepted, so editors and the CLI can
 * point at the exact spot.
 */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  readonly file: string;
  readonly key: string;
  readonly path: ConfigPath;
  readonly expected: string;
  /** The closest known name, when the value looks like a typo of one. */
  readonly suggestion: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  private readonly details: ConfigErrorDetails;

  constructor(details: ConfigErrorDetails) {
    super(formatConfigError(details));
    this.details = details;
    this.file = details.file;
    this.path = details.path;
    this.key = formatKey(details.path);
    this.expected = details.expected;
    this.suggestion = details.suggestion;
    this.line = details.line;
    this.column = details.column;
  }

  /** The same error, pointing at a line and column of the file. */
  at(line: number, column: number): ConfigError {
    return new ConfigError({ ...this.details, line, column });
  }

  /** The error as data, for the library's non-throwing functions. */
  toDiagnostic(): ConfigDiagnostic {
    const d = this.details;
    return {
      file: d.file,
      ...(d.line !== undefined ? { line: d.line, column: d.column ?? 1 } : {}),
      key: this.key,
      expected: d.expected,
      message: d.detail,
      ...(d.suggestion !== undefined ? { suggestion: d.suggestion } : {}),
    };
  }
}

/**
 * One problem with a config or with an argument of a config function. `key` is
 * the JSON path of the offending value (for an argument, it starts with the
 * parameter's name: `base.brands`); `message` says what was expected and what
 * was found, without the position.
 */
export interface ConfigDiagnostic {
  /** The config file; "" for a problem with a function's argument. */
  file: string;
  /** 1-based, when the file's text is known and the key was found in it. */
  line?: number;
  column?: number;
  key: string;
  expected: string;
  message: string;
  /** The closest known name, when the value looks like a typo of one. */
  suggestion?: string;
}

function formatConfigError(d: ConfigErrorDetails): string {
  const place = d.line === undefined ? d.file : `${d.file}:${d.line}:${d.column ?? 1}`;
  const key = formatKey(d.path);
  return key ? `${place}: ${key}: ${d.detail}` : `${place}: ${d.detail}`;
}

/** `["overrides", 0, "files"]` → `overrides[0].files`. */
export function formatKey(path: ConfigPath): string {
  let key = "";
  for (const segment of path) {
    if (typeof segment === "number") key += `[${segment}]`;
    else key += key ? `.${segment}` : segment;
  }
  return key;
}

// ---------------------------------------------------------------------------
// Errors

export function valueError(
  file: string,
  path: ConfigPath,
  expected: string,
  value: unknown,
): ConfigError {
  return new ConfigError({
    file,
    path,
    expected,
    detail: `expected ${expected}, got ${describe(value)}`,
  });
}

/** For a name that is not one of `known` (`what` names its kind, e.g. "unknown key"): adds a did-you-mean when one is close. */
export function unknownNameError(
  file: string,
  path: ConfigPath,
  expected: string,
  what: string,
  name: string,
  known: readonly string[],
): ConfigError {
  const suggestion = closest(name, known);
  const hint = suggestion === undefined ? "" : ` (did you mean "${suggestion}"?)`;
  const detail = `expected ${expected}, got ${what ? `${what} ` : ""}${JSON.stringify(name)}${hint}`;
  return new ConfigError(
    suggestion === undefined
      ? { file, path, expected, detail }
      : { file, path, expected, detail, suggestion },
  );
}

/** A short, one-line description of a JSON value for messages. */
function describe(value: unknown): string {
  // Not JSON, but the library's callers can pass anything; JSON.stringify throws on a bigint.
  if (typeof value === "function") return "a function";
  if (typeof value === "bigint" || typeof value === "symbol") return String(value);
  if (Array.isArray(value)) return value.length === 0 ? "an empty array" : "an array";
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  if (typeof value === "object") return "an object";
  // Only strings, numbers and booleans are left here: JSON spells each as a user wrote it.
  const text = JSON.stringify(value) ?? "nothing";
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** `"a", "b" or "c"` */
export function quoteList(values: readonly string[]): string {
  const quoted = values.map((v) => JSON.stringify(v));
  const last = quoted.pop();
  return quoted.length === 0 ? (last ?? "") : `${quoted.join(", ")} or ${last}`;
}
