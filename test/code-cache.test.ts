/**
 * bin/klingc.cjs runs dist/cli.cjs with V8's code cache of it (dist/cli.cjs.cache).
 * V8 checks no more than the length of the source a cache was made from, so a
 * cache left over from another build of the same length would run that
 * build's code: the loader uses the cache only for the build named in
 * dist/cli.cjs.cache-id.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "klingc-code-cache-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Another digit at every digit: a version string of the same length. */
function otherDigits(text: string): string {
  return text.replace(/\d/g, (d) => (d === "9" ? "8" : "9"));
}

describe("the CLI's code cache", () => {
  it("is accepted by the loader: it was made under the V8 flags a run starts with", () => {
    // V8 rejects a cache made under other flags, and every start then compiles the bundle anew
    // (a warm-up of scripts/code-cache.cjs that set src/cli/v8-tuning.ts's flag would do that).
    const code = `const b = require(${JSON.stringify(join(ROOT, "bin", "klingc.cjs"))});
      const source = b.readSource();
      const cache = require("node:fs").readFileSync(b.file + ".cache");
      process.stdout.write(String(b.compileCli(source, cache).cachedDataRejected));`;
    const run = spawnSync(process.execPath, ["-e", code], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe("false");
  });

  it("is not used for another build of the same length: that build's own code runs", () => {
    mkdirSync(join(dir, "bin"));
    mkdirSync(join(dir, "dist"));
    copyFileSync(join(ROOT, "bin", "klingc.cjs"), join(dir, "bin", "klingc.cjs"));
    copyFileSync(join(ROOT, "dist", "cli.cjs.cache"), join(dir, "dist", "cli.cjs.cache"));
    copyFileSync(join(ROOT, "dist", "cli.cjs.cache-id"), join(dir, "dist", "cli.cjs.cache-id"));
    const bundle = readFileSync(join(ROOT, "dist", "cli.cjs"), "utf8");
    const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
      version: string;
    };
    const other = otherDigits(version);
    // A rebuild after a change that keeps the length: another version string, and the build id the build stamps.
    const rebuilt = bundle
      .replace(`version:"${version}"`, `version:"${other}"`)
      .replace(
        /\/\/ klingc-build (\w+)\n$/,
        (_, id: string) => `// klingc-build ${otherDigits(id.replace(/[a-f]/g, "0"))}\n`,
      );
    expect(rebuilt).not.toBe(bundle);
    expect(rebuilt.length).toBe(bundle.length);
    writeFileSync(join(dir, "dist", "cli.cjs"), rebuilt);

    const run = spawnSync(process.execPath, [join(dir, "bin", "klingc.cjs"), "--version"], {
      encoding: "utf8",
    });
    expect(run.stdout).toBe(`klingc ${other}\n`);
    expect(run.status).toBe(0);
  });
});
