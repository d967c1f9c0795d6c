/**
 * Issue 7.1: every public function validates what it is given and never
 * throws. Bad options become `invalid-option` diagnostics with a clear
 * message; a property calls every function src/index.ts exports with
 * arbitrary arguments (wrong types, missing and extra fields) and arbitrary
 * sources, and checks that none throws and that every diagnostic lies inside
 * the text it is about. The config API (parseConfigText, mergeConfigs,
 * configForFile, validateConfig, emptyConfig, ConfigError) has its own tests.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as core from "../src/index.js";
import * as markdown from "../src/markdown/index.js";

// Every function a package entry without I/O exports: the root and klingc/markdown.
const klingc = { ...core, ...markdown };
import type { Diagnostic, Rule } from "../src/index.js";
import {
  analyze,
  buildRequest,
  compile,
  fix,
  lint,
  parse,
  requestsToKp,
  RULE_IDS,
  TARGET_IDS,
} from "../src/index.js";

const SOURCE = 'image "https://x.test/a.png"\naction "Maya waves."\n';

const messages = (ds: readonly Diagnostic[]) =>
  ds.filter((d) => d.ruleId === "invalid-option").map((d) => d.message);

describe("bad options are diagnostics, not TypeErrors", () => {
  const run = {
    parse: (o: unknown) => parse(SOURCE, o as never).diagnostics,
    analyze: (o: unknown) => analyze(SOURCE, o as never).diagnostics,
    compile: (o: unknown) => compile(SOURCE, o as never).diagnostics,
    lint: (o: unknown) => lint(SOURCE, o as never),
    fix: (o: unknown) => fix(SOURCE, o as never).remaining,
  };

  it("an unknown target", () => {
    for (const target of ["kling-o4", "veo"]) {
      const expected = `option target must be one of ${TARGET_IDS.join(", ")}, not '${target}'; it is ignored`;
      expect(messages(run.analyze({ target }))).toEqual([expected]);
      expect(messages(run.compile({ target }))).toEqual([expected]);
      expect(messages(run.lint({ config: { target } }))).toEqual([
        expected.replace("option target", "option config.target"),
      ]);
      expect(messages(run.fix({ config: { target } }))).toEqual([
        expected.replace("option target", "option config.target"),
      ]);
    }
  });

  it("a budget that is not a positive whole number", () => {
    for (const [budget, shown] of [
      ["abc", "'abc'"],
      [0, "0"],
      [-1, "-1"],
      [Number.NaN, "NaN"],
      [2.5, "2.5"],
    ] as const) {
      expect(messages(run.compile({ budget }))).toEqual([
        `option budget must be a whole number of at least 1, not ${shown}; it is ignored`,
      ]);
      expect(messages(run.lint({ config: { budget } }))).toEqual([
        `option config.budget must be a whole number of at least 1, not ${shown}; it is ignored`,
      ]);
    }
    // The bad budget is ignored: the target's limit applies.
    expect(compile(SOURCE, { budget: "abc" as never }).scenes[0]?.budget).toBe(2500);
  });

  it("an unknown rule severity, and a rule that does not exist", () => {
    const config = {
      rules: { "limb-guidance": { severity: "loud" }, "no-such-rule": { severity: "off" } },
    };
    expect(messages(run.lint({ config }))).toEqual([
      "option config.rules['limb-guidance'].severity must be one of off, warn, error, info, warning, not 'loud'; it is ignored",
      "option config.rules['no-such-rule'] is an unknown rule; it is ignored",
    ]);
    expect(messages(run.compile({ config: { rules: { "dropped-content": 5 } } }))).toEqual([
      "option config.rules['dropped-content'] must be a severity (off, warn, error, info, warning), [severity, options?] or { severity, options? }, not 5; it is ignored",
    ]);
  });

  it("a malformed custom rule", () => {
    const rule =
      "option rules[0] is not a rule: a rule is { meta: { id, severity: 'error' | 'warning' | 'info', … }, check(context) }; it is ignored";
    expect(messages(run.lint({ rules: [{}] }))).toEqual([rule]);
    expect(messages(run.fix({ rules: [{}] }))).toEqual([rule]);
    expect(messages(run.lint({ rules: "all" }))).toEqual([
      "option rules must be an array of rules, not 'all'; it is ignored",
    ]);
  });

  it("options and sources of the wrong type", () => {
    expect(messages(run.parse(5))).toEqual([
      "the options must be an object, not 5; they are ignored",
    ]);
    expect(messages(run.compile({ filename: 42 }))).toEqual([
      "option filename must be a string, not 42; it is ignored",
    ]);
    expect(messages(lint(undefined as never))).toEqual([
      "the source must be a string, not undefined; it is read as an empty file",
    ]);
    expect(fix(null as never).output).toBe("");
  });

  it("each problem is an error at the start of the file, with the file's name when it has a valid one", () => {
    const [d] = compile(SOURCE, { filename: "demo.kp", target: "veo" as never }).diagnostics;
    expect(d).toMatchObject({
      ruleId: "invalid-option",
      severity: "error",
      file: "demo.kp",
      line: 1,
      column: 1,
      offset: 0,
      endOffset: 0,
    });
    expect(d?.url).toMatch(/README\.md#diagnostics$/);
  });
});

// ---------------------------------------------------------------------------

/** The config API is tested with its own module; classes are constructed by the library's callers, not called. */
const ELSEWHERE = new Set([
  "ConfigError",
  "LineIndex",
  "configForFile",
  "emptyConfig",
  "mergeConfigs",
  "parseConfigText",
  "validateConfig",
]);
const FUNCTIONS = Object.entries(klingc).filter(
  ([name, value]) => typeof value === "function" && !ELSEWHERE.has(name),
) as [string, (...args: unknown[]) => unknown][];
/** The functions that take a source text and options and answer with diagnostics. */
const ON_SOURCE = new Set([
  "parse",
  "analyze",
  "compile",
  "lint",
  "fix",
  "compileMarkdown",
  "lintMarkdown",
  "fixMarkdown",
  "format",
  "formatMarkdown",
  "explain",
  "migrateRequests",
]);

const throwingRule: Rule = {
  meta: {
    id: "throws",
    description: "",
    severity: "warning",
    fixable: false,
    options: {},
    details: "",
    examples: [],
  },
  check() {
    throw new TypeError("boom");
  },
};
const farRule: Rule = {
  meta: {
    id: "far",
    description: "",
    severity: "info",
    fixable: false,
    options: {},
    details: "",
    examples: [],
  },
  check(context) {
    context.report({
      at: { position: { start: { offset: -10 }, end: { offset: 1e9 } } },
      message: "everywhere",
    });
  },
};
const nanRule: Rule = {
  meta: {
    id: "nan",
    description: "",
    severity: "info",
    fixable: false,
    options: {},
    details: "",
    examples: [],
  },
  check(context) {
    context.report({
      at: { position: { start: { offset: Number.NaN }, end: { offset: 3 } } },
      message: "nowhere",
    });
  },
};

const FRAGMENTS = [
  'image "https://x.test/a.png"\n',
  'action "Maya waves."\n',
  "scene a {\n",
  "}\n",
  "project {\n",
  "engine veo-3.1\n",
  "engine sora-2\n",
  "quality 4k\n",
  "duration 5s\n",
  "aspect 9:16\n",
  'shot { duration 4s; action "x" }\n',
  "budget 20\n",
  'realism "Grain."\n',
  "// klingc-disable\n",
  'negative_prompt "blur"\n',
  '"',
  "{",
  "\u{1F600}",
  "\r\n",
  "\u0000",
  "\uD800",
  // Markdown storyboards: fences, quotes, list items.
  "```kp\n",
  "```\n",
  "> ",
  "- ",
  "\t",
];
const source = fc.oneof(
  fc.string(),
  fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 12 }).map((parts) => parts.join("")),
);
const anything = fc.anything();
const severity = fc.oneof(
  fc.constantFrom("error", "warning", "info", "off", "warn", "loud"),
  anything,
);
const config = fc.oneof(
  anything,
  fc.record(
    {
      target: fc.oneof(fc.constantFrom(...TARGET_IDS, "kling-o4", "veo"), anything),
      budget: fc.oneof(
        fc.integer({ min: -5, max: 3000 }),
        fc.constant(Number.NaN),
        fc.constant("abc"),
        anything,
      ),
      focusBudget: fc.oneof(fc.integer({ min: -5, max: 3000 }), anything),
      brands: fc.oneof(fc.array(fc.string()), anything),
      rules: fc.oneof(
        anything,
        fc.dictionary(
          fc.constantFrom(...RULE_IDS, "nope"),
          fc.oneof(
            fc.record({ severity, options: anything }, { requiredKeys: ["severity"] }),
            anything,
          ),
        ),
      ),
      extra: anything,
    },
    { requiredKeys: [] },
  ),
);
const options = fc.oneof(
  anything,
  fc.record(
    {
      filename: fc.oneof(fc.string(), anything),
      target: fc.oneof(fc.constantFrom(...TARGET_IDS, "kling-o4", "veo"), anything),
      budget: fc.oneof(
        fc.integer({ min: -5, max: 3000 }),
        fc.constant(Number.NaN),
        fc.constant("abc"),
        anything,
      ),
      config,
      rules: fc.oneof(
        anything,
        fc.array(
          fc.oneof(
            fc.constant({}),
            fc.constant(throwingRule),
            fc.constant(farRule),
            fc.constant(nanRule),
            fc.constant(klingc.RULES[0]),
            anything,
          ),
          { maxLength: 3 },
        ),
      ),
      reportUnusedDirectives: fc.oneof(fc.boolean(), anything),
      extra: anything,
    },
    { requiredKeys: [] },
  ),
);

function expectInside(diagnostics: unknown, text: string): void {
  expect(Array.isArray(diagnostics)).toBe(true);
  for (const d of diagnostics as Diagnostic[]) {
    expect(d.offset, d.message).toBeGreaterThanOrEqual(0);
    expect(d.endOffset, d.message).toBeGreaterThanOrEqual(d.offset);
    expect(d.endOffset, d.message).toBeLessThanOrEqual(text.length);
    expect(d.line, d.message).toBeGreaterThanOrEqual(1);
    expect(d.column, d.message).toBeGreaterThanOrEqual(1);
    expect(d.endLine, d.message).toBeGreaterThanOrEqual(d.line);
  }
}

describe("no public function throws", () => {
  it("covers every function src/index.ts exports", () => {
    expect(FUNCTIONS.map(([name]) => name).sort()).toEqual([
      "analyze",
      "buildRequest",
      "codePointLength",
      "compile",
      "compileMarkdown",
      "explain",
      "extractProject",
      "fix",
      "fixMarkdown",
      "format",
      "formatMarkdown",
      "formatNumber",
      "getProfile",
      "isMarkdownFile",
      "keywordsFor",
      "lint",
      "lintMarkdown",
      "migrateRequests",
      "pack",
      "parse",
      "remarkKlingc",
      "requestsToKp",
      "splitSentences",
      "toVFileMessage",
      "truncateAtSentence",
    ]);
  });

  it("parse, analyze, compile, lint and fix, on any source with any options: diagnostics inside the text", () => {
    const fn = fc.constantFrom(...FUNCTIONS.filter(([name]) => ON_SOURCE.has(name)));
    fc.assert(
      fc.property(fn, source, options, ([name, f], text, opts) => {
        const result = f(text, opts) as Record<string, unknown> | Diagnostic[];
        if (name === "lint" || name === "lintMarkdown") expectInside(result, text);
        else if (name === "fix" || name === "fixMarkdown")
          expectInside(
            (result as { remaining: unknown }).remaining,
            (result as { output: string }).output,
          );
        else expectInside((result as { diagnostics: unknown }).diagnostics, text);
      }),
      { numRuns: 250 },
    );
  });

  it("every function, on arguments of any type", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FUNCTIONS),
        fc.array(fc.oneof(anything, source, options), { maxLength: 3 }),
        ([, f], args) => {
          f(...args);
        },
      ),
      { numRuns: 400 },
    );
  });

  it("toVFileMessage on what lint returns and on anything else", () => {
    fc.assert(
      fc.property(source, anything, (text, other) => {
        for (const d of lint(text)) expect(klingc.toVFileMessage(d).reason).toBe(d.message);
        klingc.toVFileMessage(other as Diagnostic);
      }),
      { numRuns: 50 },
    );
  });
});

describe("sparse lists from a caller", () => {
  it("holes in a request's shots, a migration's avoid terms or config.brands are refused, never read as items", () => {
    const spec = {
      target: "kling-o3",
      quality: null,
      image: "https://x.test/a.png",
      endImage: null,
      duration: null,
      aspect: null,
      audio: false,
      prompt: null,
      shots: new Array(2),
      negativePrompt: null,
      cfgScale: null,
    };
    expect(buildRequest(spec as never)).toBeNull();
    expect(
      requestsToKp(
        {
          requests: [],
          sources: [{ quality: "pro", prompt: "x", shots: null, avoid: new Array(2) }],
        } as never,
        "old",
      ).text,
    ).toBe("");
    expect(
      compile('action "x"', { config: { brands: new Array(2) } }).diagnostics[0]?.message,
    ).toBe("option config.brands must be an array of strings, not an array; it is ignored");
  });
});
