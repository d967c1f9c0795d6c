import { describe, expect, it } from "vitest";
import type { StringNode } from "../../src/language/ast.js";
import { compileScenes } from "../../src/emit/scenes.js";
import type { Rule } from "../../src/lint/rule.js";
import { parse } from "../../src/language/parse.js";
import { sentenceEnd } from "../../rules/sentence-end.js";
import { contentEnd, readLiteral } from "../../src/lint/literals.js";
import { ruleHarness } from "./harness.js";

const rule: Rule = sentenceEnd;
const IMAGE = 'image "https://x.test/a.png"';

const { found, at, fixedClean } = ruleHarness(rule);

describe("sentence-end: what it reports", () => {
  it("reports a section text without terminal punctuation at its string, as info", () => {
    const source = `${IMAGE}\naction "Maya waves at the lens"\n`;
    const diagnostics = found(source);
    expect(at(diagnostics)).toEqual(["2:8-2:32"]);
    expect(diagnostics[0]?.severity).toBe("info");
    expect(diagnostics[0]?.message).toBe(
      "action text does not end with terminal punctuation; prompts are packed and cut by sentence, so end it with a period",
    );
  });

  it("accepts . ! ? … 。 ！ ？, also before closing quotes or brackets", () => {
    for (const text of [
      "Waves.",
      "Waves!",
      "Waves?",
      "Waves…",
      "手を振る。",
      "手を振る！",
      "手を振る？",
      'Says \\"hi.\\"',
      "Waves (slowly.)",
      "Says “hi!”",
      "Waves.   ",
    ]) {
      expect(found(`${IMAGE}\naction "${text}"\n`), text).toEqual([]);
    }
  });

  it("checks every section and each part of an audio block, naming where the text is", () => {
    const source = [
      IMAGE,
      'character maya "Maya, late twenties"',
      'action "Maya waves"',
      "audio {",
      '  dialogue maya "Hi there"',
      '  voiceover "It works"',
      '  music "Lo-fi"',
      '  tone "warm"',
      "}",
      'camera "Handheld"',
      'lighting "Window light"',
      "",
    ].join("\n");
    const diagnostics = found(source);
    expect(at(diagnostics)).toEqual([
      "2:16-2:37",
      "3:8-3:20",
      "5:17-5:27",
      "6:13-6:23",
      "7:9-7:16",
      "8:8-8:14",
      "10:8-10:18",
      "11:10-11:24",
    ]);
    expect(diagnostics.map((d) => d.message.slice(0, d.message.indexOf(" text does")))).toEqual([
      "character 'maya'",
      "action",
      "dialogue of 'maya'",
      "audio voiceover",
      "audio music",
      "audio tone",
      "camera",
      "lighting",
    ]);
  });

  it("leaves empty text and avoid lists alone", () => {
    expect(found(`${IMAGE}\naction "Maya waves."\nrealism ""\navoid blur, "soft focus"\n`)).toEqual(
      [],
    );
  });

  it("reports a project section once, however many scenes and shots inherit it", () => {
    const source = [
      "project {",
      '  camera "Handheld"',
      "}",
      "scene a {",
      `  ${IMAGE}`,
      '  action "Maya waves."',
      "}",
      "scene b {",
      `  ${IMAGE}`,
      "  shot one {",
      "    duration 5s",
      '    action "Maya nods"',
      "  }",
      "}",
      "",
    ].join("\n");
    expect(at(found(source))).toEqual(["2:10-2:20", "12:12-12:23"]);
  });

  it("offers no fix inside an unterminated string", () => {
    const diagnostics = found(`${IMAGE}\naction "Maya waves\n`);
    expect(at(diagnostics)).toEqual(["2:8-2:19"]);
    expect(diagnostics[0]?.fix).toBeUndefined();
  });
});

describe("sentence-end: the fix", () => {
  const one = (text: string): string => `${IMAGE}\naction ${text}\n`;

  it("adds a period before the closing quote", () => {
    expect(fixedClean(one('"Maya waves at the lens"'))).toBe(one('"Maya waves at the lens."'));
  });

  it("adds 。 to Chinese, Japanese and Korean text, the period the prompt would get", () => {
    expect(fixedClean(one('"她走进房间"'))).toBe(one('"她走进房间。"'));
    expect(fixedClean(one('"カメラがゆっくり寄る  "'))).toBe(one('"カメラがゆっくり寄る。  "'));
    expect(fixedClean(one('"Maya 说「你好」"'))).toBe(one('"Maya 说「你好」。"'));
    expect(fixedClean(one('"拿起杯子 and smiles"'))).toBe(one('"拿起杯子 and smiles."'));
    const source = `${IMAGE}\naction "Maya waves."\naudio {\n  tone "따뜻하게"\n}\n`;
    expect(fixedClean(source)).toBe(
      `${IMAGE}\naction "Maya waves."\naudio {\n  tone "따뜻하게。"\n}\n`,
    );
  });

  it("adds it after the last non-blank character, keeping trailing blanks and escapes", () => {
    expect(fixedClean(one('"Maya waves  "'))).toBe(one('"Maya waves.  "'));
    expect(fixedClean(one('"Maya waves\\n\\t"'))).toBe(one('"Maya waves.\\n\\t"'));
    expect(fixedClean(one('"Maya says \\"hi\\""'))).toBe(one('"Maya says \\"hi\\"."'));
    expect(fixedClean(one('"Maya \\u{1F600}"'))).toBe(one('"Maya \\u{1F600}."'));
  });

  it("adds it inside a block string, before the closing line", () => {
    expect(fixedClean(one('"""\n  Maya turns\n  to the lens\n  """'))).toBe(
      one('"""\n  Maya turns\n  to the lens.\n  """'),
    );
    expect(fixedClean(one('"""Maya turns"""'))).toBe(one('"""Maya turns."""'));
  });

  it("fixes audio parts and keeps CRLF line ends", () => {
    const source = `${IMAGE}\r\naction "Maya waves."\r\naudio {\r\n  music "Lo-fi"\r\n  tone "warm"\r\n}\r\n`;
    expect(fixedClean(source)).toBe(
      `${IMAGE}\r\naction "Maya waves."\r\naudio {\r\n  music "Lo-fi."\r\n  tone "warm."\r\n}\r\n`,
    );
  });

  it("does not change the compiled prompt", () => {
    const source = `${IMAGE}\ncharacter "Maya"\naction "Maya waves"\ncamera "Handheld"\n`;
    const prompt = (text: string): string | null | undefined =>
      compileScenes(text).scenes[0]?.prompt;
    expect(prompt(source)).toBe("Maya. Maya waves. Handheld.");
    expect(prompt(fixedClean(source))).toBe(prompt(source));
    expect(fixedClean(source)).toBe(
      `${IMAGE}\ncharacter "Maya."\naction "Maya waves."\ncamera "Handheld."\n`,
    );
  });
});

describe("string literal helpers", () => {
  const literalOf = (source: string) => {
    const statement = parse(source).ast.statements[0];
    return readLiteral(source, statement?.arguments[0] as StringNode);
  };

  it("maps each character of the text to where it is written", () => {
    const source = 'action "a\\"b\\u{1F600}c"';
    const literal = literalOf(source);
    expect(literal.text).toBe('a"b😀c');
    expect(literal.closed).toBe(true);
    expect(literal.starts.map((s, i) => source.slice(s, literal.ends[i]))).toEqual([
      "a",
      '\\"',
      "b",
      "\\u{1F600}",
      "\\u{1F600}",
      "c",
    ]);
    expect(contentEnd(literal)).toBe(source.length - 1);
  });

  it("knows an unterminated literal, including one cut after an escaped quote", () => {
    expect(literalOf('action "abc').closed).toBe(false);
    expect(literalOf('action "abc\\"').closed).toBe(false);
    expect(literalOf('action """abc').closed).toBe(false);
    expect(literalOf('action """abc"""').closed).toBe(true);
    expect(literalOf('action ""').text).toBe("");
  });
});
