import type { FileNode, StatementNode } from "../language/ast.js";
import type { CompiledScene, ScenePacking } from "../emit/scenes.js";
import type { OptionSchema } from "../config/config.js";
import type { Fix, Severity } from "../language/diagnostics.js";
import type { Project, Scene, Section } from "../language/model.js";
import type { LineIndex } from "../language/positions.js";
import type { TargetId } from "../targets/profiles.js";

/** A documented example: `fail` examples must report this rule, `pass` examples must not. */
export interface RuleExample {
  kind: "fail" | "pass";
  title: string;
  code: string;
  /** Options for the rule in this example. */
  options?: Record<string, unknown>;
  /** Config settings for the example (brands, focusBudget, target, budget). */
  settings?: Partial<LintSettings>;
}

/** What a rule says about itself: id, default severity, whether it fixes, its options' schema and its docs. */
export interface RuleMeta {
  id: string;
  description: string;
  severity: Severity;
  fixable: boolean;
  /** JSON Schema of the rule's options (an object schema); {} when it takes none. The config loader checks options against it. */
  options: OptionSchema;
  /** Where the rule's docs live; the registry fills it in from the id. */
  url?: string;
  /** Longer explanation in Markdown: why it matters for a render. */
  details: string;
  examples: RuleExample[];
}

/** File-wide settings every rule may read (from the config, with defaults). */
export interface LintSettings {
  brands: string[];
  focusBudget: number;
  target: TargetId | undefined;
  /** The caller's default packing budget (`--budget`, a config's `budget`), as asked for: before any clamping. */
  budget: number | undefined;
}

/** What a rule passes to `context.report`: where, the message, and optionally a fix and related places. */
export interface Report {
  /** Anything with a unist position: a node, or `{ position }`. */
  at: { position: { start: { offset: number }; end: { offset: number } } };
  message: string;
  fix?: Fix;
  /** Other places the message refers to (positions stay out of messages): the diagnostic's `related`. */
  related?: { at: Report["at"]; message: string }[];
}

/** What a rule's `check` receives: the source, its tree, the resolved scenes, their compiled prompts, the settings and `report`. */
export interface RuleContext {
  readonly source: string;
  readonly filename: string | undefined;
  readonly lines: LineIndex;
  readonly ast: FileNode;
  readonly project: Project | null;
  readonly scenes: readonly Scene[];
  /** Per scene, in the same order as `scenes`. */
  readonly compiled: readonly CompiledScene[];
  readonly packing: readonly ScenePacking[];
  /** Every section statement of the file once (project, scenes, shots), in source order. */
  readonly sections: readonly Section[];
  readonly options: Readonly<Record<string, unknown>>;
  readonly settings: Readonly<LintSettings>;
  report(report: Report): void;
}

/** A rule reports; it never edits. Fixes are data the engine applies. */
export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}

/**
 * `make`, remembered for its last argument: the rules of one file ask for the
 * same list one after another, which is then made once (no WeakMap: adding a
 * key per file to one costs more than most rules). Only the last list is kept
 * (a few objects of the last file linted). What it gives is shared: read it only.
 */
export function oncePer<K extends object, V>(make: (key: K) => V): (key: K) => V {
  let lastKey: K | null = null;
  let lastValue: V | undefined;
  return (key) => {
    if (key !== lastKey) {
      lastValue = make(key);
      lastKey = key;
    }
    return lastValue as V;
  };
}

/**
 * Every statement of the file, depth first (blocks of unknown statements included).
 * An array built with an explicit stack rather than a recursive generator (a
 * generator's every step costs far more), once per statement list: lint runs
 * this on every file, for more than one rule. The list is shared: read it only.
 */
export const allStatements: (statements: readonly StatementNode[]) => readonly StatementNode[] =
  oncePer(listStatements);

function listStatements(statements: readonly StatementNode[]): StatementNode[] {
  const out: StatementNode[] = [];
  // The lists being walked and where each resumes: a list is read in a plain loop until a statement with a block,
  // whose list is walked first.
  const stack: (readonly StatementNode[])[] = [statements];
  const next: number[] = [0];
  while (stack.length > 0) {
    const list = stack.pop() as readonly StatementNode[];
    let i = next.pop() as number;
    while (i < list.length) {
      const statement = list[i++] as StatementNode;
      out.push(statement);
      if (statement.block) {
        stack.push(list, statement.block.statements);
        next.push(i, 0);
        break;
      }
    }
  }
  return out;
}

export { sceneAnchor } from "../emit/findings.js";
