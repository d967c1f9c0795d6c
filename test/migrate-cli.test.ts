/** `klingc migrate`: O3 JSON on stdout, the changes on stderr; bad JSON or an unknown shape is exit 2 with the position. */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { folderWith, runIn } from "./support/tools-io.js";

const V3 = {
  endpoint: "fal-ai/kling-video/v3/standard/image-to-video",
  input: {
    prompt: "A leaf falls.",
    start_image_url: "https://cdn.example.com/a.png",
    negative_prompt: "blur",
    cfg_scale: 0.5,
    generate_audio: false,
  },
};

describe("klingc migrate", () => {
  it("prints the O3 request as JSON and what changed on stderr", () => {
    const dir = folderWith({ "v3.json": JSON.stringify(V3) });
    const ran = runIn("migrate", [join(dir, "v3.json")]);
    expect(ran.code).toBe(0);
    expect(JSON.parse(ran.out)).toEqual({
      endpoint: "fal-ai/kling-video/o3/standard/image-to-video",
      input: {
        prompt: "A leaf falls. Avoid: blur.",
        image_url: "https://cdn.example.com/a.png",
        duration: "5",
        generate_audio: false,
      },
    });
    expect(ran.err.split("\n")).toEqual(
      expect.arrayContaining([
        "cfg_scale: dropped (was 0.5): O3 has no cfg_scale",
        "image_url: renamed from start_image_url: O3's name for the source image",
      ]),
    );
  });

  it("takes an array of bare inputs with --endpoint and numbers the changes", () => {
    const dir = folderWith({ "many.json": JSON.stringify([V3.input, V3.input]) });
    const ran = runIn("migrate", [
      "--endpoint",
      "fal-ai/kling-video/v3/pro/image-to-video",
      join(dir, "many.json"),
    ]);
    expect(ran.code).toBe(0);
    expect((JSON.parse(ran.out) as { endpoint: string }[]).map((r) => r.endpoint)).toEqual([
      "fal-ai/kling-video/o3/pro/image-to-video",
      "fal-ai/kling-video/o3/pro/image-to-video",
    ]);
    expect(ran.err).toContain("request 2: cfg_scale: dropped");
  });

  it("--to kp writes a scene and says how the prompt was placed", () => {
    const dir = folderWith({ "hook.json": JSON.stringify(V3) });
    const ran = runIn("migrate", ["--to", "kp", join(dir, "hook.json")]);
    expect(ran.code).toBe(0);
    expect(ran.out).toContain(
      'scene hook {\n  image "https://cdn.example.com/a.png"\n  duration 5s\n  audio off\n  action "A leaf falls."\n  avoid "blur"\n}\n',
    );
    expect(ran.err).toContain("scene hook: the prompt is kept as action text");
  });

  it("exits 2 on invalid JSON or an unknown shape, with the file, line and column", () => {
    const dir = folderWith({
      "bad.json": '{\n  "endpoint": 3\n}',
      "broken.json": '[\n  {"a": }\n]',
    });
    const shape = runIn("migrate", [join(dir, "bad.json")]);
    expect(shape.code).toBe(2);
    expect(shape.out).toBe("");
    expect(shape.err).toBe(
      `${join(dir, "bad.json")}:2:15  error  'endpoint' must be the V3 endpoint path, a string  invalid-request\n`,
    );
    const json = runIn("migrate", [join(dir, "broken.json")]);
    expect(json.code).toBe(2);
    expect(json.err).toBe(
      `${join(dir, "broken.json")}:2:9  error  invalid JSON: expected a value  invalid-request\n`,
    );
  });
});
