/**
 * The formatter's promises over every shipped `.kp` file: formatting twice
 * changes nothing more, the meaning (model and compiled prompts) is the
 * same, no comment is lost, and a file with a syntax error is left alone.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { format } from "../src/format/format.js";
import { commentsOf, compiledOf, hasSyntaxError, kpFiles, modelOf } from "./format-meaning.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const FIXTURES = [...kpFiles(`${ROOT}fixtures`), ...kpFiles(`${ROOT}test`)];

describe("format over every fixture", () => {
  it("finds the fixtures", () => {
    expect(FIXTURES.length).toBeGreaterThan(30);
  });

  it.each(FIXTURES.map(([path, source]) => [path.slice(ROOT.length), source]))("%s", (_path, source) => {
    const { output, diagnostics } = format(source);
    if (hasSyntaxError(source)) {
      expect(output).toBe(source);
      expect(diagnostics.some((d) => d.ruleId === "syntax")).toBe(true);
      return;
    }
    expect(diagnostics).toEqual([]);
    expect(format(output).output).toBe(output);
    expect(modelOf(output)).toEqual(modelOf(source));
    expect(compiledOf(output)).toEqual(compiledOf(source));
    expect(commentsOf(output)).toEqual(commentsOf(source));
  });
});
