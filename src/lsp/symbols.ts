/** Outline, folding and go-to-definition, read from the syntax tree. */
import { FoldingRangeKind, SymbolKind } from "vscode-languageserver";
import type { FileNode, StatementNode, ValueNode } from "../language/ast.js";
import { KEYWORDS } from "../language/keywords.js";
import type { Span } from "../language/positions.js";
import { allStatements, nameOf, statementPath } from "./syntax.js";

export interface Symbol {
  name: string;
  detail: string;
  kind: SymbolKind;
  span: Span;
  selection: Span;
  children: Symbol[];
}

const CONTAINER_KIND: Readonly<Record<string, SymbolKind>> = {
  project: SymbolKind.Package,
  scene: SymbolKind.Class,
  shot: SymbolKind.Method,
};

function symbolOf(statement: StatementNode): Symbol | null {
  const info = KEYWORDS.get(statement.keyword);
  const container = CONTAINER_KIND[statement.keyword];
  if (!container && info?.kind !== "section") return null;
  const name = nameOf(statement);
  const children = container
    ? (statement.block?.statements ?? []).map(symbolOf).filter((s): s is Symbol => s !== null)
    : [];
  return {
    name: container
      ? (name ?? statement.keyword)
      : name && statement.keyword === "character"
        ? `${statement.keyword} ${name}`
        : statement.keyword,
    detail: container ? statement.keyword : (info?.description ?? ""),
    kind: container ?? SymbolKind.Field,
    span: statement.position,
    selection: statement.keywordPosition,
    children,
  };
}

/** Project, scenes, shots and their sections, nested as in the file. */
export function documentSymbols(ast: FileNode): Symbol[] {
  return ast.statements.map(symbolOf).filter((s): s is Symbol => s !== null);
}

export interface Fold {
  startLine: number;
  endLine: number;
  kind?: FoldingRangeKind;
}

/** Blocks, block strings and block comments that span lines (1-based lines; the caller converts). */
export function foldingRanges(ast: FileNode): Fold[] {
  const folds: Fold[] = [];
  for (const statement of allStatements(ast.statements)) {
    const block = statement.block;
    if (block && block.position.end.line > statement.position.start.line) {
      // The closing brace's line stays visible.
      folds.push({
        startLine: statement.position.start.line,
        endLine: block.closed ? block.position.end.line - 1 : block.position.end.line,
      });
    }
    for (const arg of statement.arguments) {
      const value = arg.type === "Property" ? arg.value : arg;
      if (
        value.type === "String" &&
        value.block &&
        value.position.end.line > value.position.start.line
      ) {
        folds.push({ startLine: value.position.start.line, endLine: value.position.end.line });
      }
    }
  }
  for (const comment of ast.comments) {
    if (comment.position.end.line > comment.position.start.line)
      folds.push({
        startLine: comment.position.start.line,
        endLine: comment.position.end.line,
        kind: FoldingRangeKind.Comment,
      });
  }
  return folds.filter((f) => f.endLine > f.startLine);
}

function within(span: Span, offset: number): boolean {
  return span.start.offset <= offset && offset <= span.end.offset;
}

function find(
  statements: Iterable<StatementNode>,
  keyword: string,
  name: string,
): StatementNode | undefined {
  for (const s of statements) if (s.keyword === keyword && nameOf(s) === name) return s;
  return undefined;
}

/** What a name at the offset refers to: `from=NAME` → the scene, a dialogue's speaker → the character. */
export function definitionAt(ast: FileNode, offset: number): Span | null {
  const path = statementPath(ast, offset);
  const statement = path.at(-1);
  if (!statement) return null;
  for (const arg of statement.arguments) {
    if (arg.type === "Property" && arg.key === "from" && within(arg.value.position, offset)) {
      const name = valueName(arg.value);
      const scene = name === null ? undefined : find(ast.statements, "scene", name);
      return scene ? scene.position : null;
    }
  }
  const speaker = statement.arguments[0];
  if (
    statement.keyword === "dialogue" &&
    speaker &&
    speaker.type !== "Property" &&
    within(speaker.position, offset)
  ) {
    const name = valueName(speaker);
    if (name === null) return null;
    // The nearest character wins: the shot's, the scene's, the project's, then any in the file.
    for (const outer of [...path].reverse()) {
      const found = outer.block && find(outer.block.statements, "character", name);
      if (found) return found.position;
    }
    for (const top of ast.statements) {
      const found =
        top.keyword === "project" && top.block
          ? find(top.block.statements, "character", name)
          : undefined;
      if (found) return found.position;
    }
    return find(allStatements(ast.statements), "character", name)?.position ?? null;
  }
  return null;
}

function valueName(value: ValueNode): string | null {
  if (value.type === "Identifier") return value.name;
  if (value.type === "String") return value.value;
  return null;
}
