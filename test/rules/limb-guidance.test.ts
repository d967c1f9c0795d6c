import { describe, expect, it } from "vitest";
import { fix } from "../../src/lint/fix.js";
import type { Rule } from "../../src/lint/rule.js";
import { limbGuidance, missingLimbFacts } from "../../rules/limb-guidance.js";
import { sentenceEnd } from "../../rules/sentence-end.js";
import { ruleHarness } from "./harness.js";

const rule: Rule = limbGuidance;
const IMAGE = 'image "https://x.test/a.png"';
const LIMBS = "Exactly two arms, two hands, five fingers on each hand.";

const { found, at, fixedClean } = ruleHarness(rule);

describe("limb-guidance: what it reports", () => {
  it("reports a character without guidance at its string, as a warning that says what to add", () => {
    const source = `${IMAGE}\ncharacter maya "Maya, late twenties, curly hair."\naction "Maya waves."\n`;
    const diagnostics = found(source);
    expect(at(diagnostics)).toEqual(["2:16-2:50"]);
    expect(diagnostics[0]?.severity).toBe("warning");
    expect(diagnostics[0]?.message).toBe(
      `character 'maya' has no limb guidance; add "${LIMBS}" to keep extra limbs and fingers out of the render (or mark a non-human character human=false)`,
    );
  });

  it("names an unnamed character as 'this character' and lists only the missing facts", () => {
    const diagnostics = found(`${IMAGE}\ncharacter "A chef with two arms and two hands."\n`);
    expect(at(diagnostics)).toEqual(["2:11-2:48"]);
    expect(diagnostics[0]?.message).toMatch(/^this character does not state five fingers; add/);
    expect(found(`${IMAGE}\ncharacter "A chef with five fingers."\n`)[0]?.message).toMatch(
      /^this character does not state two arms or two hands; add/,
    );
  });

  it("accepts the guidance in any order and case, with digits or words and one word between count and noun", () => {
    for (const text of [
      LIMBS,
      "exactly TWO ARMS, two hands, five fingers on each hand",
      "Five fingers on each hand, two hands, two arms.",
      "She has 2 arms, 2 hands and 5 fingers per hand.",
      "Two slender arms, two small hands, five long fingers each.",
      "two-arms, two-hands, five-fingers",
    ]) {
      expect(missingLimbFacts(text), text).toEqual([]);
      expect(found(`${IMAGE}\ncharacter "${text}"\n`), text).toEqual([]);
    }
  });

  it("does not count other wordings or singular nouns", () => {
    expect(missingLimbFacts("Five-fingered hands, a pair of arms.")).toEqual([
      "two arms",
      "two hands",
      "five fingers",
    ]);
    expect(missingLimbFacts("two arm, two hand, five finger")).toEqual([
      "two arms",
      "two hands",
      "five fingers",
    ]);
    expect(missingLimbFacts("twenty-two arms, two hands, twenty-five fingers")).toEqual([
      "two arms",
      "five fingers",
    ]);
  });

  it("exempts human=false and still reports human=true", () => {
    expect(
      found(`${IMAGE}\ncharacter robot human=false "A chrome robot with three arms."\n`),
    ).toEqual([]);
    expect(at(found(`${IMAGE}\ncharacter maya human=true "Maya."\n`))).toEqual(["2:27-2:34"]);
  });

  it("looks only at characters", () => {
    expect(
      found(`${IMAGE}\naction "Maya waves."\nproduct "A bottle."\naudio "Soft music."\n`),
    ).toEqual([]);
  });

  it("reports a project character once, at the project's statement, however many scenes inherit it", () => {
    const source = [
      "project {",
      '  character maya "Maya, late twenties."',
      "}",
      "scene a {",
      `  ${IMAGE}`,
      '  action "Maya waves."',
      "}",
      "scene b {",
      `  ${IMAGE}`,
      '  action "Maya nods."',
      "}",
      "",
    ].join("\n");
    expect(at(found(source))).toEqual(["2:18-2:40"]);
    expect(fixedClean(source)).toBe(
      source.replace('"Maya, late twenties."', `"Maya, late twenties. ${LIMBS}"`),
    );
  });

  it("reports a scene's own character and a shot's character where they stand", () => {
    const source = [
      "scene a {",
      `  ${IMAGE}`,
      '  character maya "Maya."',
      "  shot one {",
      "    duration 5s",
      '    character "A waiter."',
      '    action "The waiter pours."',
      "  }",
      "}",
      "",
    ].join("\n");
    expect(at(found(source))).toEqual(["3:18-3:25", "6:15-6:26"]);
  });

  it("counts columns in code points", () => {
    expect(at(found(`${IMAGE}\ncharacter "Zoë 😀 waves"\n`))).toEqual(["2:11-2:24"]);
  });

  it("offers no fix inside an unterminated string", () => {
    const diagnostics = found(`${IMAGE}\ncharacter maya "Maya, late twenties\n`);
    expect(at(diagnostics)).toEqual(["2:16-2:36"]);
    expect(diagnostics[0]?.fix).toBeUndefined();
  });
});

describe("limb-guidance: the fix", () => {
  const one = (text: string): string => `${IMAGE}\ncharacter maya ${text}\naction "Maya waves."\n`;

  it("appends the sentence before the closing quote, after a period when the text lacks one", () => {
    expect(fixedClean(one('"Maya, late twenties"'))).toBe(one(`"Maya, late twenties. ${LIMBS}"`));
    expect(fixedClean(one('"Maya, late twenties."'))).toBe(one(`"Maya, late twenties. ${LIMBS}"`));
    expect(fixedClean(one('"Maya waves!"'))).toBe(one(`"Maya waves! ${LIMBS}"`));
  });

  it("keeps trailing blanks after the inserted sentence", () => {
    expect(fixedClean(one('"Maya.   "'))).toBe(one(`"Maya. ${LIMBS}   "`));
  });

  it("inserts after a trailing escape, and adds a period after a quotation", () => {
    expect(fixedClean(one('"Maya says \\"hi\\""'))).toBe(one(`"Maya says \\"hi\\". ${LIMBS}"`));
    expect(fixedClean(one('"Maya says \\"hi.\\""'))).toBe(one(`"Maya says \\"hi.\\" ${LIMBS}"`));
    expect(fixedClean(one('"Maya\\u{1F600}"'))).toBe(one(`"Maya\\u{1F600}. ${LIMBS}"`));
  });

  it("writes only the sentence into an empty description", () => {
    expect(fixedClean(one('""'))).toBe(one(`"${LIMBS}"`));
  });

  it("appends inside a block string, before its closing line", () => {
    const source = `${IMAGE}\ncharacter maya """\n  Maya, late twenties,\n  curly brown hair\n  """\naction "Maya waves."\n`;
    expect(found(source).length).toBe(1);
    expect(fixedClean(source)).toBe(
      `${IMAGE}\ncharacter maya """\n  Maya, late twenties,\n  curly brown hair. ${LIMBS}\n  """\naction "Maya waves."\n`,
    );
  });

  it("keeps CRLF line ends", () => {
    const source = `${IMAGE}\r\ncharacter maya "Maya"\r\naction "Maya waves."\r\n`;
    expect(fixedClean(source)).toBe(
      `${IMAGE}\r\ncharacter maya "Maya. ${LIMBS}"\r\naction "Maya waves."\r\n`,
    );
  });

  it("fixes every character of a file in one run", () => {
    const source = `${IMAGE}\ncharacter maya "Maya."\ncharacter leo "Leo"\naction "They wave."\n`;
    expect(fixedClean(source)).toBe(
      `${IMAGE}\ncharacter maya "Maya. ${LIMBS}"\ncharacter leo "Leo. ${LIMBS}"\naction "They wave."\n`,
    );
  });

  it("agrees with sentence-end: fixing both gives one period", () => {
    const source = one('"Maya"');
    const result = fix(source, { rules: [rule, sentenceEnd] });
    expect(result.output).toBe(one(`"Maya. ${LIMBS}"`));
    expect(result.remaining).toEqual([]);
  });
});

describe("limb-guidance: Chinese and Japanese", () => {
  const one = (text: string): string =>
    `${IMAGE}\ncharacter maya "${text}"\naction "Maya waves."\n`;
  const ZH = "两条手臂，两只手，每只手五根手指。";
  const JA = "腕は二本、手は二つ、それぞれの手に指は五本。";

  it("recognises the guidance written in Chinese", () => {
    for (const text of [
      ZH,
      "双臂，双手，五指。",
      "两只胳膊、两手，每只手5根手指。",
      "她有两臂，２只手，五个手指。",
    ]) {
      expect(missingLimbFacts(text), text).toEqual([]);
    }
    // Two arms are not two hands; arms and hands without fingers miss one fact.
    expect(missingLimbFacts("两只手臂，五根手指。")).toEqual(["two hands"]);
    expect(missingLimbFacts("双臂，双手。")).toEqual(["five fingers"]);
  });

  it("recognises the guidance written in Japanese", () => {
    for (const text of [JA, "両腕、両手、五本の指。", "二本の腕と二つの手、指が5本。"]) {
      expect(missingLimbFacts(text), text).toEqual([]);
    }
    expect(missingLimbFacts("両腕、両手。")).toEqual(["five fingers"]);
  });

  it("suggests and inserts the guidance in the description's language, with 。 and no space", () => {
    const zh = one("玛雅，二十多岁，棕色卷发");
    expect(found(zh)[0]?.message).toContain(`add "${ZH}"`);
    expect(fixedClean(zh)).toBe(one(`玛雅，二十多岁，棕色卷发。${ZH}`));
    expect(fixedClean(one("玛雅，二十多岁。"))).toBe(one(`玛雅，二十多岁。${ZH}`));
    expect(fixedClean(one("マヤ、二十代後半、茶色の巻き毛"))).toBe(
      one(`マヤ、二十代後半、茶色の巻き毛。${JA}`),
    );
  });

  it("keeps English guidance for a mostly English description with a few CJK words", () => {
    expect(fixedClean(one("Maya in a red 旗袍 dress"))).toBe(
      one(`Maya in a red 旗袍 dress. ${LIMBS}`),
    );
  });
});
