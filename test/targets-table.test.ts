/**
 * One table of target facts: request building and the language read endpoints,
 * field names, value sets and defaults from src/targets/profiles.ts, and keep
 * no copy of them; the facts other hosts of Kling's API state (and fal's types
 * do not) are in the table as disputed facts with their sources.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { buildRequest, type RequestSpec } from "../src/emit/request.js";
import { lint } from "../src/lint/engine.js";
import {
  ALL_QUALITIES,
  PROFILES,
  TARGET_IDS,
  endpointFor,
  endpointPrefix,
  getProfile,
  knownPaths,
  type TargetId,
} from "../src/targets/profiles.js";
import { RULES } from "../rules/index.js";

function spec(target: TargetId, over: Partial<RequestSpec> = {}): RequestSpec {
  return {
    target,
    quality: null,
    image: "https://x.test/a.png",
    endImage: null,
    duration: null,
    aspect: null,
    audio: false,
    prompt: "A cat.",
    shots: null,
    negativePrompt: null,
    cfgScale: null,
    ...over,
  };
}

/** Changes one fact of the table for a test; `afterEach` puts it back. */
const restore: (() => void)[] = [];
function patch<T extends object, K extends keyof T>(object: T, key: K, value: unknown): void {
  const before = object[key];
  (object as Record<K, unknown>)[key] = value;
  restore.push(() => ((object as Record<K, unknown>)[key] = before));
}
afterEach(() => {
  while (restore.length > 0) restore.pop()?.();
});

describe("request building reads the profile table", () => {
  it("takes the endpoint from the table's template", () => {
    patch(PROFILES["kling-o3"], "endpoint", "fal-ai/kling-video/o4/{quality}/image-to-video");
    expect(buildRequest(spec("kling-o3", { quality: "pro" })).endpoint).toBe(
      "fal-ai/kling-video/o4/pro/image-to-video",
    );
    patch(PROFILES["veo-3.1"].endImage, "endpoint", "fal-ai/veo3.1/{quality}/two-frame");
    expect(
      buildRequest(spec("veo-3.1", { quality: "fast", endImage: "https://x.test/b.png" })).endpoint,
    ).toBe("fal-ai/veo3.1/fast/two-frame");
    expect(buildRequest(spec("veo-3.1", { endImage: "https://x.test/b.png" })).endpoint).toBe(
      "fal-ai/veo3.1/two-frame",
    );
  });

  it("takes field names from the table", () => {
    patch(PROFILES["kling-o3"].image, "field", "first_image");
    patch(PROFILES["veo-3.1"].aspect, "field", "ratio");
    patch(PROFILES["sora-2"].durations, "field", "length");
    expect(buildRequest(spec("kling-o3")).input).toHaveProperty(
      "first_image",
      "https://x.test/a.png",
    );
    expect(buildRequest(spec("veo-3.1", { aspect: "9:16" })).input).toHaveProperty("ratio", "9:16");
    expect(buildRequest(spec("sora-2")).input).toHaveProperty("length", "4");
  });

  it("takes defaults and the model name from the table", () => {
    patch(PROFILES["kling-v3"].qualities, "default", "pro");
    patch(PROFILES["veo-3.1"].durations, "default", 6);
    patch(PROFILES["sora-2"].model, "name", "sora-3-{quality}");
    expect(buildRequest(spec("kling-v3")).endpoint).toBe(
      "fal-ai/kling-video/v3/pro/image-to-video",
    );
    expect(buildRequest(spec("veo-3.1")).input).toHaveProperty("duration", "6s");
    expect(buildRequest(spec("sora-2")).input).toHaveProperty("model", "sora-3");
    expect(buildRequest(spec("sora-2", { quality: "pro" })).input).toHaveProperty(
      "model",
      "sora-3-pro",
    );
  });

  it("gives the rules a target's path prefix from the same template", () => {
    expect(endpointPrefix(getProfile("kling-v3"))).toBe("fal-ai/kling-video/v3/");
    expect(endpointPrefix(getProfile("sora-2"))).toBe("POST /videos");
    patch(PROFILES["kling-v3"], "endpoint", "fal-ai/kling/v3.1/{quality}/i2v");
    expect(endpointPrefix(getProfile("kling-v3"))).toBe("fal-ai/kling/v3.1/");
  });

  it("derives the known paths from the same templates the requests use", () => {
    const paths = knownPaths().map(({ entry }) => entry.path);
    expect(paths).toContain("fal-ai/kling-video/o3/4k/image-to-video");
    expect(paths).toContain("fal-ai/veo3.1/first-last-frame-to-video");
    expect(paths).toContain("fal-ai/veo3.1/fast/image-to-video");
    for (const { target, entry } of knownPaths())
      expect(endpointFor(getProfile(target), entry.quality, entry.endImage)).toBe(entry.path);
  });
});

describe("no copy of the table's facts", () => {
  const code = (path: string): string =>
    readFileSync(fileURLToPath(new URL(`../${path}`, import.meta.url)), "utf8")
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/\/\/.*$/gm, "");

  /** Every field name and endpoint fragment the table holds. */
  const facts = [
    ...new Set(
      TARGET_IDS.flatMap((id) => {
        const p = getProfile(id);
        return [
          p.image.field,
          p.endImage?.field,
          p.endImage?.startField,
          p.durations.field,
          p.aspect?.field,
          p.audioFlag?.field,
          p.negativePrompt?.field,
          p.cfgScale?.field,
          p.multiShot?.field,
          p.multiShot?.shotTypeField,
          p.multiShot?.shotType,
          p.model?.field,
        ];
      }).filter((f): f is string => f !== undefined),
    ),
    // "duration" is also the name of RequestSpec's and ShotSpec's own property; the field itself is tested above.
  ].filter((f) => f !== "duration");

  it("request building names no field, endpoint, model or shot type itself", () => {
    const request = code("src/emit/request.ts");
    // As a string (not an index into the table's type: ProfileTable["sora-2"]["model"]) or as an object key.
    for (const fact of facts)
      expect(request, fact).not.toMatch(new RegExp(`(?<!\\[)["'\`]${fact}["'\`]|\\b${fact}\\??:`));
    for (const fragment of [
      "fal-ai/",
      "image-to-video",
      "POST /videos",
      "sora-2-",
      "first-last-frame",
    ])
      expect(request, fragment).not.toContain(fragment);
  });

  it("the language keeps no quality list of its own", () => {
    const values = code("src/language/setting-values.ts");
    for (const quality of ALL_QUALITIES) expect(values, quality).not.toContain(`"${quality}"`);
    expect(ALL_QUALITIES).toEqual([
      ...new Set(TARGET_IDS.flatMap((id) => getProfile(id).qualities.allowed)),
    ]);
  });
});

describe("disputed facts", () => {
  it("records Kling 3.0's shot limits with their sources, on both Kling targets and nowhere else", () => {
    for (const id of ["kling-o3", "kling-v3"] as const) {
      const d = getProfile(id).disputed;
      expect(d.maxShots).toMatchObject({ value: 6, source: "Replicate's Kling v3 API reference" });
      expect(d.minShotSeconds).toMatchObject({
        value: 1,
        source: "Replicate's Kling v3 API reference",
      });
      expect(d.shotsSumToDuration).toMatchObject({
        value: true,
        source: "Replicate's Kling v3 API reference",
      });
      expect(d.endImageWithShots).toMatchObject({
        value: false,
        source: "Novita's Kling v3 API reference",
      });
    }
    expect(getProfile("veo-3.1").disputed).toEqual({});
    expect(getProfile("sora-2").disputed).toEqual({});
  });

  it("the rule warns, never errors, on the shipped example's demo scene (end image beside shots)", () => {
    const source = readFileSync(
      fileURLToPath(new URL("../fixtures/ugc-ad.kp", import.meta.url)),
      "utf8",
    );
    const found = lint(source).filter((d) => d.ruleId === "disputed-capability");
    expect(found.map((d) => [d.severity, d.line, d.message.slice(0, 47)])).toEqual([
      ["warning", 27, "scene 'demo' has shots and an end image, which "],
    ]);
    expect(found[0]?.message).toContain("Novita's Kling v3 API reference");
    expect(RULES.find((r) => r.meta.id === "disputed-capability")?.meta.severity).toBe("warning");
  });

  it("warns about a seventh shot on kling-v3, where fal states no limit, and leaves kling-o3's to target-capability", () => {
    const shots = (n: number): string =>
      Array.from({ length: n }, (_, i) => `shot { duration 2s; action "Step ${i + 1}." }`).join(
        "\n",
      );
    const v3 = lint(`engine kling-v3\nimage "https://x.test/a.png"\n${shots(7)}\n`);
    expect(
      v3.filter((d) => d.ruleId === "disputed-capability").map((d) => [d.severity, d.line]),
    ).toEqual([["warning", 9]]);
    expect(v3.filter((d) => d.ruleId === "disputed-capability")[0]?.message).toContain(
      '"Max 6 shots"',
    );
    expect(
      lint(`engine kling-v3\nimage "https://x.test/a.png"\n${shots(6)}\n`).filter(
        (d) => d.ruleId === "disputed-capability",
      ),
    ).toEqual([]);
    const o3 = lint(`image "https://x.test/a.png"\n${shots(7)}\n`);
    expect(o3.filter((d) => d.ruleId === "disputed-capability")).toEqual([]);
    expect(o3.filter((d) => d.ruleId === "target-capability").map((d) => d.severity)).toEqual([
      "error",
    ]);
  });

  it("warns about a shot below a disputed minimum the target's own lengths allow", () => {
    patch(PROFILES["kling-v3"].disputed.minShotSeconds, "value", 3);
    const found = lint(
      'engine kling-v3\nimage "https://x.test/a.png"\nshot { duration 2s; action "A." }\nshot { duration 3s; action "B." }\n',
    );
    expect(
      found.filter((d) => d.ruleId === "disputed-capability").map((d) => [d.severity, d.line]),
    ).toEqual([["warning", 3]]);
  });
});
