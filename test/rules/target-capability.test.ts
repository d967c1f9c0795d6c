import { describe, expect, it } from "vitest";
import { targetCapability } from "../../rules/target-capability.js";
import type { Diagnostic } from "../../src/language/diagnostics.js";
import { fix } from "../../src/lint/fix.js";
import { ruleHarness } from "./harness.js";

const rules = [targetCapability];
const { found, brief, fixed } = ruleHarness(targetCapability);

/** An implicit scene: engine (optional), image, the given lines, an action. */
function single(engine: string | null, ...lines: string[]): string {
  return [
    ...(engine ? [`engine ${engine}`] : []),
    'image "https://x.test/a.png"',
    ...lines,
    'action "Maya waves."',
    "",
  ].join("\n");
}

describe("target-capability: aspect", () => {
  it("reports an aspect on kling-o3 at the statement and deletes the line", () => {
    const source = single("kling-o3", "aspect 9:16");
    const [d, ...rest] = found(source);
    expect(rest).toEqual([]);
    expect(brief(d as Diagnostic)).toBe(
      "3:1 kling-o3 takes no aspect ratio, so 'aspect 9:16' is left out of the request",
    );
    expect(d?.severity).toBe("error");
    expect(d?.fix?.description).toBe("delete the 'aspect' statement");
    expect(fixed(source)).toBe(single("kling-o3"));
  });

  it("reports an aspect on kling-v3 and on the default target", () => {
    expect(found(single("kling-v3", "aspect 16:9")).map((d) => d.message)).toEqual([
      "kling-v3 takes no aspect ratio, so 'aspect 16:9' is left out of the request",
    ]);
    expect(fixed(single(null, "aspect auto"))).toBe(single(null));
  });

  it("accepts the ratios veo-3.1 and sora-2 take", () => {
    for (const ratio of ["auto", "16:9", "9:16"])
      expect(found(single("veo-3.1", `aspect ${ratio}`))).toEqual([]);
    for (const ratio of ["16:9", "9:16"])
      expect(found(single("sora-2", `aspect ${ratio}`))).toEqual([]);
  });

  it("reports a ratio the target does not offer, without a fix", () => {
    const veo = found(single("veo-3.1", "aspect 4:3"));
    expect(veo.map(brief)).toEqual(["3:1 veo-3.1 takes aspect auto, 16:9 or 9:16, not 4:3"]);
    expect(veo[0]?.fix).toBeUndefined();
    const sora = found(single("sora-2", "aspect auto"));
    expect(sora.map((d) => d.message)).toEqual(["sora-2 takes aspect 9:16 or 16:9, not auto"]);
    expect(fix(single("sora-2", "aspect auto"), { rules }).output).toBe(
      single("sora-2", "aspect auto"),
    );
  });

  it("follows the configured target", () => {
    const source = single(null, "aspect 9:16");
    expect(found(source, { config: { target: "veo-3.1" } })).toEqual([]);
    expect(found(source, { config: { target: "kling-v3" } }).length).toBe(1);
  });

  it("deletes a repeat with the statement in force, so the repeat does not take its place", () => {
    const source = single("kling-o3", "aspect 9:16", "aspect 16:9");
    expect(found(source).map(brief)).toEqual([
      "3:1 kling-o3 takes no aspect ratio, so 'aspect 9:16' is left out of the request",
    ]);
    expect(fixed(source)).toBe(single("kling-o3"));
  });

  it("deletes only the statement when it shares its line", () => {
    const source = 'scene a { image "https://x.test/a.png"; aspect 9:16; action "Maya waves." }\n';
    expect(found(source).map(brief)).toEqual([
      "1:41 kling-o3 takes no aspect ratio, so 'aspect 9:16' is left out of the request",
    ]);
    expect(fixed(source)).toBe('scene a { image "https://x.test/a.png"; action "Maya waves." }\n');
  });
});

describe("target-capability: end image and audio flag", () => {
  it("reports and deletes end_image on sora-2", () => {
    const source = single("sora-2", 'end_image "https://x.test/b.png"');
    expect(found(source).map(brief)).toEqual([
      "3:1 sora-2 takes no end image, so 'end_image' is left out of the request",
    ]);
    expect(fixed(source)).toBe(single("sora-2"));
  });

  it("accepts end_image on kling-o3, kling-v3 and veo-3.1", () => {
    for (const engine of ["kling-o3", "kling-v3", "veo-3.1"])
      expect(found(single(engine, 'end_image "https://x.test/b.png"'))).toEqual([]);
  });

  it("reports and deletes audio on|off on sora-2", () => {
    expect(found(single("sora-2", "audio on")).map(brief)).toEqual([
      "3:1 sora-2 has no audio flag, so 'audio on' is left out of the request",
    ]);
    expect(fixed(single("sora-2", "audio on"))).toBe(single("sora-2"));
    expect(fixed(single("sora-2", "audio off"))).toBe(single("sora-2"));
  });

  it("accepts audio on|off where the target has the flag", () => {
    for (const engine of ["kling-o3", "kling-v3", "veo-3.1"]) {
      expect(found(single(engine, "audio off"))).toEqual([]);
      expect(found(single(engine, "audio on"))).toEqual([]);
    }
  });

  it("keeps 'audio off' when it keeps the project's audio section out of the prompt", () => {
    const source = [
      'project {\n  audio "Soft lo-fi music."\n}',
      'scene a {\n  engine sora-2\n  image "https://x.test/a.png"\n  audio off\n  action "Maya waves."\n}',
      "",
    ].join("\n");
    const diagnostics = found(source);
    expect(diagnostics.map(brief)).toEqual([
      "7:3 sora-2 has no audio flag, so 'audio off' is left out of the request",
    ]);
    expect(diagnostics[0]?.fix).toBeUndefined();
    expect(fix(source, { rules }).output).toBe(source);
  });
});

describe("target-capability: quality", () => {
  it("reports a tier the target does not offer and deletes it, falling back to the default", () => {
    expect(found(single("kling-o3", "quality fast")).map(brief)).toEqual([
      "3:1 kling-o3 offers quality standard, pro or 4k, not 'fast'",
    ]);
    expect(fixed(single("kling-o3", "quality fast"))).toBe(single("kling-o3"));
    expect(found(single("kling-v3", "quality fast")).map((d) => d.message)).toEqual([
      "kling-v3 offers quality standard, pro or 4k, not 'fast'",
    ]);
    expect(found(single("sora-2", "quality 4k")).map((d) => d.message)).toEqual([
      "sora-2 offers quality standard or pro, not '4k'",
    ]);
    expect(fixed(single("sora-2", "quality 4k"))).toBe(single("sora-2"));
    expect(found(single("veo-3.1", "quality pro")).map((d) => d.message)).toEqual([
      "veo-3.1 offers quality standard or fast, not 'pro'",
    ]);
  });

  it("accepts the tiers each target offers", () => {
    for (const q of ["standard", "pro", "4k"]) {
      expect(found(single("kling-o3", `quality ${q}`))).toEqual([]);
      expect(found(single("kling-v3", `quality ${q}`))).toEqual([]);
    }
    for (const q of ["standard", "pro"])
      expect(found(single("sora-2", `quality ${q}`))).toEqual([]);
    for (const q of ["standard", "fast"])
      expect(found(single("veo-3.1", `quality ${q}`))).toEqual([]);
  });

  it("does not fix when a repeat in the same block is a tier the target takes", () => {
    const source = single("kling-o3", "quality fast", "quality pro");
    const diagnostics = found(source);
    expect(diagnostics.map(brief)).toEqual([
      "3:1 kling-o3 offers quality standard, pro or 4k, not 'fast'",
    ]);
    expect(diagnostics[0]?.fix).toBeUndefined();
  });

  it("deletes a scene's tier when the project's tier, which then applies, is one the target takes", () => {
    const source =
      'project {\n  quality pro\n}\nscene a {\n  image "https://x.test/a.png"\n  quality fast\n}\n';
    expect(found(source).map(brief)).toEqual([
      "6:3 kling-o3 offers quality standard, pro or 4k, not 'fast'",
    ]);
    expect(fixed(source)).toBe(
      'project {\n  quality pro\n}\nscene a {\n  image "https://x.test/a.png"\n}\n',
    );
  });
});

describe("target-capability: project settings", () => {
  const file = (projectLine: string, scenes: string[]) =>
    [
      `project {\n  ${projectLine}\n}`,
      ...scenes.map((s, i) => `scene s${i + 1} {\n  ${s}\n  image "https://x.test/a.png"\n}`),
      "",
    ].join("\n");

  it("reports a project setting once for every scene it reaches and deletes it when none takes it", () => {
    const source = file("aspect 9:16", ["engine kling-o3", "engine kling-v3", "engine kling-o3"]);
    expect(found(source).map(brief)).toEqual([
      "2:3 kling-o3 takes no aspect ratio, so 'aspect 9:16' is left out of the request; kling-v3 takes no aspect ratio, so 'aspect 9:16' is left out of the request (a project setting that reaches scenes 's1', 's2' and 's3')",
    ]);
    expect(fixed(source)).toBe(
      file("", ["engine kling-o3", "engine kling-v3", "engine kling-o3"]).replace(
        "project {\n  \n}",
        "project {\n}",
      ),
    );
  });

  it("is not fixed when a scene it reaches takes it", () => {
    const source = file("aspect 9:16", ["engine kling-o3", "engine veo-3.1"]);
    const diagnostics = found(source);
    expect(diagnostics.map((d) => d.message)).toEqual([
      "kling-o3 takes no aspect ratio, so 'aspect 9:16' is left out of the request (a project setting that reaches scene 's1'; scene 's2' uses it, so move it into the scenes that need it)",
    ]);
    expect(diagnostics[0]?.fix).toBeUndefined();
    expect(fix(source, { rules }).output).toBe(source);
  });

  it("is not reported where every scene overrides it with a value its target takes", () => {
    const source = file("quality pro", [
      "engine veo-3.1\n  quality fast",
      "engine veo-3.1\n  quality standard",
    ]);
    expect(found(source)).toEqual([]);
  });

  it("deletes a scene's statement and the project's together when both are rejected", () => {
    const source = file("aspect 9:16", ["aspect 16:9"]);
    expect(found(source).map(brief)).toEqual([
      "2:3 kling-o3 takes no aspect ratio, so 'aspect 9:16' is left out of the request (a project setting that reaches scene 's1')",
      "5:3 kling-o3 takes no aspect ratio, so 'aspect 16:9' is left out of the request",
    ]);
    expect(fixed(source)).toBe('project {\n}\nscene s1 {\n  image "https://x.test/a.png"\n}\n');
  });

  it("does not delete a scene's statement when that would bring a rejected project value into force", () => {
    const source = file("aspect 9:16", ["engine veo-3.1", "aspect 16:9"]);
    const diagnostics = found(source);
    expect(diagnostics.map(brief)).toEqual([
      "2:3 kling-o3 takes no aspect ratio, so 'aspect 9:16' is left out of the request (a project setting that reaches scene 's2'; scene 's1' uses it, so move it into the scenes that need it)",
      "9:3 kling-o3 takes no aspect ratio, so 'aspect 16:9' is left out of the request",
    ]);
    expect(diagnostics.every((d) => d.fix === undefined)).toBe(true);
  });

  it("judges a project quality per scene target", () => {
    const source = file("quality fast", ["engine veo-3.1", "engine sora-2"]);
    expect(found(source).map((d) => d.message)).toEqual([
      "sora-2 offers quality standard or pro, not 'fast' (a project setting that reaches scene 's2'; scene 's1' uses it, so move it into the scenes that need it)",
    ]);
  });
});

describe("target-capability: shots", () => {
  const scene = (engine: string, shots: number) =>
    [
      "scene demo {",
      `  engine ${engine}`,
      '  image "https://x.test/a.png"',
      ...Array.from({ length: shots }, (_, i) => `  shot { duration 2s; action "Beat ${i + 1}." }`),
      "}",
      "",
    ].join("\n");

  it("reports the seventh shot on kling-o3, once, without a fix", () => {
    const source = scene("kling-o3", 8);
    const diagnostics = found(source);
    expect(diagnostics.map(brief)).toEqual([
      "10:3 kling-o3 takes at most 6 shots, but scene 'demo' has 8",
    ]);
    expect(diagnostics[0]?.endColumn).toBe(7);
    expect(diagnostics[0]?.fix).toBeUndefined();
    expect(fix(source, { rules }).output).toBe(source);
  });

  it("accepts six shots on kling-o3 and any number on kling-v3, whose limit no source states", () => {
    expect(found(scene("kling-o3", 6))).toEqual([]);
    expect(found(scene("kling-v3", 9))).toEqual([]);
  });

  it("reports shots on targets that take one prompt per request", () => {
    expect(found(scene("sora-2", 2)).map(brief)).toEqual([
      "4:3 sora-2 takes one prompt per request and no shots, but scene 'demo' has 2 shots",
    ]);
    expect(found(scene("veo-3.1", 1)).map(brief)).toEqual([
      "4:3 veo-3.1 takes one prompt per request and no shots, but scene 'demo' has 1 shot",
    ]);
  });
});

describe("target-capability: what it leaves to other rules", () => {
  it("does not report negative_prompt, cfg_scale or start_image", () => {
    const source = single(
      "kling-o3",
      'negative_prompt "blur"',
      "cfg_scale 0.5",
      'start_image "https://x.test/s.png"',
    );
    expect(found(source)).toEqual([]);
  });
});
