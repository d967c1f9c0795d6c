import { VFile } from "vfile";
import { reporter } from "vfile-reporter";
import { describe, expect, it } from "vitest";
import { lint } from "../src/lint/engine.js";
import { toVFileMessage } from "../src/language/vfile.js";

const SOURCE = 'scene demo {\n  imagee "https://x.test/a.png"\n  action "Maya waves"\n}\n';

describe("diagnostics in unified's world", () => {
  const diagnostics = lint(SOURCE, { filename: "demo.kp" });

  it("carry vfile-message's own fields as plain data", () => {
    const unknown = diagnostics.find((d) => d.ruleId === "unknown-keyword");
    expect(unknown).toMatchObject({
      reason: unknown?.message,
      source: "klingc",
      fatal: true,
      place: { start: { line: 2, column: 3, offset: 15 }, end: { line: 2, column: 9, offset: 21 } },
    });
    const info = diagnostics.find((d) => d.severity === "info");
    expect(info?.fatal).toBeUndefined();
  });

  it("print through vfile-reporter with position, severity, reason and rule id", () => {
    const file = new VFile({ path: "demo.kp", value: SOURCE });
    file.messages.push(...diagnostics.map(toVFileMessage));
    const report = reporter([file], { color: false });
    expect(report).toContain("demo.kp");
    expect(report).toMatch(
      /2:3-2:9\s+error\s+unknown keyword 'imagee'; did you mean 'image'\?\s+unknown-keyword\s+klingc/,
    );
    expect(report).toMatch(/3:10-3:22\s+info\s+.*sentence-end/);
  });
});
