/** File-system side of the CLI: expanding paths, reading, atomic writes. */
import { accessSync, constants, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import ignore from "ignore";
import picomatch from "picomatch";
import writeFileAtomic from "write-file-atomic";
import { makeDiagnostic, type Diagnostic } from "../language/diagnostics.js";
import { LineIndex } from "../language/positions.js";
import { isMarkdownFile } from "../markdown/storyboard.js";

export class UsageError extends Error {
  /** Whether to point at `klingc --help` (argument mistakes, not unreadable files). */
  readonly showHelp: boolean;

  constructor(message: string, { showHelp = false }: { showHelp?: boolean } = {}) {
    super(message);
    this.showHelp = showHelp;
  }
}

const SKIPPED_DIRECTORIES = new Set(["node_modules", ".git"]);

/** The ignore file read from the working directory when --ignore-path names none. */
export const IGNORE_FILE = ".klingcignore";

/** Paths an ignore file (gitignore syntax) leaves out; its patterns are relative to its own folder. */
export type IgnoreMatcher = (path: string, isDirectory: boolean) => boolean;

const NOTHING_IGNORED: IgnoreMatcher = () => false;

/**
 * Reads the ignore file: `explicit` (--ignore-path) must exist; `.klingcignore`
 * in the working directory is read when it is there. The matching is the
 * `ignore` package's (the gitignore rules git itself documents).
 */
export function loadIgnore(explicit: string | undefined): IgnoreMatcher {
  const path = explicit ?? IGNORE_FILE;
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if (explicit === undefined && (error as NodeJS.ErrnoException).code === "ENOENT")
      return NOTHING_IGNORED;
    throw new UsageError(`cannot read the ignore file '${path}': ${fileErrorReason(error)}`);
  }
  const matcher = ignore().add(text);
  const base = resolve(dirname(path));
  return (file, isDirectory) => {
    const rel = relative(base, resolve(file));
    // Only paths below the ignore file's folder can match it (as with .gitignore).
    if (rel === "" || rel.startsWith("..") || isAbsolute(rel)) return false;
    const posix = rel.split(sep).join("/");
    return matcher.ignores(isDirectory ? `${posix}/` : posix);
  };
}

const isKp = (name: string): boolean => name.endsWith(".kp");
/**
 * What a glob may match: `.kp` files and Markdown storyboards. A directory
 * gives only its `.kp` files: most Markdown below a folder (READMEs, notes)
 * is no storyboard, so a `.md` is checked only when named or matched by a glob.
 */
const isKpOrMarkdown = (name: string): boolean => isKp(name) || isMarkdownFile(name);

/** Every file below dir whose name `accept` takes and that is not ignored. Linked files are followed; linked directories are not (no cycles). */
function walk(
  dir: string,
  out: string[],
  ignored: IgnoreMatcher,
  accept: (name: string) => boolean = isKp,
): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name) && !ignored(path, true))
        walk(path, out, ignored, accept);
    } else if (accept(entry.name) && isFileEntry(entry, path) && !ignored(path, false)) {
      out.push(path);
    }
  }
}

/** A plain file, or a link to one (a dangling or looping link is neither). */
function isFileEntry(
  entry: { isFile(): boolean; isSymbolicLink(): boolean },
  path: string,
): boolean {
  if (entry.isFile()) return true;
  if (!entry.isSymbolicLink()) return false;
  try {
    return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}

/**
 * Whether picomatch reads a path as a glob. Every glob holds one of these characters, so a plain
 * path (the common `klingc lint scenes/`) is told apart without loading picomatch's chunk.
 */
export function isGlob(path: string): boolean {
  return /[*?[{(!]/.test(path) && picomatch.scan(path).isGlob;
}

function globBase(pattern: string): string {
  const parts = pattern.split(/[\\/]/);
  const fixed: string[] = [];
  for (const part of parts) {
    if (isGlob(part)) break;
    fixed.push(part);
  }
  return fixed.join(sep) || ".";
}

/**
 * Files, directories (every `.kp` below them) and globs (`.kp` and Markdown files) → a sorted,
 * de-duplicated list of files, without those the ignore file leaves out,
 * files named outright among them (CI scripts pass lists such as `git ls-files`).
 */
export function expandPaths(
  paths: readonly string[],
  ignored: IgnoreMatcher = NOTHING_IGNORED,
): string[] {
  const files = new Set<string>();
  for (const path of paths) {
    if (isGlob(path)) {
      const base = globBase(path);
      const matcher = picomatch(path.split(sep).join("/"), { dot: false });
      const found: string[] = [];
      if (statSync(base, { throwIfNoEntry: false })?.isDirectory())
        walk(base, found, ignored, isKpOrMarkdown);
      // An absolute pattern matches absolute paths; a relative one, paths relative to the working directory.
      const matched = found.filter((f) =>
        matcher(isAbsolute(path) ? resolve(f).split(sep).join("/") : relativeFromCwd(f)),
      );
      if (matched.length === 0) throw new UsageError(`no file matches '${path}'`);
      matched.forEach((f) => files.add(f));
      continue;
    }
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) throw new UsageError(`cannot read '${path}': no such file or directory`);
    if (stat.isDirectory()) {
      const found: string[] = [];
      walk(path, found, ignored);
      found.forEach((f) => files.add(f));
    } else if (!ignored(path, false)) files.add(path);
  }
  return [...files].sort();
}

function relativeFromCwd(file: string): string {
  return relative(process.cwd(), resolve(file)).split(sep).join("/");
}

const ERRNO_REASONS: Readonly<Record<string, string>> = {
  ENOENT: "no such file",
  EISDIR: "it is a directory",
  ENOTDIR: "a folder on its path is a file",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "read-only file system",
  ENOSPC: "no space left on the device",
  ENAMETOOLONG: "a name on its path is too long",
};

/** A file-system error in a few plain words (Node's messages repeat paths, some of them temporary). */
export function fileErrorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return (code !== undefined ? ERRNO_REASONS[code] : undefined) ?? (error as Error).message;
}

/** What a source file holds: its text, or the one file-level diagnostic that stands for it. */
export type Source =
  { text: string; problem?: undefined } | { text?: undefined; problem: Diagnostic };

export const NOT_TEXT_MESSAGE = "not a UTF-8 text file";

/** Bytes looked at for NUL, the sign of a binary file (as git and grep judge). */
const BINARY_SNIFF = 8192;

// fatal: invalid bytes throw instead of becoming U+FFFD; ignoreBOM: a BOM stays in the text (offsets count it).
const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * Reads a source file. An unreadable one is a usage error (exit 2, never a
 * stack trace); one that is not UTF-8 text (invalid bytes, or a NUL in its
 * first 8 KB) is one `invalid-character` error at 1:1 instead of its text.
 */
export function readSource(path: string): Source {
  // Most files are plain text: read as text (Node's fastest read), a text with no U+FFFD came from valid
  // UTF-8 and one with no NUL has none in its first 8 KB. Anything else is read again as bytes and judged.
  const text = readText(path);
  if (text !== null && !text.includes("\uFFFD") && !text.includes("\0")) return { text };
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new UsageError(`cannot read '${path}': ${fileErrorReason(error)}`);
  }
  return decodeSource(bytes, path);
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null;
  }
}

/** Bytes read from a file or standard input, judged as readSource judges a file. */
export function decodeSource(bytes: Buffer, path: string): Source {
  const text = bytes.subarray(0, BINARY_SNIFF).includes(0) ? null : decodeUtf8(bytes);
  if (text !== null) return { text };
  const problem = makeDiagnostic(new LineIndex(""), path, {
    ruleId: "invalid-character",
    severity: "error",
    message: NOT_TEXT_MESSAGE,
    start: 0,
    end: 0,
  });
  return { problem };
}

/** The file-level error readSource gives for a file that is not text. */
export function isNotTextProblem(diagnostic: Diagnostic): boolean {
  return diagnostic.ruleId === "invalid-character" && diagnostic.message === NOT_TEXT_MESSAGE;
}

function decodeUtf8(bytes: Buffer): string | null {
  try {
    return UTF8.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Whether --fix must leave the file alone: no write bit at all (a mark a user
 * set on purpose, honoured even when running as root, whom the system lets
 * write anything), or this process may not write it. Checked before writing
 * because a rename over the file would replace it whatever its own mode says.
 */
export function isReadOnly(path: string): boolean {
  const stat = statSync(path);
  if ((stat.mode & 0o222) === 0) return true;
  try {
    accessSync(path, constants.W_OK);
    return false;
  } catch {
    return true;
  }
}

/**
 * Writes a temporary file beside the file, then renames it over: a crash
 * never leaves half a file. write-file-atomic does this keeping the file's
 * mode (the hand-written version lost bits to the umask) and its owner where
 * the process may set it, and removes the temporary file on failure or exit.
 * A symbolic link is followed, so the file it points to is the one fixed.
 */
export function writeAtomically(linkOrPath: string, text: string): void {
  writeFileAtomic.sync(linkOrPath, text, { encoding: "utf8" });
}
