// Every ```kp example in the user's documentation compiles with no error and
// no warning. A block marked ```kp warn must have a warning and no error, one
// marked ```kp error must have an error. A ```text prompt block shows the prompt of the ```kp block before it
// and must be exactly what klingc makes of it.
import type { Code } from "mdast";
import { describe, expect, it } from "vitest";
import { compile, lint, type Diagnostic } from "../src/index.js";
import { codeBlocks, markdownIn, parseMarkdown, readDoc } from "./support/docs-markdown.js";

const FILES = ["README.md", ...markdownIn("docs")];

interface Example {
  file: string;
  block: Code;
  /** The ```text prompt block that shows this example's output, if any. */
  shown: Code | null;
}

function examplesOf(file: string): Example[] {
  const examples: Example[] = [];
  for (const block of codeBlocks(parseMarkdown(readDoc(file)))) {
    if (block.lang === "kp") examples.push({ file, block, shown: null });
    if (block.lang === "text" && block.meta === "prompt") {
      const last = examples[examples.length - 1];
      if (!last || last.shown)
        throw new Error(
          `${file}:${block.position?.start.line}: a \`\`\`text prompt block must follow a \`\`\`kp example`,
        );
      last.shown = block;
    }
  }
  return examples;
}

const EXAMPLES = FILES.flatMap(examplesOf);
const label = (e: Example): string =>
  `${e.file}:${e.block.position?.start.line ?? 0}${e.block.meta ? ` (${e.block.meta})` : ""}`;
const diagnosticsOf = (
  diagnostics: readonly Diagnostic[],
  severity: "error" | "warning",
): string[] =>
  diagnostics
    .filter((d) => d.severity === severity)
    .map((d) => `${d.line}:${d.column} ${d.ruleId}: ${d.message}`);

/** The prompts a user sees for an example, one a line: one a scene, or one a shot of a multi-shot scene. */
function prompts(result: ReturnType<typeof compile>): string[] {
  return result.scenes.flatMap((s) =>
    s.prompt !== null ? [s.prompt] : (s.shots ?? []).map((shot) => shot.prompt),
  );
}

describe("examples in the documentation", () => {
  it("the guide and the README hold examples to check", () => {
    const count = (file: string) => EXAMPLES.filter((e) => e.file === file).length;
    expect(count("docs/language.md")).toBeGreaterThanOrEqual(15);
    expect(count("README.md")).toBeGreaterThanOrEqual(1);
    expect(EXAMPLES.some((e) => e.shown)).toBe(true);
  });

  it.each(EXAMPLES.map((e) => [label(e), e] as const))("%s compiles as it claims", (_, example) => {
    const { block } = example;
    expect(
      [null, undefined, "warn", "error"],
      `${label(example)}: unknown marker after \`\`\`kp`,
    ).toContain(block.meta);
    const result = compile(block.value, { filename: "example.kp" });
    // What `klingc FILE` shows: lint's findings, and compile's word on a scene it gives no request.
    const shown = [
      ...lint(block.value, { filename: "example.kp" }),
      ...result.diagnostics.filter((d) => d.ruleId === "no-request"),
    ];
    const errors = diagnosticsOf(shown, "error");
    const warnings = diagnosticsOf(shown, "warning");
    if (block.meta === "error") {
      expect(
        errors.length,
        `${label(example)} is marked as an error example but has no error`,
      ).toBeGreaterThan(0);
      return;
    }
    expect(
      errors,
      `${label(example)} has errors; fix the example, or mark it \`\`\`kp error if it shows one`,
    ).toEqual([]);
    expect(result.scenes.length, `${label(example)} compiles to no scene`).toBeGreaterThan(0);
    if (block.meta === "warn")
      expect(
        warnings.length,
        `${label(example)} is marked \`\`\`kp warn but has no warning`,
      ).toBeGreaterThan(0);
    else
      expect(
        warnings,
        `${label(example)} has warnings; fix the example, or mark it \`\`\`kp warn if it shows one`,
      ).toEqual([]);
    if (example.shown)
      expect(prompts(result).join("\n"), `${label(example)}: the prompt shown below it`).toBe(
        example.shown.value,
      );
  });
});
