/**
 * `takes N`: several independent renders of one scene, each its own file and
 * manifest entry, through the real `@fal-ai/client` against the stand-in
 * queue on 127.0.0.1 (test/support/fake-queue.ts).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile } from "../src/index.js";
import {
  MANIFEST_NAME,
  plan,
  render,
  type RenderOptions,
  type RenderProject,
} from "../src/render/index.js";
import { seedField } from "../src/targets/seeds.js";
import type { FakeQueue } from "./support/fake-queue.js";
import { falClient, renderHarness } from "./support/render-harness.js";

const { tempDir, queue } = renderHarness("klingc-takes-");

function outDir(): string {
  return join(tempDir(), "out");
}

function run(q: FakeQueue, project: RenderProject, out: string, options: RenderOptions = {}) {
  return render(project, {
    out,
    client: falClient(q),
    pollInterval: 5,
    retry: { attempts: 3, delay: 5 },
    ...options,
  });
}

interface Entry {
  hash: string;
  requestId: string;
  state: string;
  file: string;
  seed?: number;
  result?: { video: { url: string }; seed?: number };
}

function manifest(out: string): Record<string, Entry> {
  return (
    JSON.parse(readFileSync(join(out, MANIFEST_NAME), "utf8")) as { scenes: Record<string, Entry> }
  ).scenes;
}

function scenes(engine: string, hookTakes: string, duration = "5s"): RenderProject {
  return compile(
    `project {\n  engine ${engine}\n}\n\nscene hook {\n  ${hookTakes}\n  image "https://cdn.example.com/hook.png"\n  duration ${duration}\n  action "Maya holds up the serum."\n}\n\nscene cta {\n  image "https://cdn.example.com/cta.png"\n  duration ${duration}\n  action "Maya smiles at the camera."\n}\n`,
    { filename: "ad.kp" },
  );
}

describe("takes N on a scene", () => {
  it("renders that many takes, each its own file and manifest entry keeping what the service returned", async () => {
    const q = await queue();
    const out = outDir();
    const report = await run(q, scenes("kling-o3", "takes 3"), out);
    expect(report.outcome).toBe("done");
    expect(readdirSync(out).sort()).toEqual([
      "cta.mp4",
      "hook.take-1.mp4",
      "hook.take-2.mp4",
      "hook.take-3.mp4",
      MANIFEST_NAME,
    ]);
    expect(report.scenes.map((s) => `${s.name} ${s.take} ${s.outcome}`)).toEqual([
      "hook.take-1 1 done",
      "hook.take-2 2 done",
      "hook.take-3 3 done",
      "cta null done",
    ]);
    expect(q.submissions.map((s) => s.scene).sort()).toEqual(["cta", "hook", "hook", "hook"]);
    const entries = manifest(out);
    expect(Object.keys(entries).sort()).toEqual([
      "cta",
      "hook.take-1",
      "hook.take-2",
      "hook.take-3",
    ]);
    for (const name of ["hook.take-1", "hook.take-2", "hook.take-3"]) {
      const entry = entries[name] as Entry;
      const id = entry.requestId;
      expect(entry.file).toBe(`${name}.mp4`);
      expect(entry.result?.video.url).toBe(
        `${q.proxyUrl.replace("/api/fal/proxy", "")}/videos/${id}.mp4`,
      );
      expect(readFileSync(join(out, entry.file)).equals(q.videos.get(id) as Buffer)).toBe(true);
    }
  });

  it("kling-o3 takes no seed, so every take sends the scene's own request", async () => {
    expect(seedField("fal-ai/kling-video/o3/standard/image-to-video")).toBeNull();
    const q = await queue();
    const project = scenes("kling-o3", "takes 2");
    await run(q, project, outDir());
    const hook = q.submissions.filter((s) => s.scene === "hook");
    expect(hook.map((s) => s.body)).toEqual([
      project.scenes[0]?.request?.input,
      project.scenes[0]?.request?.input,
    ]);
    expect(hook.some((s) => "seed" in s.body)).toBe(false);
  });

  it("raising takes 2 to takes 3 renders only the new take; a rerun then sends nothing", async () => {
    const q = await queue();
    const out = outDir();
    await run(q, scenes("kling-o3", "takes 2"), out);
    expect(q.submissions).toHaveLength(3);
    const before = manifest(out);
    const more = await run(q, scenes("kling-o3", "takes 3"), out);
    expect(q.submissions).toHaveLength(4);
    expect(q.submissions[3]?.scene).toBe("hook");
    expect(more.scenes.map((s) => `${s.name} ${s.action}`)).toEqual([
      "hook.take-1 skip",
      "hook.take-2 skip",
      "hook.take-3 submit",
      "cta skip",
    ]);
    const after = manifest(out);
    expect(after["hook.take-1"]?.requestId).toBe(before["hook.take-1"]?.requestId);
    expect(after["hook.take-2"]?.requestId).toBe(before["hook.take-2"]?.requestId);
    await run(q, scenes("kling-o3", "takes 3"), out);
    expect(q.submissions).toHaveLength(4);
  });

  it("on veo-3.1, which takes a seed, each take gets a distinct seed, recorded; a rerun sends the same requests and pays for none", async () => {
    const field = seedField("fal-ai/veo3.1/image-to-video");
    expect(field?.field).toBe("seed");
    expect(field?.source).toMatch(
      /^@fal-ai\/client 1\.10\.1 src\/types\/endpoints\.d\.ts, Veo3ImageToVideoInput\.seed/,
    );
    const q = await queue();
    const out = outDir();
    const project = scenes("veo-3.1", "takes 3", "8s");
    const report = await run(q, project, out);
    expect(report.outcome).toBe("done");
    const hook = q.submissions.filter((s) => s.scene === "hook");
    const seeds = hook.map((s) => s.body["seed"]);
    expect(new Set(seeds).size).toBe(3);
    for (const seed of seeds)
      expect(Number.isInteger(seed) && (seed as number) >= 0 && (seed as number) < 2 ** 31).toBe(
        true,
      );
    const entries = manifest(out);
    for (const take of [1, 2, 3]) {
      const entry = entries[`hook.take-${take}`] as Entry;
      const sent = hook.find((s) => s.id === entry.requestId);
      expect(entry.seed).toBe(sent?.body["seed"]);
      expect(entry.result?.seed).toBe(entry.seed);
      expect(report.scenes[take - 1]?.seed).toBe(entry.seed);
    }
    // The one-take scene sends no seed: the service picks, as before.
    expect(q.submissions.find((s) => s.scene === "cta")?.body["seed"]).toBeUndefined();
    const again = await run(q, scenes("veo-3.1", "takes 3", "8s"), out);
    expect(again.scenes.map((s) => s.action)).toEqual(["skip", "skip", "skip", "skip"]);
    expect(q.submissions).toHaveLength(4);
  });
});

describe("the takes option (render --takes N)", () => {
  it("gives every scene that states no takes that many; a scene's own takes wins", () => {
    const planned = plan(scenes("kling-o3", "takes 1"), { takes: 2 });
    expect(planned.scenes.map((s) => s.file)).toEqual([
      "hook.mp4",
      "cta.take-1.mp4",
      "cta.take-2.mp4",
    ]);
  });

  it("prices every take: the estimate is the sum of the takes' prices", () => {
    const planned = plan(scenes("kling-o3", "takes 3"));
    // kling-o3 standard with audio off: 5 s × $0.084 a take.
    expect(planned.scenes.map((s) => `${s.name} ${s.action} ${s.estimate.price?.value}`)).toEqual([
      "hook.take-1 submit 0.42",
      "hook.take-2 submit 0.42",
      "hook.take-3 submit 0.42",
      "cta submit 0.42",
    ]);
    expect(planned.estimate.usd).toBe(1.68);
    expect(planned.estimate.seconds).toBe(20);
    expect(plan(scenes("kling-o3", "takes 3"), { maxCost: 1.5 }).problems).toEqual([
      "the estimate $1.68 exceeds --max-cost $1.5",
    ]);
  });

  it("refuses a take that would be another scene's file", () => {
    const project = compile(
      'scene hook {\n  takes 2\n  image "https://cdn.example.com/a.png"\n  action "Maya smiles."\n}\nscene hook.take-2 {\n  image "https://cdn.example.com/b.png"\n  action "Maya waves."\n}\n',
      { filename: "ad.kp" },
    );
    expect(plan(project).problems).toEqual([
      "take 2 of scene 'hook' and scene 'hook.take-2' would be the same file (hook.take-2.mp4, hook.take-2.mp4): rename one",
    ]);
  });
});

describe("the takes setting", () => {
  it("is a whole number of at least 1, reported at its value", () => {
    const messages = (value: string): string[] =>
      compile(
        `scene hook {\n  takes ${value}\n  image "https://cdn.example.com/a.png"\n  action "Maya smiles."\n}\n`,
        {
          filename: "ad.kp",
        },
      )
        .diagnostics.filter((d) => d.severity === "error" && d.ruleId !== "no-request")
        .map((d) => `${d.line}:${d.column} ${d.ruleId} ${d.message}`);
    expect(messages("0")).toEqual([
      "2:9 invalid-argument takes is a whole number of renders such as 3, not 0",
    ]);
    expect(messages("2.5")).toEqual([
      "2:9 invalid-argument takes is a whole number of renders such as 3, not 2.5",
    ]);
    expect(messages("3")).toEqual([]);
  });

  it("is inherited from the project and shows in the compile result only where it is stated", () => {
    const result = compile(
      'project {\n  takes 2\n}\nscene hook {\n  image "https://cdn.example.com/a.png"\n  action "Maya smiles."\n}\nscene cta {\n  takes 1\n  image "https://cdn.example.com/b.png"\n  action "Maya waves."\n}\n',
      { filename: "ad.kp" },
    );
    expect(result.scenes.map((s) => s.takes)).toEqual([2, 1]);
    expect(
      "takes" in
        (compile('scene a {\n  image "https://cdn.example.com/a.png"\n  action "Maya smiles."\n}\n')
          .scenes[0] ?? {}),
    ).toBe(false);
  });
});
