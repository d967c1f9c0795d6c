/**
 * The public `buildRequest` (src/index.ts) hands out only requests a target
 * takes: an endpoint the profiles list, an image where one is required, a
 * length the target accepts. A spec that breaks a profile fact gets null.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildRequest, type RequestSpec } from "../src/index.js";
import {
  ALL_QUALITIES,
  TARGET_IDS,
  encodeDuration,
  fillQuality,
  getProfile,
  knownPaths,
  type TargetId,
} from "../src/targets/profiles.js";

const IMAGE = "https://cdn.example.com/start.png";
const END = "https://cdn.example.com/end.png";

function spec(target: TargetId, over: Partial<RequestSpec> = {}): RequestSpec {
  return {
    target,
    quality: null,
    image: IMAGE,
    endImage: null,
    duration: null,
    aspect: null,
    audio: false,
    prompt: "A cat on a windowsill.",
    shots: null,
    negativePrompt: null,
    cfgScale: null,
    ...over,
  };
}

describe("the public buildRequest refuses what the target does not take", () => {
  it("gives no request for a quality, an image or a length the target does not take", () => {
    expect(buildRequest(spec("kling-o3", { quality: "ultra" }))).toBeNull();
    expect(buildRequest(spec("veo-3.1", { quality: "4k" }))).toBeNull();
    expect(buildRequest(spec("kling-o3", { image: null }))).toBeNull();
    expect(buildRequest(spec("kling-o3", { image: "" }))).toBeNull();
    expect(buildRequest(spec("sora-2", { image: "" }))).toBeNull();
    expect(buildRequest(spec("kling-o3", { endImage: "" }))).toBeNull();
    expect(buildRequest(spec("kling-o3", { duration: 99 }))).toBeNull();
    expect(buildRequest(spec("sora-2", { aspect: "1:1" }))).toBeNull();
    expect(buildRequest(spec("sora-2", { endImage: END }))).toBeNull();
    expect(
      buildRequest(spec("veo-3.1", { prompt: null, shots: [{ prompt: "A cat.", duration: 4 }] })),
    ).toBeNull();
  });

  it("gives the request of a spec the target takes", () => {
    expect(buildRequest(spec("kling-o3", { quality: "pro", duration: 10 }))).toEqual({
      endpoint: "fal-ai/kling-video/o3/pro/image-to-video",
      input: {
        prompt: "A cat on a windowsill.",
        image_url: IMAGE,
        duration: "10",
        generate_audio: false,
      },
    });
    expect(buildRequest(spec("sora-2", { image: null, audio: true }))?.input).toEqual({
      model: "sora-2",
      prompt: "A cat on a windowsill.",
      seconds: "4",
    });
  });
});

const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> =>
  fc.option(arb, { nil: null, freq: 2 });
const seconds = fc.oneof(fc.integer({ min: 0, max: 20 }), fc.constant(7.5));
const specs: fc.Arbitrary<RequestSpec> = fc.record({
  target: fc.constantFrom(...TARGET_IDS),
  quality: maybe(fc.constantFrom(...ALL_QUALITIES, "ultra", "")),
  image: maybe(fc.constantFrom(IMAGE, "")),
  endImage: maybe(fc.constantFrom(END, "")),
  duration: maybe(seconds),
  aspect: maybe(fc.constantFrom("9:16", "16:9", "auto", "1:1")),
  audio: fc.boolean(),
  prompt: maybe(fc.string()),
  shots: maybe(
    fc.array(fc.record({ prompt: fc.string(), duration: maybe(seconds) }), { maxLength: 7 }),
  ),
  negativePrompt: maybe(fc.string()),
  cfgScale: maybe(fc.double({ noNaN: true })),
});

const KNOWN = new Set(knownPaths().map(({ entry }) => entry.path));
const SORA = getProfile("sora-2");
const SORA_MODELS = SORA.qualities.allowed.map((quality) =>
  fillQuality(SORA, SORA.model?.name ?? "", quality),
);

describe("every request the public buildRequest gives is one its target takes", () => {
  it("has a known endpoint, a non-empty image and lengths the target takes", () => {
    let built = 0;
    fc.assert(
      fc.property(specs, (s) => {
        const request = buildRequest(s);
        if (request === null) return;
        built++;
        const profile = getProfile(s.target);
        const { input } = request;
        if (profile.host === "openai") {
          expect(request.endpoint).toBe(profile.endpoint);
          expect(SORA_MODELS).toContain(input["model"]);
        } else {
          expect(KNOWN.has(request.endpoint), request.endpoint).toBe(true);
        }
        const imageField =
          s.endImage !== null && profile.endImage
            ? profile.endImage.startField
            : profile.image.field;
        if (profile.image.required) expect(input[imageField]).toBeTruthy();
        else if (imageField in input) expect(input[imageField]).not.toBe("");
        if (profile.endImage && profile.endImage.field in input)
          expect(input[profile.endImage.field]).not.toBe("");
        expect(profile.durations.allowed.map((n) => encodeDuration(profile, n))).toContain(
          input[profile.durations.field],
        );
        const shots = profile.multiShot ? input[profile.multiShot.field] : undefined;
        for (const shot of (shots ?? []) as { duration: string }[])
          expect(profile.multiShot?.shotDurations.map(String)).toContain(shot.duration);
      }),
      { numRuns: 2_000 },
    );
    // The property judged real requests, not only refusals.
    expect(built).toBeGreaterThan(20);
  });
});
