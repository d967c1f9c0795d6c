/**
 * Issue 9.3: compile pays only for compiling. It returns the language
 * diagnostics and packing's (`over-budget`, `dropped-content`) without running
 * the lint rules; packing's findings are the same in compile and in lint (one
 * function finds them), and their configured severity or `off` holds in both.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../src/cli/run.js";
import { describe, expect, it } from "vitest";
import { compile } from "../src/emit/compile.js";
import { lint } from "../src/lint/engine.js";

const IMAGE = 'image "https://x.test/a.png"';
/** Findings for limb-guidance (warning), sentence-end (info) and brand-risk, none of them compile's. */
const LINTY = `${IMAGE}\ncharacter "Maya, a woman"\naction "Maya waves a GlowLab bottle"\n`;
const DROPS = `${IMAGE}\nbudget 40\naction "Maya waves at the lens."\nrealism "Shot on a phone, natural grain."\n`;
const OVER = `${IMAGE}\naction "${"Maya turns. ".repeat(230)}"\n`;

const brief = (
  ds: readonly { ruleId: string; severity: string; message: string; offset: number }[],
) => ds.map((d) => `${d.offset} ${d.severity} ${d.ruleId}: ${d.message}`);

describe("compile's diagnostics", () => {
  it("leave lint's rules out", () => {
    expect(lint(LINTY, { config: { brands: ["GlowLab"] } }).map((d) => d.ruleId)).toEqual(
      expect.arrayContaining(["limb-guidance", "sentence-end", "brand-risk"]),
    );
    expect(compile(LINTY, { config: { brands: ["GlowLab"] } }).diagnostics).toEqual([]);
  });

  it("keep the language diagnostics", () => {
    const source = `${IMAGE}\nimagee "https://x.test/b.png"\naction "Maya waves."\n`;
    expect(compile(source).diagnostics.map((d) => d.ruleId)).toEqual([
      "no-request",
      "unknown-keyword",
    ]);
  });

  it("report dropped-content and over-budget exactly as lint does", () => {
    for (const source of [DROPS, OVER]) {
      const fromLint = lint(source).filter(
        (d) => d.ruleId === "over-budget" || d.ruleId === "dropped-content",
      );
      expect(fromLint).toHaveLength(1);
      // Over budget, compile also says the scene gets no request (never-invent.test.ts).
      const fromCompile = compile(source).diagnostics.filter((d) => d.ruleId !== "no-request");
      expect(brief(fromCompile)).toEqual(brief(fromLint));
      expect(fromCompile[0]?.url).toBe(fromLint[0]?.url);
    }
  });

  it("honour a configured severity, and off", () => {
    const severities = (source: string, severity: "off" | "info" | "error") => {
      const config = { rules: { "dropped-content": { severity }, "over-budget": { severity } } };
      const pick = (ds: readonly { ruleId: string; severity: string }[]) =>
        ds.filter((d) => d.ruleId !== "no-request").map((d) => `${d.severity} ${d.ruleId}`);
      const fromCompile = pick(compile(source, { config }).diagnostics);
      expect(
        pick(
          lint(source, { config }).filter(
            (d) => d.ruleId === "over-budget" || d.ruleId === "dropped-content",
          ),
        ),
      ).toEqual(fromCompile);
      return fromCompile;
    };
    expect(severities(DROPS, "error")).toEqual(["error dropped-content"]);
    expect(severities(OVER, "info")).toEqual(["info over-budget"]);
    expect(severities(DROPS, "off")).toEqual([]);
    expect(severities(OVER, "off")).toEqual([]);
  });
});

describe("the command line's main job", () => {
  it("shows lint's findings and packing's, each once, plus no-request", () => {
    const dir = mkdtempSync(join(tmpdir(), "klingc-compile-"));
    try {
      const file = join(dir, "s.kp");
      writeFileSync(
        file,
        `scene a {\n  ${IMAGE}\n  character "Maya, a woman"\n  budget 40\n  action "Maya waves at the lens."\n  realism "Shot on a phone, natural grain."\n}\nscene b {\n  action "Maya waves."\n}\n`,
      );
      let out = "";
      const code = run(["--json", file], { out: (t) => (out += t), err: () => undefined });
      const json = JSON.parse(out) as { diagnostics: { ruleId: string }[] };
      expect(code).toBe(1);
      expect(json.diagnostics.map((d) => d.ruleId).sort()).toEqual(
        ["dropped-content", "image-required", "limb-guidance", "no-request", "sentence-end"].sort(),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("layers", () => {
  it("nothing in src/emit imports the lint engine or the rules", () => {
    const dir = join(import.meta.dirname, "..", "src", "emit");
    for (const name of readdirSync(dir)) {
      const text = readFileSync(join(dir, name), "utf8");
      expect(text, name).not.toMatch(/from "\.\.\/(lint|\.\.\/rules|config|node|cli)\//);
    }
  });
});

describe("the README says which diagnostics each function returns", () => {
  it("names the ids for parse, analyze, compile, lint and fix", () => {
    const readme = readFileSync(join(import.meta.dirname, "..", "README.md"), "utf8");
    const library = readme.slice(readme.indexOf("## Library"), readme.indexOf("## The language"));
    for (const id of [
      "invalid-option",
      "no-request",
      "empty-file",
      "rule-error",
      "over-budget",
      "dropped-content",
    ])
      expect(library).toContain(`\`${id}\``);
    for (const fn of ["parse", "analyze", "compile", "lint", "fix"])
      expect(library).toMatch(new RegExp(`\\| \`${fn}\``));
  });
});
