import type { Span } from "./positions.js";

/**
 * The syntax tree of a `.kp` file. Plain data (JSON-serialisable, no cycles):
 * every node carries its exact `position` (unist-style, end-exclusive).
 */
export interface FileNode {
  type: "File";
  statements: StatementNode[];
  comments: CommentNode[];
  position: Span;
}

/** One statement: a keyword, its arguments and an optional `{ … }` block. */
export interface StatementNode {
  type: "Statement";
  keyword: string;
  keywordPosition: Span;
  arguments: ArgumentNode[];
  block: BlockNode | null;
  position: Span;
}

/** The `{ … }` block of a statement. */
export interface BlockNode {
  type: "Block";
  statements: StatementNode[];
  /** False when the file ended before the closing "}". */
  closed: boolean;
  position: Span;
}

/** An argument of a statement: a value, or a `key=value` property. */
export type ArgumentNode = ValueNode | PropertyNode;

/** A `key=value` argument (`human=false`, `from=intro`). */
export interface PropertyNode {
  type: "Property";
  key: string;
  keyPosition: Span;
  value: ValueNode;
  position: Span;
}

/** A value as written: a string, number, dimension (`10s`), ratio (`9:16`) or identifier. */
export type ValueNode = StringNode | NumberNode | DimensionNode | RatioNode | IdentifierNode;

/** A quoted string or a block string. */
export interface StringNode {
  type: "String";
  /** The text with escapes resolved (and, for a block string, common indentation removed). */
  value: string;
  block: boolean;
  position: Span;
}

/** A plain number (`10`, `0.5`). */
export interface NumberNode {
  type: "Number";
  value: number;
  raw: string;
  position: Span;
}

/** A number directly followed by letters: `10s`, `4k`, `10m`. Units are judged later. */
export interface DimensionNode {
  type: "Dimension";
  value: number;
  unit: string;
  raw: string;
  position: Span;
}

/** A ratio (`9:16`). */
export interface RatioNode {
  type: "Ratio";
  width: number;
  height: number;
  raw: string;
  position: Span;
}

/** A bare word (`kling-o3`, `on`). */
export interface IdentifierNode {
  type: "Identifier";
  name: string;
  position: Span;
}

/** A line or block comment; the tree keeps them beside the statements (`FileNode.comments`). */
export interface CommentNode {
  type: "Comment";
  block: boolean;
  /** The text between the delimiters. */
  value: string;
  position: Span;
}

/** Any node of the syntax tree. */
export type Node =
  | FileNode
  | StatementNode
  | BlockNode
  | PropertyNode
  | StringNode
  | NumberNode
  | DimensionNode
  | RatioNode
  | IdentifierNode
  | CommentNode;

/** Text of a value as a user wrote it, for messages. */
export function describeValue(value: ValueNode): string {
  switch (value.type) {
    case "String":
      return JSON.stringify(value.value);
    case "Identifier":
      return value.name;
    default:
      return value.raw;
  }
}
