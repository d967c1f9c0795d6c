import { describe, expect, it } from "vitest";
import { duplicateSection } from "../../rules/duplicate-section.js";
import { compileScenes } from "../../src/emit/scenes.js";
import type { Diagnostic } from "../../src/language/diagnostics.js";
import { fix } from "../../src/lint/fix.js";
import { ruleHarness } from "./harness.js";

const rules = [duplicateSection];
const { found, brief } = ruleHarness(duplicateSection);

const IMAGE = 'image "https://x.test/a.png"';

/** A finding with where its related "first" statement stands, which the message itself leaves out. */
function briefRelated(d: Diagnostic): string {
  const first = d.related?.[0];
  return `${brief(d)} (first ${first?.line}:${first?.column})`;
}

describe("duplicate-section", () => {
  it("keeps the first statement's position out of the message, in the related field", () => {
    const source = `${IMAGE}\ncamera "A."\ncamera "B."\n`;
    const [d] = found(source);
    expect(d?.message).not.toMatch(/\d+:\d+/);
    expect(d?.related).toEqual([
      {
        message: "the first 'camera'",
        file: undefined,
        line: 2,
        column: 1,
        endLine: 2,
        endColumn: 12,
        offset: 29,
        endOffset: 40,
      },
    ]);
  });

  it("reports the second camera of a scene at the repeat, naming where the first stands", () => {
    const source = [
      "scene demo {",
      `  ${IMAGE}`,
      '  camera "Slow push-in."',
      '  action "Maya waves."',
      '  camera "Handheld."',
      "}",
      "",
    ].join("\n");
    const [d, ...rest] = found(source);
    expect(rest).toEqual([]);
    expect(briefRelated(d as Diagnostic)).toBe(
      "5:3 'camera' is already given in scene 'demo'; the first stays in force and this one is ignored (first 3:3)",
    );
    expect(d?.severity).toBe("warning");
    expect(d?.endLine).toBe(5);
    expect(d?.endColumn).toBe(21);
    expect(d?.fix).toBeUndefined();
  });

  it("is right that the first stays in force: the prompt holds the first camera only", () => {
    const source = [
      "scene demo {",
      `  ${IMAGE}`,
      '  camera "Slow push-in."',
      '  action "Maya waves."',
      '  camera "Handheld."',
      "}",
      "",
    ].join("\n");
    const prompt = compileScenes(source).scenes[0]?.prompt ?? "";
    expect(prompt).toContain("Slow push-in.");
    expect(prompt).not.toContain("Handheld.");
  });

  it("has no fix: fixing leaves the text as it is", () => {
    const source = `${IMAGE}\nlighting "Window light."\nlighting "Neon."\n`;
    expect(found(source).length).toBe(1);
    expect(fix(source, { rules }).output).toBe(source);
  });

  it("names an implicit scene after the file, and 'scene' without a file name", () => {
    const source = `${IMAGE}\nproduct "A bottle."\nproduct "A jar."\n`;
    expect(found(source, { filename: "shots/kitchen.kp" }).map(briefRelated)).toEqual([
      "3:1 'product' is already given in scene 'kitchen'; the first stays in force and this one is ignored (first 2:1)",
    ]);
    expect(found(source).map((d) => d.message)).toEqual([
      "'product' is already given in scene 'scene'; the first stays in force and this one is ignored",
    ]);
  });

  it("reports repeats in the project once, however many scenes inherit them", () => {
    const source = [
      'project {\n  realism "Film grain."\n  realism "Clean digital."\n}',
      `scene a {\n  ${IMAGE}\n}`,
      `scene b {\n  ${IMAGE}\n}`,
      "",
    ].join("\n");
    expect(found(source).map(briefRelated)).toEqual([
      "3:3 'realism' is already given in the project; the first stays in force and this one is ignored (first 2:3)",
    ]);
  });

  it("reports repeats in a shot, naming the shot by name or number", () => {
    const source = [
      "scene demo {",
      `  ${IMAGE}`,
      '  shot { duration 4s; duration 6s; action "A." }',
      '  shot close { camera "Tight."; camera "Wide." }',
      "}",
      "",
    ].join("\n");
    expect(found(source).map(briefRelated)).toEqual([
      "3:23 'duration' is already given in shot 1 of scene 'demo'; the first stays in force and this one is ignored (first 3:10)",
      "4:33 'camera' is already given in shot 'close' of scene 'demo'; the first stays in force and this one is ignored (first 4:16)",
    ]);
  });

  it("reports every setting given twice, each repeat pointing at the first", () => {
    const settings = [
      "engine kling-o3",
      IMAGE,
      'end_image "https://x.test/b.png"',
      "duration 5s",
      "quality pro",
      "aspect 9:16",
      "budget 1500",
    ];
    const source = [...settings, ...settings, 'action "A."', ""].join("\n");
    const diagnostics = found(source);
    expect(diagnostics.map((d) => `${d.line}:${d.column}`)).toEqual([
      "8:1",
      "9:1",
      "10:1",
      "11:1",
      "12:1",
      "13:1",
      "14:1",
    ]);
    expect(diagnostics.map((d) => d.message.split(" is already")[0])).toEqual(
      settings.map((s) => `'${s.split(" ")[0]}'`),
    );
    expect(diagnostics[3]?.message).toBe(
      "'duration' is already given in scene 'scene'; the first stays in force and this one is ignored",
    );
  });

  it("calls the audio setting 'audio on|off'", () => {
    const source = `engine sora-2\n${IMAGE}\naudio on\naudio off\n`;
    expect(found(source).map(briefRelated)).toEqual([
      "4:1 'audio on|off' is already given in scene 'scene'; the first stays in force and this one is ignored (first 3:1)",
    ]);
  });

  it("points a third repeat at the first as well", () => {
    const source = `${IMAGE}\ncamera "A."\ncamera "B."\ncamera "C."\n`;
    expect(found(source).map(briefRelated)).toEqual([
      "3:1 'camera' is already given in scene 'scene'; the first stays in force and this one is ignored (first 2:1)",
      "4:1 'camera' is already given in scene 'scene'; the first stays in force and this one is ignored (first 2:1)",
    ]);
  });

  it("does not report a scene replacing the project's setting or section", () => {
    const source = [
      'project {\n  engine veo-3.1\n  camera "Tripod."\n  duration 4s\n}',
      `scene a {\n  engine kling-o3\n  ${IMAGE}\n  camera "Dolly."\n  duration 5s\n}`,
      "",
    ].join("\n");
    expect(found(source)).toEqual([]);
  });

  it("does not report what may repeat: actions, characters, audio sections, continuity and avoid", () => {
    const source = [
      "scene hook {",
      `  ${IMAGE}`,
      "}",
      "scene demo {",
      `  ${IMAGE}`,
      '  character maya "Maya."',
      '  character leo "Leo."',
      '  action "Maya waves."',
      '  action "Leo laughs."',
      '  audio "Birdsong."',
      '  audio { music "Lo-fi." }',
      '  continuity from=hook "Same kitchen."',
      '  continuity "Same light."',
      "  avoid blur",
      "  avoid cartoon",
      "}",
      "",
    ].join("\n");
    expect(found(source)).toEqual([]);
  });

  it("reports a second brands list, whose names still count", () => {
    const source = `${IMAGE}\nbrands "GlowLab"\nbrands "Serumix"\naction "A."\n`;
    expect(found(source).map(briefRelated)).toEqual([
      "3:1 'brands' is already given in scene 'scene'; both lists count: merge them into one (first 2:1)",
    ]);
  });

  it("is the same on every target", () => {
    for (const engine of ["kling-o3", "kling-v3", "sora-2", "veo-3.1"]) {
      const source = `engine ${engine}\n${IMAGE}\nlighting "A."\nlighting "B."\n`;
      expect(found(source).map(briefRelated)).toEqual([
        "4:1 'lighting' is already given in scene 'scene'; the first stays in force and this one is ignored (first 3:1)",
      ]);
    }
  });
});
