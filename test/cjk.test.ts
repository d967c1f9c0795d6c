/**
 * Prompts in CJK scripts: a section, a spoken line, music and tone written in
 * Chinese, Japanese or Korean get `。` where they lack terminal punctuation,
 * and a long CJK section packs and drops sentence by sentence although no
 * space separates its sentences.
 */
import { describe, expect, it } from "vitest";
import { compileScenes } from "../src/emit/scenes.js";
import { splitSentences } from "../src/emit/text.js";

const IMAGE = 'image "https://x.test/a.png"';

function promptOf(source: string): string {
  return compileScenes(source).scenes[0]?.prompt ?? "";
}

describe("CJK text in prompts", () => {
  it("gives a CJK section 。 and a Latin one . when they lack terminal punctuation", () => {
    const source = `${IMAGE}\ncharacter maya "玛雅，二十多岁，棕色卷发"\naction "Maya 拿起杯子"\ncamera "Slow push in on 杯子 and Maya"\n`;
    expect(promptOf(source)).toBe(
      "玛雅，二十多岁，棕色卷发。 Maya 拿起杯子。 Slow push in on 杯子 and Maya.",
    );
  });

  it("gives dialogue, music and tone texts in CJK 。", () => {
    const source = [
      IMAGE,
      'character maya "Maya."',
      'action "Maya smiles."',
      "audio {",
      '  dialogue maya "你好"',
      '  music "静かなピアノ"',
      '  tone "따뜻하게"',
      "}",
      "",
    ].join("\n");
    expect(promptOf(source)).toBe(
      'Maya. Maya smiles. [Maya]: "你好。" Music: 静かなピアノ。 Tone: 따뜻하게。',
    );
  });

  it("packs a long CJK section sentence by sentence and reports each dropped sentence", () => {
    const sentences = ["她走进房间。", "她拿起杯子。", "她喝了一口茶！", "她笑了。"];
    const source = `${IMAGE}\naction "Maya waves."\ncamera tier=3 "${sentences.join("")}"\nbudget 25\n`;
    const scene = compileScenes(source).scenes[0];
    // "Maya waves." (11) + " 她走进房间。" (7) + " 她拿起杯子。" (7) = 25: two CJK sentences fit.
    expect(scene?.prompt).toBe("Maya waves. 她走进房间。 她拿起杯子。");
    expect(scene?.dropped.map((d) => d.text)).toEqual(["她喝了一口茶！", "她笑了。"]);
  });

  it("ends a sentence at 。/！/？ before an opening bracket or quote, which starts the next sentence", () => {
    // ICU keeps 「 with the sentence before it (QA found the quote glued to it).
    expect(splitSentences("梅拿起杯子。她微笑着看向镜头！「很好。」她说道。")).toEqual([
      "梅拿起杯子。",
      "她微笑着看向镜头！",
      "「很好。」",
      "她说道。",
    ]);
    expect(splitSentences("她说：“好。”“走吧。”")).toEqual(["她说：“好。”", "“走吧。”"]);
    expect(splitSentences("他来了。（笑）她点头？『題名』は長い。【注】")).toEqual([
      "他来了。",
      "（笑）她点头？",
      "『題名』は長い。",
      "【注】",
    ]);
    expect(splitSentences("これは本です。〈上〉《下》")).toEqual([
      "これは本です。",
      "〈上〉《下》",
    ]);
  });

  it("keeps closing quotes and brackets after the terminator with their sentence", () => {
    expect(splitSentences("「很好。」「走吧！」她说。")).toEqual([
      "「很好。」",
      "「走吧！」",
      "她说。",
    ]);
    expect(splitSentences("她笑了。」』）「好。」")).toEqual(["她笑了。」』）", "「好。」"]);
  });

  it("drops a quoted CJK sentence whole, its opening bracket included", () => {
    const source = `${IMAGE}\naction "Maya waves."\ncamera tier=3 "她微笑着看向镜头！「很好。」"\nbudget 22\n`;
    const scene = compileScenes(source).scenes[0];
    // "Maya waves." (11) + " 她微笑着看向镜头！" (10) = 21: the quoted sentence does not fit.
    expect(scene?.prompt).toBe("Maya waves. 她微笑着看向镜头！");
    expect(scene?.dropped.map((d) => d.text)).toEqual(["「很好。」"]);
  });
});
