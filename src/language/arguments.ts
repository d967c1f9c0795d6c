import type { Fix } from "./diagnostics.js";
import {
  describeValue,
  type PropertyNode,
  type StatementNode,
  type StringNode,
  type ValueNode,
} from "./ast.js";
import type { Tier } from "./keywords.js";

/** A problem with a statement's arguments, located at a node's offsets. */
export interface ArgumentProblem {
  message: string;
  start: number;
  end: number;
  /** Other places the message refers to (positions stay out of messages). */
  related?: { message: string; start: number; end: number }[];
  fix?: Fix;
}

export type ArgumentResult<T> = { ok: true; value: T } | { ok: false; problem: ArgumentProblem };

export function ok<T>(value: T): ArgumentResult<T> {
  return { ok: true, value };
}

export function problemAt(
  node: { position: { start: { offset: number }; end: { offset: number } } },
  message: string,
): ArgumentResult<never> {
  return {
    ok: false,
    problem: { message, start: node.position.start.offset, end: node.position.end.offset },
  };
}

export function atKeyword(statement: StatementNode, message: string): ArgumentResult<never> {
  return {
    ok: false,
    problem: {
      message,
      start: statement.keywordPosition.start.offset,
      end: statement.keywordPosition.end.offset,
    },
  };
}

function hasProperty(statement: StatementNode): boolean {
  const args = statement.arguments;
  for (let i = 0; i < args.length; i++) if (args[i]?.type === "Property") return true;
  return false;
}

const NO_PROPERTIES: readonly PropertyNode[] = Object.freeze([]);

/** The positional arguments: the statement's own list when it has no property (most do), so nothing is copied. */
export function positional(statement: StatementNode): readonly ValueNode[] {
  if (!hasProperty(statement)) return statement.arguments as readonly ValueNode[];
  return statement.arguments.filter((a): a is ValueNode => a.type !== "Property");
}

export function properties(statement: StatementNode): readonly PropertyNode[] {
  if (!hasProperty(statement)) return NO_PROPERTIES;
  return statement.arguments.filter((a): a is PropertyNode => a.type === "Property");
}

/** Text of a term written as a name, a string or a number with a unit (`avoid 3D, blur`). */
export function termText(value: ValueNode): string {
  return value.type === "String" ? value.value : describeValue(value);
}

/** Exactly one string, as the whole positional argument list. */
export function oneString(
  statement: StatementNode,
  args: readonly ValueNode[],
  what: string,
): ArgumentResult<StringNode> {
  const first = args[0];
  if (!first)
    return atKeyword(
      statement,
      `'${statement.keyword}' needs ${what} in a string: ${statement.keyword} "…"`,
    );
  if (first.type !== "String")
    return problemAt(
      first,
      `'${statement.keyword}' takes ${what} in a string, not ${describeValue(first)}`,
    );
  const extra = args[1];
  if (extra) return problemAt(extra, extraMessage(statement, extra));
  return ok(first);
}

function extraMessage(statement: StatementNode, extra: ValueNode): string {
  const hint =
    extra.type === "Identifier"
      ? `; did you forget a ';' or a new line before '${extra.name}'?`
      : "";
  return `'${statement.keyword}' takes one argument; ${describeValue(extra)} is one too many${hint}`;
}

export function parseTier(property: PropertyNode): ArgumentResult<Tier> {
  const v = property.value;
  if (v.type === "Number" && (v.value === 1 || v.value === 2 || v.value === 3)) return ok(v.value);
  return problemAt(
    v,
    `tier is 1 (essential), 2 (important) or 3 (nice to have), not ${describeValue(v)}`,
  );
}

export function parseBoolean(property: PropertyNode): ArgumentResult<boolean> {
  const v = property.value;
  if (v.type === "Identifier" && (v.name === "true" || v.name === "false"))
    return ok(v.name === "true");
  return problemAt(v, `'${property.key}' is true or false, not ${describeValue(v)}`);
}

export function parseName(property: PropertyNode): ArgumentResult<string> {
  const v = property.value;
  if (v.type === "Identifier") return ok(v.name);
  if (v.type === "String") return ok(v.value);
  return problemAt(v, `'${property.key}' names a scene, not ${describeValue(v)}`);
}
