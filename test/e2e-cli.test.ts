/**
 * Issue 8 (the command line for CI), end to end: the built CLI
 * (`node bin/klingc.cjs`) in a child process on the fixtures under
 * test/fixtures/cli, with NO_COLOR set. Each case's exit code, stdout and
 * stderr are compared with one golden file in test/fixtures/cli/golden
 * (`UPDATE_GOLDEN=1` rewrites them; a rewritten golden is checked by
 * hand against the issue before it is committed).
 */
import { spawnSync, type SpawnSyncOptions } from "node:child_process";
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = join(ROOT, "bin", "klingc.cjs");
const FIXTURES = join(ROOT, "test", "fixtures", "cli");
const GOLDEN = join(FIXTURES, "golden");
const PROJECT = join(FIXTURES, "project");
const INPUT = join(FIXTURES, "input");
const HOOK = readFileSync(join(PROJECT, "hook.kp"), "utf8");

interface Run {
  code: number | null;
  out: string;
  err: string;
}

interface Case {
  args: string[];
  cwd?: string;
  stdin?: string;
  env?: Record<string, string>;
  spawn?: SpawnSyncOptions;
}

function klingc({ args, cwd = PROJECT, stdin, env = {}, spawn = {} }: Case): Run {
  const base = { ...process.env };
  delete base["CI"];
  delete base["KLINGC_DEBUG"];
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: "utf8",
    input: stdin ?? "",
    env: { ...base, NO_COLOR: "1", FORCE_COLOR: "", ...env },
    timeout: 20_000,
    ...spawn,
  });
  if (result.error) throw result.error;
  return { code: result.status, out: String(result.stdout), err: String(result.stderr) };
}

/** One readable file per case: the command, the exit code, then stdout and stderr verbatim. */
function render(args: string[], run: Run): string {
  return `$ klingc ${args.join(" ")}\nexit ${run.code}\n--- stdout\n${run.out}--- stderr\n${run.err}`;
}

function expectGolden(name: string, args: string[], run: Run): void {
  const file = join(GOLDEN, `${name}.txt`);
  const text = render(args, run);
  if (process.env["UPDATE_GOLDEN"] === "1") writeFileSync(file, text);
  expect(existsSync(file), `${file} is missing: UPDATE_GOLDEN=1 writes it`).toBe(true);
  expect(text).toBe(readFileSync(file, "utf8"));
  expect(run.err).not.toContain("    at ");
}

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), "klingc-e2e-cli-"));
  made.push(dir);
  return dir;
}

const GOLDEN_CASES: Record<string, Case> = {
  // 1. Formatters, for lint and for the main job.
  "lint-stylish": { args: ["lint", "."] },
  "lint-json": { args: ["lint", "--format", "json", "."] },
  "lint-sarif": { args: ["lint", "--format", "sarif", "."] },
  "lint-github": { args: ["lint", "--format", "github", "."] },
  "compile-github": { args: ["--format", "github", "hook.kp"] },
  "compile-json-format": { args: ["--format", "json", "hook.kp"] },
  "lint-bad-format": { args: ["lint", "--format", "xml", "."] },
  // 5. Many files: the ignore file, a missing path, a missing file among others.
  "lint-ignore-path": { args: ["lint", "--ignore-path", "../nothing.klingcignore", "."] },
  "lint-missing-path": { args: ["lint", "hook.kp", "no-such-folder/"] },
  "compile-missing-file": { args: ["hook.kp", "no-such-file.kp"] },
  "lint-missing-ignore-file": { args: ["lint", "--ignore-path", "no-such.ignore", "."] },
  // Binary and CRLF input.
  "lint-binary": { args: ["lint", "binary.kp"], cwd: INPUT },
  "lint-crlf": { args: ["lint", "crlf.kp"], cwd: INPUT },
  "lint-crlf-fix-dry-run": { args: ["lint", "--fix-dry-run", "crlf.kp"], cwd: INPUT },
  // Markdown storyboards (issue 8.2), through the same commands and formatters.
  "lint-markdown": { args: ["lint", "board.md"], cwd: INPUT },
  "lint-markdown-sarif": { args: ["lint", "--format", "sarif", "board.md"], cwd: INPUT },
  "compile-markdown": { args: ["board.md"], cwd: INPUT },
  "lint-markdown-fix-dry-run": { args: ["lint", "--fix-dry-run", "board.md"], cwd: INPUT },
  "lint-stdin-markdown": {
    args: ["lint", "--stdin", "--stdin-filename", "board.md"],
    stdin: readFileSync(join(INPUT, "board.md"), "utf8"),
  },
  // 7. Standard input.
  "compile-stdin": { args: ["-"], stdin: HOOK },
  "lint-stdin": { args: ["lint", "--stdin", "--stdin-filename", "scene.kp"], stdin: HOOK },
  "lint-stdin-fix": {
    args: ["lint", "--stdin", "--fix", "--stdin-filename", "scene.kp"],
    stdin: HOOK,
  },
  "lint-stdin-github": { args: ["lint", "--stdin", "--format", "github"], stdin: HOOK },
  "lint-stdin-with-paths": { args: ["lint", "--stdin", "hook.kp"] },
  // 8. Usage.
  help: { args: ["--help"] },
  "help-lint": { args: ["lint", "--help"] },
  "help-render": { args: ["render", "--help"] },
  version: { args: ["--version"] },
  "unknown-option": { args: ["lint", "--fxi", "."] },
  "unknown-command": { args: ["lnit", "."] },
  "option-of-another-command": { args: ["--fix", "hook.kp"] },
  "missing-option-value": { args: ["lint", "--format"] },
  "no-input": { args: ["lint"] },
  "max-warnings": { args: ["lint", "--max-warnings", "0", "hook.kp"] },
};

describe("golden runs of the built CLI", () => {
  for (const [name, spec] of Object.entries(GOLDEN_CASES)) {
    it(`klingc ${spec.args.join(" ")}`, () => {
      expectGolden(name, spec.args, klingc(spec));
    });
  }
});

describe("klingc lint -o FILE", () => {
  it("writes the report to the file, byte for byte what stdout would carry, and prints nothing", () => {
    const dir = scratch();
    const out = join(dir, "report.json");
    const run = klingc({ args: ["lint", "--format", "json", "-o", out, "."] });
    expect([run.code, run.out, run.err]).toEqual([1, "", ""]);
    expect(readFileSync(out, "utf8")).toBe(klingc({ args: ["lint", "--format", "json", "."] }).out);
  });
});

describe("a directory with one unreadable file", () => {
  it("reports the file it cannot read in one line, lints the others, and exits 2", () => {
    const dir = scratch();
    cpSync(PROJECT, dir, { recursive: true });
    chmodSync(join(dir, "hook.kp"), 0o000);
    // root reads any file, so the run is made as nobody there.
    const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    chmodSync(dir, 0o755);
    const run = klingc({ args: ["lint", "."], cwd: dir, spawn: asNobody });
    expectGolden("lint-unreadable-file", ["lint", "."], run);
  });
});

describe("progress bar", () => {
  function many(): string {
    const dir = scratch();
    for (let i = 0; i < 51; i++) writeFileSync(join(dir, `s${i}.kp`), HOOK);
    return dir;
  }

  it("is drawn on stderr when stderr is a terminal and there are more than 50 files, and not in CI", () => {
    const dir = many();
    // script(1) gives the run a terminal; its output is what the terminal saw.
    const inTerminal = (env: string) =>
      spawnSync(
        "script",
        [
          "-qec",
          `env -u CI ${env} NO_COLOR=1 ${process.execPath} ${BIN} lint --quiet . >/dev/null`,
          "/dev/null",
        ],
        { cwd: dir, encoding: "utf8", timeout: 20_000 },
      );
    const shown = inTerminal("");
    expect(shown.stdout).toContain("klingc lint");
    expect(shown.stdout).toMatch(/\d+\/51 files/);
    expect(inTerminal("CI=true").stdout).not.toContain("files");
  });

  it("is not drawn when stderr is not a terminal", () => {
    const run = klingc({ args: ["lint", "--quiet", "."], cwd: many() });
    expect([run.code, run.out, run.err]).toEqual([0, "", ""]);
  });
});

describe("many files on worker threads", () => {
  it("gives, for 2,100 files, exactly the report of the files one by one, in order, whichever thread checked them", () => {
    const dir = scratch();
    const names = Array.from({ length: 2100 }, (_, i) => `s${String(i).padStart(4, "0")}.kp`);
    const last = names.length - 1;
    // The last files (a worker's share) hold an error, so a worker's findings decide the exit code.
    names.forEach((name, i) =>
      writeFileSync(join(dir, name), i < last - 9 ? HOOK : `${HOOK}cfg_scale 0.5\n`),
    );
    const run = klingc({ args: ["lint", "--format", "github", "."], cwd: dir });
    const one = (name: string) =>
      klingc({ args: ["lint", "--format", "github", name], cwd: dir }).out;
    expect(run.code).toBe(1);
    expect(run.err).toBe("");
    const clean = one(names[0]!);
    const broken = one(names[last]!);
    expect(broken).toContain("::error ");
    const expected = names
      .map((name, i) =>
        i < last - 9 ? clean.replaceAll(names[0]!, name) : broken.replaceAll(names[last]!, name),
      )
      .join("");
    expect(run.out).toBe(expected);
  });
});

describe("no stack trace reaches a user", () => {
  it("KLINGC_DEBUG=1 shows the stack of what ended the run; without it, one line", () => {
    const plain = klingc({ args: ["lint", "--bogus", "."] });
    expect(plain.err).toBe("klingc: unknown option '--bogus'\nRun 'klingc --help' for usage.\n");
    const debug = klingc({ args: ["lint", "--bogus", "."], env: { KLINGC_DEBUG: "1" } });
    expect(debug.code).toBe(2);
    expect(debug.err).toMatch(/\n {4}at /);
    expect(debug.err).toContain("klingc: unknown option '--bogus'");
  });
});
