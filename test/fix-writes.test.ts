/**
 * Issue 7.7: `lint --fix` writes files safely. It keeps a file's mode and
 * owner, leaves a read-only file alone and says so, reports a file it cannot
 * write and goes on with the others, and prints one summary line per fixed
 * file. CI runs as root, whom the system lets write read-only files and
 * folders, so read-only is judged by mode bits here and a failed write is made
 * with a name the folder cannot take (too long for the temporary file).
 */
import {
  chmodSync,
  chownSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli } from "./support/cli.js";

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "klingc-fixw-"));
  made.push(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

const IMAGE = 'image "https://cdn.example.com/a.png"';
const LIMBS = "Exactly two arms, two hands, five fingers on each hand.";
/** Two fixable errors of one rule and one of another: no-cfg-scale ×2, legacy-endpoint ×1. */
const LEGACY = `${IMAGE}\ncharacter maya "Maya. ${LIMBS}"\naction "Maya waves."\ncfg_scale 0.5\ncfg_scale 0.7\nendpoint "fal-ai/kling-video/o3/pro/image-to-video"\n`;
/** One fixable info (sentence-end). */
const FIXABLE = `${IMAGE}\ncharacter maya "Maya. ${LIMBS}"\naction "Maya waves"\n`;
const FIXED = FIXABLE.replace('"Maya waves"', '"Maya waves."');
const OLD = new Date("2020-01-01T00:00:00Z");

describe("lint --fix keeps what the file was", () => {
  it("keeps the mode, bits the umask would clear included", () => {
    const dir = dirWith({ "open.kp": FIXABLE, "private.kp": FIXABLE });
    chmodSync(join(dir, "open.kp"), 0o666);
    chmodSync(join(dir, "private.kp"), 0o600);
    expect(cli("lint", "--fix", dir).code).toBe(0);
    expect(readFileSync(join(dir, "open.kp"), "utf8")).toBe(FIXED);
    expect(statSync(join(dir, "open.kp")).mode & 0o777).toBe(0o666);
    expect(statSync(join(dir, "private.kp")).mode & 0o777).toBe(0o600);
  });

  it("keeps the owner (as root, where the process may set it)", () => {
    const dir = dirWith({ "a.kp": FIXABLE });
    // Only root may give a file away; another user can only check that its own ownership stays.
    const owner = process.getuid?.() === 0 ? 4321 : (process.getuid?.() ?? 0);
    const group = process.getuid?.() === 0 ? 4322 : (process.getgid?.() ?? 0);
    chownSync(join(dir, "a.kp"), owner, group);
    expect(cli("lint", "--fix", join(dir, "a.kp")).code).toBe(0);
    expect(readFileSync(join(dir, "a.kp"), "utf8")).toBe(FIXED);
    const stat = statSync(join(dir, "a.kp"));
    expect([stat.uid, stat.gid]).toEqual([owner, group]);
  });
});

describe("lint --fix on a file it must not or cannot write", () => {
  it("reports a read-only file (no write bit), leaves it alone, prints its problems and fixes the others", () => {
    const dir = dirWith({ "a-locked.kp": LEGACY, "b-open.kp": FIXABLE });
    const locked = join(dir, "a-locked.kp");
    chmodSync(locked, 0o444);
    utimesSync(locked, OLD, OLD);
    const result = cli("lint", "--fix", dir);
    expect(result.out.split("\n").filter((l) => l.startsWith(locked))).toEqual([
      `${locked}: read-only, not fixed`,
      expect.stringMatching(/:4:1 {2}error {2}.* {2}no-cfg-scale$/),
      expect.stringMatching(/:5:1 {2}error {2}.* {2}no-cfg-scale$/),
      expect.stringMatching(/:6:1 {2}error {2}.* {2}legacy-endpoint$/),
    ]);
    expect(readFileSync(locked, "utf8")).toBe(LEGACY);
    expect(statSync(locked).mtimeMs).toBe(OLD.getTime());
    expect(statSync(locked).mode & 0o777).toBe(0o444);
    expect(readFileSync(join(dir, "b-open.kp"), "utf8")).toBe(FIXED);
    // The errors left in the read-only file decide the exit code, as without --fix.
    expect(result.code).toBe(1);
    expect(result.err).toBe("");
  });

  it("reports a file whose folder cannot take the temporary file, goes on with the others, and exits 2", () => {
    // 251 + ".kp" = 254 characters: the file fits the 255-byte name limit, a temporary name beside it cannot.
    const long = `${"a".repeat(251)}.kp`;
    const dir = dirWith({ [long]: LEGACY, "b.kp": FIXABLE });
    const before = readdirSync(dir).sort();
    const result = cli("lint", "--fix", join(dir, long), join(dir, "b.kp"));
    expect(result.code).toBe(2);
    expect(result.err).toBe("");
    expect(result.out).not.toMatch(/internal error/);
    const lines = result.out.split("\n").filter((l) => l !== "");
    expect(lines[0]).toBe(
      `${join(dir, long)}: not fixed: cannot write it (a name on its path is too long)`,
    );
    // Its problems are still reported, as found in the file left unchanged.
    expect(
      lines.filter((l) => l.startsWith(`${join(dir, long)}:`) && l.includes("  error  ")).length,
    ).toBe(3);
    expect(lines).toContain(`${join(dir, "b.kp")}: fixed 1 problem (sentence-end ×1)`);
    expect(readFileSync(join(dir, long), "utf8")).toBe(LEGACY);
    expect(readFileSync(join(dir, "b.kp"), "utf8")).toBe(FIXED);
    expect(readdirSync(dir).sort()).toEqual(before);
  });
});

describe("lint --fix says what it changed", () => {
  it("prints one line per written file: rule ids in order with counts; nothing for a file it left as it was", () => {
    const clean = FIXED;
    const dir = dirWith({ "legacy.kp": LEGACY, "one.kp": FIXABLE, "clean.kp": clean });
    const result = cli("lint", "--fix", dir);
    expect(result.code).toBe(0);
    expect(result.out.split("\n").filter((l) => l !== "")).toEqual([
      `${join(dir, "legacy.kp")}: fixed 3 problems (legacy-endpoint ×1, no-cfg-scale ×2)`,
      `${join(dir, "one.kp")}: fixed 1 problem (sentence-end ×1)`,
    ]);
    // --fix-dry-run writes nothing, so it says nothing of the kind: stdout is the fixed text.
    const dry = cli("lint", "--fix-dry-run", join(dirWith({ "two.kp": FIXABLE }), "two.kp"));
    expect([dry.out, dry.err]).toEqual([FIXED, ""]);
  });
});
