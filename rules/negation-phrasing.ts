import { stringLiteral } from "../src/lint/edits.js";
import type { Rule } from "../src/lint/rule.js";
import { describeSource, literalRange, readLiteral, textSources } from "../src/lint/literals.js";

/** A negation found in a text: where it is (indexes into the text) and the term it rules out. */
export interface Negation {
  start: number;
  end: number;
  /** The negation as written: `no text overlays`. */
  phrase: string;
  /** What to put in `avoid` instead (one or more terms). */
  terms: string[];
}

const WORD = "[\\p{L}\\p{N}_]";
const NEGATION = new RegExp(
  `(?<![\\p{L}\\p{N}_'’])(no|without|never|avoid|don['’]t|do\\s+not|doesn['’]t|does\\s+not)(?!${WORD}|['’]${WORD})`,
  "giu",
);

/** `no` before these words is an idiom, not a ban: "no longer", "no one", "no matter", "no more than". */
const NO_IDIOMS: ReadonlySet<string> = new Set(["one", "longer", "matter", "doubt", "sooner", "less", "more", "fewer", "wonder"]);

/** Words that start a new clause: the negated phrase ends before them. */
const CLAUSE_WORDS: ReadonlySet<string> = new Set(["and", "but", "while", "so", "then", "because", "when", "as", "until", "before", "after", "whilst", "though"]);

const DETERMINERS: ReadonlySet<string> = new Set(["any", "a", "an", "the"]);

/** After `don't` or `never`, a verb of showing says nothing about the thing: "don't show logos" → "logos". */
const SHOWING: ReadonlySet<string> = new Set(["show", "include", "add", "use", "display", "feature", "have", "put", "render", "depict"]);

/** At most this many words of the negated phrase are taken. */
const MAX_WORDS = 6;

/**
 * Quoted speech in a text (`"…"`, `“…”`, `‘…’`, and `'…'` where the quotes
 * stand outside words, so apostrophes do not open or close one).
 */
const QUOTED = /"[^"]*"|“[^”]*”|‘[^’]*’|(?<![\p{L}\p{N}])'(?:[^'\n]|'(?=\p{L}))*'(?![\p{L}\p{N}])/gu;

function quotedSpans(text: string): [number, number][] {
  return [...text.matchAll(QUOTED)].map((m) => [m.index, m.index + m[0].length]);
}

/** Words (letters, digits, inner apostrophes and hyphens) separated only by white space, from `at`. */
function wordsAfter(text: string, at: number): { word: string; end: number }[] {
  const words: { word: string; end: number }[] = [];
  const next = /^\s+([\p{L}\p{N}](?:[\p{L}\p{N}_]|['’-](?=[\p{L}\p{N}]))*)/u;
  let from = at;
  while (words.length < MAX_WORDS) {
    const match = next.exec(text.slice(from));
    if (!match) break;
    const word = match[1] as string;
    if (words.length > 0 && CLAUSE_WORDS.has(word.toLowerCase())) break;
    from += match[0].length;
    words.push({ word, end: from });
  }
  return words;
}

function termOf(words: readonly { word: string }[], verbal: boolean): string {
  const list = words.map((w) => w.word);
  if (verbal && list.length > 1 && SHOWING.has((list[0] as string).toLowerCase())) list.shift();
  while (list.length > 0 && DETERMINERS.has((list[0] as string).toLowerCase())) list.shift();
  return list.join(" ");
}

/** `Avoid: blur, cartoon.` → the listed terms. */
function listAfterColon(text: string, at: number): { terms: string[]; end: number } | null {
  const match = /^\s*:\s*([^.!?…。！？]*)/u.exec(text.slice(at));
  if (!match) return null;
  const body = match[1] as string;
  const terms = body.split(/,|;|\bor\b|\band\b/).map((t) => t.trim()).filter((t) => /[\p{L}\p{N}]/u.test(t));
  if (terms.length === 0) return null;
  const end = at + match[0].replace(/\s+$/, "").length;
  return { terms, end };
}

/** Negations outside quoted speech, with the terms they suggest for `avoid`. */
export function findNegations(text: string): Negation[] {
  const quoted = quotedSpans(text);
  const found: Negation[] = [];
  for (const match of text.matchAll(NEGATION)) {
    const start = match.index;
    const afterWord = start + match[0].length;
    if (quoted.some(([a, b]) => start >= a && start < b)) continue;
    const keyword = (match[1] as string).toLowerCase();
    if (keyword === "avoid") {
      const before = text.slice(0, start).replace(/\s+$/, "");
      if (before !== "" && !/[.!?…;:。！？]$/u.test(before)) continue;
      const list = listAfterColon(text, afterWord);
      if (list) {
        found.push({ start, end: list.end, phrase: text.slice(start, list.end), terms: list.terms });
        continue;
      }
    }
    const words = wordsAfter(text, afterWord);
    const first = words[0];
    if (!first) continue;
    if (keyword === "no" && NO_IDIOMS.has(first.word.toLowerCase())) continue;
    const term = termOf(words, keyword !== "no" && keyword !== "without" && keyword !== "avoid");
    if (term === "") continue;
    const end = (words[words.length - 1] as { end: number }).end;
    found.push({ start, end, phrase: text.slice(start, end), terms: [term] });
  }
  return found;
}

export const negationPhrasing: Rule = {
  meta: {
    id: "negation-phrasing",
    description: "negations in positive prompt text tend to put the named thing into the video",
    severity: "warning",
    fixable: false,
    options: {},
    details:
      "Video models tend to render what a prompt names: \"no text overlays\" puts text overlays into the model's " +
      "mind. Kling O3 has no `negative_prompt`; what must stay out of the video belongs in `avoid`, which klingc " +
      "emits as one `Avoid: …` clause at the end of the prompt.\n\n" +
      "Reported: `no …`, `without …`, `never …`, `don't …` / `do not …`, `doesn't …` / `does not …`, and `avoid …` " +
      "at the start of a sentence (`Avoid harsh shadows.`, `Avoid: blur, glare.`), in any section except `avoid` " +
      "(case-insensitive, whole words). Not reported:\n\n" +
      "- spoken lines: `dialogue` and `voiceover` texts, and quoted speech (`\"…\"`, `“…”`, `‘…’`, `'…'`) inside " +
      "any text, because people say \"no\" on camera;\n" +
      "- `no` in idioms (`no one`, `no longer`, `no matter`, `no doubt`, `no sooner`, `no more`, `no less`, " +
      "`no fewer`, `no wonder`) and `no-…` compounds (`no-makeup look`);\n" +
      "- `avoid` inside a sentence (`Maya tries to avoid the puddle` is an action).\n\n" +
      "The diagnostic underlines the negation and the words it negates, up to the end of the clause, and suggests " +
      "the `avoid` term (`\"no text overlays\"` → `avoid \"text overlays\"`; after a verb negation a verb of showing " +
      "is left out: `don't show logos` → `avoid \"logos\"`). The suggestion is a heuristic: up to six words, up to " +
      "the next punctuation or clause word (`and`, `but`, `while`, …), without a leading `a`, `an`, `the` or `any`. " +
      "There is no automatic fix: rewording a sentence is the author's call.",
    examples: [
      {
        kind: "fail",
        title: "A ban written into the action",
        code: 'image "https://x.test/a.png"\naction "Maya holds the bottle, no text overlays."\n',
      },
      {
        kind: "fail",
        title: "A camera note that names what it forbids",
        code: 'image "https://x.test/a.png"\naction "Maya holds the bottle."\ncamera "Static framing without zoom."\n',
      },
      {
        kind: "pass",
        title: "The term moved to avoid",
        code: 'image "https://x.test/a.png"\naction "Maya holds the bottle."\navoid "text overlays"\n',
      },
      {
        kind: "pass",
        title: "People say no in dialogue",
        code: 'image "https://x.test/a.png"\ncharacter maya "Maya."\naction "Maya laughs."\naudio {\n  dialogue maya "No way, I never use anything else!"\n}\n',
      },
    ],
  },
  check(context) {
    for (const source of textSources(context.sections)) {
      if (source.part && (source.part.kind === "dialogue" || source.part.kind === "voiceover")) continue;
      // Most texts hold no negation: look in the decoded text first, and map positions only for a hit.
      if (findNegations(source.text).length === 0) continue;
      const literal = readLiteral(context.source, source.node);
      for (const negation of findNegations(literal.text)) {
        const suggestion = negation.terms.map(stringLiteral).join(", ");
        context.report({
          at: literalRange(literal, negation.start, negation.end),
          message:
            `"${negation.phrase.replace(/\s+/g, " ")}" in ${describeSource(source)} names what it rules out, and video models ` +
            `tend to render what is named; write avoid ${suggestion} instead`,
        });
      }
    }
  },
};
