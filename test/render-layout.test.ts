/**
 * The render add-on stays outside the core: nothing the library (src/index.ts)
 * imports, directly or through other modules, reaches src/render, fal's client
 * or node:*, and `klingc/render` is its own package entry.
 */
import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** Every specifier a module imports or re-exports (static `from "…"` and side-effect imports). */
function specifiers(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;]*?from\s+"([^"]+)"|(?:^|\n)\s*import\s+"([^"]+)"/g)].map((m) => m[1] ?? m[2] ?? "");
}

function reachable(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    for (const spec of specifiers(file)) {
      if (spec.startsWith(".")) visit(resolve(dirname(file), spec.replace(/\.js$/, ".ts")));
      else packages.add(spec);
    }
  };
  visit(entry);
  return { files, packages };
}

describe("klingc/render is an add-on", () => {
  it("the library reaches neither src/render nor @fal-ai/client nor node:*", () => {
    const { files, packages } = reachable(join(ROOT, "src/index.ts"));
    expect([...files].map((f) => relative(ROOT, f)).filter((f) => f.startsWith("src/render") || f.startsWith("src/cli") || f.startsWith("src/node"))).toEqual([]);
    expect([...packages].filter((p) => p.startsWith("@fal-ai/") || p.startsWith("node:"))).toEqual([]);
    expect(files.size).toBeGreaterThan(20);
  });

  it("is a package entry of its own with type declarations", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { exports: Record<string, unknown> };
    expect(pkg.exports["./render"]).toEqual({ types: "./dist/types/src/render/index.d.ts", import: "./dist/render.js" });
    expect(readFileSync(join(ROOT, "scripts/build.mjs"), "utf8")).toContain('entryPoints: { render: "src/render/index.ts" }');
  });
});
