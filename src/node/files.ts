/** File-system side of the CLI: expanding paths, reading, atomic writes. */
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import picomatch from "picomatch";

export class UsageError extends Error {
  /** Whether to point at `klingc --help` (argument mistakes, not unreadable files). */
  readonly showHelp: boolean;

  constructor(message: string, { showHelp = false }: { showHelp?: boolean } = {}) {
    super(message);
    this.showHelp = showHelp;
  }
}

const SKIPPED_DIRECTORIES = new Set(["node_modules", ".git"]);

/** Every `.kp` file below dir. Linked files are followed; linked directories are not (no cycles). */
function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(path, out);
    } else if (entry.name.endsWith(".kp") && (entry.isFile() || (entry.isSymbolicLink() && statSync(path, { throwIfNoEntry: false })?.isFile()))) {
      out.push(path);
    }
  }
}

function globBase(pattern: string): string {
  const parts = pattern.split(/[\\/]/);
  const fixed: string[] = [];
  for (const part of parts) {
    if (picomatch.scan(part).isGlob) break;
    fixed.push(part);
  }
  return fixed.join(sep) || ".";
}

/** Files, directories (every `.kp` below them) and globs → a sorted, de-duplicated list of files. */
export function expandPaths(paths: readonly string[]): string[] {
  const files = new Set<string>();
  for (const path of paths) {
    if (picomatch.scan(path).isGlob) {
      const base = globBase(path);
      const matcher = picomatch(path.split(sep).join("/"), { dot: false });
      const found: string[] = [];
      if (statSync(base, { throwIfNoEntry: false })?.isDirectory()) walk(base, found);
      // An absolute pattern matches absolute paths; a relative one, paths relative to the working directory.
      const matched = found.filter((f) => matcher(isAbsolute(path) ? resolve(f).split(sep).join("/") : relativeFromCwd(f)));
      if (matched.length === 0) throw new UsageError(`no file matches '${path}'`);
      matched.forEach((f) => files.add(f));
      continue;
    }
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) throw new UsageError(`cannot read '${path}': no such file or directory`);
    if (stat.isDirectory()) {
      const found: string[] = [];
      walk(path, found);
      found.forEach((f) => files.add(f));
    } else files.add(path);
  }
  return [...files].sort();
}

function relativeFromCwd(file: string): string {
  return relative(process.cwd(), resolve(file)).split(sep).join("/");
}

/** Reads a source file; an unreadable one is a usage error (exit 2), never a stack trace. */
export function readSource(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : code === "EACCES" ? "permission denied" : (error as Error).message;
    throw new UsageError(`cannot read '${path}': ${why}`);
  }
}

/**
 * Writes beside the file, then renames over it: a crash never leaves half a
 * file. A symbolic link is followed, so the file it points to is the one fixed.
 */
export function writeAtomically(linkOrPath: string, text: string): void {
  const path = realpathSync(linkOrPath);
  const temp = join(dirname(path), `.${basename(path)}.klingc-${process.pid}-${randomBytes(4).toString("hex")}.tmp`);
  try {
    writeFileSync(temp, text, { encoding: "utf8", mode: statSync(path).mode });
    renameSync(temp, path);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // The temporary file may never have been created.
    }
    throw error;
  }
}
