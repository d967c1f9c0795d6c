/**
 * The lint engine: inline directives (what they silence, where "next line"
 * lands, unknown rules, unused directives), configured severities, and the
 * order and docs links of what it reports.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { RULES } from "../rules/index.js";
import { compareDiagnostics, DOCS_BASE, type Diagnostic } from "../src/language/diagnostics.js";
import { CORE_IDS, lint, RULE_IDS, type LintOptions } from "../src/lint/engine.js";
import type { Rule } from "../src/lint/rule.js";

const IMAGE = 'image "https://cdn.example.com/a.png"';

/** `line:column ruleId` of every diagnostic, in the order lint gives them. */
function found(source: string, options: LintOptions = {}): string[] {
  return lint(source, { filename: "scene.kp", ...options }).map(
    (d) => `${d.line}:${d.column} ${d.ruleId}`,
  );
}

// The findings the directives silence: sentence-end (info) on a text without a
// period, limb-guidance (warning) on a character without the limb facts.

describe("klingc-disable-next-line", () => {
  it("silences the named rule on the next line only", () => {
    const source = `${IMAGE}\n// klingc-disable-next-line sentence-end\naction "Maya waves"\ncamera "Static"\n`;
    expect(found(source)).toEqual(["4:8 sentence-end"]);
  });

  it("takes several ids, separated by commas or spaces", () => {
    const text = `${IMAGE}\n%\ncharacter maya "Maya"\n`;
    expect(found(text.replace("%", "// nothing here"))).toEqual([
      "3:16 limb-guidance",
      "3:16 sentence-end",
    ]);
    expect(
      found(text.replace("%", "// klingc-disable-next-line limb-guidance, sentence-end")),
    ).toEqual([]);
    expect(
      found(text.replace("%", "// klingc-disable-next-line limb-guidance sentence-end")),
    ).toEqual([]);
    expect(found(text.replace("%", "// klingc-disable-next-line limb-guidance"))).toEqual([
      "3:16 sentence-end",
    ]);
  });

  it("with no id silences every rule on the next line", () => {
    const source = `${IMAGE}\n// klingc-disable-next-line\ncharacter maya "Maya"\naction "Maya waves"\n`;
    expect(found(source)).toEqual(["4:8 sentence-end"]);
  });

  it("passes over blank lines and comment-only lines to the next line that holds code (as the README says)", () => {
    const source = [
      IMAGE,
      "// klingc-disable-next-line sentence-end",
      "",
      "   ",
      "// a note about the action",
      "/* a block comment",
      "   over two lines */",
      "/* one-line block */ ",
      'action "Maya waves"',
      'camera "Static"',
      "",
    ].join("\n");
    expect(found(source)).toEqual(["10:8 sentence-end"]);
  });

  it("counts a line with code after a block comment as code", () => {
    const source = `${IMAGE}\n// klingc-disable-next-line sentence-end\n/* note */ action "Maya waves"\ncamera "Static"\n`;
    expect(found(source)).toEqual(["4:8 sentence-end"]);
  });

  it("from the end of a line of code, silences the next line, not its own", () => {
    const source = `${IMAGE}\naction "Maya waves" // klingc-disable-next-line sentence-end\ncamera "Static"\n`;
    expect(found(source)).toEqual(["2:8 sentence-end"]);
  });

  it("ignores a description after --", () => {
    const source = `${IMAGE}\n// klingc-disable-next-line sentence-end -- the compiler adds the period\naction "Maya waves"\n`;
    expect(found(source)).toEqual([]);
  });

  it("works in a block comment and with CRLF line ends", () => {
    expect(
      found(`${IMAGE}\n/* klingc-disable-next-line sentence-end */\naction "Maya waves"\n`),
    ).toEqual([]);
    expect(
      found(
        `${IMAGE}\r\n// klingc-disable-next-line sentence-end\r\n\r\naction "Maya waves"\r\ncamera "Static"\r\n`,
      ),
    ).toEqual(["5:8 sentence-end"]);
  });

  it("silences a scene-level finding when placed before the scene's line", () => {
    const scene = (directive: string): string =>
      `${directive}\nscene proof {\n  ${IMAGE}\n  budget 20\n  action "Maya waves at the lens."\n  camera "Handheld."\n}\n`;
    expect(found(scene("// a note"))).toEqual(["2:7 dropped-content"]);
    expect(found(scene("// klingc-disable-next-line dropped-content"))).toEqual([]);
  });

  it("is text inside a string, not a directive", () => {
    const source = `${IMAGE}\naction "// klingc-disable-next-line sentence-end"\ncamera "Static"\n`;
    expect(found(source)).toEqual(["2:8 sentence-end", "3:8 sentence-end"]);
  });
});

describe("klingc-disable-line", () => {
  it("silences the named rule on its own line", () => {
    const source = `${IMAGE}\ncharacter maya "Maya" // klingc-disable-line sentence-end\naction "Maya waves"\n`;
    expect(found(source)).toEqual(["2:16 limb-guidance", "3:8 sentence-end"]);
  });

  it("with no id silences every rule on its line", () => {
    const source = `${IMAGE}\ncharacter maya "Maya" /* klingc-disable-line */\naction "Maya waves"\n`;
    expect(found(source)).toEqual(["3:8 sentence-end"]);
  });

  it("silences a finding that starts on its line", () => {
    const source = `${IMAGE}\naction """ // klingc-disable-line sentence-end\n  Maya waves\n  """\n`;
    // The directive is inside the block string: it is text, so nothing is silenced.
    expect(found(source)).toEqual(["2:8 sentence-end"]);
    const real = `${IMAGE}\naction """\n  Maya waves\n  """ // klingc-disable-line sentence-end\n`;
    // The finding starts on line 2, the directive stands on line 4.
    expect(found(real)).toEqual(["2:8 sentence-end"]);
    const onStart = `${IMAGE}\n// klingc-disable-next-line sentence-end\naction """\n  Maya waves\n  """\n`;
    expect(found(onStart)).toEqual([]);
  });
});

describe("klingc-disable … klingc-enable ranges", () => {
  const body = ['character maya "Maya"', 'action "Maya waves"', 'camera "Static"'];

  it("silences the named rule from the disable comment to the enable comment", () => {
    const source = [
      IMAGE,
      "/* klingc-disable sentence-end */",
      ...body.slice(0, 2),
      "/* klingc-enable sentence-end */",
      body[2],
      "",
    ].join("\n");
    expect(found(source)).toEqual(["3:16 limb-guidance", "6:8 sentence-end"]);
  });

  it("runs to the end of the file without an enable", () => {
    const source = [IMAGE, "// klingc-disable sentence-end", ...body, ""].join("\n");
    expect(found(source)).toEqual(["3:16 limb-guidance"]);
  });

  it("with no id silences every rule; an enable of one rule brings back only that one", () => {
    const all = [IMAGE, "// klingc-disable", ...body, ""].join("\n");
    expect(found(all)).toEqual([]);
    const some = [
      IMAGE,
      "// klingc-disable",
      body[0],
      "// klingc-enable sentence-end",
      body[1],
      body[2],
      "",
    ].join("\n");
    expect(found(some)).toEqual(["5:8 sentence-end", "6:8 sentence-end"]);
    const back = [
      IMAGE,
      "// klingc-disable sentence-end, limb-guidance",
      body[0],
      "// klingc-enable",
      ...body,
      "",
    ].join("\n");
    expect(found(back)).toEqual([
      "5:16 limb-guidance",
      "5:16 sentence-end",
      "6:8 sentence-end",
      "7:8 sentence-end",
    ]);
  });

  it("does not reach back: a finding before the disable comment stays", () => {
    const source = `${IMAGE}\naction "Maya waves" /* klingc-disable sentence-end */\ncamera "Static"\n`;
    expect(found(source)).toEqual(["2:8 sentence-end"]);
  });
});

describe("what directives cannot do", () => {
  const broken = `${IMAGE}\naction "Maya waves." }\n`;

  it("cannot silence a syntax error, in any form", () => {
    expect(found(broken)).toEqual(["2:22 syntax"]);
    for (const directive of [
      "// klingc-disable-next-line syntax",
      "// klingc-disable-next-line",
      "// klingc-disable syntax",
      "// klingc-disable",
    ]) {
      expect(found(broken.replace("\n", `\n${directive}\n`)), directive).toEqual(["3:22 syntax"]);
    }
    expect(found(`${IMAGE}\naction "Maya waves." } // klingc-disable-line\n`)).toEqual([
      "2:22 syntax",
    ]);
  });

  it("cannot silence a language error either: compile would still refuse the scene, so lint must not pass it", () => {
    const typo = `${IMAGE}\nactoin "Maya waves."\n`;
    expect(found(typo)).toContain("2:1 unknown-keyword");
    for (const directive of [
      "// klingc-disable-next-line unknown-keyword",
      "// klingc-disable-next-line",
      "// klingc-disable",
    ]) {
      expect(found(typo.replace("\nactoin", `\n${directive}\nactoin`)), directive).toContain(
        "3:1 unknown-keyword",
      );
    }
  });

  it("reports a directive that names an unknown rule (unknown-rule), and still applies the known ids", () => {
    const source = `${IMAGE}\n// klingc-disable-next-line limb-guidence, sentence-end\ncharacter maya "Maya"\n`;
    const diagnostics = lint(source, { filename: "scene.kp" });
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.ruleId}`)).toEqual([
      "2:1 warning unknown-rule",
      "3:16 warning limb-guidance",
    ]);
    expect(diagnostics[0]?.message).toContain("'limb-guidence'");
    expect(diagnostics[0]?.endColumn).toBe(56);
  });

  it("reports unknown ids in every directive form, enable included", () => {
    for (const directive of [
      "// klingc-disable-line nope",
      "// klingc-disable nope",
      "// klingc-enable nope",
      "/* klingc-disable-next-line nope */",
    ]) {
      expect(found(`${IMAGE}\naction "Maya waves." ${directive}\n`), directive).toEqual([
        "2:22 unknown-rule",
      ]);
    }
  });

  it("knows the ids of the parser and analysis as well as the rules", () => {
    for (const id of [...CORE_IDS, ...RULE_IDS]) {
      expect(found(`${IMAGE}\naction "Maya waves." // klingc-disable-line ${id}\n`), id).toEqual(
        [],
      );
    }
  });
});

describe("unused directives", () => {
  const source = [
    IMAGE,
    "// klingc-disable-next-line sentence-end, limb-guidance",
    'action "Maya waves"',
    "/* klingc-disable brand-risk */",
    'camera "Static."',
    "/* klingc-enable brand-risk */",
    'lighting "Soft window light." // klingc-disable-line',
    "",
  ].join("\n");

  it("are not reported by default", () => {
    expect(found(source)).toEqual([]);
  });

  it("are reported with reportUnusedDirectives, naming the ids that silenced nothing", () => {
    const diagnostics = lint(source, { filename: "scene.kp", reportUnusedDirectives: true });
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.ruleId}`)).toEqual([
      "2:1 warning unused-directive",
      "4:1 warning unused-directive",
      "7:31 warning unused-directive",
    ]);
    expect(diagnostics[0]?.message).toContain("limb-guidance");
    expect(diagnostics[0]?.message).not.toContain("sentence-end");
    expect(diagnostics[1]?.message).toContain("brand-risk");
  });

  it("a directive that silenced something is not reported", () => {
    const used = `${IMAGE}\n// klingc-disable-next-line sentence-end\naction "Maya waves"\n`;
    expect(found(used, { reportUnusedDirectives: true })).toEqual([]);
  });
});

describe("config severities", () => {
  const source = `${IMAGE}\ncharacter maya "Maya."\naction "Maya waves"\n`;
  const severities = (options: LintOptions): string[] =>
    lint(source, options).map((d) => `${d.ruleId} ${d.severity}`);

  it("uses each rule's default severity without a config", () => {
    expect(severities({})).toEqual(["limb-guidance warning", "sentence-end info"]);
  });

  it("lets the config override a rule's severity", () => {
    const config = {
      rules: {
        "sentence-end": { severity: "error" as const },
        "limb-guidance": { severity: "info" as const },
      },
    };
    const diagnostics = lint(source, { config });
    expect(diagnostics.map((d) => `${d.ruleId} ${d.severity}`)).toEqual([
      "limb-guidance info",
      "sentence-end error",
    ]);
    // vfile-message's fatal follows the severity.
    expect(diagnostics.map((d) => d.fatal)).toEqual([undefined, true]);
  });

  it("'off' removes a rule", () => {
    expect(severities({ config: { rules: { "limb-guidance": { severity: "off" } } } })).toEqual([
      "sentence-end info",
    ]);
  });

  it("passes a rule its options", () => {
    const long = `${IMAGE}\naction "${"Maya waves at the lens. ".repeat(5).trim()}"\n`;
    expect(lint(long).map((d) => d.ruleId)).toEqual([]);
    expect(
      lint(long, {
        config: { rules: { "focus-budget": { severity: "error", options: { budget: 50 } } } },
      }).map((d) => `${d.ruleId} ${d.severity}`),
    ).toEqual(["focus-budget error"]);
  });

  it("reads brands and the focus budget from the config", () => {
    const text = `${IMAGE}\naction "Maya holds the Serumix jar to the lens."\n`;
    expect(lint(text).map((d) => d.ruleId)).toEqual([]);
    expect(
      lint(text, { config: { brands: ["Serumix"] } }).map(
        (d) => `${d.line}:${d.column} ${d.ruleId}`,
      ),
    ).toEqual(["2:24 brand-risk"]);
    expect(lint(text, { config: { focusBudget: 20 } }).map((d) => d.ruleId)).toEqual([
      "focus-budget",
    ]);
  });

  it("cannot turn off what the parser and analysis report", () => {
    const off = Object.fromEntries(RULE_IDS.map((id) => [id, { severity: "off" as const }]));
    expect(
      lint(`${IMAGE}\nactoin "Maya waves."\naction "x" }\n`, { config: { rules: off } }).map(
        (d) => d.ruleId,
      ),
    ).toEqual(["unknown-keyword", "syntax"]);
  });

  it("runs only the rules it is given", () => {
    const only: Rule = {
      meta: {
        id: "only",
        description: "",
        severity: "warning",
        fixable: false,
        options: {},
        details: "",
        examples: [],
      },
      check: (context) => context.report({ at: context.ast, message: "here" }),
    };
    expect(found(source, { rules: [only] })).toEqual(["1:1 only"]);
  });
});

describe("order and docs links", () => {
  const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));
  const sources = readdirSync(FIXTURES, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".kp"))
    .sort()
    .map((f) => [f, readFileSync(join(FIXTURES, f), "utf8")] as const);

  function expectSorted(diagnostics: readonly Diagnostic[]): void {
    for (let i = 1; i < diagnostics.length; i++) {
      expect(
        compareDiagnostics(diagnostics[i - 1] as Diagnostic, diagnostics[i] as Diagnostic),
      ).toBeLessThanOrEqual(0);
    }
  }

  it("sorts diagnostics by position whatever rule reported them", () => {
    const source = [
      "project {",
      '  endpoint "fal-ai/kling-video/v3/pro/image-to-video"',
      "  cfg_scale 0.5",
      "}",
      "scene hook {",
      '  character maya "Maya"',
      '  action "Maya holds the GlowLab jar, no text overlays"',
      "  duration 20s",
      "  aspect 9:16",
      "}",
      "",
    ].join("\n");
    const diagnostics = lint(source, { config: { brands: ["GlowLab"] } });
    expect(diagnostics.length).toBeGreaterThan(8);
    expectSorted(diagnostics);
    // Not in rule order: the registry lists no-cfg-scale before legacy-endpoint, the file the other way round.
    expect(diagnostics.map((d) => d.ruleId).slice(0, 2)).toEqual([
      "legacy-endpoint",
      "no-cfg-scale",
    ]);
  });

  it("gives every diagnostic a docs url: rules/ID.md for a rule, the grammar docs for the language", () => {
    const urls = new Map(RULES.map((r) => [r.meta.id, r.meta.url]));
    let checked = 0;
    for (const [name, source] of sources) {
      const diagnostics = lint(source, { filename: name, reportUnusedDirectives: true });
      expectSorted(diagnostics);
      for (const d of diagnostics) {
        checked++;
        expect(d.url.startsWith(DOCS_BASE), `${name} ${d.ruleId}`).toBe(true);
        if ((CORE_IDS as readonly string[]).includes(d.ruleId))
          expect(d.url).toBe(`${DOCS_BASE}grammar/README.md#${d.ruleId}`);
        else if (urls.has(d.ruleId)) expect(d.url).toBe(urls.get(d.ruleId));
        expect(d.url).toContain(d.ruleId);
      }
    }
    expect(checked).toBeGreaterThan(50);
    expect(RULES.every((r) => r.meta.url === `${DOCS_BASE}rules/${r.meta.id}.md`)).toBe(true);
  });

  it("carries the file name, 1-based positions and vfile-message fields", () => {
    const [d] = lint(`${IMAGE}\naction "Maya waves"\n`, { filename: "scenes/hook.kp" });
    expect(d).toMatchObject({
      ruleId: "sentence-end",
      source: "klingc",
      file: "scenes/hook.kp",
      line: 2,
      column: 8,
      endLine: 2,
      endColumn: 20,
      reason: d?.message,
      place: { start: { line: 2, column: 8 }, end: { line: 2, column: 20 } },
    });
  });
});

describe("directives in a run with only some rules", () => {
  it("accept any of klingc's rule ids, not only the rules this run uses", async () => {
    const { sentenceEnd } = await import("../rules/sentence-end.js");
    const source =
      '// klingc-disable-next-line limb-guidance\ncharacter maya "Maya, thirties."\naction "Maya waves."\n';
    const diagnostics = lint(source, { rules: [sentenceEnd] });
    expect(diagnostics.filter((d) => d.ruleId === "unknown-rule")).toEqual([]);
  });
});
