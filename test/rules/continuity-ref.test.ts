import { describe, expect, it } from "vitest";
import { continuityRef } from "../../rules/continuity-ref.js";
import type { Diagnostic } from "../../src/language/diagnostics.js";
import { fix } from "../../src/lint/fix.js";
import { ruleHarness } from "./harness.js";

const rules = [continuityRef];
const { found, brief } = ruleHarness(continuityRef);

const IMAGE = 'image "https://x.test/a.png"';

/** Scenes hook, demo and outro; `demoLines` go into demo. */
function file(demoLines: string[], projectLines: string[] = []): string {
  return [
    ...(projectLines.length > 0 ? ["project {", ...projectLines.map((l) => `  ${l}`), "}"] : []),
    `scene hook {\n  ${IMAGE}\n}`,
    ["scene demo {", `  ${IMAGE}`, ...demoLines.map((l) => `  ${l}`), "}"].join("\n"),
    `scene outro {\n  ${IMAGE}\n}`,
    "",
  ].join("\n");
}

describe("continuity-ref", () => {
  it("reports a misspelt scene name at the name, with a did-you-mean", () => {
    const source = file(['continuity from=hok "Same outfit."']);
    const [d, ...rest] = found(source);
    expect(rest).toEqual([]);
    expect(brief(d as Diagnostic)).toBe(
      "6:19 continuity from=hok names no scene of this file; did you mean 'hook'?",
    );
    expect(d?.endColumn).toBe(22);
    expect(d?.severity).toBe("error");
    expect(d?.fix).toBeUndefined();
  });

  it("suggests a name that differs only in case", () => {
    expect(found(file(['continuity from=Hook "Same outfit."'])).map((d) => d.message)).toEqual([
      "continuity from=Hook names no scene of this file; did you mean 'hook'?",
    ]);
  });

  it("lists the other scenes when no name is close", () => {
    expect(found(file(['continuity from=kitchen "Same room."'])).map((d) => d.message)).toEqual([
      "continuity from=kitchen names no scene of this file (its scenes: hook, outro)",
    ]);
  });

  it("accepts a name written as a string", () => {
    expect(found(file(['continuity from="hook" "Same outfit."']))).toEqual([]);
    expect(found(file(['continuity from="hoook" "Same outfit."'])).map((d) => d.message)).toEqual([
      "continuity from=hoook names no scene of this file; did you mean 'hook'?",
    ]);
  });

  it("accepts another scene of the file, before or after", () => {
    expect(
      found(file(['continuity from=hook "Same outfit."', 'continuity from=outro "Same light."'])),
    ).toEqual([]);
  });

  it("reports a scene that continues itself", () => {
    expect(found(file(['continuity from=demo "Same outfit."'])).map(brief)).toEqual([
      "6:19 continuity from=demo names scene 'demo' itself; name the scene this one continues from",
    ]);
  });

  it("judges a shot's continuity against its scene", () => {
    const source = file([
      'shot { continuity from=demo "Same." }',
      'shot { continuity from=outr "Same." }',
      'shot { continuity from=hook "Same." }',
    ]);
    expect(found(source).map(brief)).toEqual([
      "6:26 continuity from=demo names scene 'demo' itself; name the scene this one continues from",
      "7:26 continuity from=outr names no scene of this file; did you mean 'outro'?",
    ]);
  });

  it("reports a project continuity once, not once per scene", () => {
    const source = file([], ['continuity from=hoko "Same kitchen."']);
    expect(found(source).map(brief)).toEqual([
      "2:19 continuity from=hoko names no scene of this file; did you mean 'hook'?",
    ]);
  });

  it("accepts a project continuity naming a scene, even in that scene itself", () => {
    expect(found(file([], ['continuity from=hook "Same kitchen as the hook."']))).toEqual([]);
  });

  it("in an implicit scene, takes the scene's name from the file", () => {
    const source = `${IMAGE}\ncontinuity from=kitchen "Same room."\n`;
    expect(found(source, { filename: "kitchen.kp" }).map(brief)).toEqual([
      "2:17 continuity from=kitchen names scene 'kitchen' itself; name the scene this one continues from",
    ]);
    expect(found(source).map((d) => d.message)).toEqual([
      "continuity from=kitchen names no scene of this file",
    ]);
  });

  it("ignores continuity without from= and fixes nothing", () => {
    expect(found(file(['continuity "Same outfit."']))).toEqual([]);
    const source = file(['continuity from=hok "Same outfit."']);
    expect(fix(source, { rules }).output).toBe(source);
  });

  it("is the same on every target", () => {
    for (const engine of ["kling-o3", "kling-v3", "sora-2", "veo-3.1"]) {
      expect(found(file([`engine ${engine}`, 'continuity from=hok "Same."'])).map(brief)).toEqual([
        "7:19 continuity from=hok names no scene of this file; did you mean 'hook'?",
      ]);
    }
  });
});
