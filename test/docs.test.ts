import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { RULES } from "../rules/index.js";
import { readmeWithIndex, ruleDoc } from "../scripts/docs.js";

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), "utf8");

describe("generated docs are up to date (run `npm run docs` when this fails)", () => {
  it("README's rules index matches the rules' metas", () => {
    const readme = read("README.md");
    expect(readmeWithIndex(readme)).toBe(readme);
  });

  it.each(RULES.map((r) => [r.meta.id, r] as const))("rules/%s.md matches its meta", (id, rule) => {
    expect(read(`rules/${id}.md`)).toBe(ruleDoc(rule));
  });
});
