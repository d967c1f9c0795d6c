import { periodFor } from "../src/emit/text.js";
import { insertAt } from "../src/lint/edits.js";
import { contentEnd, describeSource, readLiteral, textIndex } from "../src/lint/literals.js";
import type { Rule } from "../src/lint/rule.js";

export const sentenceEnd: Rule = {
  meta: {
    id: "sentence-end",
    description: "section text should end with terminal punctuation",
    severity: "info",
    fixable: true,
    options: {},
    details:
      "The prompt is built and cut sentence by sentence: packing keeps or drops whole sentences, and the service " +
      "truncates a long prompt at the last complete sentence. klingc adds a period to a text that lacks one when it " +
      "emits the prompt, but the source then reads differently from the prompt. This reports a section's text, and " +
      "the text of each `audio { … }` sub-statement (`dialogue`, `voiceover`, `music`, `tone`), that does not end " +
      "with `.`, `!`, `?`, `…`, `。`, `！` or `？` (closing quotes or brackets may follow). Empty text is not reported; " +
      "`avoid` lists are terms, not sentences.\n\n" +
      "The fix adds a period right after the last non-blank character inside the string, so trailing spaces and a " +
      "block string's closing line stay as they are: `。` when the text ends in Chinese, Japanese or Korean (the " +
      "period klingc would add to the prompt), `.` otherwise.",
    examples: [
      {
        kind: "fail",
        title: "An action without a period",
        code: 'image "https://x.test/a.png"\naction "Maya waves at the lens"\n',
      },
      {
        kind: "fail",
        title: "A tone line inside an audio block",
        code: 'image "https://x.test/a.png"\naction "Maya waves."\naudio {\n  tone "warm, upbeat"\n}\n',
      },
      {
        kind: "fail",
        title: "A Chinese action without a full stop (the fix adds 。)",
        code: 'image "https://x.test/a.png"\naction "她走进房间"\n',
      },
      {
        kind: "pass",
        title: "Every text ends a sentence",
        code: 'image "https://x.test/a.png"\naction "Maya waves at the lens!"\ncamera "Handheld, slight sway."\n',
      },
    ],
  },
  check(context) {
    for (const source of textIndex(context.sections).unended) {
      const literal = readLiteral(context.source, source.node);
      const report = {
        at: source.node,
        message: `${describeSource(source)} text does not end with terminal punctuation; prompts are packed and cut by sentence, so end it with a period`,
      };
      if (!literal.closed) {
        context.report(report);
        continue;
      }
      const period = periodFor(source.text);
      context.report({
        ...report,
        fix: {
          description: `add ${period} at the end of the text`,
          edits: [insertAt(contentEnd(literal), period)],
        },
      });
    }
  },
};
