/**
 * Issue 8.1 and 8.5, below the process: the report formats as functions of
 * results (ESLint-shaped JSON, SARIF 2.1.0 checked against the official
 * schema, GitHub workflow commands escaped as the toolkit does), colour
 * choice, counts in the one number format, the ignore file and when a
 * progress bar is drawn.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv } from "ajv";
import { afterAll, describe, expect, it } from "vitest";
import { showsProgress } from "../src/cli/commands/lint.js";
import { makeChalk, countLine } from "../src/cli/style.js";
import { escapeData, escapeProperty, github } from "../src/cli/formatters/github.js";
import { FORMATTERS, type FileReport } from "../src/cli/formatters/index.js";
import { workerCount } from "../src/cli/parallel.js";
import { lint } from "../src/lint/engine.js";
import type { Diagnostic } from "../src/language/diagnostics.js";
import { cli } from "./support/cli.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const chalk = makeChalk({ isTTY: false }, { color: false });
const options = { chalk, cwd: ROOT, summary: true };

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "klingc-fmt-"));
  made.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const IMAGE = 'image "https://cdn.example.com/a.png"';
/** A warning (limb-guidance) and an info (sentence-end), both fixable, and an error with a fix (no-cfg-scale). */
const SOURCE = `${IMAGE}\ncharacter maya "Maya, late twenties."\naction "Maya waves at the lens"\ncfg_scale 0.5\n`;

function report(filePath = "scenes/hook.kp", source = SOURCE): FileReport {
  return { filePath, diagnostics: lint(source, { filename: filePath }), source };
}

describe("json (ESLint's shape)", () => {
  it("gives severity 2 for an error, 1 for a warning and for an info (kept as klingcSeverity), and counts as ESLint does", () => {
    const [result] = JSON.parse(FORMATTERS["json"]!([report()], options));
    expect(result.filePath).toBe("scenes/hook.kp");
    expect(
      result.messages.map((m: { ruleId: string; severity: number; klingcSeverity: string }) => [
        m.ruleId,
        m.severity,
        m.klingcSeverity,
      ]),
    ).toEqual([
      ["limb-guidance", 1, "warning"],
      ["sentence-end", 1, "info"],
      ["no-cfg-scale", 2, "error"],
    ]);
    expect([
      result.errorCount,
      result.warningCount,
      result.fixableErrorCount,
      result.fixableWarningCount,
    ]).toEqual([1, 2, 1, 2]);
    expect(Object.keys(result.messages[0]).sort()).toEqual([
      "column",
      "endColumn",
      "endLine",
      "fix",
      "klingcSeverity",
      "line",
      "message",
      "ruleId",
      "severity",
    ]);
  });

  it("gives a fix as one range and text that, applied, does what klingc's edits do", () => {
    const source = "abcdef";
    const diagnostic = {
      ...lint(SOURCE)[0]!,
      fix: {
        description: "two edits",
        edits: [
          { start: 4, end: 5, text: "E" },
          { start: 1, end: 2, text: "BB" },
        ],
      },
    } as Diagnostic;
    const [result] = JSON.parse(
      FORMATTERS["json"]!([{ filePath: "x.kp", diagnostics: [diagnostic], source }], options),
    );
    const { range, text } = result.messages[0].fix as { range: [number, number]; text: string };
    expect(source.slice(0, range[0]) + text + source.slice(range[1])).toBe("aBBcdEf");
  });
});

describe("sarif", () => {
  const schema = JSON.parse(
    readFileSync(join(ROOT, "test/fixtures/sarif-schema-2.1.0.json"), "utf8"),
  );
  const ajv = new Ajv({ allErrors: true, strict: false });
  // ajv knows no formats by itself; these are checked as RFC 3986 asks, well enough to catch a bad path.
  ajv.addFormat("uri", (s: string) => URL.canParse(s));
  ajv.addFormat(
    "uri-reference",
    (s: string) => URL.canParse(s, "file:///base/") && !/[\s\\]/.test(s),
  );
  ajv.addFormat("date-time", (s: string) => !Number.isNaN(Date.parse(s)));
  const validate = ajv.compile(schema);

  function sarif(reports: FileReport[]) {
    return JSON.parse(FORMATTERS["sarif"]!(reports, options));
  }

  it("is valid against the official SARIF 2.1.0 schema, with results, with none, and with odd file names", () => {
    const cases = [
      [report()],
      [],
      [report("odd name, v2 #1 100%.kp")],
      [report(join(tmpdir(), "elsewhere.kp"))],
    ];
    for (const reports of cases) {
      const log = sarif(reports);
      expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
      expect(log.runs).toHaveLength(1);
      expect(log.runs[0].results).toEqual(expect.any(Array));
    }
  });

  it("the schema check can fail: a log missing its version or with a bad level is rejected", () => {
    const log = sarif([report()]);
    expect(validate({ ...log, version: "2.0.0" })).toBe(false);
    log.runs[0].results[0].level = "fatal";
    expect(validate(log)).toBe(false);
  });

  it("lists every rule with its help URI, points each result at its rule, and declares code-point columns", () => {
    const [run] = sarif([report()]).runs;
    expect(run.columnKind).toBe("unicodeCodePoints");
    const rules = run.tool.driver.rules as { id: string; helpUri: string }[];
    expect(rules.map((r) => r.id)).toEqual(
      expect.arrayContaining(["limb-guidance", "sentence-end", "no-cfg-scale", "syntax"]),
    );
    for (const rule of rules)
      expect(rule.helpUri).toMatch(
        /^https:\/\/github\.com\/klingc\/klingc\/blob\/main\/.*(\.md|#[a-z-]+)$/,
      );
    for (const result of run.results) expect(rules[result.ruleIndex]?.id).toBe(result.ruleId);
    expect(run.results.map((r: { level: string }) => r.level)).toEqual([
      "warning",
      "note",
      "error",
    ]);
    expect(run.results[0].locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: "scenes/hook.kp", uriBaseId: "%SRCROOT%" },
      region: { startLine: 2, startColumn: 16, endLine: 2, endColumn: 38 },
    });
  });

  it("counts columns in code points, as it declares: a character outside the BMP is one column", () => {
    const source = `${IMAGE}\naction "🎬 Maya waves at the lens"\n`;
    const [run] = sarif([report("s.kp", source)]).runs;
    const sentenceEnd = run.results.find((r: { ruleId: string }) => r.ruleId === "sentence-end");
    expect(sentenceEnd.locations[0].physicalLocation.region).toMatchObject({
      startColumn: 8,
      endColumn: 8 + [...'"🎬 Maya waves at the lens"'].length,
    });
  });
});

describe("github (workflow commands)", () => {
  it("escapes data and properties as @actions/core does", () => {
    expect(escapeData("100% done\r\nnext: a, b")).toBe("100%25 done%0D%0Anext: a, b");
    expect(escapeProperty("dir/a,b:c%.kp")).toBe("dir/a%2Cb%3Ac%25.kp");
  });

  it("writes one ::error/::warning/::notice command a diagnostic, with file, positions and the rule as title", () => {
    const lines = github([report("a,b.kp")], options)
      .trimEnd()
      .split("\n");
    expect(lines.map((l) => l.split(" ")[0])).toEqual(["::warning", "::notice", "::error"]);
    expect(lines[2]).toBe(
      "::error file=a%2Cb.kp,line=4,col=1,endLine=4,endColumn=14,title=no-cfg-scale::'cfg_scale' does nothing on kling-o3: O3 removed it",
    );
  });
});

describe("stylish", () => {
  it("writes counts in the one number format", () => {
    const d = lint(SOURCE)[2]!;
    expect(countLine(Array.from({ length: 1200 }, () => d))).toBe(
      "1,200 errors, 0 warnings, 0 info",
    );
  });

  it("is coloured only for a terminal or FORCE_COLOR, never with NO_COLOR or --no-color", () => {
    const saved = { NO_COLOR: process.env["NO_COLOR"], FORCE_COLOR: process.env["FORCE_COLOR"] };
    const level = (isTTY: boolean, env: Record<string, string | undefined>, color?: boolean) => {
      Object.assign(process.env, { NO_COLOR: "", FORCE_COLOR: "" }, env);
      return makeChalk({ isTTY }, color === undefined ? {} : { color }).level;
    };
    try {
      expect(level(true, {})).toBe(1);
      expect(level(false, {})).toBe(0);
      expect(level(true, { NO_COLOR: "1" })).toBe(0);
      expect(level(true, {}, false)).toBe(0);
      expect(level(false, { FORCE_COLOR: "1" })).toBe(1);
      expect(level(true, { FORCE_COLOR: "0" })).toBe(0);
      expect(level(false, { FORCE_COLOR: "1" }, false)).toBe(0);
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });
});

describe("the ignore file (gitignore syntax)", () => {
  it("leaves out what it names, directories and negations included, from directories, globs and files named outright", () => {
    const clean = `${IMAGE}\ncharacter maya "Maya. Exactly two arms, two hands, five fingers on each hand."\naction "Maya waves."\n`;
    const broken = 'action "Maya waves."\n';
    const dir = tree({
      "ignore-me": "drafts/\n*.tmp.kp\n!keep.tmp.kp\n",
      "a.kp": clean,
      "drafts/b.kp": broken,
      "c.tmp.kp": broken,
      "keep.tmp.kp": broken,
    });
    const ignore = join(dir, "ignore-me");
    const files = (out: string) => [
      ...new Set(
        out
          .split("\n")
          .filter((l) => l.includes(".kp:"))
          .map((l) => l.split(":")[0]!.slice(dir.length + 1)),
      ),
    ];
    expect(files(cli("lint", dir).out)).toEqual(["c.tmp.kp", "drafts/b.kp", "keep.tmp.kp"]);
    expect(files(cli("lint", "--ignore-path", ignore, dir).out)).toEqual(["keep.tmp.kp"]);
    expect(
      files(
        cli("lint", "--ignore-path", ignore, join(dir, "drafts", "b.kp"), join(dir, "c.tmp.kp"))
          .out,
      ),
    ).toEqual([]);
    expect(cli("lint", "--ignore-path", ignore, join(dir, "drafts", "b.kp")).code).toBe(0);
  });
});

describe("progress bar", () => {
  it("is drawn only for more than 50 files, on a terminal, outside CI", () => {
    expect(showsProgress(51, true, {})).toBe(true);
    expect(showsProgress(50, true, {})).toBe(false);
    expect(showsProgress(51, false, {})).toBe(false);
    expect(showsProgress(51, true, { CI: "true" })).toBe(false);
  });
});

describe("worker threads", () => {
  it("are started only when each would have its share of files to pay for its start, one per core beyond the first", () => {
    expect(workerCount(1_999, 2)).toBe(0);
    expect(workerCount(2_000, 2)).toBe(1);
    expect(workerCount(100_000, 2)).toBe(1);
    expect(workerCount(100_000, 4)).toBe(3);
    expect(workerCount(3_000, 8)).toBe(2);
    expect(workerCount(100_000, 1)).toBe(0);
  });

  it("share a large run's files: every file is reported once, in order, with its own findings", () => {
    const count = 2_100;
    const files: Record<string, string> = {};
    const names: string[] = [];
    for (let i = 0; i < count; i++) {
      const name = `scenes/s${String(i).padStart(4, "0")}.kp`;
      names.push(name);
      // One file in 500 has an unknown keyword, in both halves of the run.
      files[name] =
        i % 500 === 7
          ? `${IMAGE}
action "Maya waves."
colour red
`
          : `${IMAGE}
action "Maya waves."
`;
    }
    const dir = tree(files);
    const run = spawnSync(
      process.execPath,
      [join(ROOT, "bin", "klingc.cjs"), "lint", "scenes", "--format", "json"],
      { cwd: dir, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } },
    );
    expect(run.stderr).toBe("");
    expect(run.status).toBe(1);
    const reports = JSON.parse(run.stdout) as {
      filePath: string;
      messages: { ruleId: string; line: number }[];
    }[];
    expect(reports.map((r) => r.filePath)).toEqual(names);
    const flagged = reports.filter((r) => r.messages.length > 0);
    expect(flagged.map((r) => r.filePath)).toEqual(names.filter((_, i) => i % 500 === 7));
    for (const r of flagged)
      expect(r.messages.map((m) => [m.ruleId, m.line])).toEqual([["unknown-keyword", 3]]);
  });
});
