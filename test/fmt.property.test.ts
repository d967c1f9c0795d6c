/**
 * The formatter's promises over every shipped `.kp` file: formatting twice
 * changes nothing more, the meaning (model and compiled prompts) is the
 * same, no comment is lost, and a file with a syntax error is left alone.
 */
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { format } from "../src/fmt/format.js";
import {
  commentsOf,
  compiledOf,
  hasSyntaxError,
  kpFiles,
  lintedOf,
  modelOf,
} from "./support/fmt-meaning.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const FIXTURES = [...kpFiles(`${ROOT}fixtures`), ...kpFiles(`${ROOT}test`)];

describe("format over every fixture", () => {
  it("finds the fixtures", () => {
    expect(FIXTURES.length).toBeGreaterThan(30);
  });

  it.each(FIXTURES.map(([path, source]) => [path.slice(ROOT.length), source]))(
    "%s",
    (_path, source) => {
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
      expect(lintedOf(output)).toEqual(lintedOf(source));
    },
  );
});

/** Text for a string: words, punctuation, quotes, backslashes, tabs, line breaks and non-ASCII. */
const textArb = fc
  .array(
    fc.constantFrom(
      "Maya",
      "GlowLab",
      "leans",
      "in",
      "slowly",
      ".",
      ",",
      " ",
      "  ",
      "\n",
      "\t",
      '"',
      '""',
      "\\",
      "é",
      "日本",
      "😀",
      "!",
      "no blur",
      "\u0007",
    ),
    { minLength: 1, maxLength: 30 },
  )
  .map((parts) => parts.join(""));

/** A long text (one line) so the printer has to choose a block string. */
const longTextArb = fc
  .array(
    fc.constantFrom(
      "Maya turns to the window.",
      "The light catches her face.",
      "She holds the GlowLab bottle.",
      "She smiles and nods.",
    ),
    { minLength: 4, maxLength: 12 },
  )
  .map((s) => s.join(" "));

function escaped(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
}

/** Written as a quoted string, or as a block string when that can hold it as is. */
const stringArb = fc.tuple(fc.oneof(textArb, longTextArb), fc.boolean()).map(([value, block]) => {
  const plain =
    !/["\\\t\u0007]/.test(value) &&
    !/^\s|\s$/.test(value) &&
    !value.split("\n").some((l) => /^\s/.test(l));
  return block && plain ? `"""\n  ${value.split("\n").join("\n  ")}\n  """` : escaped(value);
});

const commentArb = fc.oneof(
  fc.constantFrom(
    "// a note",
    "/* a block */",
    "// klingc-disable-next-line brand-risk",
    "/* two\n   lines */",
  ),
);

const settingArb = fc.oneof(
  fc.constant('image "https://cdn.example.com/a.png"'),
  fc.constantFrom(
    "duration 5s",
    "duration 10s",
    "duration 7",
    "quality pro",
    "quality standard",
    "engine kling-v3",
    "engine veo-3.1",
    "audio off",
    "audio on",
  ),
  fc.integer({ min: 40, max: 400 }).map((n) => `budget ${n}`),
  fc.constantFrom(
    'brands "GlowLab", "Serumix"',
    'negative_prompt "blur, low quality"',
    "cfg_scale 0.5",
    'start_image "https://cdn.example.com/s.png"',
    'start_image_url "https://cdn.example.com/t.png"',
    'end_image "https://cdn.example.com/e.png"',
  ),
);

const sectionArb = fc.oneof(
  stringArb.map((s) => `action ${s}`),
  fc
    .tuple(
      fc.constantFrom(
        "character maya",
        "character",
        "product",
        "camera",
        "lighting",
        "realism",
        "continuity",
        "continuity from=other",
        "action tier=3",
        "camera tier=1",
      ),
      stringArb,
    )
    .map(([k, s]) => `${k} ${s}`),
  fc
    .array(fc.constantFrom("blur", '"3D render"', "cartoon", "Blur", '"extra fingers"'), {
      minLength: 1,
      maxLength: 4,
    })
    .map((t) => `avoid ${t.join(", ")}`),
  fc
    .array(
      fc
        .tuple(fc.constantFrom("dialogue maya", "voiceover", "music", "tone"), stringArb)
        .map(([k, s]) => `${k} ${s}`),
      { minLength: 1, maxLength: 3 },
    )
    .map((parts) => `audio {\n${parts.join("\n")}\n}`),
  stringArb.map((s) => `camra ${s}`),
);

/** A statement, maybe with a comment before it or after it on its line. */
function withComments(statement: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(fc.option(commentArb), statement, fc.option(commentArb))
    .map(
      ([before, s, after]) =>
        `${before ? `${before}\n` : ""}${s}${after ? ` ${after.replace(/\n/g, " ")}` : ""}`,
    );
}

const bodyArb = fc.array(withComments(fc.oneof(settingArb, sectionArb)), { maxLength: 8 });

function joinStatements(list: readonly string[], semicolons: boolean): string {
  return list.join(semicolons ? "; " : "\n");
}

const shotArb = fc
  .tuple(
    fc.option(fc.constantFrom("a", "b", "close-up")),
    fc.array(withComments(fc.oneof(fc.constantFrom("duration 3s", "duration 2s"), sectionArb)), {
      maxLength: 4,
    }),
  )
  .map(([name, body]) => `shot ${name ?? ""} {\n${body.join("\n")}\n}`);

const sceneArb = fc
  .tuple(
    fc.constantFrom("hook", "other", "demo"),
    bodyArb,
    fc.array(shotArb, { maxLength: 3 }),
    fc.boolean(),
  )
  .map(
    ([name, body, shots, semi]) =>
      `scene ${name} {\n${joinStatements([...body, ...shots], semi && shots.length === 0)}\n}`,
  );

const documentArb = fc.oneof(
  // An implicit scene: statements at the top level.
  bodyArb.map((body) => body.join("\n")),
  fc
    .tuple(
      fc.option(bodyArb),
      fc.array(sceneArb, { minLength: 1, maxLength: 3 }),
      fc.option(commentArb),
    )
    .map(([project, scenes, tail]) => {
      const parts = [...(project ? [`project "P" {\n${project.join("\n")}\n}`] : []), ...scenes];
      // The project may come last: the formatter moves it to the top.
      if (project && scenes.length > 1) parts.push(parts.shift() as string);
      return `${parts.join("\n")}${tail ? `\n${tail}` : ""}\n`;
    }),
);

describe("format over generated documents", () => {
  it("keeps the meaning and the comments, and a second run changes nothing", () => {
    fc.assert(
      fc.property(documentArb, (source) => {
        if (hasSyntaxError(source)) return;
        const { output } = format(source);
        expect(format(output).output).toBe(output);
        expect(modelOf(output)).toEqual(modelOf(source));
        expect(compiledOf(output)).toEqual(compiledOf(source));
        expect(commentsOf(output)).toEqual(commentsOf(source));
        expect(lintedOf(output)).toEqual(lintedOf(source));
      }),
      { numRuns: 200 },
    );
  });

  it("generates documents that parse (the property above is not vacuous)", () => {
    const samples = fc.sample(documentArb, { numRuns: 100, seed: 1 });
    expect(samples.filter((s) => !hasSyntaxError(s)).length).toBeGreaterThan(80);
  });

  it("never throws and leaves a text with a syntax error as it is", () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(
            "scene",
            " ",
            "{",
            "}",
            '"',
            "\n",
            "a",
            "//",
            "/*",
            "*/",
            '"""',
            ",",
            ";",
            "=",
            "1",
            "\\",
          ),
        }),
        (source) => {
          const { output } = format(source);
          if (hasSyntaxError(source)) expect(output).toBe(source);
          else expect(format(output).output).toBe(output);
        },
      ),
      { numRuns: 300 },
    );
  });
});
