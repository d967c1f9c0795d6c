// Reads the project's Markdown documentation as mdast (remark-parse), so the
// docs tests see code blocks and links exactly as a Markdown renderer does.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Code, Nodes, Root } from "mdast";
import remarkParse from "remark-parse";
import { unified } from "unified";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

export const readDoc = (path: string): string => readFileSync(join(root, path), "utf8");

/** `dir/*.md`, as paths relative to the repository root. */
export function markdownIn(dir: string): string[] {
  return readdirSync(join(root, dir))
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name) => `${dir}/${name}`);
}

const parser = unified().use(remarkParse);

export function parseMarkdown(text: string): Root {
  return parser.parse(text);
}

function walk(node: Nodes, visit: (node: Nodes) => void): void {
  visit(node);
  if ("children" in node) for (const child of node.children) walk(child, visit);
}

/** Fenced code blocks in document order. */
export function codeBlocks(tree: Root): Code[] {
  const found: Code[] = [];
  walk(tree, (node) => {
    if (node.type === "code") found.push(node);
  });
  return found;
}

/** Every link target: inline links, images and link reference definitions. */
export function linkTargets(tree: Root): { url: string; line: number }[] {
  const found: { url: string; line: number }[] = [];
  walk(tree, (node) => {
    if (node.type === "link" || node.type === "image" || node.type === "definition") {
      const target = node;
      found.push({ url: target.url, line: target.position?.start.line ?? 0 });
    }
  });
  return found;
}

function plainText(node: Nodes): string {
  if ("value" in node) return node.value;
  return "children" in node ? node.children.map((child) => plainText(child)).join("") : "";
}

/** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces to '-', repeats numbered. */
export function headingAnchors(tree: Root): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  walk(tree, (node) => {
    if (node.type !== "heading") return;
    const slug = plainText(node)
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
      .replace(/ /g, "-");
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  });
  return anchors;
}
