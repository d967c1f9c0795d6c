import { describe, expect, it } from "vitest";
import {
  DEFAULT_TARGET,
  TARGET_IDS,
  checkDuration,
  checkShotDuration,
  encodeDuration,
  getProfile,
  isTargetId,
  knownPaths,
  parseEndpoint,
} from "../src/targets/profiles.js";
import { buildRequest, type RequestSpec } from "../src/emit/request.js";
import { PRICES } from "../src/targets/prices.js";

describe("target ids", () => {
  it("lists the four targets with kling-o3 as the default", () => {
    expect(TARGET_IDS).toEqual(["kling-o3", "kling-v3", "sora-2", "veo-3.1"]);
    expect(DEFAULT_TARGET).toBe("kling-o3");
  });

  it("recognises target ids and nothing else", () => {
    for (const id of TARGET_IDS) expect(isTargetId(id)).toBe(true);
    for (const s of ["kling", "Kling-O3", "veo3.1", "sora-2-pro", ""])
      expect(isTargetId(s)).toBe(false);
  });

  it("gives every profile its own id", () => {
    for (const id of TARGET_IDS) expect(getProfile(id).id).toBe(id);
  });
});

describe("prompt limits", () => {
  it("are stated only where a source states them", () => {
    expect(getProfile("kling-o3").promptLimit).toBe(2500);
    expect(getProfile("veo-3.1").promptLimit).toBe(20000);
    expect(getProfile("kling-v3").promptLimit).toBeNull();
    expect(getProfile("sora-2").promptLimit).toBeNull();
  });
});

describe("durations", () => {
  it("kling-o3 takes 3 to 15 seconds, default 5, as a plain string", () => {
    const p = getProfile("kling-o3");
    expect(p.durations.allowed).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    expect(p.durations.default).toBe(5);
    expect(encodeDuration(p, 10)).toBe("10");
    expect(checkDuration(p, 3)).toBe("ok");
    expect(checkDuration(p, 15)).toBe("ok");
    expect(checkDuration(p, 2)).toBe("not-allowed");
    expect(checkDuration(p, 16)).toBe("not-allowed");
    expect(checkDuration(p, 7.5)).toBe("not-allowed");
  });

  it("veo-3.1 takes 4, 6 or 8 seconds written with an s", () => {
    const p = getProfile("veo-3.1");
    expect(p.durations.allowed).toEqual([4, 6, 8]);
    expect(p.durations.default).toBe(8);
    expect(encodeDuration(p, 8)).toBe("8s");
    expect(checkDuration(p, 5)).toBe("not-allowed");
  });

  it("sora-2 uses `seconds` 4, 8 or 12; 12 is disputed by the guide's 10 s maximum", () => {
    const p = getProfile("sora-2");
    expect(p.durations.field).toBe("seconds");
    expect(p.durations.allowed).toEqual([4, 8, 12]);
    expect(p.durations.disputedMax?.seconds).toBe(10);
    expect(checkDuration(p, 8)).toBe("ok");
    expect(checkDuration(p, 12)).toBe("disputed");
    expect(checkDuration(p, 7)).toBe("not-allowed");
    expect(checkDuration(p, 10)).toBe("not-allowed");
  });

  it("shots take 1 to 15 seconds on Kling and none elsewhere", () => {
    expect(checkShotDuration(getProfile("kling-o3"), 1)).toBe("ok");
    expect(checkShotDuration(getProfile("kling-o3"), 15)).toBe("ok");
    expect(checkShotDuration(getProfile("kling-o3"), 0)).toBe("not-allowed");
    expect(checkShotDuration(getProfile("kling-o3"), 16)).toBe("not-allowed");
    expect(checkShotDuration(getProfile("veo-3.1"), 4)).toBe("not-allowed");
  });
});

describe("capabilities", () => {
  it("kling-o3: six shots, image_url, end image, audio flag, no negative prompt, cfg or aspect", () => {
    const p = getProfile("kling-o3");
    expect(p.multiShot?.maxShots).toBe(6);
    expect(p.image).toEqual({ field: "image_url", required: true });
    expect(p.endImage?.field).toBe("end_image_url");
    expect(p.audioFlag).toEqual({ field: "generate_audio", default: false });
    expect(p.negativePrompt).toBeNull();
    expect(p.cfgScale).toBeNull();
    expect(p.aspect).toBeNull();
    expect(p.qualities).toMatchObject({ allowed: ["standard", "pro", "4k"], default: "standard" });
  });

  it("kling-v3: start_image_url, negative prompt and cfg_scale", () => {
    const p = getProfile("kling-v3");
    expect(p.image.field).toBe("start_image_url");
    expect(p.negativePrompt?.field).toBe("negative_prompt");
    expect(p.cfgScale?.field).toBe("cfg_scale");
    expect(p.audioFlag?.field).toBe("generate_audio");
  });

  it("sora-2: no audio flag, end image, negative prompt or shots; aspect becomes a size", () => {
    const p = getProfile("sora-2");
    expect(p.audioFlag).toBeNull();
    expect(p.endImage).toBeNull();
    expect(p.negativePrompt).toBeNull();
    expect(p.multiShot).toBeNull();
    expect(p.aspect?.encode).toEqual({ "9:16": "720x1280", "16:9": "1280x720" });
    expect(p.qualities.allowed).toEqual(["standard", "pro"]);
  });

  it("veo-3.1: aspect_ratio, negative prompt, fast quality, first/last frame fields", () => {
    const p = getProfile("veo-3.1");
    expect(p.aspect).toMatchObject({ field: "aspect_ratio", allowed: ["auto", "16:9", "9:16"] });
    expect(p.negativePrompt).not.toBeNull();
    expect(p.cfgScale).toBeNull();
    expect(p.qualities.allowed).toEqual(["standard", "fast"]);
    expect(p.endImage).toEqual({
      field: "last_frame_url",
      startField: "first_frame_url",
      endpoint: "fal-ai/veo3.1/{quality}/first-last-frame-to-video",
    });
  });
});

describe("parseEndpoint", () => {
  it.each([
    ["fal-ai/kling-video/v3/pro/image-to-video", "kling-v3", "pro"],
    ["fal-ai/kling-video/v3/standard/image-to-video", "kling-v3", "standard"],
    ["fal-ai/kling-video/v3/4k/image-to-video", "kling-v3", "4k"],
    ["fal-ai/kling-video/o3/pro/image-to-video", "kling-o3", "pro"],
    ["fal-ai/kling-video/o3/standard/image-to-video", "kling-o3", "standard"],
    ["fal-ai/veo3.1/image-to-video", "veo-3.1", "standard"],
    ["fal-ai/veo3.1/fast/image-to-video", "veo-3.1", "fast"],
    ["fal-ai/veo3.1/first-last-frame-to-video", "veo-3.1", "standard"],
    ["fal-ai/veo3.1/fast/first-last-frame-to-video", "veo-3.1", "fast"],
    ["  /fal-ai/kling-video/v3/pro/image-to-video/ ", "kling-v3", "pro"],
    ["https://queue.fal.run/fal-ai/kling-video/v3/pro/image-to-video", "kling-v3", "pro"],
    ["https://fal.run/fal-ai/veo3.1/fast/image-to-video?x=1", "veo-3.1", "fast"],
  ])("%s → %s/%s", (path, target, quality) => {
    expect(parseEndpoint(path)).toEqual({ target, quality });
  });

  it.each([
    "fal-ai/kling-video/v3/pro/text-to-video",
    "fal-ai/kling-video/v2.1/master/image-to-video",
    "fal-ai/veo3.1",
    "fal-ai/sora-2/image-to-video",
    "POST /videos",
    "",
  ])("%s is not a profile path", (path) => {
    expect(parseEndpoint(path)).toBeNull();
  });

  it("lists every path the request builder emits, and only those", () => {
    for (const { target, entry } of knownPaths()) {
      const spec: RequestSpec = {
        target,
        quality: entry.quality,
        image: "https://example.com/a.png",
        endImage: entry.endImage ? "https://example.com/b.png" : null,
        duration: null,
        aspect: null,
        audio: false,
        prompt: "A cat.",
        shots: null,
        negativePrompt: null,
        cfgScale: null,
      };
      expect(buildRequest(spec).endpoint).toBe(entry.path);
    }
  });
});

describe("the price table", () => {
  it("prices only endpoints the profiles build, so a price is never keyed by a path no request has", () => {
    const known = new Set(knownPaths().map(({ entry }) => entry.path));
    const keys = Object.keys(PRICES);
    expect(keys.length).toBeGreaterThan(0);
    for (const endpoint of keys) expect(known.has(endpoint), endpoint).toBe(true);
  });
});
