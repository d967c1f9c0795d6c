/**
 * `klingc render` as a user runs it: the real executable (bin/klingc.cjs) in a
 * child process, the real client inside it, and the stand-in queue
 * (test/support/fake-queue.ts) reached through `--proxy-url`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createProgress, estimateTable } from "../src/cli/render-style.js";
import { runCommand } from "../src/cli/run.js";
import { MANIFEST_NAME, plan } from "../src/render/index.js";
import { compile } from "../src/index.js";
import { startFakeQueue, type FakeQueue, type Faults } from "./support/fake-queue.js";
import { storyboard } from "./support/render-fixture.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = join(ROOT, "bin", "klingc.cjs");
const SECRET = "fal-test-key-0123456789abcdef";

interface Run {
  code: number | null;
  out: string;
  err: string;
}

const dirs: string[] = [];
const queues: FakeQueue[] = [];
afterEach(async () => {
  await Promise.all(queues.splice(0).map((q) => q.close()));
});
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function workspace(source: string): { dir: string; file: string; out: string } {
  const dir = mkdtempSync(join(tmpdir(), "klingc-render-cli-"));
  dirs.push(dir);
  const file = join(dir, "board.kp");
  writeFileSync(file, source);
  return { dir, file, out: join(dir, "videos") };
}

async function queue(faults: Faults = {}): Promise<FakeQueue> {
  const q = await startFakeQueue(faults);
  queues.push(q);
  return q;
}

function baseEnv(key: string | null): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", FORCE_COLOR: "" };
  delete env["FAL_KEY"];
  delete env["FAL_KEY_ID"];
  delete env["FAL_KEY_SECRET"];
  if (key !== null) env["FAL_KEY"] = key;
  return env;
}

/** Runs the CLI without blocking this process (the stand-in queue lives here). */
function klingc(
  args: string[],
  {
    key = SECRET,
    onErr,
  }: { key?: string | null; onErr?: (err: string, child: ChildProcess) => void } = {},
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: baseEnv(key),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => {
      err += chunk.toString();
      onErr?.(err, child);
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
  });
}

/** The same command in this process (for what needs no child: argument and pre-flight checks). */
async function inProcess(args: string[], key: string | null = SECRET): Promise<Run> {
  const saved = { ...process.env };
  for (const name of ["FAL_KEY", "FAL_KEY_ID", "FAL_KEY_SECRET"]) delete process.env[name];
  if (key !== null) process.env["FAL_KEY"] = key;
  let out = "";
  let err = "";
  try {
    const code = await runCommand(args, { out: (t) => (out += t), err: (t) => (err += t) });
    return { code, out, err };
  } finally {
    process.env = saved;
  }
}

function expectNoStackTrace(run: Run): void {
  expect(run.err).not.toMatch(/^\s+at /m);
  expect(run.err).not.toMatch(/internal error|TypeError|ReferenceError/);
}

const FAST = ["--poll-interval", "0.01"];

describe("klingc render --dry-run", () => {
  it("prints the requests `klingc --json` shows and the estimate, with no key and nothing sent", async () => {
    const { file } = workspace(storyboard(["hook", "demo"]));
    const run = await inProcess(["render", file, "--dry-run", "--json"], null);
    expect(run.code).toBe(0);
    const dry = JSON.parse(run.out) as {
      scenes: {
        name: string;
        action: string;
        endpoint: string;
        input: unknown;
        estimate: { seconds: number; price: { value: number; source: string; date: string } };
      }[];
      estimate: { usd: number };
    };
    const compiled = JSON.parse((await inProcess(["--json", file], null)).out) as {
      scenes: { name: string; request: { endpoint: string; input: unknown } }[];
    };
    expect(
      dry.scenes.map(({ name, endpoint, input }) => ({ name, request: { endpoint, input } })),
    ).toEqual(compiled.scenes.map(({ name, request }) => ({ name, request })));
    expect(dry.scenes[0]).toMatchObject({
      action: "submit",
      estimate: { seconds: 5, price: { value: 0.42, date: "2026-11" } },
    });
    expect(dry.estimate.usd).toBe(0.84);
  });

  it("shows per scene and in total the seconds, price and render time, each figure with its source and date", async () => {
    const { file } = workspace(
      `${storyboard(["hook"])}\nscene demo {\n  quality pro\n  image "https://cdn.example.com/demo.png"\n  duration 10s\n  action "Maya waves."\n}\n`,
    );
    const run = await inProcess(["render", file, "--dry-run"], null);
    expect(run.code).toBe(0);
    expect(run.out).toContain(
      '# hook: submit  fal-ai/kling-video/o3/standard/image-to-video\n{\n  "prompt"',
    );
    const lines = run.out.split("\n");
    expect(lines.find((l) => l.startsWith("hook "))).toMatch(
      /^hook +submit +5 s +\$0\.42 \[1\] +about 1m 34s \[1\]$/,
    );
    expect(lines.find((l) => l.startsWith("demo "))).toMatch(
      /^demo +submit +10 s +unknown +about 10m 36s \[2\]$/,
    );
    expect(lines.find((l) => l.startsWith("total"))).toMatch(
      /15 s +at least \$0\.42 \(unknown: demo\) +about 10m 36s with 3 at once$/,
    );
    expect(lines).toContain(
      "[1] fal model page fal-ai/kling-video/o3/standard/image-to-video (figure as given in klingc issue 11) (2026-11)",
    );
  });
});

describe("klingc render: before anything is sent", () => {
  it("exits 2 naming FAL_KEY when there is no key, and sends nothing", async () => {
    const q = await queue();
    const { file, out } = workspace(storyboard(["hook"]));
    const run = await inProcess(["render", file, "--out", out], null);
    expect(run.code).toBe(2);
    expect(run.err).toContain("FAL_KEY");
    expect(run.err).toContain("nothing was sent");
    expect(q.calls).toEqual([]);
  });

  it("needs no local key behind --proxy-url (the proxy holds it), and then sends none", async () => {
    const q = await queue();
    const { file, out } = workspace(storyboard(["hook"]));
    const run = await inProcess(
      ["render", file, "--out", out, "--proxy-url", q.proxyUrl, ...FAST],
      null,
    );
    expect(run.code).toBe(0);
    expect(q.submissions).toHaveLength(1);
    expect(q.authorizations).toEqual(new Set());
  });

  it("exits 1 with the diagnostics when a scene has an error, and sends nothing", async () => {
    const q = await queue();
    const { file, out } = workspace(
      `${storyboard(["hook"])}\nscene broken {\n  duration 5s\n  action "No image."\n}\n`,
    );
    const run = await inProcess(["render", file, "--out", out, "--proxy-url", q.proxyUrl]);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/board\.kp:\d+:\d+ {2}error {2}.* {2}image-required/);
    expect(run.err).toContain("nothing was sent");
    expect(q.calls).toEqual([]);
    expectNoStackTrace(run);
  });

  it("exits 2 for a file that is not text, as for an unreadable one, and sends nothing", async () => {
    const q = await queue();
    const { file, out } = workspace("");
    writeFileSync(file, Buffer.from([0xff, 0xfe, 0x00, 0x81, 0x00]));
    const run = await inProcess(["render", file, "--out", out, "--proxy-url", q.proxyUrl]);
    expect(run.code).toBe(2);
    expect(run.err).toContain("invalid-character");
    expect(q.calls).toEqual([]);
  });

  it("stops before submitting when the estimate is over --max-cost, and shows the estimate", async () => {
    const q = await queue();
    const { file, out } = workspace(storyboard(["hook", "demo"]));
    const run = await inProcess([
      "render",
      file,
      "--out",
      out,
      "--proxy-url",
      q.proxyUrl,
      "--max-cost",
      "0.5",
    ]);
    expect(run.code).toBe(1);
    expect(run.err).toContain("the estimate $0.84 exceeds --max-cost $0.5");
    expect(run.err).toMatch(/total to submit +10 s +\$0\.84/);
    expect(q.calls).toEqual([]);
  });

  it("exits 2 on a manifest it cannot read, sends nothing and leaves the file as it was", async () => {
    const q = await queue();
    const { file, out } = workspace(storyboard(["hook"]));
    mkdirSync(out);
    writeFileSync(join(out, MANIFEST_NAME), "{ not json");
    const run = await inProcess(["render", file, "--out", out, "--proxy-url", q.proxyUrl]);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/klingc-render\.json is not a klingc render manifest; move it away/);
    expect(readFileSync(join(out, MANIFEST_NAME), "utf8")).toBe("{ not json");
    expect(q.calls).toEqual([]);
  });

  it("a --scene that names no scene is exit 2 with the nearest name, before anything else", async () => {
    const { file } = workspace(storyboard(["hook", "demo"]));
    const typo = await inProcess(["render", file, "--dry-run", "--scene", "hok"], null);
    expect(typo.code).toBe(2);
    expect(typo.err).toContain(
      "klingc: render: --scene hok: no scene of that name; did you mean 'hook'?",
    );
    expect(typo.out).toBe("");
    expectNoStackTrace(typo);
    const far = await inProcess(["render", file, "--dry-run", "--scene", "zzzzzz"], null);
    expect(far.code).toBe(2);
    expect(far.err).toContain("no scene of that name (scenes: hook, demo)");
  });

  it("rejects bad options with exit 2", async () => {
    const { file } = workspace(storyboard(["hook"]));
    for (const args of [
      ["--concurrency", "0"],
      ["--max-cost", "lots"],
      ["--proxy-url", "not a url"],
      ["--frobnicate"],
    ]) {
      const run = await inProcess(["render", file, "--dry-run", ...args]);
      expect(run.code, args.join(" ")).toBe(2);
      expectNoStackTrace(run);
    }
  });
});

describe("klingc render FILE --out DIR --proxy-url URL", () => {
  it("renders every scene, one progress line per state change, a summary, and never shows the key", async () => {
    const q = await queue();
    const { file, out } = workspace(storyboard(["hook", "demo", "cta"]));
    const run = await klingc([
      "render",
      file,
      "--out",
      out,
      "--proxy-url",
      q.proxyUrl,
      "--json",
      ...FAST,
    ]);
    expect(run.code).toBe(0);
    const hook = run.err.split("\n").filter((l) => l.startsWith("hook "));
    expect(hook.map((l) => l.replace(/ {2,}/g, "  "))).toEqual([
      "hook  submitted",
      "hook  in queue (position 2)",
      "hook  in queue (position 1)",
      "hook  rendering",
      "hook  downloading",
      expect.stringMatching(/^hook {2}done \d+ kB {2}\d+s$/),
    ]);
    expect(run.err).toMatch(/^3 done, 0 failed, 0 skipped in \d+s$/m);
    const report = JSON.parse(run.out) as {
      outcome: string;
      scenes: { name: string; outcome: string; requestId: string }[];
    };
    expect(report.outcome).toBe("done");
    for (const s of q.submissions)
      expect(
        readFileSync(join(out, `${s.scene}.mp4`)).equals(q.videos.get(s.id) ?? Buffer.alloc(0)),
      ).toBe(true);
    const manifest = readFileSync(join(out, MANIFEST_NAME), "utf8");
    expect(q.authorizations).toEqual(new Set([`Key ${SECRET}`]));
    for (const text of [run.out, run.err, manifest]) expect(text).not.toContain(SECRET);
    expectNoStackTrace(run);
  });

  it("a 422 fails that scene with the reason and hints, the others finish, and the run exits 1", async () => {
    const q = await queue({ refuse: ["demo"] });
    const { file, out } = workspace(
      storyboard(["hook", "demo", "cta"], { demo: "Maya holds up a GlowLab bottle." }),
    );
    const run = await inProcess(["render", file, "--out", out, "--proxy-url", q.proxyUrl, ...FAST]);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(
      /^demo {2}failed: HTTP 422 content_policy_violation: .*\n {4}hint: describe the product instead of naming it: "GlowLab" \(brand-risk\)\n {4}hint: simplify the prompt/m,
    );
    expect(run.err).toMatch(/^2 done, 1 failed, 0 skipped/m);
  });

  it("Ctrl-C mid-run exits 130 with the manifest kept; the resume submits nothing twice", async () => {
    const q = await queue();
    q.hold = true;
    const names = ["hook", "demo", "proof", "cta", "outro"];
    const { file, out } = workspace(storyboard(names));
    let sent = false;
    const first = await klingc(["render", file, "--out", out, "--proxy-url", q.proxyUrl, ...FAST], {
      onErr: (err, child) => {
        if (!sent && (err.match(/ rendering$/gm) ?? []).length >= 3) {
          sent = true;
          child.kill("SIGINT");
        }
      },
    });
    expect(first.code).toBe(130);
    expectNoStackTrace(first);
    expect(first.err).toMatch(
      /interrupted: 3 submitted requests kept in .*klingc-render\.json; run the same command to resume/,
    );
    const manifest = JSON.parse(readFileSync(join(out, MANIFEST_NAME), "utf8")) as {
      scenes: Record<string, { requestId: string; state: string }>;
    };
    expect(
      Object.values(manifest.scenes)
        .map((e) => e.requestId)
        .sort(),
    ).toEqual(q.submissions.map((s) => s.id).sort());

    q.hold = false;
    const second = await klingc(["render", file, "--out", out, "--proxy-url", q.proxyUrl, ...FAST]);
    expect(second.code).toBe(0);
    expect(second.err.match(/following request/g)).toHaveLength(3);
    for (const name of names)
      expect(
        q.submissions.filter((s) => s.scene === name),
        name,
      ).toHaveLength(1);
    for (const s of q.submissions)
      expect(
        readFileSync(join(out, `${s.scene}.mp4`)).equals(q.videos.get(s.id) ?? Buffer.alloc(0)),
      ).toBe(true);
  });
});

describe("progress on a terminal", () => {
  it("draws one row a scene and redraws the table in place", () => {
    const written: string[] = [];
    const progress = createProgress(
      { isTTY: true, columns: 80 },
      { out: () => undefined, err: (t) => written.push(t) },
      ["hook", "demo"],
    );
    progress.event({ scene: "hook", type: "submitted", requestId: "r1" });
    progress.event({
      scene: "demo",
      type: "failed",
      error: "HTTP 422",
      hints: ["simplify the prompt"],
    });
    progress.stop();
    expect(written[0]).toBe("\x1b[2Khook  submitted  0s\n\x1b[2Kdemo  waiting\n");
    expect(written[1]).toBe("\x1b[2A\x1b[2Khook  submitted  0s\n\x1b[2Kdemo  failed: HTTP 422\n");
    expect(written.at(-1)).toBe("demo  failed: HTTP 422\n    hint: simplify the prompt\n");
  });
});

describe("estimate table", () => {
  it("numbers each source once and says unknown where no source gives a figure", () => {
    const planned = plan(
      compile('engine veo-3.1\nimage "https://x.test/a.png"\naction "Maya smiles."\n', {
        filename: "v.kp",
      }),
    );
    const text = estimateTable(planned.scenes, planned.estimate, 3);
    expect(text.split("\n")[1]).toMatch(/^v +submit +8 s +unknown +unknown$/);
    expect(text).toMatch(/total to submit +8 s +unknown +unknown/);
  });
});

describe("config prices (checked by the config validator)", () => {
  const STANDARD = "fal-ai/kling-video/o3/standard/image-to-video";
  const PRO = "fal-ai/kling-video/o3/pro/image-to-video";

  async function dryEstimates(file: string): Promise<Record<string, unknown>> {
    const run = await inProcess(["render", file, "--dry-run", "--json"], null);
    expect(run.code, run.err).toBe(0);
    const dry = JSON.parse(run.out) as { scenes: { name: string; estimate: { price: unknown } }[] };
    return Object.fromEntries(dry.scenes.map((scene) => [scene.name, scene.estimate.price]));
  }

  it("takes prices from the config and the configs it extends; the extending config's entry for an endpoint wins", async () => {
    const { dir, file } = workspace(
      `${storyboard(["hook"])}\nscene demo {\n  quality pro\n  image "https://cdn.example.com/demo.png"\n  duration 10s\n  action "Maya waves."\n}\n`,
    );
    const base = {
      prices: {
        [STANDARD]: { perSecond: 0.2, date: "2026-12" },
        [PRO]: { perSecond: 0.5, date: "2026-12" },
      },
    };
    writeFileSync(join(dir, "base.json"), JSON.stringify(base));
    writeFileSync(
      join(dir, "klingc.config.json"),
      JSON.stringify({
        extends: "./base.json",
        prices: { [PRO]: { perSecond: 0.3, date: "2027-01" } },
      }),
    );
    expect(await dryEstimates(file)).toEqual({
      hook: { value: 1, source: "config `prices`", date: "2026-12" },
      demo: { value: 3, source: "config `prices`", date: "2027-01" },
    });
  });

  it("rejects a price in an extended config that is not a number of dollars, naming the file and key", async () => {
    const { dir, file } = workspace(storyboard(["hook"]));
    writeFileSync(join(dir, "klingc.config.json"), JSON.stringify({ extends: "./base.json" }));
    writeFileSync(
      join(dir, "base.json"),
      JSON.stringify({ prices: { "fal-ai/x": { perSecond: "cheap" } } }),
    );
    let run = await inProcess(["render", file, "--dry-run"], null);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(
      /base\.json.*prices\.fal-ai\/x\.perSecond: expected US dollars per second/,
    );
    writeFileSync(
      join(dir, "base.json"),
      JSON.stringify({ prices: { "fal-ai/x": { perMinute: 1 } } }),
    );
    run = await inProcess(["render", file, "--dry-run"], null);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/prices\.fal-ai\/x\.perMinute: .*unknown key "perMinute"/);
    expectNoStackTrace(run);
  });
});
