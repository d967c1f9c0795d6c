/**
 * `klingc lint scenes/` tells a plain path from a glob without loading picomatch
 * (src/node/files.ts isGlob): a character check first. It must call a glob
 * exactly what picomatch calls one, or a pattern would be read as a file name.
 */
import fc from "fast-check";
import picomatch from "picomatch";
import { describe, expect, it } from "vitest";
import { isGlob } from "../src/node/files.js";

const PATH_CHARACTERS = [..."ab./\\-_ ,|^$~+@*?[]{}()!"];

describe("isGlob", () => {
  it("agrees with picomatch on every path", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...PATH_CHARACTERS), maxLength: 12 }),
        (path) => {
          expect(isGlob(path)).toBe(picomatch.scan(path).isGlob);
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it("reads the usual arguments as a user means them", () => {
    expect(isGlob("scenes/")).toBe(false);
    expect(isGlob(".")).toBe(false);
    expect(isGlob("scenes/**/*.kp")).toBe(true);
    expect(isGlob("shot-[12].kp")).toBe(true);
    expect(isGlob("{a,b}.kp")).toBe(true);
  });
});
