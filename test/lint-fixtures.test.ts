/**
 * Golden lint results: every `NAME.kp` in fixtures/lint/ is linted with every
 * rule and compared with `NAME.expected.txt`, one diagnostic a line:
 *
 *   line:column severity ruleId
 *
 * in the order lint reports them (by position). The LANGUAGE.md example,
 * fixtures/language-example.kp, is checked the same way against
 * fixtures/lint/language-example.expected.txt.
 *
 * A fixture may start with a comment `// @config {…}` holding the lint config
 * to use (JSON: `target`, `budget`, `focusBudget`, `brands`), as a
 * klingc.config.json beside it would. Each fixture is linted with its base
 * name as the file name, so an implicit scene is named after it.
 *
 * Regenerate the expected files after an intended change with
 *
 *   UPDATE_GOLDEN=1 npx vitest run test/lint-fixtures.test.ts
 *
 * and read every changed line against the fixture and the rule's docs: a
 * golden file that records a wrong finding is worse than none.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../src/language/diagnostics.js";
import { lint, RULE_IDS, type LintConfig } from "../src/lint/engine.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));
const LINT = join(FIXTURES, "lint");
const UPDATE = process.env["UPDATE_GOLDEN"] === "1";

/** Fixture → expected file. */
const cases: [string, string][] = [
  ...readdirSync(LINT)
    .filter((f) => f.endsWith(".kp"))
    .sort()
    .map((f): [string, string] => [join(LINT, f), join(LINT, f.replace(/\.kp$/, ".expected.txt"))]),
  [join(FIXTURES, "language-example.kp"), join(LINT, "language-example.expected.txt")],
];

function configOf(source: string): LintConfig {
  const header = /^(?:\ufeff)?\/\/ @config (\{.*\})\s*$/m.exec(source.split("\n")[0] ?? "");
  return header ? (JSON.parse(header[1] as string) as LintConfig) : {};
}

function render(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.ruleId}\n`).join("");
}

function lintFixture(path: string): Diagnostic[] {
  const source = readFileSync(path, "utf8");
  return lint(source, { filename: basename(path), config: configOf(source) });
}

describe("lint fixtures (fixtures/lint/*.kp)", () => {
  it.each(cases.map(([kp, expected]) => [basename(kp), kp, expected] as const))(
    "%s",
    (_name, kp, expectedPath) => {
      const actual = render(lintFixture(kp));
      if (UPDATE) {
        writeFileSync(expectedPath, actual);
        return;
      }
      expect(
        existsSync(expectedPath),
        `missing ${basename(expectedPath)}: run with UPDATE_GOLDEN=1`,
      ).toBe(true);
      expect(actual).toBe(readFileSync(expectedPath, "utf8"));
    },
  );

  it("has no expected file without its fixture", () => {
    const expected = new Set(cases.map(([, e]) => basename(e)));
    expect(
      readdirSync(LINT).filter((f) => f.endsWith(".expected.txt") && !expected.has(f)),
    ).toEqual([]);
  });

  it("covers every rule between them, and each of the migration, content and target groups has a fixture of its own", () => {
    const ids = (name: string): Set<string> =>
      new Set(lintFixture(join(LINT, name)).map((d) => d.ruleId));
    const all = new Set(cases.flatMap(([kp]) => lintFixture(kp).map((d) => d.ruleId)));
    expect(RULE_IDS.filter((id) => !all.has(id))).toEqual([]);
    expect([...ids("legacy-v3.kp")].sort()).toEqual([
      "legacy-endpoint",
      "legacy-image-param",
      "no-cfg-scale",
      "no-negative-prompt",
      "sentence-end",
    ]);
    const content = ids("content-ugc.kp");
    for (const id of [
      "limb-guidance",
      "negation-phrasing",
      "brand-risk",
      "sentence-end",
      "avoid-duplicates",
      "focus-budget",
    ])
      expect(content.has(id), id).toBe(true);
    const target = ids("target-storyboard.kp");
    for (const id of ["duration", "target-capability"]) expect(target.has(id), id).toBe(true);
  });

  it("keeps the LANGUAGE.md example free of errors and warnings", () => {
    const diagnostics = lintFixture(join(FIXTURES, "language-example.kp"));
    expect(
      diagnostics
        .filter((d) => d.severity !== "info")
        .map((d) => `${d.line}:${d.column} ${d.ruleId}`),
    ).toEqual([]);
  });

  it("leaves nothing but infos in the migrated V3 file", () => {
    expect(lintFixture(join(LINT, "legacy-v3.fixed.kp")).every((d) => d.severity === "info")).toBe(
      true,
    );
  });
});
