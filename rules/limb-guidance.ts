import { periodFor } from "../src/emit/text.js";
import { insertAt } from "../src/lint/edits.js";
import type { Rule } from "../src/lint/rule.js";
import type { Section } from "../src/language/model.js";
import { contentEnd, endsSentence, readLiteral } from "../src/lint/literals.js";

/** The sentence the fix appends to a description in English (or any language but Chinese and Japanese). */
export const LIMB_SENTENCE = "Exactly two arms, two hands, five fingers on each hand.";

export type LimbLanguage = "en" | "zh" | "ja";

/** The guidance the fix appends, in the description's language. */
export const LIMB_SENTENCES: Readonly<Record<LimbLanguage, string>> = {
  en: LIMB_SENTENCE,
  zh: "两条手臂，两只手，每只手五根手指。",
  ja: "腕は二本、手は二つ、それぞれの手に指は五本。",
};

/**
 * The three facts the guidance states, each in the phrasings that count. In
 * English: a count (digits or a word), at most one word in between (`two
 * slender arms`), then the plural noun. In Chinese and Japanese: the count
 * with or without a measure word, as the doc below lists. Each pattern is a
 * plain alternation (no nested repetition), so it cannot backtrack.
 */
export const FACTS: readonly { label: string; plain: string; patterns: readonly RegExp[] }[] = [
  {
    label: "two arms",
    plain: "two arms",
    patterns: [
      /(?<![\p{L}\p{N}-])(?:two|2)[\s-]+(?:\p{L}+[\s-]+)?arms(?![\p{L}\p{N}])/iu,
      /(?:两|二|[2２]|双)[条只根]?(?:手臂|胳膊|臂)/u,
      /(?:二|[2２])本の腕|両腕|腕[はが]?(?:二|[2２])本/u,
    ],
  },
  {
    label: "two hands",
    plain: "two hands",
    patterns: [
      /(?<![\p{L}\p{N}-])(?:two|2)[\s-]+(?:\p{L}+[\s-]+)?hands(?![\p{L}\p{N}])/iu,
      /(?:两|二|[2２]|双)只?手(?![臂指])/u,
      /両手|(?:二|[2２])つの手|手[はが](?:二|[2２])つ/u,
    ],
  },
  {
    label: "five fingers",
    plain: "five fingers",
    patterns: [
      /(?<![\p{L}\p{N}-])(?:five|5)[\s-]+(?:\p{L}+[\s-]+)?fingers(?![\p{L}\p{N}])/iu,
      /(?:五|[5５])[根个只]?(?:手指|指)/u,
      /(?:五|[5５])本の指|指[はが]?(?:五|[5５])本/u,
    ],
  },
];

/** The facts a character description leaves out. */
export function missingLimbFacts(text: string): string[] {
  // The guidance sentence itself (what the fix writes, and most descriptions that state the facts) states all three,
  // between edges every pattern accepts: one search, and nothing else to step through for most files.
  if (text.includes(LIMB_SENTENCE)) return [];
  const missing: string[] = [];
  for (const fact of FACTS)
    if (!statesPlainly(text, fact.plain) && !fact.patterns.some((p) => p.test(text)))
      missing.push(fact.label);
  return missing;
}

/**
 * Whether `phrase` (the English pattern's plainest match, as the guidance
 * sentence writes it) stands in `text` between characters that are ASCII and
 * outside the pattern's word edges. Only ever true where the pattern matches:
 * most descriptions that state the facts do so in the guidance's words, and
 * this spares them the Unicode patterns (compiling one costs more than linting a file).
 */
function statesPlainly(text: string, phrase: string): boolean {
  for (let at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) {
    const before = text[at - 1];
    const after = text[at + phrase.length];
    if (
      (before === undefined || ASCII_EDGE_BEFORE.test(before)) &&
      (after === undefined || ASCII_EDGE_AFTER.test(after))
    )
      return true;
  }
  return false;
}

/** An ASCII character outside the English patterns' words: no letter or digit (nor a hyphen, before the count). */
const ASCII_EDGE_BEFORE = /^[\0-,./:-@[-`{-\x7f]$/;
const ASCII_EDGE_AFTER = /^[\0-/:-@[-`{-\x7f]$/;

const HAN = /\p{Script=Han}/u;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const LATIN = /\p{Script=Latin}/u;

/**
 * The language to write guidance in: Japanese when kana appear and CJK letters
 * outnumber Latin ones, Chinese when Han letters alone do, else English.
 */
export function limbLanguage(text: string): LimbLanguage {
  let han = 0;
  let kana = 0;
  let latin = 0;
  for (const ch of text) {
    if (HAN.test(ch)) han++;
    else if (KANA.test(ch)) kana++;
    else if (LATIN.test(ch)) latin++;
  }
  if (kana > 0 && han + kana > latin) return "ja";
  return han > latin ? "zh" : "en";
}

export const limbGuidance: Rule = {
  meta: {
    id: "limb-guidance",
    description:
      "a character description should state two arms, two hands and five fingers on each hand",
    severity: "warning",
    fixable: true,
    options: {},
    details:
      "Kling renders extra arms, hands and fingers less often when the character description says how many there " +
      `are. This reports a \`character\` whose text lacks any of the three facts of "${LIMB_SENTENCE}"\n\n` +
      "What counts: the text must contain all three of *two arms*, *two hands* and *five fingers*, in any order and " +
      "any letter case, with the count as a word or digits (`2 arms`, `5 fingers`) and at most one word between the " +
      "count and the noun (`two slender arms`). Other wordings (`five-fingered hands`, `a pair of arms`) do not count. " +
      "Each fact may also be written in Chinese or Japanese, with the count as a numeral or a digit (`2`, `２`):\n\n" +
      "- Chinese: arms `两条手臂`, `两只胳膊`, `双臂`, `两臂` (`两`, `二` or `双`, then `条`, `只`, `根` or nothing, then " +
      "`手臂`, `胳膊` or `臂`); hands `两只手`, `双手`, `两手` (not `两只手臂`); fingers `五根手指`, `五个手指`, `五指`;\n" +
      "- Japanese: arms `二本の腕`, `両腕`, `腕は二本`, `腕が2本`; hands `両手`, `二つの手`, `手は二つ`; fingers " +
      "`五本の指`, `指は五本`, `指が5本`.\n\n" +
      'A character that is not a person is exempt: `character robot human=false "…"`. A character of the `project` ' +
      "block is reported once, at its statement, not once per scene that inherits it.\n\n" +
      `The fix appends " ${LIMB_SENTENCE}" at the end of the text inside the string (after a period when the text ` +
      "lacks terminal punctuation). A description written mostly in Chinese gets " +
      `"${LIMB_SENTENCES.zh}" and one mostly in Japanese (kana present) "${LIMB_SENTENCES.ja}", with no space before ` +
      "it and `。` as the period. When only some facts are missing it still appends the whole sentence.",
    examples: [
      {
        kind: "fail",
        title: "A character with no limb guidance",
        code: 'image "https://x.test/a.png"\ncharacter maya "Maya, late twenties, curly brown hair"\naction "Maya waves."\n',
      },
      {
        kind: "pass",
        title: "The guidance in the description",
        code: `image "https://x.test/a.png"\ncharacter maya "Maya, late twenties. ${LIMB_SENTENCE}"\naction "Maya waves."\n`,
      },
      {
        kind: "pass",
        title: "A variant wording with digits",
        code: 'image "https://x.test/a.png"\ncharacter maya "Maya: 5 fingers on each hand, 2 hands and 2 arms."\naction "Maya waves."\n',
      },
      {
        kind: "pass",
        title: "The guidance in Chinese",
        code: 'image "https://x.test/a.png"\ncharacter maya "玛雅，二十多岁。两条手臂，两只手，每只手五根手指。"\naction "Maya waves."\n',
      },
      {
        kind: "pass",
        title: "A character that is not a person",
        code: 'image "https://x.test/a.png"\ncharacter robot human=false "A chrome kitchen robot with three arms."\naction "The robot stirs."\n',
      },
    ],
  },
  check(context) {
    // Indexed: lint runs this on every file's sections (see runRules).
    for (let i = 0; i < context.sections.length; i++) {
      const section = context.sections[i] as Section;
      if (section.keyword !== "character" || !section.human || !section.textNode) continue;
      const missing = missingLimbFacts(section.text);
      if (missing.length === 0) continue;
      const who = section.name !== null ? `character '${section.name}'` : "this character";
      const what =
        missing.length === FACTS.length
          ? "has no limb guidance"
          : `does not state ${missing.join(" or ")}`;
      const language = limbLanguage(section.text);
      const sentence = LIMB_SENTENCES[language];
      const report = {
        at: section.textNode,
        message: `${who} ${what}; add "${sentence}" to keep extra limbs and fingers out of the render (or mark a non-human character human=false)`,
      };
      const literal = readLiteral(context.source, section.textNode);
      if (!literal.closed) {
        context.report(report);
        continue;
      }
      // CJK writing puts no space between sentences.
      const space = literal.text.trim() === "" || language !== "en" ? "" : " ";
      const text = `${endsSentence(section.text) ? "" : periodFor(section.text)}${space}${sentence}`;
      context.report({
        ...report,
        fix: {
          description: "append the limb guidance sentence",
          edits: [insertAt(contentEnd(literal), text)],
        },
      });
    }
  },
};
