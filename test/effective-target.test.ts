/**
 * One effective target per scene (issue 7.2): the scene's `engine`, else what its legacy `endpoint` stands for,
 * else the project's, else `--target` / a config's `target`, else kling-o3. Every rule, message and fix reads it;
 * a fix never moves a scene to another target; when the caller's target differs from what the file says, the file
 * wins and klingc says so once per file.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { compile } from "../src/emit/compile.js";
import { analyze } from "../src/language/analyze.js";
import { lint } from "../src/lint/engine.js";
import { fix } from "../src/lint/fix.js";
import { checkDuration, getProfile } from "../src/targets/profiles.js";
import { cli } from "./support/cli.js";

const V3_FILE = [
  'endpoint "fal-ai/kling-video/v3/pro/image-to-video"',
  'image "https://x.test/a.png"',
  "duration 5s",
  'negative_prompt "blur, extra fingers"',
  "cfg_scale 0.5",
  'action "Maya waves at the lens."',
  "",
].join("\n");

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "klingc-target-"));
  dirs.push(dir);
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe("the effective target", () => {
  it("is what a legacy endpoint stands for when the scene names no engine, whatever the caller's default", () => {
    const { scenes } = analyze(V3_FILE, { target: "sora-2" });
    expect(scenes[0]?.target).toBe("kling-o3");
    expect(scenes[0]?.targetFrom.source).toBe("endpoint");
  });

  it("follows the order engine, endpoint, project engine, project endpoint, caller, kling-o3", () => {
    const project =
      'project { engine veo-3.1 }\nscene a { engine sora-2\n image "https://x.test/a.png" }\nscene b { image "https://x.test/a.png" }\n';
    expect(
      analyze(project, { target: "kling-v3" }).scenes.map((s) => [s.target, s.targetFrom.source]),
    ).toEqual([
      ["sora-2", "engine"],
      ["veo-3.1", "project-engine"],
    ]);
    const projectEndpoint =
      'project { endpoint "fal-ai/veo3.1/image-to-video" }\nscene a { image "https://x.test/a.png" }\n';
    expect(analyze(projectEndpoint, { target: "sora-2" }).scenes[0]?.targetFrom.source).toBe(
      "project-endpoint",
    );
    expect(analyze(projectEndpoint, { target: "sora-2" }).scenes[0]?.target).toBe("veo-3.1");
    const bare = 'image "https://x.test/a.png"\n';
    expect(analyze(bare, { target: "sora-2" }).scenes[0]?.target).toBe("sora-2");
    expect(analyze(bare).scenes[0]?.target).toBe("kling-o3");
  });
});

describe("lint --fix --target sora-2 on a V3-era file (the reported bug)", () => {
  it("keeps the scene on the endpoint's model: engine kling-o3 written, duration 5s kept", () => {
    const path = tempFile("v3.kp", V3_FILE);
    cli("lint", "--fix", "--target", "sora-2", path);
    const fixed = readFileSync(path, "utf8");
    expect(fixed).toContain("engine kling-o3");
    expect(fixed).toContain("quality pro");
    expect(fixed).toContain("duration 5s");
    expect(fixed).not.toContain("endpoint");
  });

  it("no rule judges the scene against sora-2", () => {
    const messages = lint(V3_FILE, { config: { target: "sora-2" } });
    expect(messages.filter((d) => d.ruleId === "duration")).toEqual([]);
    for (const d of messages.filter((d) => d.ruleId !== "option-override"))
      expect(d.message).not.toContain("sora-2");
  });

  it("says once per file that the file's target won over --target", () => {
    const path = tempFile("v3.kp", V3_FILE);
    const { out } = cli("lint", "--target", "sora-2", path);
    const notes = out.split("\n").filter((l) => l.includes("option-override"));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/info/);
    expect(notes[0]).toContain("sora-2");
    expect(notes[0]).toContain("kling-o3");
  });

  it("says it once for a file whose scenes all override the config's target", () => {
    const source =
      'scene a { engine veo-3.1\n image "https://x.test/a.png"\n action "A." }\nscene b { engine veo-3.1\n image "https://x.test/a.png"\n action "B." }\n';
    // option-override is a rule: lint (and so the CLI's main job) reports it; compile returns only its own findings.
    const notes = lint(source, { config: { target: "sora-2" } }).filter(
      (d) => d.ruleId === "option-override",
    );
    expect(notes).toHaveLength(1);
    expect(notes[0]?.severity).toBe("info");
    expect(
      lint(source, { config: { target: "veo-3.1" } }).filter((d) => d.ruleId === "option-override"),
    ).toEqual([]);
    expect(lint(source).filter((d) => d.ruleId === "option-override")).toEqual([]);
  });

  it("compiles for the file's target, not the caller's", () => {
    const { scenes } = compile(V3_FILE, { target: "sora-2" });
    expect(scenes[0]?.target).toBe("kling-o3");
  });
});

describe("fixes never move a scene to another target", () => {
  const cases: [string, string][] = [
    ["V3 endpoint, sora-2 default", V3_FILE],
    [
      "veo endpoint, kling default",
      'endpoint "fal-ai/veo3.1/fast/image-to-video"\nimage "https://x.test/a.png"\nduration 6s\naspect 9:16\naction "Maya waves."\n',
    ],
    [
      "project endpoint",
      'project { endpoint "fal-ai/kling-video/o3/pro/image-to-video" }\nscene a { image "https://x.test/a.png"\n duration 7s\n action "Maya waves." }\n',
    ],
  ];
  for (const [title, source] of cases) {
    it(title, () => {
      for (const target of ["kling-o3", "kling-v3", "sora-2", "veo-3.1"] as const) {
        const before = analyze(source, { target }).scenes.map((s) => s.target);
        const { output } = fix(source, { config: { target } });
        const after = analyze(output, { target }).scenes.map((s) => s.target);
        expect(after, `${title} with --target ${target}`).toEqual(before);
      }
    });
  }
});

describe("messages state the effective target's facts only", () => {
  it("no 'removed in O3' on a sora-2 or veo-3.1 scene", () => {
    const sora =
      'engine sora-2\nimage "https://x.test/a.png"\ncfg_scale 0.5\nnegative_prompt "blur"\naction "Maya waves."\n';
    const messages = lint(sora).filter(
      (d) => d.ruleId === "no-cfg-scale" || d.ruleId === "no-negative-prompt",
    );
    expect(messages).toHaveLength(2);
    for (const d of messages) expect(d.message).not.toMatch(/O3/);
  });

  it("no advice to write engine kling-o3 into a scene on another target", () => {
    const veo =
      'engine veo-3.1\nendpoint "fal-ai/kling-video/v3/pro/image-to-video"\nimage "https://x.test/a.png"\naction "Maya waves."\n';
    const [finding] = lint(veo).filter((d) => d.ruleId === "legacy-endpoint");
    expect(finding).toBeDefined();
    expect(finding?.message).not.toContain("engine kling-o3");
  });
});

describe("--budget above the target's hard limit", () => {
  it("is clamped with a note", () => {
    const path = tempFile(
      "b.kp",
      'image "https://x.test/a.png"\naction "Maya waves at the lens."\n',
    );
    const { err, out, code } = cli("--budget", "9000", path);
    expect(code).toBe(0);
    expect(err + out).toMatch(/9,000/);
    expect(err + out).toMatch(/2,500/);
  });
});

describe("property: a fix keeps every scene's target and every setting valid for it", () => {
  const targets = ["kling-o3", "kling-v3", "sora-2", "veo-3.1"] as const;
  // About half the blocks name no engine, and half no endpoint, so the endpoint often decides.
  const engine = fc.constantFrom("", "", "", "", ...targets.map((t) => `engine ${t}`));
  const endpoint = fc.constantFrom(
    "",
    "",
    "",
    "",
    "",
    ...[
      "fal-ai/kling-video/v3/pro/image-to-video",
      "fal-ai/kling-video/v3/standard/image-to-video",
      "fal-ai/kling-video/o3/pro/image-to-video",
      "fal-ai/veo3.1/fast/image-to-video",
      "fal-ai/veo3.1/image-to-video",
    ].map((p) => `endpoint "${p}"`),
  );
  const extras = fc.subarray(
    [
      "duration 5s",
      "duration 8s",
      "aspect 9:16",
      "quality pro",
      "cfg_scale 0.5",
      'negative_prompt "blur"',
      "audio on",
    ],
    { maxLength: 3 },
  );
  const block = fc
    .tuple(engine, endpoint, extras)
    .map(([e, p, x]) => [e, p, ...x].filter((l) => l !== ""));
  const file = fc
    .tuple(block, fc.array(block, { minLength: 1, maxLength: 3 }))
    .map(([project, scenes]) =>
      [
        `project {\n${project.map((l) => `  ${l}\n`).join("")}}`,
        ...scenes.map(
          (s, i) =>
            `scene s${i} {\n  image "https://x.test/a.png"\n  action "Maya waves."\n${s.map((l) => `  ${l}\n`).join("")}}`,
        ),
        "",
      ].join("\n"),
    );

  it("holds for any mix of engine, endpoint and settings, with any --target", () => {
    fc.assert(
      fc.property(
        file,
        fc.option(fc.constantFrom(...targets), { nil: undefined }),
        (source, target) => {
          const config = target === undefined ? {} : { target };
          const before = analyze(source, config).scenes;
          const after = analyze(fix(source, { config }).output, config).scenes;
          expect(after.map((s) => s.target)).toEqual(before.map((s) => s.target));
          // A setting the scene's target takes (judged from the profile, not from the rules) keeps its value; only
          // legacy-endpoint may change the quality, to the one its path names.
          before.forEach((scene, i) => {
            const profile = getProfile(scene.target);
            const { duration, aspect, audio, quality } = scene.settings;
            if (
              duration &&
              scene.shots.length === 0 &&
              checkDuration(profile, duration.value) !== "not-allowed"
            ) {
              expect(after[i]?.settings.duration?.value, `duration of ${scene.name}`).toBe(
                duration.value,
              );
            }
            if (aspect && profile.aspect?.allowed.includes(aspect.value))
              expect(after[i]?.settings.aspect?.value).toBe(aspect.value);
            if (audio && profile.audioFlag)
              expect(after[i]?.settings.audio?.value).toBe(audio.value);
            if (
              quality &&
              profile.qualities.allowed.includes(quality.value) &&
              !source.includes("endpoint")
            ) {
              expect(after[i]?.settings.quality?.value).toBe(quality.value);
            }
          });
        },
      ),
      { numRuns: 150 },
    );
  });
});
