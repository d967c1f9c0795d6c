import { describe, expect, it } from "vitest";
import { lint } from "../../src/lint/engine.js";
import type { Rule } from "../../src/lint/rule.js";
import { imageRequired } from "../../rules/image-required.js";
import { ruleHarness } from "./harness.js";

const rule: Rule = imageRequired;

const { found, at } = ruleHarness(rule);

describe("image-required", () => {
  it("reports a scene without an image at its name, saying why the render fails and what to add", () => {
    const source = 'scene hook {\n  action "Maya waves."\n}\n';
    const diagnostics = found(source);
    expect(at(diagnostics)).toEqual(["1:7-1:11"]);
    expect(diagnostics[0]?.severity).toBe("error");
    expect(diagnostics[0]?.fix).toBeUndefined();
    expect(diagnostics[0]?.message).toBe(
      "scene 'hook' has no source image: kling-o3 is image-to-video and its request needs image_url, so the service " +
        'rejects it; add image "https://…" to the scene or the project',
    );
  });

  it("reports each scene that lacks one, and only those", () => {
    const source =
      'scene a {\n  image "https://x.test/a.png"\n}\nscene b {\n  action "x"\n}\nscene c {\n}\n';
    expect(at(found(source))).toEqual(["4:7-4:8", "7:7-7:8"]);
  });

  it("reports an implicit scene at the start of the file, named after the file", () => {
    const diagnostics = found('action "Maya waves."\n', { filename: "clips/kitchen.kp" });
    expect(at(diagnostics)).toEqual(["1:1-1:1"]);
    expect(diagnostics[0]?.message).toMatch(/^this file's scene 'kitchen' has no source image/);
  });

  it("counts an image inherited from the project", () => {
    expect(
      found('project {\n  image "https://x.test/a.png"\n}\nscene a {\n  action "x"\n}\n'),
    ).toEqual([]);
    expect(found('project {\n  image "https://x.test/a.png"\n}\naction "x"\n')).toEqual([]);
  });

  it("counts a legacy start_image or start_image_url, which legacy-image-param reports instead", () => {
    expect(found('start_image_url "https://x.test/a.png"\naction "x"\n')).toEqual([]);
    expect(found('project {\n  start_image "https://x.test/a.png"\n}\nscene a {\n}\n')).toEqual([]);
  });

  it("counts an image with a malformed value, which invalid-argument reports instead", () => {
    const source = 'image hook.png\naction "x"\n';
    expect(found(source)).toEqual([]);
    expect(lint(source, { rules: [rule] }).map((d) => d.ruleId)).toEqual(["invalid-argument"]);
  });

  it("does not count an end image", () => {
    expect(at(found('scene a {\n  end_image "https://x.test/end.png"\n}\n'))).toEqual(["1:7-1:8"]);
  });

  it("applies where the target requires an image: kling-v3 and veo-3.1 yes, sora-2 no", () => {
    expect(found('engine kling-v3\naction "x"\n')[0]?.message).toContain(
      "kling-v3 is image-to-video and its request needs start_image_url",
    );
    expect(found('engine veo-3.1\naction "x"\n')[0]?.message).toContain(
      "veo-3.1 is image-to-video and its request needs image_url",
    );
    expect(found('engine sora-2\naction "x"\n')).toEqual([]);
    expect(found('action "x"\n', { config: { target: "sora-2" } })).toEqual([]);
  });

  it("says nothing about a file with no scene at all", () => {
    expect(found("// nothing yet\n")).toEqual([]);
    expect(found('project {\n  action "x"\n}\n')).toEqual([]);
  });
});
