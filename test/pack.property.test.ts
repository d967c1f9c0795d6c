import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { pack, type PackResult, type PackUnit, type Tier } from "../src/emit/pack.js";
import {
  ensureTerminalPeriod,
  foldWhitespace,
  splitSentences,
  truncateAtSentence,
} from "../src/emit/text.js";

// ---------- independent re-implementations, straight from the contract ----------

/** Code points, with a lone surrogate counting one (string iteration yields it alone). */
const length = (s: string): number => [...s].length;

function naiveAssemble(units: readonly PackUnit[]): string {
  const parts = units.filter((u) => u.kind === "sentence").map((u) => u.text);
  const terms = units.filter((u) => u.kind === "avoid").map((u) => u.text);
  if (terms.length > 0) parts.push(`Avoid: ${terms.join(", ")}.`);
  return parts.join(" ");
}

const hasLoneSurrogate = (s: string): boolean => /\p{Cs}/u.test(s);

/** Index of the previous sentence of the same section, or -1. */
function previousSentence(units: readonly PackUnit[], i: number): number {
  const unit = units[i];
  if (unit?.kind !== "sentence") return -1;
  for (let j = i - 1; j >= 0; j--) {
    const other = units[j];
    if (other?.kind === "sentence" && other.section === unit.section) return j;
  }
  return -1;
}

/** Which input units (by index) the result keeps, matched by identity in order. */
function keptIndexes(units: readonly PackUnit[], result: PackResult): Set<number> {
  const kept = new Set<number>();
  let k = 0;
  units.forEach((unit, i) => {
    if (result.kept[k] === unit) {
      kept.add(i);
      k++;
    }
  });
  expect(k).toBe(result.kept.length); // every kept unit is an input unit, in prompt order
  return kept;
}

// ---------- arbitraries ----------

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));

function words(withLoneSurrogates: boolean): fc.Arbitrary<string> {
  const pieces = [
    fc.constantFrom(
      "Maya",
      "she",
      "smiles",
      "Dr.",
      "e.g.",
      "etc.",
      "2.5x",
      "9:16",
      "iPhone",
      "Then",
      "拿起",
      "杯子",
    ),
    fc.constantFrom("😀", "👨‍👩‍👧", "🇫🇷", "👍🏽", "e\u0301", "\u0600", '"Really?!"', "(wide)", "「好」"),
    fc.string({ unit: "grapheme", minLength: 1, maxLength: 8 }),
    fc.string({ unit: "binary", minLength: 1, maxLength: 4 }),
  ];
  return withLoneSurrogates ? fc.oneof(...pieces, loneSurrogate) : fc.oneof(...pieces);
}

/** Latin-style prose: words, punctuation, white space. */
function latinProse(withLoneSurrogates: boolean): fc.Arbitrary<string> {
  const ending = fc.constantFrom("", "", ".", "!", "?", "…", "。", ",", '."', "?!");
  const gap = fc.constantFrom(" ", " ", "  ", "\n", "\t", "\u3000");
  return fc
    .array(fc.tuple(words(withLoneSurrogates), ending, gap), { maxLength: 10 })
    .map((parts) => parts.map(([word, end, space]) => word + end + space).join(""));
}

/** Chinese, Japanese and Korean phrases, and emoji, which CJK prose writes without spaces. */
const cjkWord = fc.oneof(
  fc.constantFrom(
    "她走进房间",
    "拿起杯子",
    "镜头缓慢推进",
    "カメラがゆっくり寄る",
    "彼女は笑う",
    "카메라가 다가간다",
    "「好」",
    "『はい』",
    "😀",
    "👨‍👩‍👧",
    "🇯🇵",
  ),
  fc.string({
    unit: fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCodePoint(c)),
    minLength: 1,
    maxLength: 6,
  }),
  fc.string({
    unit: fc.integer({ min: 0x3041, max: 0x30ff }).map((c) => String.fromCodePoint(c)),
    minLength: 1,
    maxLength: 6,
  }),
);

/** CJK prose: sentences end in 。！？ (often with a closing quote) and mostly no space follows. */
function cjkProse(): fc.Arbitrary<string> {
  const ending = fc.constantFrom(
    "",
    "。",
    "。",
    "！",
    "？",
    "。」",
    "！』",
    "？”",
    "，",
    "、",
    "…",
  );
  const gap = fc.constantFrom("", "", "", " ", "\u3000");
  return fc
    .array(fc.tuple(cjkWord, ending, gap), { maxLength: 10 })
    .map((parts) => parts.map(([word, end, space]) => word + end + space).join(""));
}

/** Latin, CJK and mixed prose (CJK sentences next to Latin ones, emoji after periods). */
function prose(withLoneSurrogates: boolean): fc.Arbitrary<string> {
  return fc.oneof(
    latinProse(withLoneSurrogates),
    cjkProse(),
    fc
      .array(fc.oneof(latinProse(withLoneSurrogates), cjkProse()), { maxLength: 3 })
      .map((parts) => parts.join("")),
  );
}

const tier = fc.constantFrom<Tier>(1, 2, 3);
const keywords = [
  "character",
  "action",
  "audio",
  "product",
  "camera",
  "lighting",
  "realism",
  "continuity",
];

/** Units the way the emitter makes them: folded, punctuated, split; one tier per section; avoid terms last. */
function unitsArb(withLoneSurrogates: boolean): fc.Arbitrary<PackUnit[]> {
  const section = fc.record({
    keyword: fc.constantFrom(...keywords),
    tier,
    text: prose(withLoneSurrogates),
  });
  const avoidClause = fc.record({
    tier,
    terms: fc.array(words(withLoneSurrogates), { maxLength: 6 }),
  });
  return fc
    .tuple(fc.array(section, { maxLength: 8 }), fc.option(avoidClause))
    .map(([sections, clause]) => {
      const units: PackUnit[] = [];
      sections.forEach((s, index) => {
        splitSentences(ensureTerminalPeriod(foldWhitespace(s.text))).forEach((text, sentence) => {
          units.push({
            kind: "sentence",
            section: index,
            keyword: s.keyword,
            sentence,
            tier: s.tier,
            text,
          });
        });
      });
      const terms = (clause?.terms ?? []).map(foldWhitespace).filter((t) => t !== "");
      terms.forEach((text, sentence) => {
        units.push({
          kind: "avoid",
          section: sections.length,
          keyword: "avoid",
          sentence,
          tier: clause?.tier ?? 3,
          text,
        });
      });
      return units;
    });
}

/** Units and a budget in 0..5000, mostly below the full prompt's length so that packing has choices to make. */
function caseArb(withLoneSurrogates: boolean): fc.Arbitrary<[PackUnit[], number]> {
  return unitsArb(withLoneSurrogates).chain((units) => {
    const full = Math.min(5000, length(naiveAssemble(units)));
    const budget = fc.oneof(
      { arbitrary: fc.integer({ min: 0, max: 5000 }), weight: 1 },
      { arbitrary: fc.integer({ min: 0, max: full }), weight: 4 },
    );
    return fc.tuple(fc.constant(units), budget);
  });
}
const RUNS = { numRuns: 250 };

// ---------- properties ----------

describe("pack (properties)", () => {
  it("(a) never exceeds the budget in code points, and reports the prompt's length", () => {
    fc.assert(
      fc.property(caseArb(true), ([units, budget]) => {
        const result = pack(units, budget);
        expect(length(result.prompt)).toBeLessThanOrEqual(budget);
        expect(result.chars).toBe(length(result.prompt));
        expect(result.budget).toBe(budget);
      }),
      RUNS,
    );
  });

  it("(b) the prompt is exactly the kept units assembled; kept and dropped partition the units", () => {
    fc.assert(
      fc.property(caseArb(true), ([units, budget]) => {
        const result = pack(units, budget);
        const kept = keptIndexes(units, result);
        const dropped = units.filter((_, i) => !kept.has(i));
        expect(result.dropped).toHaveLength(dropped.length);
        expect(result.dropped.filter((d) => d.partial).length).toBeLessThanOrEqual(1);
        result.dropped.forEach((d, i) => {
          const u = dropped[i] as PackUnit;
          expect({ section: d.section, keyword: d.keyword, tier: d.tier, kind: d.kind }).toEqual({
            section: u.section,
            keyword: u.keyword,
            tier: u.tier,
            kind: u.kind,
          });
          expect(d.chars).toBe(length(d.text));
          if (!d.partial) {
            expect(d.text).toBe(u.text);
            return;
          }
          // Only the overflow fallback cuts a unit: what is reported lost is its tail, and its head ends the prompt.
          expect(result.overflow).toBe(true);
          expect(u.text.endsWith(d.text)).toBe(true);
          expect(d.text.length).toBeLessThan(u.text.length);
          expect(
            result.prompt.endsWith(u.text.slice(0, u.text.length - d.text.length).trimEnd()),
          ).toBe(true);
        });
        if (!result.overflow) {
          expect(result.prompt).toBe(naiveAssemble(result.kept));
          return;
        }
        // Overflow: the service's truncation of everything; kept units lie wholly inside it.
        const full = naiveAssemble(units);
        expect(result.prompt).toBe(truncateAtSentence(full, budget));
        expect(full.startsWith(result.prompt)).toBe(true);
        units.forEach((unit, i) => {
          const prefix = naiveAssemble(units.slice(0, i + 1));
          // A term's text ends before the clause's closing period.
          const end = unit.kind === "avoid" ? prefix.length - 1 : prefix.length;
          expect(kept.has(i)).toBe(end <= result.prompt.length);
        });
      }),
      RUNS,
    );
  });

  it("(c) keeps every tier-1 unit when tier 1 fits, and overflows exactly when it does not", () => {
    fc.assert(
      fc.property(caseArb(true), ([units, budget]) => {
        const result = pack(units, budget);
        const tierOne = units.filter((u) => u.tier === 1);
        const fits = length(naiveAssemble(tierOne)) <= budget;
        expect(result.overflow).toBe(!fits);
        if (fits) expect(result.kept.filter((u) => u.tier === 1)).toEqual(tierOne);
      }),
      RUNS,
    );
  });

  it("(d) drops a unit only after a dropped sentence of its section or when it would not fit at its turn", () => {
    fc.assert(
      fc.property(caseArb(true), ([units, budget]) => {
        const result = pack(units, budget);
        if (result.overflow) return;
        const kept = keptIndexes(units, result);
        units.forEach((unit, i) => {
          if (kept.has(i)) return;
          const previous = previousSentence(units, i);
          if (previous >= 0 && !kept.has(previous)) return;
          const before = units.filter(
            (other, j) =>
              kept.has(j) && (other.tier < unit.tier || (other.tier === unit.tier && j < i)),
          );
          const withIt = units.filter((other) => before.includes(other) || other === unit);
          expect(length(naiveAssemble(withIt))).toBeGreaterThan(budget);
        });
      }),
      RUNS,
    );
  });

  it("(e) keeps a prefix of each section's sentences", () => {
    fc.assert(
      fc.property(caseArb(true), ([units, budget]) => {
        const result = pack(units, budget);
        const sections = new Set(units.filter((u) => u.kind === "sentence").map((u) => u.section));
        for (const section of sections) {
          const indexes = result.kept
            .filter((u) => u.kind === "sentence" && u.section === section)
            .map((u) => u.sentence);
          expect(indexes).toEqual(indexes.map((_, k) => k));
        }
      }),
      RUNS,
    );
  });

  it("(g) is deterministic", () => {
    fc.assert(
      fc.property(caseArb(true), ([units, budget]) => {
        const copy = units.map((u) => ({ ...u }));
        expect(pack(copy, budget)).toEqual(pack(units, budget));
      }),
      { numRuns: 100 },
    );
  });

  it("(h) never makes a lone surrogate out of text that had none", () => {
    fc.assert(
      fc.property(caseArb(false), ([units, budget]) => {
        const result = pack(units, budget);
        expect(hasLoneSurrogate(result.prompt)).toBe(false);
        for (const unit of [...result.kept, ...result.dropped])
          expect(hasLoneSurrogate(unit.text)).toBe(false);
      }),
      RUNS,
    );
  });
});

// ---------- truncateAtSentence against a brute-force oracle ----------

const isWhite = (ch: string | undefined): boolean => ch !== undefined && /\s/u.test(ch);

/** End offsets of the splitSentences units, located in the text one after another. */
function sentenceEndOffsets(text: string): Set<number> {
  const ends = new Set<number>();
  let from = 0;
  for (const unit of splitSentences(text)) {
    const at = text.indexOf(unit, from);
    expect(at).toBeGreaterThanOrEqual(from);
    from = at + unit.length;
    ends.add(from);
  }
  return ends;
}

function graphemeCuts(text: string): Set<number> {
  const cuts = new Set([text.length]);
  for (const { index } of new Intl.Segmenter("en", { granularity: "grapheme" }).segment(text))
    cuts.add(index);
  return cuts;
}

/** The documented definition, tried on every prefix. */
function oracle(text: string, limit: number): string {
  if (limit <= 0) return "";
  if (length(text) <= limit) return text;
  const graphemes = graphemeCuts(text);
  const sentences = sentenceEndOffsets(text);
  const valid: number[] = [];
  for (let p = 1; p <= text.length; p++) {
    const prefix = text.slice(0, p);
    if (graphemes.has(p) && length(prefix) <= limit && !isWhite([...prefix].at(-1))) valid.push(p);
  }
  const best = (keep: (p: number) => boolean) => Math.max(0, ...valid.filter(keep));
  const end = best((p) => sentences.has(p)) || best((p) => isWhite(text[p])) || best(() => true);
  return text.slice(0, end);
}

describe("truncateAtSentence (properties)", () => {
  const shortText = fc.oneof(
    prose(true).map((t) => t.slice(0, 24)),
    prose(true).map((t) => foldWhitespace(t).slice(0, 24)),
    fc.string({
      unit: fc.oneof(words(true), fc.constantFrom(" ", ". ", "! ", "。")),
      maxLength: 6,
    }),
  );

  it("(f) returns the longest valid prefix, like a brute-force search over all prefixes", () => {
    fc.assert(
      fc.property(shortText, fc.integer({ min: -1, max: 26 }), (text, limit) => {
        expect(truncateAtSentence(text, limit)).toBe(oracle(text, limit));
      }),
      { numRuns: 400 },
    );
  });

  it("(h) never makes a lone surrogate out of text that had none", () => {
    fc.assert(
      fc.property(prose(false), fc.integer({ min: 0, max: 60 }), (text, limit) => {
        expect(hasLoneSurrogate(truncateAtSentence(text, limit))).toBe(false);
      }),
      RUNS,
    );
  });
});
