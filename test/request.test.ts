import { describe, expect, it } from "vitest";
import { buildRequest, type RequestSpec } from "../src/emit/request.js";
import { TARGET_IDS, getProfile, type TargetId } from "../src/targets/profiles.js";

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

const EVERYTHING: Partial<RequestSpec> = {
  quality: "pro",
  endImage: END,
  duration: 10,
  aspect: "9:16",
  audio: true,
  negativePrompt: "blur",
  cfgScale: 0.3,
};

describe("kling-o3", () => {
  it("sends the default duration and quality explicitly", () => {
    expect(buildRequest(spec("kling-o3"))).toEqual({
      endpoint: "fal-ai/kling-video/o3/standard/image-to-video",
      input: {
        prompt: "A cat on a windowsill.",
        image_url: IMAGE,
        duration: "5",
        generate_audio: false,
      },
    });
  });

  it("never sends negative_prompt, cfg_scale or aspect_ratio", () => {
    const { endpoint, input } = buildRequest(spec("kling-o3", EVERYTHING));
    expect(endpoint).toBe("fal-ai/kling-video/o3/pro/image-to-video");
    expect(input).toEqual({
      prompt: "A cat on a windowsill.",
      image_url: IMAGE,
      end_image_url: END,
      duration: "10",
      generate_audio: true,
    });
  });

  it("sums the shots and gives a shot without a duration the shot default", () => {
    const shots = [
      { prompt: "One.", duration: 3 },
      { prompt: "Two.", duration: null },
    ];
    const { input } = buildRequest(spec("kling-o3", { prompt: null, shots, duration: 15 }));
    expect(input).toEqual({
      multi_prompt: [
        { prompt: "One.", duration: "3" },
        { prompt: "Two.", duration: "5" },
      ],
      shot_type: "customize",
      image_url: IMAGE,
      duration: "8",
      generate_audio: false,
    });
  });

  it("treats an empty shot list as a single-prompt scene", () => {
    const { input } = buildRequest(spec("kling-o3", { shots: [] }));
    expect(input).toMatchObject({ prompt: "A cat on a windowsill." });
    expect(input).not.toHaveProperty("multi_prompt");
  });
});

describe("kling-v3", () => {
  it("uses start_image_url and sends negative_prompt and cfg_scale when given", () => {
    expect(buildRequest(spec("kling-v3", EVERYTHING))).toEqual({
      endpoint: "fal-ai/kling-video/v3/pro/image-to-video",
      input: {
        prompt: "A cat on a windowsill.",
        start_image_url: IMAGE,
        end_image_url: END,
        duration: "10",
        generate_audio: true,
        negative_prompt: "blur",
        cfg_scale: 0.3,
      },
    });
  });

  it("leaves out negative_prompt and cfg_scale when not given", () => {
    const { input } = buildRequest(spec("kling-v3"));
    expect(input).not.toHaveProperty("negative_prompt");
    expect(input).not.toHaveProperty("cfg_scale");
  });
});

describe("veo-3.1", () => {
  it("sends 8s by default and aspect_ratio only when given", () => {
    expect(buildRequest(spec("veo-3.1"))).toEqual({
      endpoint: "fal-ai/veo3.1/image-to-video",
      input: {
        prompt: "A cat on a windowsill.",
        duration: "8s",
        generate_audio: false,
        image_url: IMAGE,
      },
    });
  });

  it("switches to the first-last-frame path with an end image", () => {
    const { endpoint, input } = buildRequest(
      spec("veo-3.1", { ...EVERYTHING, quality: "fast", duration: 6 }),
    );
    expect(endpoint).toBe("fal-ai/veo3.1/fast/first-last-frame-to-video");
    expect(input).toEqual({
      prompt: "A cat on a windowsill.",
      duration: "6s",
      generate_audio: true,
      aspect_ratio: "9:16",
      negative_prompt: "blur",
      first_frame_url: IMAGE,
      last_frame_url: END,
    });
  });
});

describe("sora-2", () => {
  it("sends model, prompt, seconds, size and input_reference, and no audio flag", () => {
    expect(buildRequest(spec("sora-2", EVERYTHING))).toEqual({
      endpoint: "POST /videos",
      input: {
        model: "sora-2-pro",
        prompt: "A cat on a windowsill.",
        seconds: "10",
        size: "720x1280",
        input_reference: IMAGE,
      },
    });
  });

  it("defaults to sora-2 and 4 seconds and leaves size to the API", () => {
    expect(buildRequest(spec("sora-2", { image: null })).input).toEqual({
      model: "sora-2",
      prompt: "A cat on a windowsill.",
      seconds: "4",
    });
  });
});

describe("generate_audio", () => {
  it("is an explicit boolean wherever the target has the field", () => {
    for (const target of TARGET_IDS) {
      for (const audio of [true, false]) {
        const { input } = buildRequest(spec(target, { audio }));
        if (getProfile(target).audioFlag) expect(input["generate_audio"]).toBe(audio);
        else expect(input).not.toHaveProperty("generate_audio");
      }
    }
  });
});

describe("best effort: values the target cannot take pass through, nothing throws", () => {
  it("writes an unlisted duration as is", () => {
    expect(buildRequest(spec("sora-2", { duration: 7 })).input["seconds"]).toBe("7");
    expect(buildRequest(spec("veo-3.1", { duration: 5 })).input["duration"]).toBe("5s");
    expect(buildRequest(spec("kling-o3", { duration: 20 })).input["duration"]).toBe("20");
    expect(buildRequest(spec("kling-o3", { duration: 7.5 })).input["duration"]).toBe("7.5");
  });

  it("writes an unlisted quality into the path or model", () => {
    expect(buildRequest(spec("kling-o3", { quality: "ultra" })).endpoint).toBe(
      "fal-ai/kling-video/o3/ultra/image-to-video",
    );
    expect(buildRequest(spec("veo-3.1", { quality: "pro" })).endpoint).toBe(
      "fal-ai/veo3.1/pro/image-to-video",
    );
    expect(buildRequest(spec("sora-2", { quality: "fast" })).input["model"]).toBe("sora-2-fast");
  });

  it("writes an unmapped aspect as is", () => {
    expect(buildRequest(spec("sora-2", { aspect: "1:1" })).input["size"]).toBe("1:1");
    expect(buildRequest(spec("veo-3.1", { aspect: "4:3" })).input["aspect_ratio"]).toBe("4:3");
  });

  it("sends a missing image as an empty string on targets that require one", () => {
    expect(buildRequest(spec("kling-o3", { image: null })).input["image_url"]).toBe("");
    expect(
      buildRequest(spec("veo-3.1", { image: null, endImage: END })).input["first_frame_url"],
    ).toBe("");
  });

  it("joins shots into one prompt where the target takes no shots", () => {
    const shots = [
      { prompt: "One.", duration: 4 },
      { prompt: "Two.", duration: 4 },
    ];
    expect(buildRequest(spec("veo-3.1", { prompt: null, shots })).input).toMatchObject({
      prompt: "One. Two.",
      duration: "8s",
    });
    expect(buildRequest(spec("sora-2", { prompt: null, shots })).input).toMatchObject({
      prompt: "One. Two.",
      seconds: "8",
    });
  });

  it("leaves out settings the target has no field for", () => {
    const { input } = buildRequest(spec("sora-2", EVERYTHING));
    for (const field of ["end_image_url", "negative_prompt", "cfg_scale", "generate_audio"]) {
      expect(input).not.toHaveProperty(field);
    }
  });

  it("builds a request from an empty scene", () => {
    for (const target of TARGET_IDS) {
      expect(() => buildRequest(spec(target, { image: null, prompt: null }))).not.toThrow();
    }
  });
});
