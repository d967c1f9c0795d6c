/**
 * `render` from `klingc/render` with the real `@fal-ai/client` against a
 * stand-in queue on 127.0.0.1 (test/support/fake-queue.ts), reached through
 * the client's own proxy support, as a team that keeps the key on a server.
 */
import { createFalClient } from "@fal-ai/client";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { compile, lint } from "../src/index.js";
import {
  MANIFEST_NAME,
  plan,
  render,
  requestHash,
  type RenderEvent,
  type RenderOptions,
  type RenderProject,
} from "../src/render/index.js";
import { startFakeQueue, type FakeQueue, type Faults } from "./support/fake-queue.js";
import { storyboard } from "./support/render-fixture.js";

const dirs: string[] = [];
const queues: FakeQueue[] = [];
afterEach(async () => {
  await Promise.all(queues.splice(0).map((q) => q.close()));
});
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function outDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "klingc-render-"));
  dirs.push(dir);
  return join(dir, "out");
}

async function queue(faults: Faults = {}): Promise<FakeQueue> {
  const q = await startFakeQueue(faults);
  queues.push(q);
  return q;
}

/** The real client, through the stand-in; the client's own backoff shortened (its count of retries is unchanged). */
function client(q: FakeQueue) {
  return createFalClient({
    credentials: "test-key",
    proxyUrl: { url: q.proxyUrl, when: "always" },
    retry: { backoffMultiplier: 0.05, enableJitter: false },
  });
}

function project(names: readonly string[], extra: Record<string, string> = {}): RenderProject {
  return compile(storyboard(names, extra), { filename: "board.kp" });
}

async function run(q: FakeQueue, proj: RenderProject, out: string, options: RenderOptions = {}) {
  const events: RenderEvent[] = [];
  const report = await render(proj, {
    out,
    client: client(q),
    pollInterval: 5,
    retry: { attempts: 3, delay: 5 },
    onEvent: (e) => events.push(e),
    ...options,
  });
  return { report, events };
}

function manifest(out: string) {
  return JSON.parse(readFileSync(join(out, MANIFEST_NAME), "utf8")) as {
    version: number;
    scenes: Record<
      string,
      {
        hash: string;
        requestId: string | null;
        state: string;
        file: string | null;
        bytes: number | null;
        error: string | null;
      }
    >;
  };
}

function submittedOnce(q: FakeQueue, names: readonly string[]): void {
  for (const name of names)
    expect(
      q.submissions.filter((s) => s.scene === name),
      name,
    ).toHaveLength(1);
}

const FIVE = ["hook", "demo", "proof", "cta", "outro"];

describe("render: every scene to a video on disk", () => {
  it("keeps three requests open and never more, sends compile's requests, and saves every video byte for byte", async () => {
    const q = await queue({ slow: { hook: 4, demo: 4, proof: 4 } });
    const proj = project(FIVE);
    const out = outDir();
    const { report, events } = await run(q, proj, out);
    expect(report.outcome).toBe("done");
    expect(q.maxOpen).toBe(3);
    submittedOnce(q, FIVE);
    for (const scene of proj.scenes) {
      const sent = q.submissions.find((s) => s.scene === scene.name);
      expect(sent?.endpoint).toBe(scene.request?.endpoint);
      expect(sent?.body).toEqual(scene.request?.input);
      expect(
        readFileSync(join(out, `${scene.name}.mp4`)).equals(
          q.videos.get(sent?.id ?? "") ?? Buffer.alloc(0),
        ),
      ).toBe(true);
    }
    expect(readdirSync(out).sort()).toEqual([...FIVE.map((n) => `${n}.mp4`), MANIFEST_NAME].sort());
    const entry = manifest(out).scenes["hook"];
    expect(entry).toMatchObject({
      state: "done",
      file: "hook.mp4",
      error: null,
      requestId: q.submissions.find((s) => s.scene === "hook")?.id,
    });
    expect(entry?.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    const hookEvents = events
      .filter((e) => e.scene === "hook")
      .map((e) => (e.type === "in-queue" ? `in-queue ${e.position}` : e.type));
    expect(hookEvents).toEqual([
      "submitted",
      "in-queue 2",
      "in-queue 1",
      "rendering",
      "downloading",
      "done",
    ]);
  });

  it("holds --concurrency 1 to one request at a time", async () => {
    const q = await queue();
    const { report } = await run(q, project(["a", "b", "c"]), outDir(), { concurrency: 1 });
    expect(report.outcome).toBe("done");
    expect(q.maxOpen).toBe(1);
  });

  it("starts the next scene as soon as any one finishes: a slow render holds only its own slot", async () => {
    const q = await queue({ slow: { hook: 30 } });
    const { report } = await run(q, project(["hook", "demo", "proof", "cta"]), outDir());
    expect(report.outcome).toBe("done");
    const cta = q.submissions.find((s) => s.scene === "cta");
    expect(cta?.at).toBeLessThan(q.finishedAt.get("hook") ?? 0);
  });

  it("renders only the scenes named", async () => {
    const q = await queue();
    const { report } = await run(q, project(FIVE), outDir(), { scenes: ["demo", "cta"] });
    expect(report.scenes.map((s) => s.name)).toEqual(["demo", "cta"]);
    expect(q.submissions.map((s) => s.scene).sort()).toEqual(["cta", "demo"]);
  });
});

describe("render: faults", () => {
  it("a 503 on submit is retried by the client alone, within its own bound: klingc adds no retries on top", async () => {
    const q = await queue({
      submitErrors: { demo: { status: 503, times: 1 }, cta: { status: 503, times: 99 } },
    });
    const out = outDir();
    const { report, events } = await run(q, project(["hook", "demo", "cta"]), out);
    // demo: one 503, then accepted once.
    expect(q.submitAttempts.filter((s) => s === "demo")).toHaveLength(2);
    submittedOnce(q, ["hook", "demo"]);
    // cta: the client's 4 attempts (1 + its 3 retries), not 4 for each of klingc's.
    expect(q.submitAttempts.filter((s) => s === "cta")).toHaveLength(4);
    expect(events.filter((e) => e.type === "retry")).toEqual([]);
    expect(report.outcome).toBe("failed");
    expect(report.scenes.map((s) => `${s.name} ${s.outcome}`)).toEqual([
      "hook done",
      "demo done",
      "cta failed",
    ]);
    expect(manifest(out).scenes["cta"]).toMatchObject({
      state: "failed",
      requestId: null,
      error: expect.stringContaining("503"),
    });
  });

  it("a 500 on submit, which the client does not retry, is retried by klingc within its bound", async () => {
    const q = await queue({ submitErrors: { demo: { status: 500, times: 1 } } });
    const { report, events } = await run(q, project(["demo"]), outDir());
    expect(report.outcome).toBe("done");
    expect(events.filter((e) => e.type === "retry")).toEqual([
      { scene: "demo", type: "retry", attempt: 2, delayMs: 5, reason: "HTTP 500" },
    ]);
    submittedOnce(q, ["demo"]);
  });

  it("a 422 fails that scene only, with the service's reason and the brands brand-risk sees in it; the others finish", async () => {
    const q = await queue({ refuse: ["demo"] });
    const out = outDir();
    const source = storyboard(["hook", "demo", "cta"], { demo: "Maya holds up a GlowLab bottle." });
    // compile runs no lint rule: brand-risk's findings come from lint, as `klingc FILE` shows them.
    const compiled = compile(source, { filename: "board.kp" });
    const proj = {
      scenes: compiled.scenes,
      diagnostics: [...compiled.diagnostics, ...lint(source, { filename: "board.kp" })],
    };
    const { report } = await run(q, proj, out);
    expect(report.outcome).toBe("failed");
    const demo = report.scenes.find((s) => s.name === "demo");
    expect(demo?.error).toMatch(
      /^HTTP 422 content_policy_violation: The content could not be processed/,
    );
    expect(demo?.hints[0]).toContain('"GlowLab"');
    expect(demo?.hints.some((h) => h.startsWith("simplify the prompt"))).toBe(true);
    expect(report.scenes.filter((s) => s.outcome === "done").map((s) => s.name)).toEqual([
      "hook",
      "cta",
    ]);
    expect(existsSync(join(out, "demo.mp4"))).toBe(false);
    // Refused, so not worth following: a rerun submits it again.
    expect(manifest(out).scenes["demo"]).toMatchObject({ state: "failed", requestId: null });
    expect(report.scenes.find((s) => s.name === "hook")?.hints).toEqual([]);
  });

  it("a download cut short is a failed scene, not a corrupt file; the rerun fetches the same request again", async () => {
    const q = await queue({ truncate: ["demo"] });
    const out = outDir();
    const proj = project(["hook", "demo"]);
    const first = await run(q, proj, out);
    expect(first.report.scenes.find((s) => s.name === "demo")?.error).toMatch(/short|broke off/);
    expect(first.events.filter((e) => e.type === "retry" && e.scene === "demo")).toHaveLength(2);
    expect(readdirSync(out).sort()).toEqual(["hook.mp4", MANIFEST_NAME]);
    expect(manifest(out).scenes["demo"]?.requestId).toBe(
      q.submissions.find((s) => s.scene === "demo")?.id,
    );

    q.faults.truncate = [];
    const second = await run(q, proj, out);
    expect(second.report.outcome).toBe("done");
    expect(second.events.filter((e) => e.scene === "demo")[0]).toMatchObject({ type: "following" });
    expect(second.events.find((e) => e.scene === "hook")).toMatchObject({ type: "skipped" });
    submittedOnce(q, ["hook", "demo"]);
    const id = q.submissions.find((s) => s.scene === "demo")?.id ?? "";
    expect(readFileSync(join(out, "demo.mp4")).equals(q.videos.get(id) ?? Buffer.alloc(0))).toBe(
      true,
    );
  });

  it("removes the temporary file of a download a crash cut off, and nothing else", async () => {
    const q = await queue();
    const out = outDir();
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, "hook.mp4.0badc0de.part"), "half a video");
    writeFileSync(join(out, "notes.part"), "mine");
    await run(q, project(["hook"]), out);
    expect(readdirSync(out).sort()).toEqual(["hook.mp4", MANIFEST_NAME, "notes.part"].sort());
  });

  it("a result without a video URL fails the scene", async () => {
    const q = await queue({ noVideo: ["cta"] });
    const out = outDir();
    const { report } = await run(q, project(["cta"]), out);
    expect(report.scenes[0]).toMatchObject({
      outcome: "failed",
      error: "the result has no video URL",
    });
    expect(existsSync(join(out, "cta.mp4"))).toBe(false);
  });

  it("a request the queue no longer knows fails the scene and is dropped, so the rerun submits it again", async () => {
    const q = await queue({ statusError: { cta: 404 } });
    const out = outDir();
    const proj = project(["cta"]);
    const { report } = await run(q, proj, out);
    expect(report.scenes[0]?.error).toContain("no longer knows request");
    q.faults.statusError = {};
    expect((await run(q, proj, out)).report.outcome).toBe("done");
    expect(q.submissions.filter((s) => s.scene === "cta")).toHaveLength(2);
  });
});

describe("render: nothing lost, nothing paid twice", () => {
  it("an abort mid-run keeps every submitted request; the resume follows them and submits only the rest", async () => {
    const q = await queue();
    q.hold = true;
    const out = outDir();
    const proj = project(FIVE);
    const controller = new AbortController();
    const first = run(q, proj, out, {
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === "rendering" && q.submissions.length === 3) controller.abort();
      },
    });
    const { report } = await first;
    expect(report.outcome).toBe("interrupted");
    expect(q.submissions).toHaveLength(3);
    const kept = manifest(out).scenes;
    expect(Object.values(kept).map((e) => e.requestId)).toEqual(q.submissions.map((s) => s.id));
    expect(report.scenes.filter((s) => s.outcome === "not-started").map((s) => s.name)).toEqual([
      "cta",
      "outro",
    ]);

    q.hold = false;
    const second = await run(q, proj, out);
    expect(second.report.outcome).toBe("done");
    submittedOnce(q, FIVE);
    expect(second.events.filter((e) => e.type === "following").map((e) => e.scene)).toEqual([
      "hook",
      "demo",
      "proof",
    ]);
    for (const s of q.submissions)
      expect(
        readFileSync(join(out, `${s.scene}.mp4`)).equals(q.videos.get(s.id) ?? Buffer.alloc(0)),
      ).toBe(true);
  });

  it("a rerun skips finished scenes and submits only the one whose request changed", async () => {
    const q = await queue();
    const out = outDir();
    await run(q, project(["hook", "demo", "cta"]), out);
    const edited = project(["hook", "demo", "cta"], {
      demo: "Maya, scene demo, waves at the camera.",
    });
    const { report } = await run(q, edited, out);
    expect(report.scenes.map((s) => `${s.name} ${s.outcome}`)).toEqual([
      "hook skipped",
      "demo done",
      "cta skipped",
    ]);
    expect(q.submissions.map((s) => s.scene)).toEqual(
      expect.arrayContaining(["hook", "demo", "cta", "demo"]),
    );
    expect(q.submissions).toHaveLength(4);
    expect(q.submissions[3]?.body["prompt"]).toBe("Maya, scene demo, waves at the camera.");
  });

  it("a finished scene whose video was deleted is fetched again from its request, not paid again", async () => {
    const q = await queue();
    const out = outDir();
    const proj = project(["hook"]);
    await run(q, proj, out);
    rmSync(join(out, "hook.mp4"));
    const { events } = await run(q, proj, out);
    expect(events[0]).toMatchObject({ type: "following" });
    expect(q.submissions).toHaveLength(1);
    expect(existsSync(join(out, "hook.mp4"))).toBe(true);
  });
});

describe("render: refused before anything is sent", () => {
  it("refuses a project with errors, and a scene whose request is null", async () => {
    const q = await queue();
    const broken = compile('scene a {\n  duration 5s\n  action "x."\n}\n', { filename: "a.kp" });
    const out = outDir();
    const { report } = await run(q, broken, out);
    expect(report.outcome).toBe("refused");
    expect(report.problems[0]).toMatch(/error/);
    const nullRequest: RenderProject = {
      scenes: [{ name: "a", target: "kling-o3", request: null }],
    };
    expect((await run(q, nullRequest, out)).report.problems).toEqual(["scene 'a' has no request"]);
    expect(q.calls).toEqual([]);
    expect(existsSync(out)).toBe(false);
  });

  it("refuses an unknown scene name and a target that is not on fal's queue", () => {
    expect(plan(project(["hook"]), { scenes: ["nope"] }).problems).toEqual([
      "no scene named 'nope' (scenes: hook)",
    ]);
    const sora = compile(
      'engine sora-2\nimage "https://cdn.example.com/a.png"\nduration 4s\naction "Maya smiles."\n',
      { filename: "s.kp" },
    );
    expect(plan(sora).problems[0]).toMatch(/targets sora-2 .*not on fal's queue/);
  });

  it("refuses two scenes whose video files differ only in letter case, naming both, and sends nothing", async () => {
    const q = await queue();
    const board = project(["Hook", "demo", "hook"]);
    expect(board.diagnostics?.filter((d) => d.severity === "error")).toEqual([]);
    const out = outDir();
    const { report } = await run(q, board, out);
    expect(report.outcome).toBe("refused");
    expect(report.problems).toEqual([
      "scenes 'Hook' and 'hook' would be the same file on macOS and Windows (Hook.mp4, hook.mp4): rename one",
    ]);
    expect(q.calls).toEqual([]);
    expect(existsSync(out)).toBe(false);
    // One of the two alone is a file of its own.
    expect(plan(board, { scenes: ["Hook", "demo"] }).problems).toEqual([]);
  });

  it("refuses a run whose estimate is over --max-cost, or cannot be bounded, and shows the estimate", async () => {
    const q = await queue();
    const { report } = await run(q, project(["hook", "demo"]), outDir(), { maxCost: 0.5 });
    expect(report.outcome).toBe("refused");
    expect(report.problems).toEqual(["the estimate $0.84 exceeds --max-cost $0.5"]);
    expect(report.estimate.usd).toBe(0.84);
    const pro = compile(
      'engine kling-o3\nquality pro\nimage "https://cdn.example.com/a.png"\naction "Maya smiles."\n',
      { filename: "p.kp" },
    );
    expect(plan(pro, { maxCost: 100 }).problems[0]).toMatch(/price of p is unknown/);
    expect(plan(project(["hook", "demo"]), { maxCost: 0.84 }).problems).toEqual([]);
    expect(q.calls).toEqual([]);
  });
});

describe("estimates", () => {
  const one = (source: string) => plan(compile(source, { filename: "e.kp" })).scenes[0]?.estimate;

  it("prices kling-o3 standard by the second, audio off and on, from the dated table", () => {
    const off = one('image "https://x.test/a.png"\nduration 10s\naction "Maya smiles."\n');
    expect(off?.seconds).toBe(10);
    expect(off?.price).toMatchObject({ value: 0.84, date: "2026-11" });
    expect(off?.price?.source).toContain("fal-ai/kling-video/o3/standard/image-to-video");
    expect(off?.time?.value).toBe(188);
    const on = one('image "https://x.test/a.png"\nduration 5s\naction "Maya smiles."\naudio on\n');
    expect(on?.price?.value).toBe(0.56);
  });

  it("says unknown where no source gives a figure, and takes the 4k price and the pro time where one does", () => {
    const pro = one(
      'quality pro\nimage "https://x.test/a.png"\nduration 5s\naction "Maya smiles."\n',
    );
    expect(pro?.price).toBeNull();
    expect(pro?.time?.value).toBe(318);
    const uhd = one(
      'quality 4k\nimage "https://x.test/a.png"\nduration 5s\naction "Maya smiles."\n',
    );
    expect(uhd?.price?.value).toBe(2.1);
    expect(uhd?.time).toBeNull();
    expect(
      one('engine veo-3.1\nimage "https://x.test/a.png"\naction "Maya smiles."\n'),
    ).toMatchObject({ seconds: 8, price: null, time: null });
  });

  it("lets a config's prices override the table", () => {
    const proj = compile(
      'quality pro\nimage "https://x.test/a.png"\nduration 5s\naction "Maya smiles."\n',
      { filename: "e.kp" },
    );
    const planned = plan(proj, {
      prices: { "fal-ai/kling-video/o3/pro/image-to-video": { perSecond: 0.14, date: "2026-12" } },
    });
    expect(planned.scenes[0]?.estimate.price).toEqual({
      value: 0.7,
      source: "config `prices`",
      date: "2026-12",
    });
    expect(planned.estimate.usd).toBe(0.7);
  });

  it("totals the scenes this run submits, with the wall-clock time of three at once", () => {
    const planned = plan(project(FIVE));
    expect(planned.estimate).toMatchObject({ seconds: 25, usd: 2.1, wallSeconds: 188 });
  });
});

describe("requestHash", () => {
  const input = fc.dictionary(
    fc.string({ maxLength: 6 }),
    fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.array(fc.string(), { maxLength: 3 })),
    { maxKeys: 6 },
  );

  it("does not depend on the order of the input's keys", () => {
    fc.assert(
      fc.property(input, (fields) => {
        const reversed = Object.fromEntries(Object.entries(fields).reverse());
        expect(requestHash({ endpoint: "fal-ai/x", input: reversed })).toBe(
          requestHash({ endpoint: "fal-ai/x", input: fields }),
        );
      }),
    );
  });

  it("changes with any field's value and with the endpoint", () => {
    fc.assert(
      fc.property(input, fc.string({ maxLength: 6 }), fc.string(), (fields, key, value) => {
        fc.pre(fields[key] !== value);
        const base = requestHash({ endpoint: "fal-ai/x", input: fields });
        expect(requestHash({ endpoint: "fal-ai/x", input: { ...fields, [key]: value } })).not.toBe(
          base,
        );
        expect(requestHash({ endpoint: "fal-ai/y", input: fields })).not.toBe(base);
      }),
    );
  });
});

describe("render: downloads that stall or trickle end in bounded time", () => {
  const limits = { idleMs: 300, minBytesPerSecond: 1000, rateWindowMs: 400 };

  it("gives up a stalled body and a trickling one after each attempt's limit, retries each twice, and reports every scene", async () => {
    const q = await queue({
      stall: { stalled: Infinity, once: 1 },
      trickle: { trickling: Infinity },
      size: { trickling: 100_000 },
    });
    const out = outDir();
    const started = Date.now();
    const { report, events } = await run(q, project(["ok", "stalled", "once", "trickling"]), out, {
      download: limits,
    });
    // Three attempts of at most ~0.4 s and 5 + 10 ms of backoff: far under the five minutes an attempt took.
    expect(Date.now() - started).toBeLessThan(8000);
    expect(report.scenes.map((s) => `${s.name} ${s.outcome}: ${s.error ?? ""}`)).toEqual([
      "ok done: ",
      "stalled failed: download stalled: no byte for 0.3 s",
      "once done: ",
      expect.stringMatching(
        /^trickling failed: download too slow: \d+ bytes in 0\.4 s, under the minimum of 1000 bytes a second$/,
      ),
    ]);
    expect(q.downloads.filter((s) => s === "stalled")).toHaveLength(3);
    expect(q.downloads.filter((s) => s === "trickling")).toHaveLength(3);
    expect(q.downloads.filter((s) => s === "once")).toHaveLength(2);
    expect(
      events
        .filter((e) => e.type === "retry" && e.scene === "stalled")
        .map((e) => e.type === "retry" && e.delayMs),
    ).toEqual([5, 10]);
    // Failed after fal rendered it: the request id is kept, so a rerun fetches it without paying again.
    expect(manifest(out).scenes["stalled"]?.requestId).toBe(
      q.submissions.find((s) => s.scene === "stalled")?.id,
    );
    expect(readdirSync(out).sort()).toEqual(["ok.mp4", "once.mp4", MANIFEST_NAME].sort());
  });

  it("stops a body larger than the result's file_size at that size, without retrying", async () => {
    const q = await queue({ oversize: ["big"] });
    const out = outDir();
    const { report } = await run(q, project(["big"]), out, { download: limits });
    const id = q.submissions[0]?.id ?? "";
    expect(report.scenes[0]).toMatchObject({
      outcome: "failed",
      error: `download is larger than the result's file_size (${q.videos.get(id)?.length} bytes)`,
    });
    expect(q.downloads).toEqual(["big"]);
    expect(readdirSync(out)).toEqual([MANIFEST_NAME]);
  });
});
