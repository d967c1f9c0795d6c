import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { speakerLabel } from "../src/emit/units.js";

/** The label as its doc says: the first code point capitalised, the rest as written. */
function capitalised(name: string): string {
  const first = String.fromCodePoint(name.codePointAt(0) ?? 0x20);
  return first.toUpperCase() + name.slice(first.length);
}

describe("speakerLabel", () => {
  it.each([
    ["maya", "Maya"],
    ["Maya", "Maya"],
    ["_x", "_x"],
    ["émile", "Émile"],
    ["ßen", "SSen"],
    ["", " "],
  ])("%j → %j", (name, label) => {
    expect(speakerLabel(name)).toBe(label);
  });

  it("capitalises the first code point of any name (the ASCII shortcut included)", () => {
    const ascii = fc.string({
      unit: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)),
    });
    fc.assert(
      fc.property(fc.oneof(ascii, fc.string({ unit: "binary" })), (name) => {
        expect(speakerLabel(name)).toBe(capitalised(name));
      }),
      { numRuns: 2000 },
    );
  });
});
