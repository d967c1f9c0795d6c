// Documentation links stay inside the repository: a user who cloned it or
// installed the package has nothing else (in particular no ../shared), and
// every relative link names a file that exists (and, into a Markdown file, a
// heading that exists).
import { existsSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";
import {
  headingAnchors,
  linkTargets,
  markdownIn,
  parseMarkdown,
  readDoc,
  root,
} from "./support/docs-markdown.js";

const FILES = ["README.md", "grammar/README.md", ...markdownIn("docs"), ...markdownIn("rules")];

/** Why a link leaves the repository or leads nowhere, or null when it is fine. */
function linkProblem(file: string, url: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith("//"))
    return "points outside the repository";
  const hash = url.indexOf("#");
  const path = (hash < 0 ? url : url.slice(0, hash)).replace(/\?.*$/s, "");
  const anchor = hash < 0 ? "" : decodeURIComponent(url.slice(hash + 1));
  const target =
    path === "" ? join(root, file) : join(root, dirname(file), decodeURIComponent(path));
  const inside = relative(root, target);
  if (inside === ".." || inside.startsWith(`..${sep}`)) return "points outside the repository";
  if (!existsSync(target)) return "names no file of the repository";
  if (anchor === "" || !target.endsWith(".md")) return null;
  return headingAnchors(parseMarkdown(readDoc(inside))).has(anchor)
    ? null
    : `names no heading of ${inside.split(sep).join("/")}`;
}

describe("documentation links", () => {
  it("the checked files exist and hold links", () => {
    expect(markdownIn("docs")).toContain("docs/language.md");
    expect(FILES.flatMap((f) => linkTargets(parseMarkdown(readDoc(f)))).length).toBeGreaterThan(20);
  });

  it.each(FILES)("%s links only to files of the repository", (file) => {
    const text = readDoc(file);
    const bad = linkTargets(parseMarkdown(text))
      .map(({ url, line }) => ({ url, line, problem: linkProblem(file, url) }))
      .filter((l) => l.problem !== null)
      .map((l) => `${file}:${l.line} ${l.url} ${l.problem}`);
    expect(bad).toEqual([]);
    expect(text.includes("../shared"), `${file} mentions ../shared, which users do not have`).toBe(
      false,
    );
  });
});
