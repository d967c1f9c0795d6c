/**
 * Which statement each comment belongs to, so the printer can move
 * statements without losing or orphaning a comment. A comment on its own
 * line belongs to the statement after it; a comment after a statement on
 * the same line stays behind it; one inside a statement (between its
 * keyword and its arguments) goes above it; one after `{` on the same line
 * stays there; the rest stay at the end of their block or file.
 */
import type { BlockNode, CommentNode, FileNode, StatementNode } from "../language/ast.js";

export interface Attached {
  leading: Map<StatementNode, CommentNode[]>;
  trailing: Map<StatementNode, CommentNode[]>;
  afterOpen: Map<StatementNode, CommentNode[]>;
  /** Comments before a block's `}` (or the end of the file) that precede no statement. */
  dangling: Map<BlockNode | FileNode, CommentNode[]>;
  /** Comments that open the file, set off from its first statement by a blank line: they stay on top. */
  header: CommentNode[];
}

function push<K>(map: Map<K, CommentNode[]>, key: K, comment: CommentNode): void {
  const list = map.get(key);
  if (list) list.push(comment);
  else map.set(key, [comment]);
}

/**
 * `aboutNextLine` marks comments that speak of the line after them
 * (`klingc-disable-next-line`): after a statement on its line, such a comment
 * goes with the statement that follows instead.
 */
export function attachComments(
  file: FileNode,
  aboutNextLine: (comment: CommentNode) => boolean = () => false,
): Attached {
  const attached: Attached = {
    leading: new Map(),
    trailing: new Map(),
    afterOpen: new Map(),
    dangling: new Map(),
    header: [],
  };
  const comments = [...file.comments].sort(
    (a, b) => a.position.start.offset - b.position.start.offset,
  );
  const first = file.statements[0];
  const headerEnd = first ? headerLength(comments, first) : 0;
  attached.header = comments.slice(0, headerEnd);
  attachIn(file.statements, comments.slice(headerEnd), file, null, { ...attached, aboutNextLine });
  return attached;
}

/** How many of the comments before the first statement form the file's header (all or none). */
function headerLength(comments: readonly CommentNode[], first: StatementNode): number {
  let n = 0;
  while (
    n < comments.length &&
    (comments[n] as CommentNode).position.end.offset <= first.position.start.offset
  )
    n++;
  const last = comments[n - 1];
  return last && first.position.start.line - last.position.end.line >= 2 ? n : 0;
}

/**
 * `comments` are sorted and lie inside the container. One pass over both
 * lists: statements are sorted too, so the pointer never moves back.
 */
type Attaching = Attached & { aboutNextLine: (comment: CommentNode) => boolean };

function attachIn(
  statements: readonly StatementNode[],
  comments: readonly CommentNode[],
  container: BlockNode | FileNode,
  owner: StatementNode | null,
  attached: Attaching,
): void {
  const inner = new Map<StatementNode, CommentNode[]>();
  let i = 0;
  for (const comment of comments) {
    const at = comment.position.start;
    while (
      i < statements.length &&
      (statements[i] as StatementNode).position.end.offset <= at.offset
    )
      i++;
    const next = statements[i];
    const previous = statements[i - 1];
    if (next && next.position.start.offset <= at.offset) push(inner, next, comment);
    else if (previous && previous.position.end.line === at.line && !attached.aboutNextLine(comment))
      push(attached.trailing, previous, comment);
    else if (
      !previous &&
      owner &&
      container.type === "Block" &&
      container.position.start.line === at.line
    )
      push(attached.afterOpen, owner, comment);
    else if (next) push(attached.leading, next, comment);
    else push(attached.dangling, container, comment);
  }
  for (const [statement, list] of inner) attachInside(statement, list, attached);
}

/** Comments inside a statement's span: before its block they go above it; inside its block they are placed there. */
function attachInside(
  statement: StatementNode,
  comments: readonly CommentNode[],
  attached: Attaching,
): void {
  const block = statement.block;
  const open = block ? block.position.start.offset : Number.POSITIVE_INFINITY;
  const before = comments.filter((c) => c.position.start.offset < open);
  const within = comments.filter((c) => c.position.start.offset >= open);
  for (const comment of before) push(attached.leading, statement, comment);
  if (block && within.length > 0) attachIn(block.statements, within, block, statement, attached);
}
