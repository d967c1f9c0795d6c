/**
 * A file past MAX_TOKENS gets one `file-too-large` error where the limit is
 * passed, and nothing of it is compiled or linted (memory stays bounded); a
 * file at the limit is read as usual.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compile } from "../src/emit/compile.js";
import { MAX_TOKENS } from "../src/language/parse.js";
import { lint } from "../src/lint/engine.js";
import { cli } from "./support/cli.js";

/** `avoid a, a, …`: the keyword and the first term, then a comma and a term per pair: 2 + 2 × pairs tokens. */
function avoidLine(pairs: number): string {
  return `avoid a${", a".repeat(pairs)}`;
}

const atLimit = avoidLine((MAX_TOKENS - 2) / 2);
const overLimit = avoidLine((MAX_TOKENS - 2) / 2 + 1);
const dir = mkdtempSync(join(tmpdir(), "klingc-too-large-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("file-too-large", () => {
  it("reads a file of exactly MAX_TOKENS tokens as usual", () => {
    const { scenes, diagnostics } = compile(atLimit);
    expect(diagnostics.map((d) => d.ruleId)).not.toContain("file-too-large");
    expect(scenes).toHaveLength(1);
  });

  it("gives one error where the limit is passed, and compiles nothing", () => {
    const { scenes, diagnostics } = compile(overLimit, { filename: "big.kp" });
    expect(scenes).toEqual([]);
    expect(diagnostics).toHaveLength(1);
    const [d] = diagnostics;
    // The first token past the limit is the last pair's comma.
    expect(d).toMatchObject({
      ruleId: "file-too-large",
      severity: "error",
      file: "big.kp",
      line: 1,
      column: overLimit.lastIndexOf(",") + 1,
    });
    expect(d?.message).toBe(
      "the file holds 520,002 tokens, more than the 520,000 klingc reads in one file (about 10,000 full scenes), so none of it is compiled: split it into smaller files (the limit is passed here)",
    );
    expect(d?.url).toMatch(/grammar\/README\.md#file-too-large$/);
  });

  it("runs no rule, and a directive cannot silence it", () => {
    const source = `// klingc-disable\n${overLimit}\n`;
    expect(lint(source).map((d) => d.ruleId)).toEqual(["file-too-large"]);
  });

  it("is a clear error on the command line: exit 1, file, line and column, no stack trace", () => {
    const file = join(dir, "big.kp");
    writeFileSync(file, overLimit);
    const result = cli(file);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`big.kp:1:${overLimit.lastIndexOf(",") + 1}`);
    expect(result.err).toContain("file-too-large");
    expect(result.err).not.toMatch(/\n\s+at /);
  });
});
