/**
 * remarkKlingc in a user's own remark pipeline: the storyboard's problems as
 * vfile messages, at their place in the .md, printed by vfile-reporter as
 * remark-cli would print them.
 */
import remarkParse from "remark-parse";
import { unified } from "unified";
import { VFile } from "vfile";
import { reporter } from "vfile-reporter";
import { describe, expect, it } from "vitest";
import { lintMarkdown, remarkKlingc } from "../src/markdown/index.js";

const STORY = [
  "# Launch storyboard",
  "",
  "> ```kp",
  "> project {",
  ">   cfg_scale 0.5",
  "> }",
  "> ```",
  "",
  "1. The hook:",
  "",
  "   ```kp",
  "   scene hook {",
  '   \timagee "https://x.test/a.png"',
  '   \taction "Maya waves at GlowLab"',
  "   }",
  "   ```",
  "",
].join("\r\n");

async function check(value: string, options?: Parameters<typeof remarkKlingc>[0]): Promise<VFile> {
  const file = new VFile({ path: "story.md", value });
  const processor = unified().use(remarkParse).use(remarkKlingc, options);
  await processor.run(processor.parse(file), file);
  return file;
}

describe("remarkKlingc", () => {
  it("reports lintMarkdown's diagnostics as vfile messages: same ids, places, severities and docs", async () => {
    const file = await check(STORY);
    const expected = lintMarkdown(STORY, { filename: "story.md" });
    expect(expected.length).toBeGreaterThan(2);
    expect(
      file.messages.map((m) => [m.ruleId, m.source, m.reason, m.place, m.fatal, m.url, m.file]),
    ).toEqual(
      expected.map((d) => [d.ruleId, "klingc", d.message, d.place, d.fatal, d.url, "story.md"]),
    );
  });

  it("prints through vfile-reporter with the .md file's lines and columns", async () => {
    const report = reporter([await check(STORY)], { color: false });
    expect(report).toMatch(/^story\.md/);
    expect(report).toMatch(/5:5-5:18\s+error\s+.*\s+no-cfg-scale\s+klingc/);
    // Three spaces of the list item, then the tab: the keyword starts in column 5.
    expect(report).toMatch(
      /13:5-13:11\s+error\s+unknown keyword 'imagee'; did you mean 'image'\?\s+unknown-keyword\s+klingc/,
    );
    expect(report).toMatch(/14:12-14:35\s+info\s+.*\s+sentence-end\s+klingc/);
  });

  it("takes lint's options: config and rule severities", async () => {
    const file = await check(STORY, {
      config: { brands: ["GlowLab"], rules: { "sentence-end": { severity: "off" } } },
    });
    const ids = file.messages.map((m) => m.ruleId);
    expect(ids).toContain("brand-risk");
    expect(ids).not.toContain("sentence-end");
  });

  it("says nothing about a Markdown file without kp blocks, and reports a bad option instead of throwing", async () => {
    expect((await check("# Notes\n\n```js\nlet x;\n```\n")).messages).toEqual([]);
    const file = await check(STORY, { config: { budget: "abc" } } as never);
    expect(file.messages.find((m) => m.ruleId === "invalid-option")?.reason).toMatch(
      /option config\.budget must be a whole number/,
    );
  });
});
