/**
 * Maps keyed by a user's name: a scene, an endpoint or a frame may be named
 * after a key of Object.prototype (`__proto__`, `constructor`, `toString`), and
 * each must then be a key like any other, in the render manifest, in the
 * config's prices and in the plan that reads both.
 */
import { createFalClient } from "@fal-ai/client";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { parseConfigText } from "../src/config/json.js";
import { emptyConfig, mergeConfigs } from "../src/config/merge.js";
import { compile } from "../src/index.js";
import { RULE_IDS } from "../src/lint/engine.js";
import {
  MANIFEST_NAME,
  plan,
  readManifest,
  render,
  type ManifestEntry,
  type RenderProject,
} from "../src/render/index.js";
import { writeManifest } from "../src/render/manifest.js";
import { startFakeQueue, type FakeQueue } from "./support/fake-queue.js";
import { storyboard } from "./support/render-fixture.js";

const dirs: string[] = [];
const queues: FakeQueue[] = [];
afterEach(async () => {
  await Promise.all(queues.splice(0).map((q) => q.close()));
});
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "klingc-names-"));
  dirs.push(dir);
  return dir;
}

/** Every key of Object.prototype, and other names a plain object or a JSON round trip could get wrong. */
const HOSTILE = [
  ...Object.getOwnPropertyNames(Object.prototype),
  "prototype",
  "__proto__.x",
  "then",
  "length",
  "0",
  "-1",
  "1e3",
  "NaN",
  "undefined",
  "null",
  ".",
  "...",
  "a.b",
  "__",
  "_-_",
  "ÉCLAIR",
  "é",
  "e\u0301",
];

/** Names a scene may have (letters, digits, '_', '-', '.'), and a file too. */
const sceneName = fc.oneof(
  fc.constantFrom(...HOSTILE.filter((n) => /^[\p{L}\p{N}_.-]+$/u.test(n) && !/^\.+$/.test(n))),
  fc.stringMatching(/^[A-Za-z_][\w.-]{0,11}$/),
);

/** Endpoints are free text in a config's prices. */
const endpointName = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 12 }));

function entry(name: string, state: ManifestEntry["state"]): ManifestEntry {
  return {
    hash: `sha256:${name.length}`,
    endpoint: "fal-ai/kling-video/o3/standard/image-to-video",
    requestId: `req-${name}`,
    state,
    file: `${name}.mp4`,
    bytes: null,
    error: null,
    updated: "2026-12-07T00:00:00.000Z",
  };
}

/** A project of plain scenes, one a name, each with its own endpoint when given. */
function projectOf(
  names: readonly string[],
  endpoint: (scene: string) => string = () => "fal-ai/x",
): RenderProject {
  return {
    scenes: names.map((name) => ({
      name,
      target: "kling-o3",
      request: { endpoint: endpoint(name), input: { prompt: name, duration: "5" } },
    })),
  };
}

describe("the render manifest: a scene name is a key like any other", () => {
  it("records scenes named __proto__, constructor, toString and hasOwnProperty, and a rerun pays for none of them again", async () => {
    const names = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"];
    const q = await startFakeQueue();
    queues.push(q);
    const out = join(tempDir(), "out");
    const project = compile(storyboard(names), { filename: "board.kp" });
    const client = createFalClient({
      credentials: "test-key",
      proxyUrl: { url: q.proxyUrl, when: "always" },
    });
    const options = { out, client, pollInterval: 5, retry: { attempts: 3, delay: 5 } };
    expect((await render(project, options)).outcome).toBe("done");
    const onDisk = JSON.parse(readFileSync(join(out, MANIFEST_NAME), "utf8")) as {
      scenes: Record<string, { state: string; requestId: string }>;
    };
    expect(Object.keys(onDisk.scenes)).toEqual(names);
    for (const name of names)
      expect(Object.getOwnPropertyDescriptor(onDisk.scenes, name)?.value).toMatchObject({
        state: "done",
        requestId: q.submissions.find((s) => s.scene === name)?.id,
      });

    const again = await render(project, options);
    expect(again.scenes.map((s) => `${s.name} ${s.outcome}`)).toEqual(
      names.map((n) => `${n} skipped`),
    );
    expect(q.submissions).toHaveLength(names.length);
  });

  it("keeps every entry through a write and a read, and the plan skips or follows each by its own name", () => {
    const dir = tempDir();
    fc.assert(
      fc.property(fc.uniqueArray(sceneName, { minLength: 1, maxLength: 8 }), (names) => {
        const done = names.filter((_, i) => i % 2 === 0);
        const scenes = new Map(
          names.map((n) => [n, entry(n, done.includes(n) ? "done" : "failed")]),
        );
        writeManifest(dir, { version: 1, scenes });
        const read = readManifest(dir);
        // JSON objects list integer-like keys ("0") first: the entries are kept, not their order.
        expect([...read.scenes.keys()].sort()).toEqual([...names].sort());
        expect(new Map([...read.scenes].sort())).toEqual(new Map([...scenes].sort()));

        const project = projectOf(names);
        for (const name of names) {
          const e = read.scenes.get(name);
          if (e) read.scenes.set(name, { ...e, hash: planHash(project, name) });
        }
        const planned = plan(project, { manifest: read, fileExists: () => true });
        expect(planned.scenes.map((s) => [s.name, s.action, s.requestId])).toEqual(
          names.map((n) => [n, done.includes(n) ? "skip" : "follow", `req-${n}`]),
        );
        // Names the manifest does not hold are submitted, whatever Object.prototype holds.
        const fresh = plan(
          projectOf(
            HOSTILE.filter((n) => !names.includes(n) && /^[\w.-]+$/.test(n) && !/^\.+$/.test(n)),
          ),
          {
            manifest: read,
            fileExists: () => true,
          },
        );
        expect(fresh.scenes.every((s) => s.action === "submit" && s.requestId === null)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});

function planHash(project: RenderProject, name: string): string {
  return plan(project).scenes.find((s) => s.name === name)?.hash ?? "";
}

describe("config prices: an endpoint is a key like any other", () => {
  it("prices each endpoint from its own entry, through a config, the config it extends and the plan", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(endpointName, { minLength: 2, maxLength: 6 }),
        fc.uniqueArray(endpointName, { maxLength: 4 }),
        (priced, unpriced) => {
          fc.pre(unpriced.every((e) => !priced.includes(e)));
          const [first, ...rest] = priced as [string, ...string[]];
          const text = (entries: readonly string[], perSecond: number): string =>
            `{ "prices": { ${entries
              .map((e) => `${JSON.stringify(e)}: { "perSecond": ${perSecond}, "date": "2026-12" }`)
              .join(", ")} } }`;
          // The base prices every endpoint at 1; the extending config re-prices all but the first at 2.
          const base = parseConfigText(text(priced, 1), "base.json", RULE_IDS);
          const over = parseConfigText(text(rest, 2), "klingc.config.json", RULE_IDS);
          expect(Object.keys(base.prices ?? {}).sort()).toEqual([...priced].sort());
          const merged = mergeConfigs(mergeConfigs(emptyConfig(), base), over);
          const names = [...priced, ...unpriced];
          const planned = plan(
            projectOf(
              names.map((_, i) => `s${i}`),
              (scene) => names[Number(scene.slice(1))] as string,
            ),
            { prices: merged.prices ?? {} },
          );
          expect(planned.scenes.map((s) => [s.endpoint, s.estimate.price?.value ?? null])).toEqual([
            [first, 5],
            ...rest.map((e) => [e, 10]),
            ...unpriced.map((e) => [e, null]),
          ]);
        },
      ),
      { numRuns: 80 },
    );
  });
});

describe("a manifest written by hand", () => {
  it("reads a scene named __proto__ as an entry, not as the object's prototype", () => {
    const dir = tempDir();
    mkdirSync(dir, { recursive: true });
    // An object literal's __proto__ is its prototype, not a key: the text is written as a file would hold it.
    writeFileSync(
      join(dir, MANIFEST_NAME),
      `{"version":1,"scenes":{"__proto__":${JSON.stringify(entry("__proto__", "done"))}}}`,
    );
    expect([...readManifest(dir).scenes.keys()]).toEqual(["__proto__"]);
  });
});
