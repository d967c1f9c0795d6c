/**
 * Markdown storyboards (issue 8.2): the ```kp blocks of a .md file are one
 * project in document order; every position klingc reports is in the .md
 * (tabs, CRLF, list items, block quotes), and compile of a storyboard is
 * compile of its blocks joined.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile, fix, lint, type Diagnostic } from "../src/index.js";
import {
  compileMarkdown,
  extractProject,
  fixMarkdown,
  lintMarkdown,
} from "../src/markdown/index.js";
import { toMarkdownEdit } from "../src/markdown/remap.js";
import { codeBlocks, parseMarkdown, root } from "./support/docs-markdown.js";

/** Where each diagnostic points in the Markdown, and the text it covers there. */
const places = (markdown: string, diagnostics: readonly Diagnostic[]) =>
  diagnostics.map((d) => ({
    ruleId: d.ruleId,
    at: `${d.line}:${d.column}-${d.endLine}:${d.endColumn}`,
    text: markdown.slice(d.offset, d.endOffset),
  }));

const QUOTED = [
  "# Story",
  "",
  "> ```kp",
  "> project {",
  ">   cfg_scale 0.5",
  '>   negative_prompt "blur"',
  "> }",
  "> ```",
  "",
  "- the first scene:",
  "",
  "  ```kp",
  "  scene a {",
  '  \timagee "https://x.test/a.png"',
  '  \taction "Maya waves"',
  "  }",
  "  ```",
  "",
];

describe("extractProject", () => {
  it("joins the kp blocks in document order, holding only their code: no container prefix, no fence", () => {
    const { source } = extractProject(QUOTED.join("\n"));
    expect(source).toBe(
      [
        "project {",
        "  cfg_scale 0.5",
        '  negative_prompt "blur"',
        "}",
        "scene a {",
        '\timagee "https://x.test/a.png"',
        '\taction "Maya waves"',
        "}",
      ].join("\n"),
    );
  });

  it("maps every offset of the code back to the same character of the Markdown, with CRLF and tabs", () => {
    for (const eol of ["\n", "\r\n"]) {
      const markdown = QUOTED.join(eol);
      const { source, map } = extractProject(markdown);
      let joins = 0;
      for (let i = 0; i < source.length; i++) {
        if (map.isCopied(i) && map.segmentAt(i)?.to !== i)
          expect(markdown[map.toMarkdown(i)], `offset ${i}`).toBe(source[i]);
        else joins++;
      }
      // The only characters not copied from the Markdown: the line break that joins the two blocks.
      expect(joins).toBe(1);
      expect(source).toContain(`cfg_scale 0.5${eol}`);
    }
  });

  it("takes a block whose container prefix swallows part of a tab without that tab", () => {
    const { source } = extractProject(">\t```kp\n>\t\tscene a {}\n>\t```\n");
    expect(source).toBe("\tscene a {}");
  });

  it("takes only blocks whose info string's language is kp, and skips indented code", () => {
    const markdown =
      "```js\nscene a {}\n```\n\n    scene b {}\n\n```kp warn\nscene c {}\n```\n\n~~~kp\nscene d {}\n~~~\n";
    expect(extractProject(markdown).source).toBe("scene c {}\nscene d {}");
  });

  it("never throws, whatever it is given", () => {
    expect(extractProject(42 as never).source).toBe("");
    expect(extractProject("```kp\n").source).toBe("");
    expect(extractProject("> ".repeat(5000) + "```kp\nscene a {}\n").source).toBe("");
  });
});

describe("positions in the Markdown", () => {
  it("puts each diagnostic on its .md line and column, inside block quotes and list items, with tabs and CRLF", () => {
    for (const eol of ["\n", "\r\n"]) {
      const markdown = QUOTED.join(eol);
      const found = places(markdown, lintMarkdown(markdown, { filename: "story.md" }));
      expect(found).toEqual([
        { ruleId: "no-cfg-scale", at: "5:5-5:18", text: "cfg_scale 0.5" },
        { ruleId: "no-negative-prompt", at: "6:5-6:27", text: 'negative_prompt "blur"' },
        { ruleId: "image-required", at: "13:9-13:10", text: "a" },
        // Column 4: two spaces of the list item, then the tab (one column).
        { ruleId: "unknown-keyword", at: "14:4-14:10", text: "imagee" },
        { ruleId: "sentence-end", at: "15:11-15:23", text: '"Maya waves"' },
      ]);
    }
  });

  it("counts a BOM as no column, and reads longer fences and tildes", () => {
    const markdown =
      "\uFEFF````kp\nscene a {\n  cfg_scale 0.5\n}\n````\n\n~~~kp\nscene b {\n  cfg_scale 0.5\n}\n~~~\n";
    const found = places(
      markdown,
      lintMarkdown(markdown).filter((d) => d.ruleId === "no-cfg-scale"),
    );
    expect(found).toEqual([
      { ruleId: "no-cfg-scale", at: "3:3-3:16", text: "cfg_scale 0.5" },
      { ruleId: "no-cfg-scale", at: "9:3-9:16", text: "cfg_scale 0.5" },
    ]);
  });

  it("puts related places in the Markdown too: a scene defined again in a later block", () => {
    const markdown =
      '```kp\nscene a {\n  action "Maya waves."\n}\n```\n\n> ```kp\n> scene a {\n>   action "Maya nods."\n> }\n> ```\n';
    const duplicate = lintMarkdown(markdown, { filename: "story.md" }).find(
      (d) => d.ruleId === "duplicate-scene",
    );
    expect(duplicate).toMatchObject({
      line: 8,
      column: 9,
      related: [{ file: "story.md", line: 2, column: 7, endLine: 2, endColumn: 8 }],
    });
    const first = duplicate?.related?.[0];
    expect(first && markdown.slice(first.offset, first.endOffset)).toBe("a");
  });

  it("says the same things as lint of the joined source, with the file's name", () => {
    const markdown = QUOTED.join("\r\n");
    const joined = lint(extractProject(markdown).source, { filename: "story.md" });
    const inMarkdown = lintMarkdown(markdown, { filename: "story.md" });
    const said = (ds: readonly Diagnostic[]) =>
      ds.map((d) => [d.ruleId, d.severity, d.message, d.file, d.url]);
    expect(said(inMarkdown)).toEqual(said(joined));
  });

  it("reports a syntax error at the end of a block in that block, not in the Markdown after it", () => {
    const markdown = 'Intro.\n\n```kp\nscene a {\n  action "x."\n```\n\nMore prose.\n';
    const [syntax] = lintMarkdown(markdown).filter((d) => d.ruleId === "syntax");
    expect(syntax?.line).toBe(5);
  });

  it("a Markdown file with no kp block is a document, not an empty storyboard; an empty kp block is an empty file", () => {
    expect(lintMarkdown("# Notes\n\nNothing to render.\n")).toEqual([]);
    expect(compileMarkdown("# Notes\n").diagnostics).toEqual([]);
    const [empty] = lintMarkdown("# Notes\n\n```kp\n// later\n```\n");
    expect(empty).toMatchObject({ ruleId: "empty-file", line: 4, column: 1 });
  });

  it("fix edits of a diagnostic are Markdown edits", () => {
    const markdown = QUOTED.join("\n");
    const cfg = lintMarkdown(markdown).find((d) => d.ruleId === "no-cfg-scale");
    // The statement's line goes; the next line's "> " goes with it, so the quote keeps one prefix a line.
    const edit = cfg?.fix?.edits[0];
    expect(edit && markdown.slice(edit.start, edit.end)).toBe("  cfg_scale 0.5\n> ");
  });

  it("drops an edit that reaches into the line break joining two blocks or spans two blocks", () => {
    const markdown = QUOTED.join("\n");
    const project = extractProject(markdown);
    const join = project.source.indexOf("}\nscene") + 1;
    expect(toMarkdownEdit(project, { start: join, end: join + 1, text: "" })).toBeNull();
    expect(toMarkdownEdit(project, { start: join - 1, end: join + 3, text: "" })).toBeNull();
    expect(toMarkdownEdit(project, { start: join + 1, end: join + 3, text: "x" })).toMatchObject({
      text: "x",
    });
    // Deleting the first block's last line with the join after it deletes the line break before it instead.
    const lastLine = project.source.lastIndexOf("\n", join - 1) + 1;
    const deletion = toMarkdownEdit(project, { start: lastLine, end: join + 1, text: "" });
    expect(deletion && markdown.slice(deletion.start, deletion.end)).toBe("\n> }");
    // Inserting at the end of the first block is inside it.
    const atEnd = toMarkdownEdit(project, { start: join, end: join, text: " // end" });
    expect(atEnd && markdown.slice(0, atEnd.start).endsWith("> }")).toBe(true);
  });
});

describe("compile of a storyboard", () => {
  const STORYBOARD = readFileSync(join(root, "fixtures", "storyboard.md"), "utf8");
  const joinedByHand = codeBlocks(parseMarkdown(STORYBOARD))
    .filter((block) => block.lang === "kp")
    .map((block) => block.value)
    .join("\n");

  it("is the compile of the same kp joined (the shipped example: a project block, two scenes, one in a list item)", () => {
    const fromMarkdown = compileMarkdown(STORYBOARD, { filename: "storyboard.md" });
    const fromKp = compile(joinedByHand, { filename: "storyboard.md" });
    expect(fromMarkdown.scenes.map((s) => s.name)).toEqual(["hook", "demo"]);
    expect(fromMarkdown.scenes).toEqual(fromKp.scenes);
    expect(fromMarkdown.scenes.every((s) => s.request !== null)).toBe(true);
    expect(lintMarkdown(STORYBOARD, { filename: "storyboard.md" })).toEqual([]);
  });

  it("reads the project block before the scenes in later blocks", () => {
    const markdown =
      '```kp\nproject {\n  engine veo-3.1\n}\n```\n\nText.\n\n```kp\nscene a {\n  image "https://x.test/a.png"\n  action "Maya waves."\n}\n```\n';
    expect(compileMarkdown(markdown).scenes[0]?.target).toBe("veo-3.1");
  });

  it("places compile's diagnostics in the Markdown", () => {
    const markdown =
      'Prose.\n\n- item\n\n  ```kp\n  scene a {\n    action "Maya waves."\n  }\n  ```\n';
    const found = places(markdown, compileMarkdown(markdown).diagnostics);
    expect(found).toEqual([{ ruleId: "no-request", at: "6:9-6:10", text: "a" }]);
  });
});

describe("fixMarkdown", () => {
  it("fixes inside the blocks, with CRLF, block quotes and list items, and leaves every other byte alone", () => {
    const markdown = QUOTED.join("\r\n");
    const { output, applied } = fixMarkdown(markdown, { filename: "story.md" });
    expect(applied.map((a) => a.ruleId).sort()).toEqual([
      "no-cfg-scale",
      "no-negative-prompt",
      "sentence-end",
      "unknown-keyword",
    ]);
    expect(output).toBe(
      [
        "# Story",
        "",
        "> ```kp",
        "> project {",
        '>   avoid "blur"',
        "> }",
        "> ```",
        "",
        "- the first scene:",
        "",
        "  ```kp",
        "  scene a {",
        '  \timage "https://x.test/a.png"',
        '  \taction "Maya waves."',
        "  }",
        "  ```",
        "",
      ].join("\r\n"),
    );
  });

  it("gives every line a fix adds the block's prefix, so the block stays in its quote", () => {
    const markdown =
      '> ```kp\n> scene a {\n>   image "https://x.test/a.png"\n>   action "Maya waves."\n>   endpoint "fal-ai/kling-video/v3/pro/image-to-video"\n> }\n> ```\n';
    const { output } = fixMarkdown(markdown);
    // legacy-endpoint writes two statements for one, on two lines.
    expect(output).toBe(
      '> ```kp\n> scene a {\n>   image "https://x.test/a.png"\n>   action "Maya waves."\n>   engine kling-o3\n>   quality pro\n> }\n> ```\n',
    );
  });

  // The V3 script of the lint fixtures, as a storyboard in each container: fixing it in the Markdown
  // makes the same code as fixing the .kp, and the Markdown around it stays.
  const LEGACY = readFileSync(join(root, "fixtures", "lint", "legacy-v3.kp"), "utf8").trimEnd();
  const CONTAINERS: [string, (line: string) => string][] = [
    ["top level", (line) => line],
    ["a block quote", (line) => `> ${line}`.trimEnd()],
    ["a list item", (line) => (line === "" ? "" : `   ${line}`)],
    ["a block quote in a list item", (line) => `  > ${line}`],
    ["a list item with tabs", (line) => (line === "" ? "" : `\t${line}`)],
  ];
  it.each(CONTAINERS)("fixes the legacy V3 script in %s as the .kp fixer would", (_, contain) => {
    for (const eol of ["\n", "\r\n"]) {
      const opener =
        contain === CONTAINERS[2]?.[1]
          ? "1. Scenes:"
          : contain === CONTAINERS[4]?.[1]
            ? "-\tScenes:"
            : contain === CONTAINERS[3]?.[1]
              ? "- Scenes:"
              : "Scenes:";
      const body = ["```kp", ...LEGACY.split("\n"), "```"].map(contain);
      const markdown = ["# Migration", "", opener, "", ...body, "", "The end.", ""].join(eol);
      const code = extractProject(markdown).source;
      expect(code).toBe(LEGACY.split("\n").join(eol));
      const fixed = fixMarkdown(markdown, { filename: "story.md" });
      expect(extractProject(fixed.output).source).toBe(fix(code, { filename: "story.kp" }).output);
      expect(fixed.applied.length).toBeGreaterThan(5);
      expect(
        fixed.output.startsWith(["# Migration", "", opener, "", contain("```kp")].join(eol)),
      ).toBe(true);
      expect(fixed.output.endsWith([contain("```"), "", "The end.", ""].join(eol))).toBe(true);
    }
  });
});
