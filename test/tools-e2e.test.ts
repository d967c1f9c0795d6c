/**
 * fmt, migrate and explain through the real executable (`node bin/klingc.cjs`,
 * the bundled CLI vitest's global setup builds): the dispatch reaches each, and
 * exit codes and streams are what a shell sees.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { folderWith } from "./support/tools-io.js";

const BIN = fileURLToPath(new URL("../bin/klingc.cjs", import.meta.url));

function klingc(args: string[]): { code: number | null; out: string; err: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe("the tools through the executable", () => {
  it("klingc fmt --check names a file that would change and exits 1", () => {
    const dir = folderWith({ "a.kp": 'action "A." ; image "https://cdn.example.com/a.png"\n' });
    expect(klingc(["fmt", "--check", join(dir, "a.kp")])).toEqual({
      code: 1,
      out: `${join(dir, "a.kp")}\n`,
      err: "klingc: 1 file would be reformatted\n",
    });
  });

  it("klingc migrate prints the O3 request; bad JSON exits 2 with its position", () => {
    const dir = folderWith({
      "v3.json": JSON.stringify({
        endpoint: "fal-ai/kling-video/v3/pro/image-to-video",
        input: { prompt: "A.", start_image_url: "u" },
      }),
      "bad.json": "{\n  oops\n}",
    });
    const ok = klingc(["migrate", join(dir, "v3.json")]);
    expect(ok.code).toBe(0);
    expect((JSON.parse(ok.out) as { endpoint: string }).endpoint).toBe(
      "fal-ai/kling-video/o3/pro/image-to-video",
    );
    const bad = klingc(["migrate", join(dir, "bad.json")]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(
      new RegExp(
        `^${join(dir, "bad.json").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:2:3  error  invalid JSON`,
      ),
    );
  });

  it("klingc explain draws the picture without colour off a terminal", () => {
    const dir = folderWith({
      "s.kp": 'image "https://cdn.example.com/a.png"\naction "Maya waves."\n',
    });
    const ran = klingc(["explain", join(dir, "s.kp")]);
    expect(ran.code).toBe(0);
    expect(ran.out.split("\n")[0]).toBe("scene s  11/2,500");
    // 11 of 2,500 characters is less than half a cell of 40.
    expect(ran.out).toContain(`  kept     ${".".repeat(40)}  tier 1 11 · tier 2 0 · tier 3 0`);
  });
});
