/**
 * Golden compile of the shipped four-scene UGC ad (fixtures/ugc-ad.kp):
 *
 *   fixtures/ugc-ad.prompts.txt  what `klingc fixtures/ugc-ad.kp` prints on stdout
 *   fixtures/ugc-ad.json         what `klingc --json fixtures/ugc-ad.kp` prints
 *
 * Regenerate both after an intended change with
 *
 *   UPDATE_GOLDEN=1 npx vitest run test/compile-golden.test.ts
 *
 * then read the diff against LANGUAGE.md ("Emission", "Multi-shot") before
 * committing: a golden file that records a wrong prompt is worse than none.
 *
 * Besides the byte-for-byte comparison, the tests below state what a user
 * relies on whatever the exact wording: every prompt fits its budget, `chars`
 * is the prompt's length in code points, and the over-budget `proof` scene
 * lists exactly what the budget cost.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { run } from "../src/cli/run.js";
import type { CompiledScene } from "../src/emit/scenes.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SOURCE = join(ROOT, "fixtures", "ugc-ad.kp");
const PROMPTS_GOLDEN = join(ROOT, "fixtures", "ugc-ad.prompts.txt");
const JSON_GOLDEN = join(ROOT, "fixtures", "ugc-ad.json");
/** How the README invokes it, and what the JSON's `file` fields say. */
const RELATIVE = "fixtures/ugc-ad.kp";
const UPDATE = process.env["UPDATE_GOLDEN"] === "1";

interface JsonScene extends CompiledScene {
  file: string;
}
interface JsonOutput {
  scenes: JsonScene[];
  diagnostics: { file?: string; ruleId: string; severity: string; line: number; column: number }[];
}

function cli(argv: string[]): { code: number; out: string; err: string } {
  let out = "";
  let err = "";
  const code = run(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

/** The path as given on the command line; the JSON's `file` fields are normalised to the README's relative path. */
function sourceArg(): string {
  return relative(process.cwd(), SOURCE) || SOURCE;
}

function normaliseFile(json: JsonOutput): JsonOutput {
  for (const scene of json.scenes) scene.file = RELATIVE;
  for (const d of json.diagnostics) d.file = RELATIVE;
  return json;
}

const codePoints = (text: string): number => [...text].length;

let prompts: ReturnType<typeof cli>;
let jsonRun: ReturnType<typeof cli>;
let json: JsonOutput;

beforeAll(() => {
  prompts = cli([sourceArg()]);
  jsonRun = cli(["--json", sourceArg()]);
  json = normaliseFile(JSON.parse(jsonRun.out) as JsonOutput);
  if (UPDATE) {
    writeFileSync(PROMPTS_GOLDEN, prompts.out);
    writeFileSync(JSON_GOLDEN, `${JSON.stringify(json, null, 2)}\n`);
  }
});

describe("golden compile of fixtures/ugc-ad.kp", () => {
  it("prints the golden prompts on stdout and exits 0 (a dropped-content warning is no error)", () => {
    expect(prompts.code).toBe(0);
    expect(prompts.out).toBe(readFileSync(PROMPTS_GOLDEN, "utf8"));
  });

  it("prints the golden JSON with --json and exits 0", () => {
    expect(jsonRun.code).toBe(0);
    expect(jsonRun.err).toBe("");
    expect(`${JSON.stringify(json, null, 2)}\n`).toBe(readFileSync(JSON_GOLDEN, "utf8"));
  });

  it("compiles the four scenes of the ad, in file order, for kling-o3", () => {
    expect(json.scenes.map((s) => s.name)).toEqual(["hook", "demo", "proof", "cta"]);
    expect(json.scenes.every((s) => s.target === "kling-o3" && s.file === RELATIVE)).toBe(true);
  });

  it("keeps every prompt within its budget, counted in code points", () => {
    for (const scene of json.scenes) {
      expect(scene.budget, scene.name).not.toBeNull();
      const budget = scene.budget as number;
      const texts = scene.shots ? scene.shots.map((s) => s.prompt) : [scene.prompt as string];
      for (const text of texts) expect(codePoints(text), scene.name).toBeLessThanOrEqual(budget);
    }
    expect(json.scenes.find((s) => s.name === "proof")?.budget).toBe(600);
    expect(json.scenes.filter((s) => s.name !== "proof").map((s) => s.budget)).toEqual([
      2500, 2500, 2500,
    ]);
  });

  it("reports chars as the prompt's length in code points (the longest shot for a multi-shot scene)", () => {
    for (const scene of json.scenes) {
      if (scene.shots) {
        for (const shot of scene.shots)
          expect(shot.chars, `${scene.name}/${shot.name}`).toBe(codePoints(shot.prompt));
        expect(scene.chars).toBe(Math.max(...scene.shots.map((s) => s.chars)));
      } else {
        expect(scene.chars, scene.name).toBe(codePoints(scene.prompt as string));
      }
    }
  });

  it("sends the request kling-o3 takes: O3 pro endpoint, image_url, string durations, a boolean audio flag, no legacy fields", () => {
    for (const scene of json.scenes) {
      expect(scene.request?.endpoint).toBe("fal-ai/kling-video/o3/pro/image-to-video");
      const input = scene.request?.input ?? {};
      expect(typeof input["image_url"]).toBe("string");
      expect(typeof input["duration"]).toBe("string");
      expect(input["generate_audio"]).toBe(true);
      for (const legacy of ["negative_prompt", "cfg_scale", "aspect_ratio", "start_image_url"])
        expect(input).not.toHaveProperty(legacy);
      if (!scene.shots) expect(input["prompt"]).toBe(scene.prompt);
    }
  });

  it("emits the multi-shot demo as multi_prompt with shot_type customize and prompt null", () => {
    const demo = json.scenes.find((s) => s.name === "demo") as JsonScene;
    expect(demo.prompt).toBeNull();
    expect(demo.shots?.map((s) => [s.name, s.duration])).toEqual([
      ["open", 3],
      ["apply", 4],
      ["glow", 3],
    ]);
    const input = demo.request?.input ?? {};
    expect(input).not.toHaveProperty("prompt");
    expect(input["shot_type"]).toBe("customize");
    expect(input["multi_prompt"]).toEqual(
      demo.shots?.map((s) => ({ prompt: s.prompt, duration: String(s.duration) })),
    );
    expect(input["end_image_url"]).toBe("https://cdn.example.com/glow/demo-end.png");
    // The shots add up to the scene's length.
    expect(input["duration"]).toBe("10");
    // The scene's character opens every shot's prompt, and the spoken line is labelled with the character's name.
    for (const shot of demo.shots ?? [])
      expect(shot.prompt.startsWith("Maya, late twenties, curly brown shoulder-length hair")).toBe(
        true,
      );
    expect(demo.shots?.[1]?.prompt).toContain('[Maya]: "Two drops, every morning."');
  });

  it("lists what the budget cost the proof scene: section, tier, text and chars of every dropped unit", () => {
    const proof = json.scenes.find((s) => s.name === "proof") as JsonScene;
    expect(proof.dropped).toEqual([
      {
        section: "realism",
        tier: 3,
        text: "Casual vertical phone video look with slight compression and auto-exposure shifts.",
        chars: 82,
      },
      {
        section: "continuity",
        tier: 3,
        text: "Living room with plants and a beige sofa, consistent with a real home.",
        chars: 70,
      },
      { section: "avoid", tier: 3, text: "extra fingers", chars: 13 },
      { section: "avoid", tier: 3, text: "distorted hands", chars: 15 },
    ]);
    const prompt = proof.prompt as string;
    for (const d of proof.dropped) {
      expect(d.chars).toBe(codePoints(d.text));
      expect(prompt).not.toContain(d.text);
      // Nothing was dropped that would still have fitted: a sentence costs a space, a later avoid term ", ".
      const cost = d.section === "avoid" ? 2 + d.chars : 1 + d.chars;
      expect(proof.chars + cost).toBeGreaterThan(600);
    }
    // Tiers 1 and 2 are all there; the avoid clause keeps the terms that fit and still ends the prompt.
    expect(prompt).toContain('Voiceover: "Three weeks in and my skin has never looked this even."');
    expect(prompt).toContain("Late afternoon sun through blinds, warm stripes across the wall.");
    expect(prompt.endsWith("Avoid: blur, cartoon, 3D render.")).toBe(true);
    // The other scenes lose nothing.
    expect(json.scenes.filter((s) => s.name !== "proof").every((s) => s.dropped.length === 0)).toBe(
      true,
    );
  });

  it("warns about the demo's end image beside shots (disputed) and the proof scene's dropped content, and about nothing else", () => {
    expect(json.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.ruleId}`)).toEqual([
      "27:3 warning disputed-capability",
      "54:7 warning dropped-content",
    ]);
    expect(prompts.err).toContain(`${sourceArg()}:27:3  warning  `);
    expect(prompts.err).toContain(`${sourceArg()}:54:7  warning  `);
  });

  it("ends every prompt with the one Avoid clause, its terms deduplicated", () => {
    const texts = json.scenes.flatMap((s) =>
      s.shots ? s.shots.map((x) => x.prompt) : [s.prompt as string],
    );
    for (const text of texts) {
      expect(text.match(/Avoid: /g)).toHaveLength(1);
      const clause = /Avoid: ([^.]*)\.$/.exec(text)?.[1];
      expect(clause, text).toBeDefined();
      const terms = (clause as string).split(", ").map((t) => t.toLowerCase());
      expect(new Set(terms).size).toBe(terms.length);
    }
  });
});
