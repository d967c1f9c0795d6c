/**
 * The short version of `npm run fuzz` (scripts/fuzz.ts): the same properties over
 * every public function with a few hundred cases, and the hostile inputs at a
 * fiftieth of their full size, in this process (the full run measures memory).
 */
import { describe, expect, it } from "vitest";
import { fuzzProperties, hostileInputs } from "../scripts/fuzz.js";
import { compile, lint } from "../src/index.js";

describe("fuzz (short)", () => {
  it("random, token-soup and mutated documents through every public function", () => {
    fuzzProperties({ runs: 150 });
  });

  it.each(hostileInputs(0.02).map((h) => [h.name, h.source] as const))(
    "%s: a result or a clear diagnostic",
    (_name, source) => {
      const text = source();
      const compiled = compile(text, { filename: "hostile.kp" });
      const diagnostics = lint(text, { filename: "hostile.kp" });
      expect(compiled.scenes.length + diagnostics.length).toBeGreaterThan(0);
      for (const d of [...compiled.diagnostics, ...diagnostics]) {
        expect(d.endOffset).toBeLessThanOrEqual(text.length);
        expect(d.line).toBeGreaterThanOrEqual(1);
        expect(d.message).not.toMatch(/\bat \S+\.[jt]s:\d/);
      }
    },
  );
});
