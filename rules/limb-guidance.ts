import { insertAt } from "../src/lint/edits.js";
import type { Rule } from "../src/lint/rule.js";
import { contentEnd, endsSentence, readLiteral } from "../src/lint/literals.js";

/** The sentence the fix appends. */
export const LIMB_SENTENCE = "Exactly two arms, two hands, five fingers on each hand.";

/**
 * The three facts the guidance states. Each is a count (digits or a word), at
 * most one word in between (`two slender arms`), then the plural noun.
 */
const FACTS: readonly { label: string; pattern: RegExp }[] = [
  { label: "two arms", pattern: /(?<![\p{L}\p{N}-])(?:two|2)[\s-]+(?:\p{L}+[\s-]+)?arms(?![\p{L}\p{N}])/iu },
  { label: "two hands", pattern: /(?<![\p{L}\p{N}-])(?:two|2)[\s-]+(?:\p{L}+[\s-]+)?hands(?![\p{L}\p{N}])/iu },
  { label: "five fingers", pattern: /(?<![\p{L}\p{N}-])(?:five|5)[\s-]+(?:\p{L}+[\s-]+)?fingers(?![\p{L}\p{N}])/iu },
];

/** The facts a character description leaves out. */
export function missingLimbFacts(text: string): string[] {
  return FACTS.filter((f) => !f.pattern.test(text)).map((f) => f.label);
}

export const limbGuidance: Rule = {
  meta: {
    id: "limb-guidance",
    description: "a character description should state two arms, two hands and five fingers on each hand",
    severity: "warning",
    fixable: true,
    options: {},
    details:
      "Kling renders extra arms, hands and fingers less often when the character description says how many there " +
      `are. This reports a \`character\` whose text lacks any of the three facts of "${LIMB_SENTENCE}"\n\n` +
      "What counts: the text must contain all three of *two arms*, *two hands* and *five fingers*, in any order and " +
      "any letter case, with the count as a word or digits (`2 arms`, `5 fingers`) and at most one word between the " +
      "count and the noun (`two slender arms`). Other wordings (`five-fingered hands`, `a pair of arms`) do not count.\n\n" +
      "A character that is not a person is exempt: `character robot human=false \"…\"`. A character of the `project` " +
      "block is reported once, at its statement, not once per scene that inherits it.\n\n" +
      `The fix appends " ${LIMB_SENTENCE}" at the end of the text inside the string (after a period when the text ` +
      "lacks terminal punctuation). When only some facts are missing it still appends the whole sentence.",
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
        title: "A character that is not a person",
        code: 'image "https://x.test/a.png"\ncharacter robot human=false "A chrome kitchen robot with three arms."\naction "The robot stirs."\n',
      },
    ],
  },
  check(context) {
    for (const section of context.sections) {
      if (section.keyword !== "character" || !section.human || !section.textNode) continue;
      const missing = missingLimbFacts(section.text);
      if (missing.length === 0) continue;
      const who = section.name !== null ? `character '${section.name}'` : "this character";
      const what = missing.length === FACTS.length ? "has no limb guidance" : `does not state ${missing.join(" or ")}`;
      const report = {
        at: section.textNode,
        message: `${who} ${what}; add "${LIMB_SENTENCE}" to keep extra limbs and fingers out of the render (or mark a non-human character human=false)`,
      };
      const literal = readLiteral(context.source, section.textNode);
      if (!literal.closed) {
        context.report(report);
        continue;
      }
      const blank = literal.text.trim() === "";
      const text = `${endsSentence(section.text) ? "" : "."}${blank ? "" : " "}${LIMB_SENTENCE}`;
      context.report({ ...report, fix: { description: "append the limb guidance sentence", edits: [insertAt(contentEnd(literal), text)] } });
    }
  },
};
