import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/emit/compile.js";
import { lint, type LintOptions } from "../../src/lint/engine.js";
import { fix } from "../../src/lint/fix.js";
import { imageRequired } from "../../rules/image-required.js";
import { imageUrl } from "../../rules/image-url.js";
import { legacyEndpoint } from "../../rules/legacy-endpoint.js";
import { legacyImageParam } from "../../rules/legacy-image-param.js";
import { noCfgScale } from "../../rules/no-cfg-scale.js";
import { noNegativePrompt } from "../../rules/no-negative-prompt.js";
import { tier1Required } from "../../rules/tier1-required.js";

const read = (name: string): string =>
  readFileSync(new URL(`../../fixtures/lint/${name}`, import.meta.url), "utf8");

const source = read("legacy-v3.kp");
const golden = read("legacy-v3.fixed.kp");
const options: LintOptions = {
  filename: "legacy-v3.kp",
  rules: [
    noNegativePrompt,
    legacyImageParam,
    legacyEndpoint,
    imageRequired,
    imageUrl,
    tier1Required,
    noCfgScale,
  ],
};

describe("migrating a V3-era file (fixtures/lint/legacy-v3.kp)", () => {
  it("reports every V3 leftover, each with a fix", () => {
    const diagnostics = lint(source, options);
    // A Set: how often no-cfg-scale reports a project statement is that rule's business.
    expect([...new Set(diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId}`))]).toEqual([
      "3:3 legacy-endpoint",
      "4:3 no-negative-prompt",
      "5:3 no-cfg-scale",
      "11:3 legacy-image-param",
      "23:3 legacy-image-param",
      "26:3 no-cfg-scale",
      "27:3 no-negative-prompt",
    ]);
    expect(diagnostics.every((d) => d.severity === "error" && d.fix !== undefined)).toBe(true);
  });

  it("fixes into the golden file, with no error left", () => {
    const result = fix(source, options);
    expect(result.output).toBe(golden);
    expect(result.remaining.filter((d) => d.severity === "error")).toEqual([]);
    expect(lint(result.output, options).filter((d) => d.severity === "error")).toEqual([]);
    expect(new Set(result.applied.map((a) => a.ruleId))).toEqual(
      new Set(["legacy-endpoint", "no-negative-prompt", "no-cfg-scale", "legacy-image-param"]),
    );
  });

  it("leaves the fixed file as it is when fixed again", () => {
    const again = fix(golden, options);
    expect(again.output).toBe(golden);
    expect(again.applied).toEqual([]);
  });

  it("sends the fixed scenes to the O3 pro endpoint with O3 fields only", () => {
    const scenes = compile(golden, { filename: "legacy-v3.kp" }).scenes;
    expect(scenes.map((s) => s.request?.endpoint)).toEqual([
      "fal-ai/kling-video/o3/pro/image-to-video",
      "fal-ai/kling-video/o3/pro/image-to-video",
    ]);
    const [hook, demo] = scenes.map((s) => s.request?.input);
    expect(hook?.["image_url"]).toBe("https://cdn.example.com/frames/hook.png");
    expect(demo?.["image_url"]).toBe("https://cdn.example.com/frames/demo-start.png");
    expect(demo?.["end_image_url"]).toBe("https://cdn.example.com/frames/demo-end.png");
    for (const input of [hook, demo]) {
      expect(input).not.toHaveProperty("negative_prompt");
      expect(input).not.toHaveProperty("cfg_scale");
      expect(input).not.toHaveProperty("start_image_url");
    }
  });

  it("renders the moved terms in the prompt's avoid list", () => {
    const [hook, demo] = compile(golden, { filename: "legacy-v3.kp" }).scenes;
    expect(hook?.prompt).toMatch(/Avoid: cartoon, 3D render, blur, distort, low quality\.$/);
    expect(demo?.prompt).toMatch(
      /Avoid: cartoon, 3D render, blur, distort, low quality, watermark, text overlay, extra fingers\.$/,
    );
  });
});
