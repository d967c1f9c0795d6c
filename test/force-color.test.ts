/**
 * FORCE_COLOR as chalk's supports-color reads it: 0 or false turn colour off,
 * any other value turns it on, unset or empty leaves it to the terminal (a
 * pipe here, so no colour). The real executable, its stderr piped.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = join(ROOT, "bin", "klingc.cjs");
const ESCAPE = "\x1b[";

function stderrWith(forceColor: string | undefined): string {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env["NO_COLOR"];
  delete env["FORCE_COLOR"];
  if (forceColor !== undefined) env["FORCE_COLOR"] = forceColor;
  const result = spawnSync(process.execPath, [BIN, "fixtures/ugc-ad.kp"], {
    cwd: ROOT,
    encoding: "utf8",
    env,
    timeout: 20_000,
  });
  if (result.error) throw result.error;
  expect(result.stderr).toContain("disputed-capability");
  return result.stderr;
}

describe("FORCE_COLOR", () => {
  it("0 and false turn colour off", () => {
    expect(stderrWith("0")).not.toContain(ESCAPE);
    expect(stderrWith("false")).not.toContain(ESCAPE);
  });

  it("1 and true turn it on where it would be off", () => {
    expect(stderrWith("1")).toContain(ESCAPE);
    expect(stderrWith("true")).toContain(ESCAPE);
  });

  it("unset or empty leaves it to the stream: a pipe gets none", () => {
    expect(stderrWith(undefined)).not.toContain(ESCAPE);
    expect(stderrWith("")).not.toContain(ESCAPE);
  });
});
