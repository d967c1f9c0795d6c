/**
 * The CLI writes its output to descriptors 1 and 2 directly (src/cli/terminal.ts)
 * rather than through Node's stream objects: what a user sees must not change
 * for a reader that stops early, a pipe that fills, or a write that fails.
 */
import { spawn, spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = join(ROOT, "bin", "klingc.cjs");
const dir = mkdtempSync(join(tmpdir(), "klingc-output-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// 3,000 unknown keywords: a report of about 200 KB, more than a pipe holds.
const MANY = join(dir, "many.kp");
writeFileSync(MANY, Array.from({ length: 3000 }, (_, i) => `foo${i} bar\n`).join(""));
const ENV = { ...process.env, NO_COLOR: "1" };

function finished(child: ReturnType<typeof spawn>): Promise<number | null> {
  return new Promise((resolve) => child.on("close", (code) => resolve(code)));
}

describe("the CLI's output", () => {
  it("to a reader that stops early: the run still ends with its own exit code, and nothing is said on stderr", async () => {
    const child = spawn(process.execPath, [BIN, "lint", MANY], { env: ENV });
    child.stdout.destroy();
    let err = "";
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    expect(await finished(child)).toBe(1);
    expect(err).toBe("");
  });

  it("to a non-blocking pipe that fills: all of it arrives, in order", async () => {
    const whole = spawnSync(process.execPath, [BIN, "lint", MANY], {
      env: ENV,
      encoding: "utf8",
      maxBuffer: 1 << 26,
    });
    expect(whole.stdout.length).toBeGreaterThan(100_000);
    const child = spawn(
      process.execPath,
      [join(ROOT, "test", "support", "nonblocking-stdout.cjs"), BIN, "lint", MANY],
      { env: ENV },
    );
    child.stdout.pause();
    // Read nothing for a while: the pipe fills and the CLI's write meets EAGAIN.
    await new Promise((resolve) => setTimeout(resolve, 300));
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stdout.resume();
    expect(await finished(child)).toBe(1);
    expect(out).toBe(whole.stdout);
  });

  it("that cannot be written (a full disk): exit code 2", () => {
    const full = openSync("/dev/full", "w");
    try {
      const run = spawnSync(process.execPath, [BIN, "lint", MANY], {
        env: ENV,
        stdio: ["ignore", full, "pipe"],
      });
      expect(run.status).toBe(2);
    } finally {
      closeSync(full);
    }
  });
});
