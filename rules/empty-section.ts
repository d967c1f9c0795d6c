import { removeStatement } from "../src/lint/edits.js";
import { describeSource, isBlank, textIndex } from "../src/lint/literals.js";
import type { Section } from "../src/language/model.js";
import type { Rule } from "../src/lint/rule.js";

/** A section that says nothing: blank text, or an `audio { … }` block whose every line is blank. */
export function isEmptySection(section: Section): boolean {
  return section.textNode !== null
    ? isBlank(section.text)
    : section.parts.every((part) => isBlank(part.text));
}

export const emptySection: Rule = {
  meta: {
    id: "empty-section",
    description:
      "a section or audio line whose text is empty or only white space adds nothing to the prompt",
    severity: "warning",
    fixable: true,
    options: {},
    details: [
      '`action ""` or `camera "  "` looks like content but puts nothing into the prompt: the scene compiles as if',
      "the statement were not there. This reports every section text, and every line of an `audio { … }` block",
      "(`dialogue`, `voiceover`, `music`, `tone`), that is empty or only white space. `tier1-required` does not",
      "count such a section either, so a scene whose only `action` is blank is also told it says nothing essential.",
      "",
      "A rule of its own rather than part of `tier1-required`: a blank section is a slip wherever it stands (a blank",
      "`camera` as much as a blank `action`), it has its own fix, and it can be turned off on its own.",
      "",
      "The fix removes the statement (with its line when nothing else is on it). A blank `character` gets no fix:",
      "its name may be what a `dialogue` line names, and removing it would leave that line naming no character.",
      "`avoid` lists are not reported here: an empty avoid term is already an error.",
    ].join("\n"),
    examples: [
      {
        kind: "fail",
        title: "An empty action and a blank camera",
        code: 'image "https://x.test/a.png"\naction "Maya waves."\ncamera "  "\nlighting ""\n',
      },
      {
        kind: "fail",
        title: "A blank line in an audio block",
        code: 'image "https://x.test/a.png"\naction "Maya waves."\naudio {\n  music "Lo-fi beat."\n  tone " "\n}\n',
      },
      {
        kind: "pass",
        title: "Every text says something",
        code: 'image "https://x.test/a.png"\naction "Maya waves."\ncamera "Slow push-in."\n',
      },
    ],
  },
  check(context) {
    for (const source of textIndex(context.sections).blank) {
      const what = describeSource(source);
      const report = {
        at: source.node,
        message: `${what} text is ${source.text === "" ? "empty" : "only white space"}: it adds nothing to the prompt; write what it should say, or remove it`,
      };
      if (source.part === null && source.section.keyword === "character") {
        context.report(report);
        continue;
      }
      const statement = source.part?.statement ?? source.section.statement;
      context.report({
        ...report,
        fix: {
          description: `remove the empty ${what}`,
          edits: [removeStatement(context.source, statement)],
        },
      });
    }
  },
};
