/**
 * The requests klingc emits for fal endpoints, checked against fal's own
 * client types (`@fal-ai/client` 1.10.1, `EndpointTypeMap`).
 *
 * The compile-time half runs in `npm test` (tsc --noEmit covers test/): a
 * field the endpoint does not have, a missing required field or a value
 * outside the endpoint's union is a type error here. The runtime half checks
 * the values the builder actually produced.
 *
 * Not checkable: `quality 4k` on kling-o3 and kling-v3. Version 1.10.1 types
 * the o3 and v3 standard and pro paths only; the 4k paths take the same
 * input (the builder uses one input type for every Kling quality), but the
 * client cannot confirm it.
 *
 * sora-2 is OpenAI's API, not fal's; its input follows openai-node's
 * `VideoCreateParams`, which is not a dependency and is checked at runtime only.
 */
import { describe, expect, it } from "vitest";
import type { EndpointTypeMap } from "@fal-ai/client/endpoints";
import {
  buildRequest,
  klingO3Input,
  klingO3Request,
  klingV3Input,
  klingV3Request,
  soraRequest,
  veoFirstLastInput,
  veoImageInput,
  veoRequest,
  type KlingDuration,
  type KlingShotDuration,
  type RequestSpec,
  type VeoAspect,
  type VeoDuration,
} from "../src/emit/request.js";

type FalInput<E extends keyof EndpointTypeMap> = EndpointTypeMap[E]["input"];

/** Keys of I (per union member) that the endpoint's input does not have. */
type ExtraKeys<I, F> = I extends unknown ? Exclude<keyof I, keyof F> : never;

/**
 * Compiles only when `input` fits the endpoint's input type and has no field
 * the endpoint lacks (plain assignability would let extra fields through).
 */
function expectFalInput<E extends keyof EndpointTypeMap, I extends FalInput<E>>(
  endpoint: E,
  input: I,
  ..._noExtraFields: [ExtraKeys<I, FalInput<E>>] extends [never]
    ? []
    : [unexpected: ExtraKeys<I, FalInput<E>>]
): { endpoint: E; input: I } {
  return { endpoint, input };
}

type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** Compiles only when the argument's type is `true`. */
function expectTrue<T extends true>(_proof: T): void {}

// The value types derived from the profile table equal the client's unions:
// a fact changed in src/targets/profiles.ts, or a client upgrade that changes a union,
// fails here.
type O3 = FalInput<"fal-ai/kling-video/o3/pro/image-to-video">;
type O3Shot = NonNullable<O3["multi_prompt"]>[number];
type Veo = FalInput<"fal-ai/veo3.1/image-to-video">;
expectTrue<Equal<KlingDuration, NonNullable<O3["duration"]>>>(true);
expectTrue<
  Equal<
    KlingDuration,
    NonNullable<FalInput<"fal-ai/kling-video/v3/pro/image-to-video">["duration"]>
  >
>(true);
expectTrue<Equal<KlingShotDuration, NonNullable<O3Shot["duration"]>>>(true);
expectTrue<Equal<VeoDuration, NonNullable<Veo["duration"]>>>(true);
expectTrue<Equal<VeoAspect, NonNullable<Veo["aspect_ratio"]>>>(true);
// 1.10.1 has no 4k Kling path (see the header); when a client upgrade adds
// one, this fails and the 4k request can be checked like the others.
type Has<E extends string> = E extends keyof EndpointTypeMap ? true : false;
expectTrue<Equal<Has<"fal-ai/kling-video/o3/4k/image-to-video">, false>>(true);
expectTrue<Equal<Has<"fal-ai/kling-video/v3/4k/image-to-video">, false>>(true);

const IMAGE = "https://cdn.example.com/start.png";
const END = "https://cdn.example.com/end.png";

function spec(over: Partial<RequestSpec>): RequestSpec {
  return {
    target: "kling-o3",
    quality: null,
    image: IMAGE,
    endImage: null,
    duration: null,
    aspect: null,
    audio: true,
    prompt: "Maya leans into frame.",
    shots: null,
    negativePrompt: null,
    cfgScale: null,
    ...over,
  };
}

const SHOTS = [
  { prompt: "Maya picks up the bottle.", duration: 4 },
  { prompt: "Close-up of the label.", duration: 3 },
];

describe("kling-o3 requests fit the fal client's input types", () => {
  it("single prompt, standard and pro", () => {
    const standard = spec({ duration: 10 });
    expectFalInput("fal-ai/kling-video/o3/standard/image-to-video", klingO3Input(standard));
    expect(klingO3Request(standard).endpoint).toBe("fal-ai/kling-video/o3/standard/image-to-video");

    const pro = spec({ quality: "pro", endImage: END, audio: false });
    const checked = expectFalInput("fal-ai/kling-video/o3/pro/image-to-video", klingO3Input(pro));
    expect(klingO3Request(pro).endpoint).toBe(checked.endpoint);
    expect(checked.input).toEqual({
      prompt: "Maya leans into frame.",
      image_url: IMAGE,
      end_image_url: END,
      duration: "5",
      generate_audio: false,
    });
  });

  it("multi-shot", () => {
    const checked = expectFalInput(
      "fal-ai/kling-video/o3/pro/image-to-video",
      klingO3Input(spec({ prompt: null, shots: SHOTS })),
    );
    expect(checked.input).toEqual({
      multi_prompt: [
        { prompt: "Maya picks up the bottle.", duration: "4" },
        { prompt: "Close-up of the label.", duration: "3" },
      ],
      shot_type: "customize",
      image_url: IMAGE,
      duration: "7",
      generate_audio: true,
    });
  });

  it("the checks can fail", () => {
    const input = klingO3Input(spec({}));
    // @ts-expect-error kling-o3 has no negative_prompt
    expectFalInput("fal-ai/kling-video/o3/pro/image-to-video", {
      ...input,
      negative_prompt: "blur",
    });
    expectFalInput(
      "fal-ai/kling-video/o3/pro/image-to-video",
      // @ts-expect-error a v3 request names its image start_image_url, not image_url
      klingV3Input(spec({ target: "kling-v3" })),
    );
    expectFalInput("fal-ai/kling-video/o3/pro/image-to-video", {
      ...input,
      // @ts-expect-error duration is "3" … "15", not "20"
      duration: "20" as const,
    });
    expect(buildRequest(spec({ quality: "4k" })).endpoint).toBe(
      "fal-ai/kling-video/o3/4k/image-to-video",
    );
  });
});

describe("kling-v3 requests fit the fal client's input types", () => {
  it("with negative prompt and cfg scale", () => {
    const s = spec({
      target: "kling-v3",
      quality: "pro",
      negativePrompt: "blur",
      cfgScale: 0.4,
      duration: 8,
    });
    const checked = expectFalInput("fal-ai/kling-video/v3/pro/image-to-video", klingV3Input(s));
    expect(klingV3Request(s).endpoint).toBe(checked.endpoint);
    expect(checked.input).toEqual({
      prompt: "Maya leans into frame.",
      start_image_url: IMAGE,
      duration: "8",
      generate_audio: true,
      negative_prompt: "blur",
      cfg_scale: 0.4,
    });
  });

  it("standard, multi-shot, end image", () => {
    const s = spec({ target: "kling-v3", prompt: null, shots: SHOTS, endImage: END });
    const checked = expectFalInput(
      "fal-ai/kling-video/v3/standard/image-to-video",
      klingV3Input(s),
    );
    expect(klingV3Request(s).endpoint).toBe(checked.endpoint);
    expect(checked.input).toMatchObject({
      shot_type: "customize",
      end_image_url: END,
      duration: "7",
    });
  });
});

describe("veo-3.1 requests fit the fal client's input types", () => {
  it("image-to-video, standard and fast", () => {
    const s = spec({ target: "veo-3.1", aspect: "9:16", negativePrompt: "cartoon", duration: 6 });
    const checked = expectFalInput("fal-ai/veo3.1/image-to-video", veoImageInput(s));
    expect(veoRequest(s).endpoint).toBe(checked.endpoint);
    expect(checked.input).toEqual({
      prompt: "Maya leans into frame.",
      duration: "6s",
      generate_audio: true,
      aspect_ratio: "9:16",
      negative_prompt: "cartoon",
      image_url: IMAGE,
    });

    const fast = spec({ target: "veo-3.1", quality: "fast", audio: false });
    const checkedFast = expectFalInput("fal-ai/veo3.1/fast/image-to-video", veoImageInput(fast));
    expect(veoRequest(fast).endpoint).toBe(checkedFast.endpoint);
    expect(checkedFast.input).toMatchObject({ duration: "8s", generate_audio: false });
  });

  it("first-last-frame, standard and fast", () => {
    const s = spec({ target: "veo-3.1", endImage: END });
    const checked = expectFalInput(
      "fal-ai/veo3.1/first-last-frame-to-video",
      veoFirstLastInput(s, END),
    );
    expect(veoRequest(s)).toEqual({ endpoint: checked.endpoint, input: checked.input });
    expect(checked.input).toMatchObject({ first_frame_url: IMAGE, last_frame_url: END });
    expect(checked.input).not.toHaveProperty("image_url");

    const fast = spec({ target: "veo-3.1", quality: "fast", endImage: END });
    const checkedFast = expectFalInput(
      "fal-ai/veo3.1/fast/first-last-frame-to-video",
      veoFirstLastInput(fast, END),
    );
    expect(veoRequest(fast).endpoint).toBe(checkedFast.endpoint);
  });

  it("the checks can fail", () => {
    expectFalInput(
      "fal-ai/veo3.1/image-to-video",
      // @ts-expect-error the image-to-video path takes image_url, not first/last frames
      veoFirstLastInput(spec({ target: "veo-3.1" }), END),
    );
    // @ts-expect-error veo has no cfg_scale
    expectFalInput("fal-ai/veo3.1/image-to-video", { ...veoImageInput(spec({})), cfg_scale: 0.5 });
  });
});

describe("sora-2 requests (OpenAI POST /videos)", () => {
  it("maps quality to the model and aspect to the size", () => {
    const s = spec({ target: "sora-2", quality: "pro", aspect: "16:9", duration: 8 });
    expect(soraRequest(s)).toEqual({
      endpoint: "POST /videos",
      input: {
        model: "sora-2-pro",
        prompt: "Maya leans into frame.",
        seconds: "8",
        size: "1280x720",
        input_reference: IMAGE,
      },
    });
  });
});
