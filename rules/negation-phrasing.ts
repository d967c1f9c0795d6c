import { foldWhitespace } from "../src/emit/text.js";
import { stringLiteral } from "../src/lint/edits.js";
import type { Rule } from "../src/lint/rule.js";
import { describeSource, literalRange, readLiteral, textIndex } from "../src/lint/literals.js";

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
export const NEGATION = new RegExp(
  `(?<![\\p{L}\\p{N}_'’])(no|without|never|avoid|don['’]t|do\\s+not|doesn['’]t|does\\s+not)(?!${WORD}|['’]${WORD})`,
  "giu",
);

/** `no` before these words is an idiom, not a ban: "no longer", "no one", "no matter", "no more than". */
const NO_IDIOMS: ReadonlySet<string> = new Set([
  "one",
  "longer",
  "matter",
  "doubt",
  "sooner",
  "less",
  "more",
  "fewer",
  "wonder",
]);

/** Words that start a new clause: the negated phrase ends before them. */
const CLAUSE_WORDS: ReadonlySet<string> = new Set([
  "and",
  "but",
  "while",
  "so",
  "then",
  "because",
  "when",
  "as",
  "until",
  "before",
  "after",
  "whilst",
  "though",
]);

const DETERMINERS: ReadonlySet<string> = new Set(["any", "a", "an", "the"]);

/** After `don't` or `never`, a verb of showing says nothing about the thing: "don't show logos" → "logos". */
const SHOWING: ReadonlySet<string> = new Set([
  "show",
  "include",
  "add",
  "use",
  "display",
  "feature",
  "have",
  "put",
  "render",
  "depict",
]);

/** At most this many words of the negated phrase are taken. */
const MAX_WORDS = 6;

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const LETTER = /^\p{L}$/u;

/** The code point starting at i ("" past the end). */
function codePointAt(text: string, i: number): string {
  const code = text.codePointAt(i);
  return code === undefined ? "" : String.fromCodePoint(code);
}

/** The code point ending at i ("" at the start). */
function codePointBefore(text: string, i: number): string {
  if (i <= 0) return "";
  const pair = i >= 2 && /^[\uD800-\uDBFF][\uDC00-\uDFFF]$/.test(text.slice(i - 2, i));
  return text.slice(pair ? i - 2 : i - 1, i);
}

/**
 * The next index at or after `from` where `test` holds (text.length when none),
 * remembered so that successive calls with growing `from` scan each character
 * once: the quote and list scanners stay linear however many openers there are.
 */
function forwardFinder(text: string, test: (i: number) => boolean): (from: number) => number {
  let found = -1;
  return (from) => {
    if (found >= from) return found;
    let i = Math.max(from, found + 1);
    while (i < text.length && !test(i)) i++;
    found = i;
    return i;
  };
}

/** Closing quote for each opening quote that closes at the next such character. */
const PAIRED: Readonly<Record<string, string>> = { '"': '"', "“": "”", "‘": "’" };

/**
 * Quoted speech in a text (`"…"`, `“…”`, `‘…’`, and `'…'` where the quotes
 * stand outside words, so apostrophes do not open or close one). A `'` quote
 * runs until a newline or a `'` that no letter follows, and closes there when
 * no digit follows either. Scanned left to right without backtracking: each
 * kind of closer is looked for once through the text.
 */
function quotedSpans(text: string): [number, number][] {
  const closers = new Map(
    Object.values(PAIRED).map((c) => [c, forwardFinder(text, (i) => text[i] === c)]),
  );
  const straightStop = forwardFinder(
    text,
    (i) => text[i] === "\n" || (text[i] === "'" && !LETTER.test(codePointAt(text, i + 1))),
  );
  const spans: [number, number][] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    const close = PAIRED[c];
    let end = -1;
    if (close !== undefined) {
      const at = (closers.get(close) as (from: number) => number)(i + 1);
      if (at < text.length) end = at + 1;
    } else if (c === "'" && !LETTER_OR_DIGIT.test(codePointBefore(text, i))) {
      const at = straightStop(i + 1);
      if (text[at] === "'" && !LETTER_OR_DIGIT.test(codePointAt(text, at + 1))) end = at + 1;
    }
    if (end < 0) {
      i++;
      continue;
    }
    spans.push([i, end]);
    i = end;
  }
  return spans;
}

/** A word: letters and digits, with inner apostrophes and hyphens; after white space (sticky: read at lastIndex). */
const NEXT_WORD = /\s+([\p{L}\p{N}](?:[\p{L}\p{N}_]|['’-](?=[\p{L}\p{N}]))*)/uy;

/** Words separated only by white space, from `at`. */
function wordsAfter(text: string, at: number): { word: string; end: number }[] {
  const words: { word: string; end: number }[] = [];
  let from = at;
  while (words.length < MAX_WORDS) {
    NEXT_WORD.lastIndex = from;
    const match = NEXT_WORD.exec(text);
    if (!match) break;
    const word = match[1] as string;
    if (words.length > 0 && CLAUSE_WORDS.has(word.toLowerCase())) break;
    from = NEXT_WORD.lastIndex;
    words.push({ word, end: from });
  }
  return words;
}

/** Words that stand for a thing without naming it: `don't show it` gives no term to avoid. */
const PRONOUNS: ReadonlySet<string> = new Set([
  "it",
  "them",
  "this",
  "that",
  "these",
  "those",
  "him",
  "her",
  "me",
  "us",
  "you",
  "anything",
  "anyone",
  "anybody",
  "something",
  "one",
]);

/**
 * The noun phrase a negation rules out, or "" when there is none to lift.
 * After `no`, `without` and `avoid` the words are one. After a verb negation
 * (`don't`, `never`, …) only a verb of showing is followed by one (`don't
 * show logos` → `logos`); any other verb (`does not change`) names an action,
 * not a thing to keep out of the frame.
 */
function termOf(words: readonly { word: string }[], verbal: boolean): string {
  const list = words.map((w) => w.word);
  if (verbal) {
    if (list.length < 2 || !SHOWING.has((list[0] as string).toLowerCase())) return "";
    list.shift();
  }
  while (list.length > 0 && DETERMINERS.has((list[0] as string).toLowerCase())) list.shift();
  if (list.length === 1 && PRONOUNS.has((list[0] as string).toLowerCase())) return "";
  return list.join(" ");
}

/** Offset of the last non-white character before `end`, plus one (0 when there is none). */
function trimmedEnd(text: string, end: number): number {
  let p = end;
  while (p > 0 && /\s/.test(text[p - 1] as string)) p--;
  return p;
}

/** Colon after white space (sticky: read at lastIndex). */
const COLON = /\s*:/y;

/** `Avoid: blur, cartoon.` → the listed terms; the list ends at the sentence's end (`listEnd`). */
function listAfterColon(
  text: string,
  at: number,
  listEnd: (from: number) => number,
): { terms: string[]; end: number } | null {
  COLON.lastIndex = at;
  if (!COLON.test(text)) return null;
  const start = COLON.lastIndex;
  const stop = listEnd(start);
  const terms = text
    .slice(start, stop)
    .split(/,|;|\bor\b|\band\b/)
    .map((t) => t.trim())
    .filter((t) => /[\p{L}\p{N}]/u.test(t));
  if (terms.length === 0) return null;
  return { terms, end: trimmedEnd(text, stop) };
}

const SENTENCE_STOP = /[.!?…。！？]/u;
const CLAUSE_STOP = /[.!?…;:。！？]/u;

/**
 * NEGATION in ASCII terms, with no Unicode tables (quick to compile and to run): it matches wherever NEGATION
 * does, since under `iu` no character but ASCII letters and `ſ` (as `s`) matches the words' letters, and an
 * edge NEGATION accepts is one here too. Most texts match neither, and never need NEGATION.
 */
export const MAYBE_NEGATION =
  /(?<![A-Za-z0-9_'’])(?:no|without|never|avoid|don['’]t|do\s+not|doe[sſ]n['’]t|doe[sſ]\s+not)(?![A-Za-z0-9_])/i;

/** Whether the negation pattern matches anywhere in text (quoted or not). */
function hasNegation(text: string): boolean {
  if (!MAYBE_NEGATION.test(text)) return false;
  NEGATION.lastIndex = 0;
  const any = NEGATION.test(text);
  NEGATION.lastIndex = 0;
  return any;
}

/**
 * Negations outside quoted speech, with the terms they suggest for `avoid`
 * (none when no clean noun phrase follows). A negation inside an `Avoid:`
 * list already found is part of that list.
 */
export function findNegations(text: string): Negation[] {
  const found: Negation[] = [];
  // Asked first with `test`: `matchAll` copies the pattern on every call, and most texts hold no negation.
  if (!hasNegation(text)) return found;
  // Most texts hold no negation: the quotes and sentence ends are looked for only once one is found.
  let quoted: [number, number][] | null = null;
  let listEnd: ((from: number) => number) | null = null;
  let covered = 0;
  let q = 0;
  for (const match of text.matchAll(NEGATION)) {
    quoted ??= quotedSpans(text);
    listEnd ??= forwardFinder(text, (i) => SENTENCE_STOP.test(text[i] as string));
    const start = match.index;
    if (start < covered) continue;
    while (q < quoted.length && (quoted[q] as [number, number])[1] <= start) q++;
    const span = quoted[q];
    if (span && start >= span[0]) continue;
    const afterWord = start + match[0].length;
    const keyword = (match[1] as string).toLowerCase();
    if (keyword === "avoid") {
      const before = trimmedEnd(text, start);
      if (before > 0 && !CLAUSE_STOP.test(text[before - 1] as string)) continue;
      const list = listAfterColon(text, afterWord, listEnd);
      if (list) {
        found.push({
          start,
          end: list.end,
          phrase: text.slice(start, list.end),
          terms: list.terms,
        });
        covered = list.end;
        continue;
      }
    }
    const words = wordsAfter(text, afterWord);
    const first = words[0];
    if (!first) continue;
    if (keyword === "no" && NO_IDIOMS.has(first.word.toLowerCase())) continue;
    const verbal = keyword !== "no" && keyword !== "without" && keyword !== "avoid";
    const term = termOf(words, verbal);
    // `without the`, `no it`: nothing is named, so nothing is rendered either.
    if (term === "" && !verbal) continue;
    const end = (words[words.length - 1] as { end: number }).end;
    found.push({ start, end, phrase: text.slice(start, end), terms: term === "" ? [] : [term] });
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
      'Video models tend to render what a prompt names: "no text overlays" puts text overlays into the model\'s ' +
      "mind. Kling O3 has no `negative_prompt`; what must stay out of the video belongs in `avoid`, which klingc " +
      "emits as one `Avoid: …` clause at the end of the prompt.\n\n" +
      "Reported: `no …`, `without …`, `never …`, `don't …` / `do not …`, `doesn't …` / `does not …`, and `avoid …` " +
      "at the start of a sentence (`Avoid harsh shadows.`, `Avoid: blur, glare.`), in any section except `avoid` " +
      "(case-insensitive, whole words). Not reported:\n\n" +
      "- spoken lines: `dialogue` and `voiceover` texts, and quoted speech (`\"…\"`, `“…”`, `‘…’`, `'…'`) inside " +
      'any text, because people say "no" on camera;\n' +
      "- `no` in idioms (`no one`, `no longer`, `no matter`, `no doubt`, `no sooner`, `no more`, `no less`, " +
      "`no fewer`, `no wonder`) and `no-…` compounds (`no-makeup look`);\n" +
      "- `avoid` inside a sentence (`Maya tries to avoid the puddle` is an action).\n\n" +
      "The diagnostic underlines the negation and the words it negates, up to the end of the clause, and suggests " +
      "the `avoid` term when the words are a noun phrase it can lift cleanly: after `no`, `without` and `avoid` " +
      '(`"no text overlays"` → `avoid "text overlays"`), and after a verb negation only when the verb is one of ' +
      "showing (`show`, `include`, `add`, `use`, `display`, `feature`, `have`, `put`, `render`, `depict`), which is " +
      'left out: `don\'t show logos` → `avoid "logos"`. Any other verb names an action, not a thing to keep out of ' +
      "the frame, so `does not change` or `never blinks` is reported with advice to describe what should happen and " +
      "no `avoid` term; so is a pronoun (`don't show it`). The term is a heuristic: up to six words, up to the next " +
      "punctuation or clause word (`and`, `but`, `while`, …), without a leading `a`, `an`, `the` or `any`. " +
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
    // Most files hold no negation in any text: one search of them all (the pattern's edges take U+0000 as a text's end).
    const texts = textIndex(context.sections);
    if (!hasNegation(texts.joined)) return;
    for (const source of texts.all) {
      if (source.part && (source.part.kind === "dialogue" || source.part.kind === "voiceover"))
        continue;
      // Most texts hold no negation: look in the decoded text first, and map positions only for a hit.
      if (findNegations(source.text).length === 0) continue;
      const literal = readLiteral(context.source, source.node);
      for (const negation of findNegations(literal.text)) {
        const phrase = `"${foldWhitespace(negation.phrase)}" in ${describeSource(source)}`;
        const advice =
          negation.terms.length > 0
            ? `names what it rules out, and video models tend to render what is named; write avoid ${negation.terms.map(stringLiteral).join(", ")} instead`
            : "is a negation, and video models tend to render what a prompt mentions; describe what should happen instead, and put anything that must stay out of the video in avoid";
        context.report({
          at: literalRange(literal, negation.start, negation.end),
          message: `${phrase} ${advice}`,
        });
      }
    }
  },
};
