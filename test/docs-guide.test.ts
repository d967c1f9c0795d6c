// The user's guide covers the whole language: every keyword of the keyword
// table, every target, and the sections' order and tiers as the code has them.
import { describe, expect, it } from "vitest";
import { DEFAULT_TIER, KEYWORDS, SECTION_ORDER } from "../src/language/keywords.js";
import { TARGET_IDS } from "../src/targets/profiles.js";
import { readDoc } from "./support/docs-markdown.js";

const guide = readDoc("docs/language.md");
const codeSpans = new Set([...guide.matchAll(/`([^`\n]+)`/g)].map((m) => m[1] as string));

describe("docs/language.md", () => {
  it("mentions every keyword of src/language/keywords.ts as `keyword`", () => {
    const missing = [...KEYWORDS.keys()].filter((k) => !codeSpans.has(k));
    expect(missing, "keywords the guide does not explain").toEqual([]);
  });

  it("mentions every target as `id`", () => {
    expect(TARGET_IDS.filter((id) => !codeSpans.has(id))).toEqual([]);
  });

  it("lists the sections in emission order with their default tiers", () => {
    const rows = [...guide.matchAll(/^\| `([a-z_]+)` \| ([123]) \|/gm)].map((m) => [
      m[1],
      Number(m[2]),
    ]);
    expect(rows).toEqual(SECTION_ORDER.map((s) => [s, DEFAULT_TIER[s]]));
  });
});
