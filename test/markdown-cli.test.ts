/**
 * Markdown storyboards on the command line, through the real executable:
 * `klingc story.md`, `klingc lint story.md` and `--fix`, and which Markdown
 * files `klingc lint` takes (named or matched by a glob, never from a directory).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = join(ROOT, "bin", "klingc.cjs");

function klingc(args: string[], cwd = ROOT) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "" },
    timeout: 20_000,
  });
  if (result.error) throw result.error;
  return { code: result.status, out: result.stdout, err: result.stderr };
}

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "klingc-md-"));
  made.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const LEGACY = [
  "# Migration notes",
  "",
  "Keep this paragraph exactly as it is.",
  "",
  "- The hook, still on V3:",
  "",
  "  ```kp",
  "  scene hook {",
  '    image "https://x.test/hook.png"',
  "    cfg_scale 0.5",
  '    action "Maya waves at the lens."',
  "  }",
  "  ```",
  "",
].join("\r\n");

describe("klingc on a Markdown storyboard", () => {
  it("compiles the shipped storyboard: a prompt for each scene, nothing wrong", () => {
    const run = klingc(["fixtures/storyboard.md"]);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^# scene hook\nMaya, late twenties/);
    expect(run.out).toContain("# scene demo\nMaya, same look as the hook.");
    // The project block's realism and avoid reach both scenes, the one in the list item too.
    expect(run.out.match(/Avoid: blur, cartoon, 3D render, extra fingers\./g)).toHaveLength(2);
    expect(run.err.split("\n").filter((l) => l !== "")).toEqual([
      expect.stringMatching(/^hook +\d+\/2,500/),
      expect.stringMatching(/^demo +\d+\/2,500/),
    ]);
  });

  it("reports problems at their line and column in the .md", () => {
    const dir = tempDir({ "story.md": LEGACY });
    const run = klingc(["lint", "story.md"], dir);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(
      /^story\.md:10:5 {2}error {2}'cfg_scale' does nothing on kling-o3: .* {2}no-cfg-scale$/m,
    );
    const compiled = klingc(["--json", "story.md"], dir);
    const json = JSON.parse(compiled.out) as {
      scenes: { name: string; file: string }[];
      diagnostics: { line: number; column: number; ruleId: string }[];
    };
    expect(json.scenes).toMatchObject([{ name: "hook", file: "story.md" }]);
    expect(json.diagnostics).toContainEqual(
      expect.objectContaining({ ruleId: "no-cfg-scale", line: 10, column: 5 }),
    );
  });

  it("--fix rewrites only inside the kp blocks; --fix-dry-run prints the fixed Markdown", () => {
    const dir = tempDir({ "story.md": LEGACY });
    const dry = klingc(["lint", "--fix-dry-run", "story.md"], dir);
    const fixed = LEGACY.replace("\r\n    cfg_scale 0.5", "");
    expect(dry.out).toBe(fixed);
    expect(readFileSync(join(dir, "story.md"), "utf8")).toBe(LEGACY);
    const run = klingc(["lint", "--fix", "story.md"], dir);
    expect(run.code).toBe(0);
    expect(run.out).toBe("story.md: fixed 1 problem (no-cfg-scale ×1)\n");
    expect(readFileSync(join(dir, "story.md"), "utf8")).toBe(fixed);
  });

  it("lint takes .md files named or matched by a glob, and only .kp files from a directory", () => {
    const clean =
      '```kp\nscene a {\n  image "https://x.test/a.png"\n  action "Maya waves."\n}\n```\n';
    const dir = tempDir({
      "scenes/a.kp": "cfg_scale 0.5\n",
      "scenes/story.md": LEGACY,
      "scenes/notes.markdown": clean,
      "scenes/README.md": "# Notes\n",
    });
    const fromDirectory = klingc(["lint", "scenes"], dir);
    expect(fromDirectory.out).toContain("scenes/a.kp:1:1");
    expect(fromDirectory.out).not.toContain("story.md");
    const fromGlob = klingc(["lint", "scenes/*.md"], dir);
    expect(fromGlob.out).toContain("scenes/story.md:10:5");
    expect(fromGlob.out).not.toContain("a.kp");
    // A Markdown file without kp blocks is no storyboard: nothing to say about it.
    expect(fromGlob.out).not.toContain("README.md");
    expect(klingc(["lint", "scenes/**/*.markdown"], dir).code).toBe(0);
  });
});
