/**
 * `migrateRequests`: Kling V3 bodies become O3 requests. Expected requests
 * were written by hand from the issue and the profiles (o3 path of the same
 * quality, image_url, Avoid clause, cfg_scale gone, duration and audio
 * explicit).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile } from "../src/emit/compile.js";
import { codePointLength } from "../src/emit/text.js";
import { migrateRequests } from "../src/migrate/migrate.js";
import { requestsToKp } from "../src/migrate/to-kp.js";

const V3_PRO = "fal-ai/kling-video/v3/pro/image-to-video";
const V3_STANDARD = "fal-ai/kling-video/v3/standard/image-to-video";

function where(result: ReturnType<typeof migrateRequests>): string[] {
  return result.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.message}`);
}

describe("migrateRequests", () => {
  it("turns a V3 request into the O3 request of the same quality", () => {
    const body = {
      endpoint: V3_PRO,
      input: {
        prompt: "Maya smiles at the camera",
        start_image_url: "https://cdn.example.com/a.png",
        negative_prompt: "blur, distort, and low quality",
        cfg_scale: 0.5,
        duration: "10",
        generate_audio: false,
      },
    };
    const result = migrateRequests(JSON.stringify(body));
    expect(where(result)).toEqual([]);
    expect(result.array).toBe(false);
    expect(result.requests).toEqual([
      {
        endpoint: "fal-ai/kling-video/o3/pro/image-to-video",
        input: {
          prompt: "Maya smiles at the camera. Avoid: blur, distort, low quality.",
          image_url: "https://cdn.example.com/a.png",
          duration: "10",
          generate_audio: false,
        },
      },
    ]);
    const said = result.changes.map((c) => c.field);
    expect(said).toEqual(
      expect.arrayContaining(["image_url", "negative_prompt", "cfg_scale", "endpoint", "prompt"]),
    );
    expect(result.changes.find((c) => c.field === "cfg_scale")?.message).toBe(
      "dropped (was 0.5): O3 has no cfg_scale",
    );
  });

  it("takes an array of bare inputs with --endpoint and writes the defaults out", () => {
    const result = migrateRequests(
      JSON.stringify([
        { prompt: "A.", start_image_url: "u" },
        { prompt: "B.", start_image_url: "v", end_image_url: "w", seed: 7 },
      ]),
      { endpoint: V3_STANDARD },
    );
    expect(result.array).toBe(true);
    expect(result.requests).toEqual([
      {
        endpoint: "fal-ai/kling-video/o3/standard/image-to-video",
        input: { prompt: "A.", image_url: "u", duration: "5", generate_audio: true },
      },
      {
        endpoint: "fal-ai/kling-video/o3/standard/image-to-video",
        input: {
          prompt: "B.",
          image_url: "v",
          end_image_url: "w",
          duration: "5",
          generate_audio: true,
        },
      },
    ]);
    expect(result.changes.filter((c) => c.request === 1).map((c) => c.message)).toContain(
      "dropped: the O3 endpoint takes no 'seed'",
    );
    expect(result.changes.find((c) => c.field === "generate_audio")?.message).toContain(
      "V3 defaulted to true, O3 defaults to false",
    );
  });

  it("carries shots over, each with its own Avoid clause", () => {
    const body = {
      endpoint: V3_PRO,
      input: {
        start_image_url: "u",
        negative_prompt: "blur",
        multi_prompt: [
          { prompt: "One.", duration: "3" },
          { prompt: "Two.", duration: "2" },
        ],
        shot_type: "customize",
        duration: "5",
      },
    };
    const [request] = migrateRequests(JSON.stringify(body)).requests;
    expect(request?.input).toEqual({
      multi_prompt: [
        { prompt: "One. Avoid: blur.", duration: "3" },
        { prompt: "Two. Avoid: blur.", duration: "2" },
      ],
      shot_type: "customize",
      image_url: "u",
      duration: "5",
      generate_audio: true,
    });
  });

  it("keeps the Avoid clause within 2,500 characters and says what it left out", () => {
    const prompt = "A".repeat(2480) + ".";
    const result = migrateRequests(
      JSON.stringify({
        endpoint: V3_PRO,
        input: {
          prompt,
          start_image_url: "u",
          negative_prompt: "blur, a much longer term that cannot fit",
        },
      }),
    );
    const out = result.requests[0]?.input["prompt"] as string;
    expect(out).toBe(`${prompt} Avoid: blur.`);
    expect(result.changes.map((c) => c.message)).toContain(
      "left out of the Avoid clause to stay within O3's 2,500-character limit: a much longer term that cannot fit",
    );
  });

  it("reports invalid JSON at its line and column", () => {
    expect(where(migrateRequests('{\n  "endpoint": "x",\n  "input": {"prompt" "x"}\n}'))).toEqual([
      "3:22 error invalid JSON: expected ':'",
    ]);
    expect(where(migrateRequests('[{"a": 1},]'))).toEqual([
      "1:11 error invalid JSON: trailing commas are not allowed in JSON",
    ]);
    expect(where(migrateRequests(""))).toEqual(["1:1 error invalid JSON: expected a value"]);
  });

  it("reports a body of an unknown shape at the value that is wrong", () => {
    expect(
      where(
        migrateRequests(
          '[\n  {"endpoint": "fal-ai/kling-video/o3/pro/image-to-video", "input": {}}\n]',
        ),
      ),
    ).toEqual([
      "2:16 error endpoint 'fal-ai/kling-video/o3/pro/image-to-video' is already an O3 endpoint",
    ]);
    expect(where(migrateRequests('{"prompt": "x", "start_image_url": "u"}'))).toEqual([
      "1:1 error a bare input needs --endpoint to say which V3 endpoint it was sent to",
    ]);
    expect(where(migrateRequests(`{"endpoint": "${V3_PRO}", "input": {"prompt": "x"}}`))).toEqual([
      "1:67 error a V3 request needs 'start_image_url' (the source image URL), a string",
    ]);
    expect(where(migrateRequests("[1]"))).toEqual([
      "1:2 error a request is a JSON object ({ endpoint, input } or a bare input), not a number",
    ]);
    expect(migrateRequests("[1]").requests).toEqual([]);
  });

  it("never lets the Avoid clause push a prompt past O3's limit (property)", () => {
    const term = fc.stringMatching(/^[a-z][a-z ]{0,40}[a-z]$/);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2600 }),
        fc.array(term, { maxLength: 12 }),
        (length, terms) => {
          const prompt = "x".repeat(length);
          const input = { prompt, start_image_url: "u", negative_prompt: terms.join(", ") };
          const result = migrateRequests(JSON.stringify(input), { endpoint: V3_PRO });
          const out = result.requests[0]?.input["prompt"] as string;
          // The clause adds nothing to a prompt already at or over the limit, and never crosses it.
          if (codePointLength(prompt) >= 2500) expect(out).toBe(prompt);
          else expect(codePointLength(out)).toBeLessThanOrEqual(2500);
          expect(out.startsWith(prompt)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("never throws on options or text that are not what it takes", () => {
    expect(
      where(migrateRequests(42 as never, 7 as never)).map((d) => d.split(" ").slice(1, 2)[0]),
    ).toEqual(["error", "error", "error"]);
  });
});

describe("requestsToKp", () => {
  it("writes a scene whose compiled request matches the migrated one", () => {
    const body = {
      endpoint: V3_PRO,
      input: {
        prompt: "Maya smiles at the camera.",
        start_image_url: "https://cdn.example.com/a.png",
        negative_prompt: "blur, grain",
        duration: "10",
      },
    };
    const result = migrateRequests(JSON.stringify(body));
    const { text, notes } = requestsToKp(result, "hook");
    expect(text).toBe(
      [
        "// Migrated from a Kling V3 request: the prompt is kept as action text: none of its sentences names a section.",
        "scene hook {",
        '  image "https://cdn.example.com/a.png"',
        "  duration 10s",
        "  quality pro",
        "  audio on",
        '  action "Maya smiles at the camera."',
        '  avoid "blur", "grain"',
        "}",
        "",
      ].join("\n"),
    );
    expect(notes).toEqual([
      "scene hook: the prompt is kept as action text: none of its sentences names a section",
    ]);
    expect(compile(text).scenes[0]?.request).toEqual(result.requests[0]);
  });

  it("gives sentences labelled with a section's name to that section, and says so", () => {
    const body = {
      endpoint: V3_STANDARD,
      input: {
        prompt: "Maya waves. Camera: slow push in. Avoid: lens flare.",
        start_image_url: "u",
      },
    };
    const { text, notes } = requestsToKp(migrateRequests(JSON.stringify(body)), "2 clips!");
    expect(text).toContain(
      '  action "Maya waves."\n  camera "slow push in."\n  avoid "lens flare"\n',
    );
    expect(text).toContain("scene clips {");
    expect(notes[0]).toBe(
      "scene clips: sentences labelled 'Camera:', 'Avoid:' went to their sections; the rest is action text",
    );
  });
});
