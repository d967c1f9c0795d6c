import { describe, expect, it } from "vitest";
import { fix } from "../../src/lint/fix.js";
import type { Rule } from "../../src/lint/rule.js";
import { findNegations, negationPhrasing } from "../../rules/negation-phrasing.js";
import { ruleHarness } from "./harness.js";

const rule: Rule = negationPhrasing;
const ID = "negation-phrasing";
const IMAGE = 'image "https://x.test/a.png"';

const { found, at, underlined } = ruleHarness(rule);

function suggestions(text: string): [string, string[]][] {
  return findNegations(text).map((n) => [n.phrase, n.terms]);
}

describe("negation-phrasing: what it reports", () => {
  it("underlines the negation inside the string and suggests the avoid term", () => {
    const source = `${IMAGE}\naction "Maya holds the bottle, no text overlays."\n`;
    const diagnostics = found(source);
    expect(at(diagnostics)).toEqual(["2:32-2:48"]);
    expect(underlined(source, diagnostics)).toEqual(["no text overlays"]);
    expect(diagnostics[0]?.severity).toBe("warning");
    expect(diagnostics[0]?.message).toBe(
      '"no text overlays" in action names what it rules out, and video models tend to render what is named; write avoid "text overlays" instead',
    );
    expect(diagnostics[0]?.fix).toBeUndefined();
  });

  it("knows no, without, never, don't, do not, doesn't, does not and a sentence-initial avoid", () => {
    expect(suggestions("Static framing without any zoom or pans.")).toEqual([
      ["without any zoom or pans", ["zoom or pans"]],
    ]);
    expect(suggestions("Never look at the camera and smile.")).toEqual([
      ["Never look at the camera", []],
    ]);
    expect(suggestions("Don't show logos. Do not cut away!")).toEqual([
      ["Don't show logos", ["logos"]],
      ["Do not cut away", []],
    ]);
    expect(suggestions("The camera doesn’t move; the light does not flicker.")).toEqual([
      ["doesn’t move", []],
      ["does not flicker", []],
    ]);
    expect(suggestions("Soft light. Avoid harsh shadows.")).toEqual([
      ["Avoid harsh shadows", ["harsh shadows"]],
    ]);
    expect(suggestions("NO BLUR")).toEqual([["NO BLUR", ["BLUR"]]]);
  });

  it("suggests an avoid term only when a clean noun phrase follows the negation", () => {
    // A verb negation names an action, not a thing: avoid "change" would be nonsense.
    expect(suggestions("The logo does not change.")).toEqual([["does not change", []]]);
    expect(suggestions("Maya never blinks.")).toEqual([["never blinks", []]]);
    expect(suggestions("Don't show it.")).toEqual([["Don't show it", []]]);
    expect(suggestions("Don't include any watermark.")).toEqual([
      ["Don't include any watermark", ["watermark"]],
    ]);
    expect(suggestions("The bottle doesn't have a label.")).toEqual([
      ["doesn't have a label", ["label"]],
    ]);
    const source = `${IMAGE}\naction "The logo does not change."\n`;
    const diagnostics = found(source);
    expect(underlined(source, diagnostics)).toEqual(["does not change"]);
    expect(diagnostics[0]?.message).toBe(
      '"does not change" in action is a negation, and video models tend to render what a prompt mentions; describe what should happen instead, and put anything that must stay out of the video in avoid',
    );
    expect(diagnostics[0]?.message).not.toMatch(/avoid "/);
  });

  it("turns an 'Avoid:' list into one suggestion with every term", () => {
    const source = `${IMAGE}\nrealism "Photoreal. Avoid: blur, glare and lens flare."\n`;
    const diagnostics = found(source);
    expect(underlined(source, diagnostics)).toEqual(["Avoid: blur, glare and lens flare"]);
    expect(diagnostics[0]?.message).toMatch(/write avoid "blur", "glare", "lens flare" instead$/);
  });

  it("stops the negated phrase at punctuation, a clause word or six words", () => {
    expect(suggestions("no blur and the camera pans left")).toEqual([["no blur", ["blur"]]]);
    expect(suggestions("Maya's smile, no glasses, soft light")).toEqual([
      ["no glasses", ["glasses"]],
    ]);
    expect(suggestions("without one two three four five six seven")).toEqual([
      ["without one two three four five six", ["one two three four five six"]],
    ]);
  });

  it("leaves idioms, compounds, other words and narration alone", () => {
    for (const text of [
      "No one moves. No longer blurry. No matter what. No more than two people.",
      "A no-makeup look.",
      "A piano, nothing, know, snow, Nobody, casino, avoidance, nevermore.",
      "Maya tries to avoid the puddle. She avoids eye contact.",
      "no. No, no!",
      "without the",
    ]) {
      expect(suggestions(text), text).toEqual([]);
    }
  });

  it("skips quoted speech inside any text", () => {
    expect(
      suggestions(
        `She says 'No way, don't!' and laughs. He shouts "never again". “No more” she says; ‘no thanks’.`,
      ),
    ).toEqual([]);
    const source = `${IMAGE}\naction "Maya laughs."\naudio "Maya says \\"no way\\" to camera, no music."\n`;
    expect(underlined(source, found(source))).toEqual(["no music"]);
  });

  it("does not look at dialogue and voiceover lines, nor at avoid lists", () => {
    const source = [
      IMAGE,
      'character maya "Maya."',
      'action "Maya laughs."',
      "audio {",
      '  dialogue maya "No, I never skip it!"',
      '  voiceover "Without a doubt, no other serum."',
      '  music "Lo-fi beat, no vocals."',
      '  tone "Warm, never pushy."',
      "}",
      'avoid "no text", never',
      "",
    ].join("\n");
    const diagnostics = found(source);
    expect(at(diagnostics)).toEqual(["7:22-7:31", "8:15-8:26"]);
    expect(
      diagnostics.map((d) => d.message.slice(0, d.message.search(/ (names|is a negation)/))),
    ).toEqual(['"no vocals" in audio music', '"never pushy" in audio tone']);
  });

  it("maps the range through escapes", () => {
    const source = `${IMAGE}\naction "Tab\\there, \\u{1F600} \\"quoted\\" then no logos."\n`;
    const diagnostics = found(source);
    expect(underlined(source, diagnostics)).toEqual(["no logos"]);
    expect(at(diagnostics)).toEqual(["2:46-2:54"]);
  });

  it("points into a block string on the right line, across a line break", () => {
    const source = `${IMAGE}\naction """\n  Maya turns slowly,\n  without\n    cutting away.\n  """\n`;
    const diagnostics = found(source);
    expect(at(diagnostics)).toEqual(["4:3-5:17"]);
    expect(diagnostics[0]?.message).toBe(
      '"without cutting away" in action names what it rules out, and video models tend to render what is named; write avoid "cutting away" instead',
    );
  });

  it("counts columns in code points", () => {
    expect(at(found(`${IMAGE}\naction "😀😀 Maya, no blur."\n`))).toEqual(["2:18-2:25"]);
  });

  it("reports every negation of a text, and each section statement once however many scenes inherit it", () => {
    const source = [
      "project {",
      '  camera "No zoom, no pans."',
      "}",
      "scene a {",
      `  ${IMAGE}`,
      '  action "Maya waves."',
      "}",
      "scene b {",
      `  ${IMAGE}`,
      '  action "Maya nods."',
      "  shot one {",
      "    duration 5s",
      '    action "Never blink."',
      "  }",
      "}",
      "",
    ].join("\n");
    expect(underlined(source, found(source))).toEqual(["No zoom", "no pans", "Never blink"]);
  });

  it("offers no fix: fix leaves the text as it is", () => {
    const source = `${IMAGE}\naction "Maya waves, no blur."\n`;
    const result = fix(source, { rules: [rule] });
    expect(result.output).toBe(source);
    expect(result.applied).toEqual([]);
    expect(result.remaining.map((d) => d.ruleId)).toEqual([ID]);
  });
});
