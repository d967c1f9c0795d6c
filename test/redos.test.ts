/**
 * Every regular expression in src/, grammar/ and rules/ is checked with the
 * recheck ReDoS analyser: none may backtrack super-linearly. The expressions
 * are found in the TypeScript syntax tree (regex literals and `RegExp(…)`
 * calls), so one added later is checked too; a `RegExp` whose pattern cannot
 * be worked out from the file fails the test rather than going unchecked.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { check } from "recheck";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DIRS = ["src", "grammar", "rules"];

/** Chevrotain runs every token pattern sticky (at the lexer's position only), so they are checked as such. */
const STICKY_FILES = new Set(["grammar/tokens.ts"]);

/**
 * Expressions recheck flags in files this test's author may not edit, each
 * with why it is left for now. Every entry must still be found and flagged,
 * so a fixed one has to be taken off the list.
 */
const PENDING: readonly { file: string; source: string; why: string }[] = [
  {
    file: "src/language/parse.ts",
    source: "(?:\\s|\\/\\/[^\\r\\n]*|\\/\\*[\\s\\S]*?\\*\\/)*",
    why: "nextTokenText's sticky skip: nothing follows the loop, so a match never backtracks into it, but recheck cannot tell; owned by the parser",
  },
];

/**
 * Places that rebuild a regular expression checked elsewhere in this test (so
 * its text is not in the file): each is named with why, and the count must match.
 */
const REBUILT: readonly { file: string; count: number; why: string }[] = [
  {
    file: "grammar/lexer.ts",
    count: 1,
    why: "makes each token pattern of grammar/tokens.ts sticky (new RegExp(pattern.source, …)); those are checked here with the sticky flag",
  },
];

interface Found {
  where: string;
  source: string;
  flags: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(?:ts|mts|js|mjs)$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

/** `String.raw\`…\`` without substitutions: its text as written. */
function rawString(node: ts.Node): string | null {
  if (!ts.isTaggedTemplateExpression(node) || node.tag.getText() !== "String.raw") return null;
  return ts.isNoSubstitutionTemplateLiteral(node.template) ? (node.template.rawText ?? null) : null;
}

/** `const NAME = "…"` (a string, a template without substitutions or a `String.raw` one) in the file, by name. */
function stringConstants(file: ts.SourceFile): Map<string, string> {
  const constants = new Map<string, string>();
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      const value = ts.isStringLiteralLike(node.initializer)
        ? node.initializer.text
        : rawString(node.initializer);
      if (value !== null) constants.set(node.name.text, value);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return constants;
}

/**
 * The string an expression evaluates to, when the file alone says: string
 * literals, templates and `+` over those and string constants. A call to an
 * escaping helper (`escapeRegExp(name)`) stands for an escaped literal word.
 */
function evaluate(node: ts.Expression, constants: ReadonlyMap<string, string>): string | null {
  if (ts.isStringLiteralLike(node)) return node.text;
  if (ts.isTaggedTemplateExpression(node)) return rawString(node);
  if (ts.isParenthesizedExpression(node)) return evaluate(node.expression, constants);
  if (ts.isIdentifier(node)) return constants.get(node.text) ?? null;
  if (
    ts.isCallExpression(node) &&
    ts.isIdentifier(node.expression) &&
    /^escape/i.test(node.expression.text)
  )
    return "word";
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = evaluate(node.left, constants);
    const right = evaluate(node.right, constants);
    return left === null || right === null ? null : left + right;
  }
  if (ts.isTemplateExpression(node)) {
    let text = node.head.text;
    for (const span of node.templateSpans) {
      const value = evaluate(span.expression, constants);
      if (value === null) return null;
      text += value + span.literal.text;
    }
    return text;
  }
  return null;
}

function regexesIn(path: string): (Found | { where: string; unresolved: true })[] {
  const file = ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.Latest, true);
  const constants = stringConstants(file);
  const out: (Found | { where: string; unresolved: true })[] = [];
  const where = (node: ts.Node): string => {
    const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
    return `${relative(ROOT, path)}:${line + 1}`;
  };
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const text = node.getText(file);
      const close = text.lastIndexOf("/");
      const sticky = STICKY_FILES.has(relative(ROOT, path)) ? "y" : "";
      out.push({
        where: where(node),
        source: text.slice(1, close),
        flags: text.slice(close + 1) + sticky,
      });
    } else if (
      (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === "RegExp"
    ) {
      const [pattern, flags] = node.arguments ?? [];
      const source = pattern ? evaluate(pattern, constants) : null;
      const flagText = flags ? evaluate(flags, constants) : "";
      out.push(
        source === null || flagText === null
          ? { where: where(node), unresolved: true }
          : { where: where(node), source, flags: flagText },
      );
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}

const all = DIRS.flatMap((dir) => sourceFiles(join(ROOT, dir))).flatMap(regexesIn);

describe("regular expressions are safe from catastrophic backtracking", () => {
  it("finds every regular expression and can read each pattern", () => {
    expect(all.length).toBeGreaterThan(50);
    const unresolved = all.filter((r) => "unresolved" in r).map((r) => r.where);
    for (const { file, count } of REBUILT)
      expect(
        unresolved.filter((w) => w.startsWith(`${file}:`)),
        file,
      ).toHaveLength(count);
    expect(unresolved.filter((w) => !REBUILT.some(({ file }) => w.startsWith(`${file}:`)))).toEqual(
      [],
    );
    // The scanner sees literals, `new RegExp` with constants, and skips none of the three folders.
    const wheres = all.map((r) => r.where);
    expect(wheres.some((w) => w.startsWith("rules/negation-phrasing.ts"))).toBe(true);
    expect(wheres.some((w) => w.startsWith("grammar/"))).toBe(true);
    expect(wheres.some((w) => w.startsWith("src/emit/text.ts"))).toBe(true);
  });

  it("recheck calls no expression vulnerable", { timeout: 120_000 }, async () => {
    const found = all.filter((r): r is Found => !("unresolved" in r));
    const unsafe: string[] = [];
    const pendingFlagged = new Set<(typeof PENDING)[number]>();
    for (const r of found) {
      const result = await check(r.source, r.flags, { timeout: 10_000 });
      if (result.status === "safe") continue;
      const pending = PENDING.find(
        (p) => r.where.startsWith(`${p.file}:`) && p.source === r.source,
      );
      if (pending) pendingFlagged.add(pending);
      else if (result.status === "vulnerable")
        unsafe.push(
          `${r.where} /${r.source}/${r.flags}: ${result.complexity.type} (${result.attack.pattern})`,
        );
      else unsafe.push(`${r.where} /${r.source}/${r.flags}: not decided (${result.error.kind})`);
    }
    expect(unsafe).toEqual([]);
    expect(
      PENDING.filter((p) => !pendingFlagged.has(p)).map(
        (p) => `${p.file} /${p.source}/ is no longer flagged: take it off PENDING`,
      ),
    ).toEqual([]);
  });

  it("the analyser does flag a backtracking pattern (so a pass above means something)", async () => {
    const result = await check("^(a|a)*$", "", { timeout: 10_000 });
    expect(result.status).toBe("vulnerable");
  });
});
