/**
 * examples/render-queue.mjs, a renderer's view of the library: it imports
 * `klingc` by its package name, compiles a project and "sends" each scene's
 * request with at most three in flight, skipping scenes compile gave no
 * request. This runs it as a user would and checks what it printed against
 * `compile` itself.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { compile } from "../src/index.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const EXAMPLE = join(ROOT, "examples", "render-queue.mjs");
const UGC_PATH = join(ROOT, "fixtures", "ugc-ad.kp");
const UGC = readFileSync(UGC_PATH, "utf8");
const dir = mkdtempSync(join(tmpdir(), "klingc-render-queue-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The UGC ad with three more scenes, two of them with an error, so the queue has skips and more than three to send. */
const PROJECT = `${UGC}
scene broken {
  image "https://cdn.example.com/glow/broken.png"
  duration 5s
  acton "A misspelt keyword is an error: this scene gets no request."
}

scene outro {
  image "https://cdn.example.com/glow/outro.png"
  duration 5s
  action "Maya waves goodbye."
}

scene misplaced {
  image "https://cdn.example.com/glow/misplaced.png"
  duration 5s
  action "The second error: a scene cannot stand inside a shot."
  shot one {
    scene inner { }
  }
}
`;

interface Run {
  code: number | null;
  lines: string[];
  stderr: string;
}

function run(args: string[]): Run {
  const result = spawnSync(process.execPath, [EXAMPLE, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 30_000,
  });
  return {
    code: result.status,
    lines: result.stdout.split("\n").filter((line) => line !== ""),
    stderr: result.stderr,
  };
}

interface Sent {
  scene: string;
  endpoint: string;
  input: unknown;
}

const sent = (lines: string[]): Sent[] =>
  lines
    .filter((l) => l.startsWith("send "))
    .map((l) => JSON.parse(l.slice("send ".length)) as Sent);
const named = (lines: string[], verb: string): string[] =>
  lines
    .filter((l) => l.startsWith(`${verb} `))
    .map((l) => l.slice(verb.length + 1).split(":")[0] as string);

/** The most sends not yet done at any point of the output. */
function inFlightPeak(lines: string[]): number {
  let now = 0;
  let peak = 0;
  for (const line of lines) {
    if (line.startsWith("send ")) peak = Math.max(peak, ++now);
    if (line.startsWith("done ")) now--;
  }
  return peak;
}

describe("examples/render-queue.mjs", () => {
  it("sends compile's request for every scene of the shipped ad, in order", () => {
    const { code, lines } = run([]);
    expect(code).toBe(0);
    const expected = compile(UGC, { filename: UGC_PATH }).scenes.map((s) => ({
      scene: s.name,
      ...s.request,
    }));
    expect(expected).toHaveLength(4);
    expect(sent(lines)).toEqual(expected);
    expect(named(lines, "done").sort()).toEqual(expected.map((s) => s.scene).sort());
  });

  it("skips the scenes with errors and sends the rest, never more than three at once", () => {
    const file = join(dir, "project.kp");
    writeFileSync(file, PROJECT);
    const { code, lines, stderr } = run([file]);
    expect(code).toBe(0);
    const { scenes } = compile(PROJECT, { filename: file });
    const withheld = scenes.filter((s) => s.request === null).map((s) => s.name);
    expect(withheld).toEqual(["broken", "misplaced"]);
    expect(named(lines, "skip")).toEqual(withheld);
    expect(sent(lines)).toEqual(
      scenes.filter((s) => s.request !== null).map((s) => ({ scene: s.name, ...s.request })),
    );
    expect(sent(lines).map((s) => s.scene)).not.toContain("broken");
    expect(inFlightPeak(lines)).toBe(3);
    expect(lines.at(-1)).toBe("max in flight: 3");
    expect(stderr).toContain("project.kp:");
  });
});
