/**
 * End to end: the real executable (`node bin/klingc.cjs`, which runs the
 * bundle test/global-setup.ts builds from the current sources) in a child
 * process, as the README tells a user to run it. Exit codes, exact stdout
 * against the golden files, and no stack trace whatever the input.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = join(ROOT, "bin", "klingc.cjs");

interface Run {
  code: number | null;
  out: string;
  err: string;
}

function klingc(args: string[], cwd = ROOT): Run {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "" },
    timeout: 20_000,
  });
  if (result.error) throw result.error;
  return { code: result.status, out: result.stdout, err: result.stderr };
}

const golden = (path: string): string => readFileSync(join(ROOT, path), "utf8");

function expectNoCrash(run: Run): void {
  expect(run.err).not.toContain("    at ");
  expect(run.err).not.toMatch(/internal error|TypeError|RangeError|ReferenceError/);
  expect(run.out).not.toContain("    at ");
}

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

describe("node bin/klingc.cjs fixtures/ugc-ad.kp (the README's first command)", () => {
  it("prints the golden prompts on stdout, the budget lines and the two warnings on stderr, and exits 0", () => {
    const run = klingc(["fixtures/ugc-ad.kp"]);
    expect(run.code).toBe(0);
    expect(run.out).toBe(golden("fixtures/ugc-ad.prompts.txt"));
    const err = run.err.split("\n").filter((l) => l !== "");
    expect(err.slice(0, 4).map((l) => l.split(/\s+/)[0])).toEqual(["hook", "demo", "proof", "cta"]);
    expect(err[2]).toMatch(
      /^proof {2}589\/600 ▓{8} {2}dropped: realism \(1 sentence, 82 chars\), continuity \(1 sentence, 70 chars\), avoid \(2 terms, 28 chars\)$/,
    );
    expect(err.slice(4)).toEqual([
      expect.stringMatching(
        /^fixtures\/ugc-ad\.kp:27:3 {2}warning {2}scene 'demo' has shots and an end image, .* {2}disputed-capability$/,
      ),
      expect.stringMatching(
        /^fixtures\/ugc-ad\.kp:54:7 {2}warning {2}scene 'proof' is over its budget .* {2}dropped-content$/,
      ),
    ]);
    expectNoCrash(run);
  });

  it("prints the golden JSON with --json", () => {
    const run = klingc(["--json", "fixtures/ugc-ad.kp"]);
    expect(run.code).toBe(0);
    expect(run.out).toBe(golden("fixtures/ugc-ad.json"));
    expect(run.err).toBe("");
  });
});

describe("node bin/klingc.cjs lint --fix-dry-run fixtures/lint/legacy-v3.kp", () => {
  it("prints the migrated file and exits 0: no error is left, and the file on disk is unchanged", () => {
    const before = golden("fixtures/lint/legacy-v3.kp");
    const run = klingc(["lint", "--fix-dry-run", "fixtures/lint/legacy-v3.kp"]);
    expect(run.code).toBe(0);
    expect(run.err).toBe("");
    // The golden was made with the migration rules only; the full rule set also ends the tone line with a period.
    const expected = golden("fixtures/lint/legacy-v3.fixed.kp").replace(
      'tone "warm, upbeat"',
      'tone "warm, upbeat."',
    );
    expect(expected).not.toBe(golden("fixtures/lint/legacy-v3.fixed.kp"));
    expect(run.out).toBe(expected);
    expect(golden("fixtures/lint/legacy-v3.kp")).toBe(before);
  });

  it("prints exactly the golden file with sentence-end turned off", () => {
    const run = klingc([
      "lint",
      "--fix-dry-run",
      "--rule",
      "sentence-end:off",
      "fixtures/lint/legacy-v3.kp",
    ]);
    expect(run.code).toBe(0);
    expect(run.out).toBe(golden("fixtures/lint/legacy-v3.fixed.kp"));
  });

  it("without a fix, reports the seven V3 leftovers as errors and exits 1", () => {
    const run = klingc(["lint", "fixtures/lint/legacy-v3.kp"]);
    expect(run.code).toBe(1);
    expect(run.out.trimEnd().split("\n").at(-1)).toBe("7 errors, 0 warnings, 1 info");
    expect(run.err).toBe("");
  });
});

/** Deterministic bytes (a linear congruential generator), so a failure can be replayed. */
function bytes(seed: number, length: number): Buffer {
  const out = Buffer.alloc(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = state >>> 24;
  }
  return out;
}

describe("bad input never shows a stack trace", () => {
  function garbage(): string {
    const dir = mkdtempSync(join(tmpdir(), "klingc-e2e-"));
    made.push(dir);
    mkdirSync(join(dir, "nested"));
    const files: Record<string, string | Buffer> = {
      "random-1.kp": bytes(1, 4096),
      "random-2.kp": bytes(2, 512),
      "nul.kp":
        'scene a {\u0000\n  image "https://x.test/a.png"\u0000\n  action "Maya\u0000 waves."\n}\n',
      "only-nul.kp": Buffer.alloc(64),
      "invalid-utf8.kp": Buffer.from([
        0x61, 0x63, 0x74, 0x69, 0x6f, 0x6e, 0x20, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x0a,
      ]),
      "braces.kp": '}}}{{{ """ /* \n scene { scene { shot { shot {',
      "empty.kp": "",
      "bom-only.kp": "\ufeff",
      "nested/deep.kp": `${"scene x { ".repeat(500)}\n`,
      "nested/utf16.kp": Buffer.from('\ufeffscene a { action "hi" }\n', "utf16le"),
    };
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
    return dir;
  }

  /** The garbage files that are not UTF-8 text (invalid bytes, or a NUL in the first 8 KB). */
  const NOT_TEXT = [
    "invalid-utf8.kp",
    "nested/utf16.kp",
    "nul.kp",
    "only-nul.kp",
    "random-1.kp",
    "random-2.kp",
  ];

  it("lint over a directory of garbage reports syntax errors, one file-level error per binary file, and exits 2", () => {
    const dir = garbage();
    const run = klingc(["lint", dir]);
    // Exit 2, as for an unreadable file: the binary files could not be checked at all.
    expect(run.code).toBe(2);
    expectNoCrash(run);
    expect(run.out).toMatch(/error {2}.* {2}syntax$/m);
    for (const file of NOT_TEXT) {
      const found = run.out.split("\n").filter((l) => l.startsWith(`${join(dir, file)}:`));
      expect(found, file).toEqual([
        `${join(dir, file)}:1:1  error  not a UTF-8 text file  invalid-character`,
      ]);
    }
    expect(run.out.trimEnd().split("\n").at(-1)).toMatch(/^\d+ errors?, \d+ warnings?, \d+ info$/);
  });

  it("the main job gives diagnostics for every garbage file: exit 1 for the text ones, 2 once a binary one is among them", () => {
    const dir = garbage();
    const files = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) =>
      f.endsWith(".kp"),
    );
    const text = files.filter((f) => !NOT_TEXT.includes(f.split(sep).join("/")));
    expect(text.length).toBe(files.length - NOT_TEXT.length);
    const textRun = klingc(text.map((f) => join(dir, f)));
    expect(textRun.code).toBe(1);
    expectNoCrash(textRun);
    const run = klingc(files.map((f) => join(dir, f)));
    expect(run.code).toBe(2);
    expectNoCrash(run);
    const json = klingc(["--json", ...files.map((f) => join(dir, f))]);
    expect(json.code).toBe(2);
    const parsed = JSON.parse(json.out) as {
      diagnostics: { ruleId: string; message: string; line: number; column: number }[];
    };
    expect(parsed.diagnostics.some((d) => d.ruleId === "syntax")).toBe(true);
    const notText = parsed.diagnostics.filter((d) => d.message === "not a UTF-8 text file");
    expect(notText.map((d) => [d.ruleId, d.line, d.column])).toEqual(
      NOT_TEXT.map(() => ["invalid-character", 1, 1]),
    );
  });

  it("lint --fix over garbage writes no broken file and leaves no temporary file", () => {
    const dir = garbage();
    const before = readdirSync(dir, { recursive: true, encoding: "utf8" }).sort();
    const syntaxErrors = (out: string): Map<string, number> => {
      const counts = new Map<string, number>();
      for (const line of out.split("\n")) {
        const match = /^(.*\.kp):\d+:\d+ {2}error {2}.* {2}syntax$/.exec(line);
        if (match) counts.set(match[1] as string, (counts.get(match[1] as string) ?? 0) + 1);
      }
      return counts;
    };
    const was = syntaxErrors(klingc(["lint", dir]).out);
    const run = klingc(["lint", "--fix", dir]);
    expect(run.code).toBe(2);
    expectNoCrash(run);
    expect(readdirSync(dir, { recursive: true, encoding: "utf8" }).sort()).toEqual(before);
    const now = syntaxErrors(klingc(["lint", dir]).out);
    // The binary files get one file-level error instead; braces.kp and nested/deep.kp have syntax errors.
    expect([...was.keys()].length).toBeGreaterThanOrEqual(2);
    for (const [file, count] of now) expect(count, file).toBeLessThanOrEqual(was.get(file) ?? 0);
  });

  it("a NUL byte past the first 8 KB (so the file reads as text) is a syntax error at its place, not a crash", () => {
    const dir = mkdtempSync(join(tmpdir(), "klingc-e2e-"));
    made.push(dir);
    writeFileSync(
      join(dir, "nul.kp"),
      `// ${"x".repeat(8192)}\nimage "https://x.test/a.png"\naction "Maya waves."\u0000\n`,
    );
    const run = klingc(["lint", "nul.kp"], dir);
    expect(run.code).toBe(1);
    expect(run.out).toContain("nul.kp:3:21  error  unexpected character U+0000  syntax");
    expectNoCrash(run);
  });

  it("an unreadable path is exit 2 with a one-line message", () => {
    const run = klingc(["fixtures/no-such-file.kp"]);
    expect(run.code).toBe(2);
    expect(run.out).toBe("");
    expect(run.err.split("\n")[0]).toBe(
      "klingc: cannot read 'fixtures/no-such-file.kp': no such file",
    );
    expectNoCrash(run);
  });
});

describe("the CLI bundle", () => {
  it("leaves the language server to its own bundle (every start would read and compile it)", () => {
    // A method name of the protocol libraries, which only the server holds.
    const marker = "textDocument/publishDiagnostics";
    expect(readFileSync(join(ROOT, "dist", "lsp.cjs"), "utf8")).toContain(marker);
    expect(readFileSync(join(ROOT, "dist", "cli.cjs"), "utf8")).not.toContain(marker);
  });
});
