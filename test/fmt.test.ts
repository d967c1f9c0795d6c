/**
 * The formatter's layout, case by case. Every expected text below was
 * written by hand from the rules (two-space indent, one statement a
 * line, settings before sections in the keyword table's order, a blank line
 * between scenes, canonical quoting, block strings for long or multi-line
 * section text, comments with the statement they precede).
 */
import { describe, expect, it } from "vitest";
import { format, MAX_WIDTH } from "../src/fmt/format.js";
import { compiledOf, lintedOf, modelOf } from "./support/fmt-meaning.js";

function formatted(source: string): string {
  const { output, diagnostics } = format(source);
  expect(diagnostics).toEqual([]);
  return output;
}

describe("format", () => {
  it("puts settings before sections, each in the table's order, one statement a line", () => {
    const source =
      'avoid blur,cartoon\naction "Two." ; image "https://cdn.example.com/a.png"\ncamera   "Wide."\nduration 5s\naction "Three."\ncharacter maya "Maya."\n';
    expect(formatted(source)).toBe(
      [
        'image "https://cdn.example.com/a.png"',
        "duration 5s",
        'character maya "Maya."',
        'action "Two."',
        'action "Three."',
        'camera "Wide."',
        "avoid blur, cartoon",
        "",
      ].join("\n"),
    );
  });

  it("indents blocks by two spaces, puts the project first and a blank line between scenes", () => {
    const source = [
      'scene b { image "https://cdn.example.com/b.png"; action "B." }',
      "scene a {",
      '      action "A."',
      '  audio { dialogue maya "Hi"; tone "warm" }',
      '    shot one { action "One." }',
      "    duration 5s",
      "}",
      "project { quality pro }",
      "",
    ].join("\n");
    expect(formatted(source)).toBe(
      [
        "project {",
        "  quality pro",
        "}",
        "",
        "scene b {",
        '  image "https://cdn.example.com/b.png"',
        '  action "B."',
        "}",
        "",
        "scene a {",
        "  duration 5s",
        '  action "A."',
        "  audio {",
        '    dialogue maya "Hi"',
        '    tone "warm"',
        "  }",
        "",
        "  shot one {",
        '    action "One."',
        "  }",
        "}",
        "",
      ].join("\n"),
    );
  });

  it("keeps each comment with the statement it precedes, after its statement on the same line, or at the end of its block", () => {
    const source = [
      "// The file's header.",
      "",
      "scene a { // after the brace",
      "  // about the action",
      '  action /* inside */ "A."',
      '  image "https://cdn.example.com/a.png" // trailing',
      "  // at the end",
      "}",
      "// the very end",
      "",
    ].join("\n");
    expect(formatted(source)).toBe(
      [
        "// The file's header.",
        "",
        "scene a { // after the brace",
        '  image "https://cdn.example.com/a.png" // trailing',
        "  // about the action",
        "  /* inside */",
        '  action "A."',
        "  // at the end",
        "}",
        "",
        "// the very end",
        "",
      ].join("\n"),
    );
  });

  it("writes strings one way: escapes by name, block strings for multi-line and long section text", () => {
    const long =
      "Maya, late twenties, curly brown shoulder-length hair, cream knit sweater, light freckles, warm smile.";
    const source = [
      `lighting """Soft light."""`,
      `action "She says \\"hi\\"\\ta\\u{7}"`,
      `camera "Line one.\\nLine two."`,
      `character maya "${long}"`,
      `image "https://cdn.example.com/${"a".repeat(120)}.png"`,
      "",
    ].join("\n");
    expect(formatted(source)).toBe(
      [
        `image "https://cdn.example.com/${"a".repeat(120)}.png"`,
        'character maya """',
        `  ${long}`,
        '"""',
        'action "She says \\"hi\\"\\ta\\u{7}"',
        'camera """',
        "  Line one.",
        "  Line two.",
        '"""',
        'lighting "Soft light."',
        "",
      ].join("\n"),
    );
    expect(`character maya "${long}"`.length).toBeGreaterThan(MAX_WIDTH);
  });

  it("keeps a value a block string cannot hold as it is in a quoted string", () => {
    // Every line starts with spaces: a block string would lose them to dedenting.
    const source =
      'realism "  one\\n  two"\naction """\n  Say \\"\\"\\" and \\\\.\n  Next.\n  """\n';
    const output = formatted(source);
    expect(output).toBe(
      'action """\n  Say \\"\\"\\" and \\\\.\n  Next.\n"""\nrealism "  one\\n  two"\n',
    );
    expect(modelOf(output)).toEqual(modelOf(source));
  });

  it("keeps the author's commas between arguments, spaced one way", () => {
    expect(formatted('brands "A" "B",  "C"\navoid blur ,cartoon,\n  grain\n')).toBe(
      'brands "A" "B", "C"\navoid blur, cartoon, grain\n',
    );
  });

  it("keeps the order inside audio blocks and of repeated sections, which is the prompt's", () => {
    const source =
      'action "B."\naction "A."\naudio {\n  tone "warm"\n  music "piano"\n  dialogue maya "Hi."\n}\n';
    expect(formatted(source)).toBe(source);
  });

  it("keeps legacy statements in their order: the last image statement wins", () => {
    const source =
      'engine kling-v3\nstart_image_url "https://cdn.example.com/1.png"\nstart_image "https://cdn.example.com/2.png"\naction "A."\n';
    const output = formatted(source);
    expect(output).toBe(source);
    expect(compiledOf(output)).toEqual(compiledOf(source));
  });

  it("keeps an unknown statement after the one it followed", () => {
    expect(formatted('action "A."\ncamra "Wide."\nimage "https://cdn.example.com/a.png"\n')).toBe(
      'image "https://cdn.example.com/a.png"\naction "A."\ncamra "Wide."\n',
    );
  });

  it("keeps the file's line endings and byte-order mark", () => {
    expect(formatted('\ufeffaction "A." ; duration 5s\r\ncamera "C."\r\n')).toBe(
      '\ufeffduration 5s\r\naction "A."\r\ncamera "C."\r\n',
    );
  });

  it("writes an empty block on one line and an empty file as empty", () => {
    expect(formatted("scene a {\n\n}\n")).toBe("scene a {}\n");
    expect(formatted("\n\n")).toBe("");
    expect(formatted("// only a comment   \n")).toBe("// only a comment\n");
  });

  it("leaves a file with a syntax error alone and says why", () => {
    const source = 'scene a {\n  action "unterminated\n}\n';
    const { output, diagnostics } = format(source, { filename: "a.kp" });
    expect(output).toBe(source);
    expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId}`)).toEqual([
      "a.kp:2:10 syntax",
    ]);
  });

  it("formats a file with other errors (they are lint's to report)", () => {
    expect(formatted('scene a { imgae "x" }\nscene a {}\n')).toBe(
      'scene a {\n  imgae "x"\n}\n\nscene a {}\n',
    );
  });

  it("never throws on options that are not options", () => {
    const { output, diagnostics } = format('action "A."', 42 as never);
    expect(output).toBe('action "A."\n');
    expect(diagnostics.map((d) => d.ruleId)).toEqual(["invalid-option"]);
    expect(format(undefined as never).output).toBe("");
  });
});

describe("format and lint directives", () => {
  it("keeps a statement a directive is about on its lines, and moves a next-line directive above the statement it is about", () => {
    const long =
      "She holds the GlowLab bottle up to the window and turns it so the label catches the light.";
    const source = [
      `brands "GlowLab"`,
      `action "A." // klingc-disable-next-line brand-risk`,
      `character maya "${long}"`,
      "",
    ].join("\n");
    expect(formatted(source)).toBe(
      [
        `brands "GlowLab"`,
        "// klingc-disable-next-line brand-risk",
        `character maya "${long}"`,
        'action "A."',
        "",
      ].join("\n"),
    );
  });

  it("puts long section text before a property in a block string too", () => {
    const long = "x".repeat(MAX_WIDTH);
    expect(formatted(`character maya "${long}" human=false\n`)).toBe(
      `character maya """\n  ${long}\n""" human=false\n`,
    );
  });
});

describe("format and directives on a line of several statements", () => {
  it("repeats a line directive for each statement of the line it names", () => {
    const source =
      'brands "GlowLab"\n// klingc-disable-next-line brand-risk\nimage "https://cdn.example.com/a.png"; action "GlowLab!"\ncamera "Wide."; lighting "GlowLab light." // klingc-disable-line brand-risk\n';
    expect(formatted(source)).toBe(
      [
        "// klingc-disable-next-line brand-risk",
        'image "https://cdn.example.com/a.png"',
        'brands "GlowLab"',
        "// klingc-disable-next-line brand-risk",
        'action "GlowLab!"',
        'camera "Wide." // klingc-disable-line brand-risk',
        'lighting "GlowLab light." // klingc-disable-line brand-risk',
        "",
      ].join("\n"),
    );
    expect(lintedOf(formatted(source))).toEqual(lintedOf(source));
  });
});

describe("format: huge input", () => {
  it("puts 150,000 statements of one line each on its own line, under the line's directive (linear, and no call-stack limit on the way)", () => {
    const directive = "// klingc-disable-next-line negation-phrasing";
    const source = `scene a {\n  image "https://x.test/a.png"\n  ${directive}\n  ${'camera "Pan."; '.repeat(150_000)}\n}\n`;
    const result = format(source);
    expect(result.diagnostics).toEqual([]);
    const lines = result.output.split("\n");
    expect(lines.filter((l) => l === '  camera "Pan."')).toHaveLength(150_000);
    expect(lines.filter((l) => l === `  ${directive}`)).toHaveLength(150_000);
  });
});
