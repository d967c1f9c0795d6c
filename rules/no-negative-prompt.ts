import type { StatementNode } from "../src/language/ast.js";
import { positional, properties } from "../src/language/arguments.js";
import type { TextEdit } from "../src/language/diagnostics.js";
import { insertAt, removeStatement, replaceNode, stringLiteral } from "../src/lint/edits.js";
import type { Rule, RuleContext } from "../src/lint/rule.js";
import {
  blockOf,
  legacyFindings,
  noSuchField,
  onTargets,
  readBy,
  type LegacyFinding,
} from "../src/lint/legacy.js";
import type { AvoidTerm } from "../src/language/model.js";
import { getProfile } from "../src/targets/profiles.js";

/** Where text ends without its trailing run of `char` (a backward scan: `/\.+$/` backtracks quadratically over long runs). */
function endBefore(text: string, char: string): number {
  let end = text.length;
  while (end > 0 && text[end - 1] === char) end--;
  return end;
}

/**
 * Terms of a negative prompt: split on commas and semicolons, white space
 * folded and trimmed, a leading "and "/"or " (the last item of a written
 * list) and trailing periods dropped, empties dropped, repeats dropped
 * case-insensitively (the first spelling stays).
 */
export function negativeTerms(text: string): string[] {
  const seen = new Set<string>();
  const terms: string[] = [];
  for (const piece of text.split(/[,;]/)) {
    const folded = piece
      .replace(/\s+/g, " ")
      .trim()
      .replace(/^(?:and|or) /i, "");
    const term = folded.slice(0, endBefore(folded, ".")).trim();
    const key = term.toLowerCase();
    if (term === "" || seen.has(key)) continue;
    seen.add(key);
    terms.push(term);
  }
  return terms;
}

/** The `avoid` the terms are appended to: the block's last one with terms and no `tier=` (a tier would re-tier the moved terms). */
function appendTarget(block: readonly StatementNode[]): StatementNode | undefined {
  return block
    .filter(
      (s) =>
        s.keyword === "avoid" && !s.block && positional(s).length > 0 && properties(s).length === 0,
    )
    .at(-1);
}

function fixEdits(
  context: RuleContext,
  finding: LegacyFinding,
  known: readonly AvoidTerm[],
): { description: string; edits: TextEdit[] } {
  const statement = finding.legacy.statement;
  const have = new Set(known.map((t) => t.text.toLowerCase()));
  const terms = negativeTerms(String(finding.legacy.value ?? "")).filter(
    (t) => !have.has(t.toLowerCase()),
  );
  if (terms.length === 0) {
    return {
      description: "delete the negative_prompt statement (its terms are already in avoid)",
      edits: [removeStatement(context.source, statement)],
    };
  }
  const list = terms.map(stringLiteral).join(", ");
  const target = appendTarget(blockOf(context, finding));
  const last = target?.arguments.at(-1);
  if (target && last) {
    return {
      description: "move the negative_prompt terms into this block's avoid list",
      edits: [
        insertAt(last.position.end.offset, `, ${list}`),
        removeStatement(context.source, statement),
      ],
    };
  }
  return {
    description: "replace negative_prompt with an avoid list",
    edits: [replaceNode(statement, `avoid ${list}`)],
  };
}

export const noNegativePrompt: Rule = {
  meta: {
    id: "no-negative-prompt",
    description: "`negative_prompt` was removed in Kling O3; write the terms into `avoid`",
    severity: "error",
    fixable: true,
    options: {},
    details: [
      "Kling 3.0 (O3) has no `negative_prompt` field: the endpoint ignores it, so nothing it lists is kept out of the",
      "video. O3 takes avoidance only in the positive prompt, which is what `avoid` writes (`Avoid: blur, cartoon.` at",
      "the end of the prompt). `negative_prompt` is valid on `engine kling-v3` and `engine veo-3.1`, whose requests",
      "carry the field.",
      "",
      "A `negative_prompt` in the `project` block is reported once, at that statement, naming the scenes that ignore it.",
      "",
      "**Fix.** The text is split into terms at commas and semicolons; each term is trimmed, a leading `and ` or `or `",
      "(the last item of a written list) and trailing periods are dropped, and empty terms are dropped. Terms the scene's",
      "`avoid` already has (compared case-insensitively, inherited terms included) are skipped. The rest are appended, as",
      "strings, to the last `avoid` of the same block that has no `tier=`; when there is none, the `negative_prompt`",
      'statement is replaced by `avoid "…", "…"`. Either way the `negative_prompt` statement goes. A project',
      "`negative_prompt` read by some scene whose target does take the field is reported but not fixed: move it into",
      "the scenes that need it.",
    ].join("\n"),
    examples: [
      {
        kind: "fail",
        title: "A V3 negative prompt on O3",
        code: 'image "https://x.test/a.png"\naction "Maya waves at the lens."\nnegative_prompt "blur, extra fingers"\n',
      },
      {
        kind: "fail",
        title: "Terms join the existing avoid list",
        code: 'image "https://x.test/a.png"\naction "Maya waves at the lens."\navoid cartoon\nnegative_prompt "Cartoon, blur"\n',
      },
      {
        kind: "pass",
        title: "Avoidance written into the prompt",
        code: 'image "https://x.test/a.png"\naction "Maya waves at the lens."\navoid blur, "extra fingers"\n',
      },
      {
        kind: "pass",
        title: "Veo 3.1 takes a negative prompt",
        code: 'engine veo-3.1\nimage "https://x.test/a.png"\naction "Maya waves at the lens."\nnegative_prompt "blur"\n',
      },
    ],
  },
  check(context) {
    const findings = legacyFindings(
      context,
      ["negative_prompt"],
      (scene) => getProfile(scene.target).negativePrompt !== null,
    );
    for (const finding of findings) {
      const fixable = finding.invalid.length === finding.readers.length;
      const known =
        finding.legacy.origin === "project"
          ? (context.project?.avoid ?? [])
          : (finding.readers[0]?.avoid ?? []);
      const keep = fixable
        ? ""
        : "; other scenes of the project take the field, so move it into the scenes listed";
      const message =
        `'negative_prompt' does nothing ${onTargets(finding)}: ${noSuchField(finding)}, ` +
        `so these terms are not kept out of the video; list them in 'avoid', which writes them into the prompt${readBy(finding)}${keep}`;
      context.report(
        fixable
          ? { at: finding.legacy.statement, message, fix: fixEdits(context, finding, known) }
          : { at: finding.legacy.statement, message },
      );
    }
  },
};
