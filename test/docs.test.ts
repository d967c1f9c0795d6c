import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { RULES } from "../rules/index.js";
import {
  GUIDE_PATH,
  guideWithTargets,
  readmeWithIndex,
  ruleDoc,
  targetsTable,
} from "../scripts/docs.js";
import { getProfile, TARGET_IDS } from "../src/targets/profiles.js";

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), "utf8");

describe("generated docs are up to date (run `npm run docs` when this fails)", () => {
  it("README's rules index matches the rules' metas", () => {
    const readme = read("README.md");
    expect(readmeWithIndex(readme)).toBe(readme);
  });

  it("the guide's target table matches the target profiles", () => {
    const guide = read(GUIDE_PATH);
    expect(guideWithTargets(guide)).toBe(guide);
  });

  it.each(RULES.map((r) => [r.meta.id, r] as const))("rules/%s.md matches its meta", (id, rule) => {
    expect(read(`rules/${id}.md`)).toBe(ruleDoc(rule));
  });
});

describe("the guide's target table", () => {
  const table = targetsTable();
  const header = table.split("\n").find((line) => line.startsWith("| |")) ?? "";
  const row = (name: string) =>
    table.split("\n").find((line) => line.startsWith(`| ${name} |`)) ?? "";

  it("has one column per target, in the profiles' order", () => {
    expect(header).toBe(`| | ${TARGET_IDS.map((id) => `\`${id}\``).join(" | ")} |`);
  });

  it("states each target's prompt limit, qualities and aspect ratios from its profile", () => {
    const cells = (name: string) => row(name).split(" | ").slice(1);
    TARGET_IDS.forEach((id, i) => {
      const p = getProfile(id);
      const limit = cells("prompt limit")[i] ?? "";
      if (p.promptLimit !== null) expect(limit).toContain(p.promptLimit.toLocaleString("en-US"));
      for (const q of p.qualities.allowed) expect(cells("`quality`")[i]).toContain(`\`${q}\``);
      for (const a of p.aspect?.allowed ?? []) expect(cells("`aspect`")[i]).toContain(`\`${a}\``);
    });
  });
});
