/** Where an offset stands in the syntax tree: the statements around it and the block context it is in. */
import type { FileNode, StatementNode } from "../language/ast.js";
import type { Context } from "../language/keywords.js";
import type { Span } from "../language/positions.js";

function contains(span: Span, offset: number): boolean {
  return span.start.offset <= offset && offset <= span.end.offset;
}

/** The statements containing `offset`, outermost first. */
export function statementPath(ast: FileNode, offset: number): StatementNode[] {
  const path: StatementNode[] = [];
  let statements = ast.statements;
  for (;;) {
    const found = statements.find((s) => contains(s.position, offset));
    if (!found) return path;
    path.push(found);
    if (!found.block || !insideBraces(found, offset)) return path;
    statements = found.block.statements;
  }
}

/** True when the offset is after the block's `{` and before its `}` (or the end of an unclosed block). */
export function insideBraces(statement: StatementNode, offset: number): boolean {
  const block = statement.block;
  if (!block) return false;
  const end = block.closed ? block.position.end.offset - 1 : block.position.end.offset;
  return block.position.start.offset < offset && offset <= end;
}

const BLOCK_CONTEXT: Readonly<Record<string, Context>> = {
  project: "project",
  scene: "scene",
  shot: "shot",
  audio: "audio",
};

/** The keyword context of a new statement at `offset`: the innermost block the offset is inside. */
export function contextAt(ast: FileNode, offset: number): Context {
  let context: Context = "top";
  for (const statement of statementPath(ast, offset)) {
    if (insideBraces(statement, offset)) context = BLOCK_CONTEXT[statement.keyword] ?? context;
  }
  return context;
}

/** Every statement of the file, depth first, in source order. */
export function* allStatements(statements: readonly StatementNode[]): Generator<StatementNode> {
  for (const statement of statements) {
    yield statement;
    if (statement.block) yield* allStatements(statement.block.statements);
  }
}

/** The statement's first argument when it is a plain name (`scene hook`, `character maya`). */
export function nameOf(statement: StatementNode): string | null {
  const first = statement.arguments[0];
  if (!first) return null;
  if (first.type === "Identifier") return first.name;
  if (first.type === "String") return first.value;
  return null;
}
