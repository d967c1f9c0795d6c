/**
 * `klingc/render` is a package entry of its own (test/layout.test.ts keeps the
 * library from importing it, fal's client or node:*).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

describe("klingc/render is an add-on", () => {
  it("is a package entry of its own with type declarations, built by scripts/build.mjs", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
      exports: Record<string, unknown>;
    };
    expect(pkg.exports["./render"]).toEqual({
      types: "./dist/types/src/render/index.d.ts",
      import: "./dist/render.js",
    });
    expect(readFileSync(join(ROOT, "scripts/build.mjs"), "utf8")).toContain(
      'entryPoints: { render: "src/render/index.ts" }',
    );
  });
});
