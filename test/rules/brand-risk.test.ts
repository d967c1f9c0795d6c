import { describe, expect, it } from "vitest";
import { lint, type LintOptions } from "../../src/lint/engine.js";
import { fix } from "../../src/lint/fix.js";
import type { Rule } from "../../src/lint/rule.js";
import { brandRisk, findBrands } from "../../rules/brand-risk.js";
import { ruleHarness } from "./harness.js";

const rule: Rule = brandRisk;
const ID = "brand-risk";
const IMAGE = 'image "https://x.test/a.png"';
const WHY =
  "fal refuses requests its moderation flags (HTTP 422, content_policy_violation); describe the product instead of naming it";

const { found, at, underlined } = ruleHarness(rule);

const config = (brands: string[]): LintOptions => ({ config: { brands } });

describe("brand-risk: what it reports", () => {
  it("reports a brand of the scene's brands statement where it stands in the text, saying why", () => {
    const source = `${IMAGE}\nbrands "GlowLab"\naction "Maya holds up her glowlab serum."\n`;
    const diagnostics = found(source);
    expect(at(diagnostics)).toEqual(["3:27-3:34"]);
    expect(underlined(source, diagnostics)).toEqual(["glowlab"]);
    expect(diagnostics[0]?.severity).toBe("warning");
    expect(diagnostics[0]?.message).toBe(
      `the brand name "GlowLab" in action goes into the prompt; ${WHY}`,
    );
    expect(diagnostics[0]?.fix).toBeUndefined();
  });

  it("takes brands from the config, the project and the scene, and not from other scenes", () => {
    const source = [
      "project {",
      '  brands "GlowLab"',
      "}",
      "scene a {",
      `  ${IMAGE}`,
      '  brands "Serumix"',
      '  action "GlowLab, Serumix and Dermaco."',
      "}",
      "scene b {",
      `  ${IMAGE}`,
      '  action "GlowLab, Serumix and Dermaco."',
      "}",
      "",
    ].join("\n");
    expect(underlined(source, found(source, config(["Dermaco"])))).toEqual([
      "GlowLab",
      "Serumix",
      "Dermaco",
      "GlowLab",
      "Dermaco",
    ]);
    expect(at(found(source))).toEqual(["7:11-7:18", "7:20-7:27", "11:11-11:18"]);
  });

  it("matches whole words in any case, possessives included", () => {
    expect(
      findBrands("glowlab's GLOWLAB GlowLabs MyGlowLab glow-lab GlowLab.", ["GlowLab"]).map(
        (h) => h.start,
      ),
    ).toEqual([0, 10, 46]);
    expect(
      findBrands("Dr.Jart+ cream, DrXJart+", ["Dr.Jart+"]).map((h) => [h.start, h.end]),
    ).toEqual([[0, 8]]);
    expect(findBrands("anything", ["", "  "])).toEqual([]);
  });

  it("reports ™ and ® wherever they are, with no brand configured", () => {
    const source = `${IMAGE}\nproduct "HydraBoost™ serum by Lumen® Labs."\naction "Maya holds the bottle."\n`;
    const diagnostics = found(source);
    expect(at(diagnostics)).toEqual(["2:20-2:21", "2:36-2:37"]);
    expect(diagnostics[0]?.message).toBe(
      `the trademark sign "™" in product goes into the prompt; ${WHY}`,
    );
  });

  it("checks every prompt text: audio parts, spoken lines and avoid terms, names and strings", () => {
    const source = [
      IMAGE,
      'brands "GlowLab"',
      'character maya "Maya."',
      'action "Maya waves."',
      "audio {",
      '  dialogue maya "I love GlowLab!"',
      '  music "GlowLab jingle."',
      "}",
      'avoid GlowLab, "GlowLab logo"',
      "",
    ].join("\n");
    const diagnostics = found(source);
    expect(at(diagnostics)).toEqual(["6:25-6:32", "7:10-7:17", "9:7-9:14", "9:17-9:24"]);
    expect(diagnostics.map((d) => d.message.slice(0, d.message.indexOf(" goes")))).toEqual([
      "the brand name \"GlowLab\" in dialogue of 'maya'",
      'the brand name "GlowLab" in audio music',
      'the brand name "GlowLab" in avoid',
      'the brand name "GlowLab" in avoid',
    ]);
  });

  it("does not report the brands statement itself, nor text with no brand", () => {
    expect(
      found(
        `${IMAGE}\nbrands "GlowLab", "Serumix"\naction "Maya holds an amber dropper bottle."\n`,
      ),
    ).toEqual([]);
  });

  it("reports a project section once, however many scenes inherit it", () => {
    const source = [
      "project {",
      '  product "A GlowLab bottle."',
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
      '    camera "Close on the GlowLab cap."',
      "  }",
      "}",
      "",
    ].join("\n");
    expect(at(found(source, config(["GlowLab"])))).toEqual(["2:14-2:21", "13:26-13:33"]);
  });

  it("maps positions through escapes and block strings, counting columns in code points", () => {
    const escaped = `${IMAGE}\naction "\\"Hi\\" \\u{1F600} 😀 GlowLab."\n`;
    expect(underlined(escaped, found(escaped, config(["GlowLab"])))).toEqual(["GlowLab"]);
    expect(at(found(escaped, config(["GlowLab"])))).toEqual(["2:28-2:35"]);
    const block = `${IMAGE}\naction """\n  Maya holds\n  the GlowLab bottle.\n  """\n`;
    expect(at(found(block, config(["GlowLab"])))).toEqual(["4:7-4:14"]);
  });

  it("has no fix", () => {
    const source = `${IMAGE}\naction "Maya opens a Serumix jar."\n`;
    const result = fix(source, { rules: [rule], ...config(["Serumix"]) });
    expect(result.output).toBe(source);
    expect(result.remaining.map((d) => d.ruleId)).toEqual([ID]);
  });
});

describe("brand-risk: facts of the scene's own target", () => {
  it("names fal's 422 only where every scene goes to fal", () => {
    const onSora = lint(
      'engine sora-2\nimage "https://x.test/a.png"\naction "Maya opens a GlowLab jar."\nbrands "GlowLab"\n',
      { rules: [brandRisk] },
    );
    expect(onSora[0]?.message).toMatch(/the service refuses requests its moderation flags/);
    expect(onSora[0]?.message).not.toMatch(/fal|422/);
    const onKling = lint(
      'image "https://x.test/a.png"\naction "Maya opens a GlowLab jar."\nbrands "GlowLab"\n',
      { rules: [brandRisk] },
    );
    expect(onKling[0]?.message).toMatch(/HTTP 422/);
  });
});
