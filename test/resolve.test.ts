import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AvoidTerm, Section } from "../src/language/model.js";
import { mergeAvoid, mergeSections } from "../src/language/resolve.js";
import { SECTION_ORDER } from "../src/language/keywords.js";

const term = (text: string): AvoidTerm =>
  ({ text, tier: 3, origin: "scene" }) as unknown as AvoidTerm;

/** What merging means: the first spelling of each term (lower-cased) stays, in order; the others are repeats. */
function reference(terms: readonly string[]): { avoid: string[]; repeats: string[] } {
  const seen = new Set<string>();
  const avoid: string[] = [];
  const repeats: string[] = [];
  for (const text of terms) {
    if (seen.has(text.toLowerCase())) repeats.push(text);
    else {
      seen.add(text.toLowerCase());
      avoid.push(text);
    }
  }
  return { avoid, repeats };
}

describe("mergeAvoid", () => {
  // Few terms are compared pairwise, many go through a Set: both must drop the same repeats.
  const text = fc.constantFrom(
    "blur",
    "Blur",
    "BLUR",
    "3D render",
    "3d RENDER",
    "cartoon",
    "İ",
    "i̇",
    "ß",
    "SS",
    "x",
    "X",
    "",
  );
  it("keeps the first spelling of each term, case aside, whether the lists are short or long", () => {
    fc.assert(
      fc.property(
        fc.array(text, { maxLength: 14 }),
        fc.array(text, { maxLength: 14 }),
        (first, second) => {
          const { avoid, repeats } = mergeAvoid(first.map(term), second.map(term));
          expect({ avoid: avoid.map((t) => t.text), repeats: repeats.map((t) => t.text) }).toEqual(
            reference([...first, ...second]),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("mergeSections", () => {
  const section = (keyword: string, name: string | null = null): Section =>
    ({ keyword, name }) as unknown as Section;
  const rank = (s: Section) => SECTION_ORDER.indexOf(s.keyword);
  it("puts inherited sections first and everything in prompt order, stably, with a later character replacing an earlier one of its name", () => {
    const keyword = fc.constantFrom(...SECTION_ORDER.filter((k) => k !== "avoid"));
    const sections = fc
      .array(fc.tuple(keyword, fc.constantFrom(null, "maya", "leo")), { maxLength: 8 })
      .map((list) => list.map(([k, n]) => section(k, k === "character" ? n : null)));
    fc.assert(
      fc.property(sections, sections, (inherited, own) => {
        const ownNames = new Set(
          own.filter((s) => s.keyword === "character" && s.name !== null).map((s) => s.name),
        );
        const kept = inherited.filter(
          (s) => !(s.keyword === "character" && s.name !== null && ownNames.has(s.name)),
        );
        const expected = [...kept, ...own].sort((a, b) => rank(a) - rank(b));
        expect(mergeSections(inherited, [...own])).toEqual(expected);
        expect(mergeSections(inherited, [...own]).every((s, i) => s === expected[i])).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
