/**
 * Helpers the rules share, written for speed, checked against their plain
 * definitions: `endsSentence` tests the text without folding its white space,
 * `allStatements` walks the blocks with a stack, not recursion,
 * `collectUniqueSections` skips its Set and sort for sections in order,
 * limb-guidance finds its own sentence or words before running its patterns, and
 * negation-phrasing searches all texts of a file at once before each one,
 * with an ASCII pattern before its Unicode one, and image-url takes the image
 * statements the analysis keeps when they are all the file has.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { StatementNode } from "../src/language/ast.js";
import { parse } from "../src/language/parse.js";
import { foldWhitespace, hasTerminalPunctuation } from "../src/emit/text.js";
import { analyze } from "../src/language/analyze.js";
import type { Section } from "../src/language/model.js";
import { collectUniqueSections, endsSentence } from "../src/lint/literals.js";
import { lint } from "../src/lint/engine.js";
import { allStatements } from "../src/lint/rule.js";
import { FACTS, LIMB_SENTENCE, missingLimbFacts } from "../rules/limb-guidance.js";
import { imageStatements } from "../rules/image-url.js";
import { IMAGE_KEYWORDS } from "../src/lint/images.js";
import {
  findNegations,
  MAYBE_NEGATION,
  NEGATION,
  negationPhrasing,
} from "../rules/negation-phrasing.js";

/** Letters, every kind of white space, sentence ends and the closers that may follow them. */
const piece = fc.constantFrom(
  "Maya",
  "waves",
  "日本",
  " ",
  "  ",
  "\t",
  "\n",
  "\r\n",
  "\u00a0",
  "\u3000",
  "\u2028",
  ".",
  "。",
  "!",
  "?",
  "…",
  '"',
  "'",
  "”",
  "」",
  ")",
  ",",
  ":",
);
const text = fc.array(piece, { maxLength: 12 }).map((p) => p.join(""));

describe("endsSentence", () => {
  it("says what the folded, trimmed text says", () => {
    fc.assert(
      fc.property(text, (t) => {
        const folded = foldWhitespace(t).trim();
        expect(endsSentence(t)).toBe(folded === "" || hasTerminalPunctuation(folded));
      }),
      { numRuns: 2000 },
    );
  });
});

/** The recursive definition: each statement, then the statements of its block. */
function depthFirst(statements: readonly StatementNode[]): StatementNode[] {
  return statements.flatMap((s) => [s, ...(s.block ? depthFirst(s.block.statements) : [])]);
}

const statement: fc.Memo<string> = fc.memo((depth) =>
  depth <= 1
    ? fc.constantFrom('action "Maya waves."', "duration 5s", 'camera "Static."', "bogus 1")
    : fc.oneof(
        fc.constantFrom('action "Maya waves."', "duration 5s"),
        fc
          .array(statement(depth - 1), { maxLength: 3 })
          .map((body) => `scene s {\n${body.join("\n")}\n}`),
        fc
          .array(statement(depth - 1), { maxLength: 3 })
          .map((body) => `audio {\n${body.join("\n")}\n}`),
        fc
          .array(statement(depth - 1), { maxLength: 3 })
          .map((body) => `shot {\n${body.join("\n")}\n}`),
      ),
);

describe("allStatements", () => {
  it("lists every statement depth first, as the recursive walk does", () => {
    fc.assert(
      fc.property(fc.array(statement(4), { maxLength: 4 }), (lines) => {
        const { ast } = parse(lines.join("\n"));
        expect(allStatements(ast.statements)).toEqual(depthFirst(ast.statements));
      }),
      { numRuns: 300 },
    );
  });
});

/** The plain definition: each section statement once (the first entry), sorted by where it starts. */
function uniqueSorted(lists: readonly (readonly Section[])[]): Section[] {
  const seen = new Set<object>();
  const out = lists.flat().filter((s) => !seen.has(s.statement) && Boolean(seen.add(s.statement)));
  return out.sort((a, b) => a.statement.position.start.offset - b.statement.position.start.offset);
}

const section = fc.constantFrom(
  'action "Maya waves."',
  'camera "Static."',
  'lighting "Soft."',
  'character maya "Maya."',
  'audio {\n  tone "Warm."\n}',
);
const shot = fc.array(section, { maxLength: 2 }).map((body) => `shot {\n${body.join("\n")}\n}`);
const scene = fc
  .tuple(fc.array(section, { maxLength: 3 }), fc.array(shot, { maxLength: 2 }))
  .map(([body, shots]) => `scene s {\n${[...body, ...shots].join("\n")}\n}`);

describe("collectUniqueSections", () => {
  it("lists each section statement once, in source order, as a Set and a sort do", () => {
    fc.assert(
      fc.property(
        fc.array(section, { maxLength: 3 }),
        fc.array(scene, { maxLength: 3 }),
        fc.boolean(),
        (project, scenes, hasProject) => {
          const names = scenes.map((text, i) => text.replace(/^scene s/, `scene s${i}`));
          const source = [hasProject ? `project {\n${project.join("\n")}\n}` : "", ...names].join(
            "\n",
          );
          const analysis = analyze(source);
          const lists = [
            analysis.project?.sections ?? [],
            ...analysis.scenes.flatMap((s) => [
              s.sections,
              ...s.shots.map((shot) => shot.sections),
            ]),
          ];
          expect(collectUniqueSections(analysis)).toEqual(uniqueSorted(lists));
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** Counts, nouns, the words between and around them, the guidance sentence (and its pieces), and edges: letters, digits, hyphens, non-ASCII letters. */
const limbPiece = fc.constantFrom(
  "two",
  "five",
  "2",
  "5",
  "arms",
  "hands",
  "fingers",
  "slender",
  " ",
  "  ",
  "-",
  ",",
  ".",
  "x",
  "1",
  "é",
  "日",
  "two arms",
  "two hands",
  "five fingers",
  LIMB_SENTENCE,
  "Exactly two arms,",
  " two hands,",
  " five fingers on each hand.",
);
const limbText = fc.array(limbPiece, { maxLength: 10 }).map((p) => p.join(""));

describe("missingLimbFacts", () => {
  it("says what the facts' patterns say", () => {
    fc.assert(
      fc.property(limbText, (t) => {
        expect(missingLimbFacts(t)).toEqual(
          FACTS.filter((f) => !f.patterns.some((p) => p.test(t))).map((f) => f.label),
        );
      }),
      { numRuns: 3000 },
    );
  });
});

/** Negation words, words before and after them, apostrophes, quotes and punctuation (no `"` or `\\`: the texts go in string literals as they are). */
const negationPiece = fc.constantFrom(
  "no",
  "No",
  "never",
  "without",
  "avoid",
  "Avoid:",
  "don't",
  "do",
  "not",
  "does",
  "logos",
  "text",
  "x",
  "é",
  "_",
  "1",
  " ",
  "'",
  "’",
  ",",
  ".",
  ":",
);
const negationText = fc.array(negationPiece, { maxLength: 8 }).map((p) => p.join(""));

describe("negation-phrasing", () => {
  it("reports in each text what findNegations finds there, however the file's texts run together", () => {
    const keywords = ["action", "camera", "lighting", "product", "realism"];
    fc.assert(
      fc.property(fc.array(negationText, { minLength: 1, maxLength: 5 }), (texts) => {
        const source = [
          'image "https://x.test/a.png"',
          ...texts.map((t, i) => `${keywords[i]} "${t}"`),
        ].join("\n");
        const found = lint(source, { rules: [negationPhrasing] }).filter(
          (d) => d.ruleId === negationPhrasing.meta.id,
        );
        expect(found.length).toBe(texts.reduce((n, t) => n + findNegations(t).length, 0));
      }),
      { numRuns: 1000 },
    );
  });
});

/** The words in any case, `ſ` (which folds to s), letters and digits of other scripts, quotes, white space and the edges between. */
const foldPiece = fc.constantFrom(
  "no",
  "NO",
  "nO",
  "without",
  "WITHOUT",
  "never",
  "Avoid",
  "don't",
  "DON’T",
  "do",
  "not",
  "does",
  "doeſ",
  "DOEſ",
  "doesn't",
  "doeſn’t",
  "ſ",
  "K",
  "İ",
  "ı",
  "é",
  "日",
  "٣",
  "_",
  "1",
  "'",
  "’",
  " ",
  "\u00a0",
  "\u2028",
  "\n",
  "\u0000",
  "-",
  ".",
);
const foldText = fc.array(foldPiece, { maxLength: 8 }).map((p) => p.join(""));

describe("MAYBE_NEGATION", () => {
  it("matches every text NEGATION matches", () => {
    fc.assert(
      fc.property(foldText, (t) => {
        NEGATION.lastIndex = 0;
        const exact = NEGATION.test(t);
        NEGATION.lastIndex = 0;
        if (exact) expect(MAYBE_NEGATION.test(t)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
});

/** Image statements with good and bad values, written twice, in a shot or an unknown block, and "image" in texts and comments. */
const imageLine = fc.constantFrom(
  'image "https://x.test/a.png"',
  'image "https://x.test/b.png"',
  'end_image "https://x.test/e.png"',
  'start_image "https://x.test/s.png"',
  'start_image_url "frames/s.png"',
  'image "http://x.test/a.png"',
  'image "data:image/png;base64,AA=="',
  "image 5",
  "image",
  'image "a" "b"',
  'action "Maya holds an image."',
  "// an image here",
  'action "Maya waves."',
  'bogus {\n  image "https://x.test/u.png"\n}',
  'shot {\n  image "https://x.test/shot.png"\n  action "Maya waves."\n}',
);
const imageBlock = fc.array(imageLine, { maxLength: 4 });

describe("imageStatements", () => {
  it("lists the image statements in source order, as walking every statement does", () => {
    fc.assert(
      fc.property(
        fc.option(imageBlock),
        fc.array(imageBlock, { maxLength: 3 }),
        imageBlock,
        fc.boolean(),
        (project, scenes, loose, projectLast) => {
          const blocks = scenes.map((body, i) => `scene s${i} {\n${body.join("\n")}\n}`);
          const projectText = project === null ? [] : [`project {\n${project.join("\n")}\n}`];
          const source = (
            projectLast
              ? [...loose, ...blocks, ...projectText]
              : [...projectText, ...loose, ...blocks]
          ).join("\n");
          const { ast, project: model, scenes: resolved } = analyze(source);
          const walked = allStatements(ast.statements).filter((s) => IMAGE_KEYWORDS.has(s.keyword));
          expect(imageStatements({ source, ast, project: model, scenes: resolved })).toEqual(
            walked,
          );
        },
      ),
      { numRuns: 1000 },
    );
  });
});
