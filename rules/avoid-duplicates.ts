import type { ArgumentNode, StatementNode, ValueNode } from "../src/language/ast.js";
import { positional } from "../src/language/arguments.js";
import { formatNumber, type TextEdit } from "../src/language/diagnostics.js";
import { removeStatement, replaceRange } from "../src/lint/edits.js";
import type { Rule } from "../src/lint/rule.js";
import type { AvoidTerm } from "../src/language/model.js";

/**
 * Only white space and at most one comma: what separates two arguments that can be cut as one piece.
 * The comma, when there, is followed by the second run of white space, so no text splits two ways.
 */
const SEPARATOR = /^[ \t\r\n]*(?:,[ \t\r\n]*)?$/;

/**
 * Removes one term and one comma next to it: the term with the separator
 * after it when another argument follows, else the separator before it with
 * the term. Null when a comment stands in the way.
 */
function removeTerm(
  source: string,
  args: readonly ArgumentNode[],
  term: ValueNode,
  index: number,
): TextEdit | null {
  const next = args[index + 1];
  const prev = args[index - 1];
  const start = term.position.start.offset;
  const end = term.position.end.offset;
  if (next && SEPARATOR.test(source.slice(end, next.position.start.offset)))
    return replaceRange(start, next.position.start.offset, "");
  if (prev && SEPARATOR.test(source.slice(prev.position.end.offset, start)))
    return replaceRange(prev.position.end.offset, end, "");
  return null;
}

interface Repeat {
  term: AvoidTerm;
  first: AvoidTerm | undefined;
}

/**
 * Repeats of one text in one statement, reported together: a statement that
 * repeats a term thousands of times gets one finding, not thousands (each
 * holds a message, positions and a fix). Groups keep the order of their first repeat.
 */
function sameTermGroups(repeats: readonly Repeat[]): Repeat[][] {
  const groups = new Map<StatementNode, Map<string, Repeat[]>>();
  const ordered: Repeat[][] = [];
  for (const repeat of repeats) {
    const byText = groups.get(repeat.term.statement) ?? new Map<string, Repeat[]>();
    groups.set(repeat.term.statement, byText);
    const key = `${repeat.term.text.toLowerCase()}\u0000${repeat.first?.text ?? ""}`;
    const group = byText.get(key);
    if (group) group.push(repeat);
    else {
      const fresh = [repeat];
      byText.set(key, fresh);
      ordered.push(fresh);
    }
  }
  return ordered;
}

/**
 * Removes several terms of one statement (never all of them): each with the
 * separator after it, except those after the last kept argument, which go with
 * the separator before them, so no comma is left dangling. Touching removals
 * become one edit. Null when a comment stands in the way.
 */
function removeTerms(
  source: string,
  args: readonly ArgumentNode[],
  remove: ReadonlySet<number>,
): TextEdit[] | null {
  let lastKept = args.length - 1;
  while (lastKept >= 0 && remove.has(lastKept)) lastKept--;
  const gap = (i: number): boolean =>
    SEPARATOR.test(
      source.slice(
        (args[i] as ArgumentNode).position.end.offset,
        (args[i + 1] as ArgumentNode).position.start.offset,
      ),
    );
  const edits: TextEdit[] = [];
  for (const i of [...remove].sort((x, y) => x - y)) {
    const term = args[i] as ArgumentNode;
    const before = i > lastKept;
    if (before ? i === 0 || !gap(i - 1) : !gap(i)) return null;
    const edit = before
      ? replaceRange(
          (args[i - 1] as ArgumentNode).position.end.offset,
          term.position.end.offset,
          "",
        )
      : replaceRange(
          term.position.start.offset,
          (args[i + 1] as ArgumentNode).position.start.offset,
          "",
        );
    const last = edits[edits.length - 1];
    if (last && edit.start <= last.end)
      edits[edits.length - 1] = replaceRange(last.start, Math.max(last.end, edit.end), "");
    else edits.push(edit);
  }
  return edits;
}

const firstTerms = new WeakMap<readonly AvoidTerm[], Map<string, AvoidTerm>>();

/** The first term of a merged list for each lower-cased text (built once per list). */
function firstOf(avoid: readonly AvoidTerm[]): Map<string, AvoidTerm> {
  let found = firstTerms.get(avoid);
  if (!found) {
    found = new Map();
    for (const t of avoid) {
      const key = t.text.toLowerCase();
      if (!found.has(key)) found.set(key, t);
    }
    firstTerms.set(avoid, found);
  }
  return found;
}

export const avoidDuplicates: Rule = {
  meta: {
    id: "avoid-duplicates",
    description: "an avoid term that repeats one already in force does nothing",
    severity: "info",
    fixable: true,
    options: {},
    details:
      "`avoid` lists merge: the project's terms, then the scene's, then a shot's. A term that repeats one already " +
      "in the merged list (compared case-insensitively) is dropped from the prompt, and the first spelling stays. " +
      "This reports the repeat so the list in the source matches the prompt. A repeated term of a `project` block " +
      "is reported once, not once per scene that inherits it; the repeats of one term in one statement are reported " +
      "together, with their count.\n\n" +
      "The fix removes the repeated term (or all its repeats) and one comma next to each; when every term of its statement is a repeat, the " +
      "whole `avoid` statement goes. When a comment stands between the term and its neighbours there is no fix.",
    examples: [
      {
        kind: "fail",
        title: "A scene repeats a project term",
        code: 'project {\n  avoid blur, cartoon\n}\nscene hook {\n  image "https://x.test/a.png"\n  action "Maya waves."\n  avoid Blur, "extra fingers"\n}\n',
      },
      {
        kind: "fail",
        title: "A repeat in one list",
        code: 'image "https://x.test/a.png"\naction "Maya waves."\navoid blur, cartoon, blur\n',
      },
      {
        kind: "pass",
        title: "Every term once",
        code: 'image "https://x.test/a.png"\naction "Maya waves."\navoid blur, cartoon\navoid "3D render"\n',
      },
    ],
  },
  check(context) {
    // Most files repeat no avoid term: nothing to build.
    const hasRepeats = (r: { avoidRepeats: readonly AvoidTerm[] }): boolean =>
      r.avoidRepeats.length > 0;
    if (
      !(context.project && hasRepeats(context.project)) &&
      !context.scenes.some((s) => hasRepeats(s) || s.shots.some(hasRepeats))
    )
      return;
    const seen = new Set<ValueNode>();
    const groups: { avoid: readonly AvoidTerm[]; repeats: readonly AvoidTerm[] }[] = [];
    if (context.project)
      groups.push({ avoid: context.project.avoid, repeats: context.project.avoidRepeats });
    for (const scene of context.scenes) {
      groups.push({ avoid: scene.avoid, repeats: scene.avoidRepeats });
      for (const shot of scene.shots)
        groups.push({ avoid: shot.avoid, repeats: shot.avoidRepeats });
    }
    const repeats: Repeat[] = [];
    for (const group of groups) {
      for (const term of group.repeats) {
        if (seen.has(term.node)) continue;
        seen.add(term.node);
        repeats.push({ term, first: firstOf(group.avoid).get(term.text.toLowerCase()) });
      }
    }
    const repeated = new Set(repeats.map((r) => r.term.node));
    // Per statement, once (a line of thousands of repeats must stay linear): whether every term repeats, and where each argument is.
    const allRepeated = new Map<StatementNode, boolean>();
    const argumentIndex = new Map<ArgumentNode, number>();
    const indexOf = (r: Repeat): number => argumentIndex.get(r.term.node) ?? -1;
    const editsFor = (group: readonly Repeat[], statement: StatementNode): TextEdit[] | null => {
      if (allRepeated.get(statement)) return [removeStatement(context.source, statement)];
      if (group.length > 1)
        return removeTerms(context.source, statement.arguments, new Set(group.map(indexOf)));
      const edit = removeTerm(
        context.source,
        statement.arguments,
        (group[0] as Repeat).term.node,
        indexOf(group[0] as Repeat),
      );
      return edit ? [edit] : null;
    };
    for (const group of sameTermGroups(repeats)) {
      const { term, first } = group[0] as Repeat;
      const statement = term.statement;
      if (!allRepeated.has(statement)) {
        allRepeated.set(
          statement,
          positional(statement).every((v) => repeated.has(v)),
        );
        statement.arguments.forEach((a, i) => argumentIndex.set(a, i));
      }
      const edits = editsFor(group, statement);
      const where = first && first.text !== term.text ? ` (as "${first.text}")` : "";
      const times = group.length > 1 ? ` ${formatNumber(group.length)} times` : "";
      const message = `avoid term "${term.text}" repeats one already in the list${where}${times}; terms merge case-insensitively, so ${group.length > 1 ? "these do" : "this one does"} nothing`;
      const related = first ? [{ at: first.node, message: `the first "${first.text}"` }] : [];
      const description =
        group.length > 1
          ? `remove the ${formatNumber(group.length)} repeats of the avoid term "${term.text}"`
          : `remove the repeated avoid term "${term.text}"`;
      const fix = edits ? { fix: { description, edits } } : {};
      context.report({ at: term.node, message, related, ...fix });
    }
  },
};
