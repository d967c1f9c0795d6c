/**
 * `formatMarkdown`: a storyboard's ```kp blocks are formatted inside the
 * blocks only. The expected text was written by hand: each block in the
 * .kp layout, behind its container's prefix (`> ` in a quote, the item's
 * indentation in a list), a block with a syntax error left as it is.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatMarkdown } from "../src/fmt/markdown.js";
import { compileMarkdown, extractProject } from "../src/markdown/index.js";
import { diagnosticSummary } from "./support/fmt-meaning.js";

const STORYBOARD = [
  "# Ad",
  "",
  "Some prose, with `inline code` and a [link](https://example.com).",
  "",
  "```kp",
  'scene a { action "A." ; image "https://cdn.example.com/a.png" }',
  "```",
  "",
  "> quoted:",
  ">",
  "> ```kp",
  '> scene b { action "B."; duration 5s',
  '>   camera "Wide." }',
  "> ```",
  "",
  "- item",
  "",
  "  ```kp",
  "  scene c {",
  '  action "C"',
  "  }",
  "  ```",
  "",
  "```kp",
  'scene d { action "unterminated',
  "}",
  "```",
  "",
].join("\n");

function outside(markdown: string): string[] {
  const project = extractProject(markdown);
  let at = 0;
  const pieces = project.blocks.map((block) => {
    const piece = markdown.slice(at, block.start);
    at = block.end;
    return piece;
  });
  return [...pieces, markdown.slice(at)];
}

describe("formatMarkdown", () => {
  it("formats each kp block behind its prefix and leaves the rest (checked by hand)", () => {
    const { output, diagnostics } = formatMarkdown(STORYBOARD, { filename: "ad.md" });
    expect(output).toBe(
      [
        "# Ad",
        "",
        "Some prose, with `inline code` and a [link](https://example.com).",
        "",
        "```kp",
        "scene a {",
        '  image "https://cdn.example.com/a.png"',
        '  action "A."',
        "}",
        "```",
        "",
        "> quoted:",
        ">",
        "> ```kp",
        "> scene b {",
        ">   duration 5s",
        '>   action "B."',
        '>   camera "Wide."',
        "> }",
        "> ```",
        "",
        "- item",
        "",
        "  ```kp",
        "  scene c {",
        '    action "C"',
        "  }",
        "  ```",
        "",
        "```kp",
        'scene d { action "unterminated',
        "}",
        "```",
        "",
      ].join("\n"),
    );
    expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId}`)).toEqual([
      "ad.md:25:18 syntax",
    ]);
  });

  it("keeps a blank line inside a quoted block inside the quote", () => {
    const { output } = formatMarkdown(
      '> ```kp\n> scene a { action "A." } scene b { action "B." }\n> ```\n',
    );
    expect(output).toBe(
      '> ```kp\n> scene a {\n>   action "A."\n> }\n>\n> scene b {\n>   action "B."\n> }\n> ```\n',
    );
  });

  it("on the shipped storyboard: nothing outside the blocks changes, the meaning stays, a second run changes nothing", () => {
    const markdown = readFileSync(new URL("../fixtures/storyboard.md", import.meta.url), "utf8");
    const { output } = formatMarkdown(markdown);
    expect(output).not.toBe(markdown);
    expect(outside(output)).toEqual(outside(markdown));
    expect(formatMarkdown(output).output).toBe(output);
    const before = compileMarkdown(markdown);
    const after = compileMarkdown(output);
    expect(after.scenes).toEqual(before.scenes);
    expect(diagnosticSummary(after.diagnostics)).toEqual(diagnosticSummary(before.diagnostics));
  });

  it("never throws on what is not text", () => {
    expect(formatMarkdown(42 as never).diagnostics.map((d) => d.ruleId)).toEqual([
      "invalid-option",
    ]);
  });
});
