/**
 * The library's public API (src/index.ts), so a breaking change shows as a diff:
 *
 * - every export, followed through re-exports to where it is declared, has a
 *   doc comment saying what it is for (TSDoc on every export);
 * - test/api-surface.golden lists the runtime exports (sorted, with their
 *   kind), the type exports, and the declared shape of `compile`'s result
 *   (`CompileResult` and every named type it reaches), checked by hand.
 *
 * After an intended change to the API, rewrite the snapshot with
 *
 *   UPDATE_GOLDEN=1 npx vitest run test/api.test.ts
 *
 * and read the diff: a removed export or a changed field breaks callers.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import * as klingc from "../src/index.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const ENTRY = join(ROOT, "src", "index.ts");
const GOLDEN = join(ROOT, "test", "api-surface.golden");
const UPDATE = process.env["UPDATE_GOLDEN"] === "1";

function loadProgram(): { checker: ts.TypeChecker; exports: ts.Symbol[] } {
  const config = ts.readConfigFile(join(ROOT, "tsconfig.json"), (path) => ts.sys.readFile(path));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  const program = ts.createProgram([ENTRY], parsed.options);
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(ENTRY);
  const module = source && checker.getSymbolAtLocation(source);
  if (!module) throw new Error("src/index.ts did not load");
  return { checker, exports: checker.getExportsOfModule(module) };
}

const { checker, exports } = loadProgram();

/** The symbol an export stands for, past every `export { x as y } from` and `export type *`. */
function declared(symbol: ts.Symbol): ts.Symbol {
  return symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
}

function where(symbol: ts.Symbol): string {
  const declaration = symbol.declarations?.[0];
  if (!declaration) return "(no declaration)";
  const file = declaration.getSourceFile();
  const { line } = file.getLineAndCharacterOfPosition(declaration.getStart());
  return `${relative(ROOT, file.fileName)}:${line + 1}`;
}

function kindOf(symbol: ts.Symbol): string {
  const flags = symbol.flags;
  if (flags & ts.SymbolFlags.Function) return "function";
  if (flags & ts.SymbolFlags.Class) return "class";
  if (flags & ts.SymbolFlags.Variable) return "const";
  if (flags & ts.SymbolFlags.Interface) return "interface";
  if (flags & ts.SymbolFlags.TypeAlias) return "type";
  return "other";
}

const isValue = (symbol: ts.Symbol): boolean => (symbol.flags & ts.SymbolFlags.Value) !== 0;

const FORMAT =
  ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope;

/** The named types (interfaces, aliases) klingc declares that a type mentions, looking inside unions and arrays. */
function namedParts(type: ts.Type): ts.Type[] {
  const symbol = type.aliasSymbol ?? type.getSymbol();
  const fromKlingc =
    symbol?.declarations?.some((d) => !d.getSourceFile().fileName.includes("node_modules")) ??
    false;
  if (fromKlingc && (type.aliasSymbol || (symbol && symbol.flags & ts.SymbolFlags.Interface)))
    return [type];
  if (type.isUnionOrIntersection()) return type.types.flatMap(namedParts);
  if (checker.isArrayType(type))
    return checker.getTypeArguments(type as ts.TypeReference).flatMap(namedParts);
  return [];
}

function nameOf(type: ts.Type): string {
  return (type.aliasSymbol ?? type.getSymbol())?.getName() ?? "?";
}

/** A named type as a declaration: an interface's fields in order, or what an alias stands for. */
function describeType(type: ts.Type): string {
  const isInterface = ((type.getSymbol()?.flags ?? 0) & ts.SymbolFlags.Interface) !== 0;
  if (!isInterface)
    return `type ${nameOf(type)} = ${checker.typeToString(type, undefined, FORMAT | ts.TypeFormatFlags.InTypeAlias)};`;
  const fields = checker.getPropertiesOfType(type).map((property) => {
    const optional = property.flags & ts.SymbolFlags.Optional ? "?" : "";
    const fieldType = checker.getTypeOfSymbol(property);
    return `  ${property.getName()}${optional}: ${checker.typeToString(fieldType, undefined, FORMAT)};`;
  });
  return [`interface ${nameOf(type)} {`, ...fields, "}"].join("\n");
}

/** `CompileResult` and every named type reachable from its fields, each once, in the order first met. */
function compileResultShape(): string {
  const root = exports.find((s) => s.getName() === "CompileResult");
  if (!root) return "(CompileResult is not exported)";
  const queue = [checker.getDeclaredTypeOfSymbol(declared(root))];
  const seen = new Set<string>();
  const out: string[] = [];
  for (let i = 0; i < queue.length; i++) {
    const type = queue[i] as ts.Type;
    const name = nameOf(type);
    if (seen.has(name)) continue;
    seen.add(name);
    out.push(describeType(type));
    const inner = type.isUnionOrIntersection()
      ? type.types.flatMap(namedParts)
      : checker.getPropertiesOfType(type).flatMap((p) => namedParts(checker.getTypeOfSymbol(p)));
    queue.push(...inner);
  }
  return out.join("\n\n");
}

function surface(): string {
  const runtime = Object.keys(klingc)
    .sort()
    .map((name) => `${name}: ${typeof (klingc as Record<string, unknown>)[name]}`);
  // Type exports: everything declared that is not there at run time (`export type *` makes values type-only too).
  const types = exports
    .filter((s) => !(s.getName() in klingc))
    .map(
      (s) => `${s.getName()}: ${kindOf(declared(s))}${isValue(declared(s)) ? " (type-only)" : ""}`,
    )
    .sort();
  return [
    '# klingc\'s public API: what `import ... from "klingc"` gives (test/api.test.ts).',
    "# Rewrite with UPDATE_GOLDEN=1 npx vitest run test/api.test.ts, then read the diff.",
    "",
    "## Runtime exports",
    ...runtime,
    "",
    "## Type exports",
    ...types,
    "",
    "## The shape of compile's result",
    compileResultShape(),
    "",
  ].join("\n");
}

describe("the public API", () => {
  it("has a doc comment on every export, where it is declared", () => {
    const undocumented = exports
      .map(declared)
      .filter(
        (symbol) => ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim() === "",
      )
      .map((symbol) => `${symbol.getName()} (${where(symbol)})`);
    expect(undocumented).toEqual([]);
  });

  it("declares every export it has at run time, as a value", () => {
    const values = new Set(exports.filter((s) => isValue(declared(s))).map((s) => s.getName()));
    expect(Object.keys(klingc).filter((name) => !values.has(name))).toEqual([]);
  });

  it("matches test/api-surface.golden (the export list and compile's result shape)", () => {
    const actual = surface();
    if (UPDATE) writeFileSync(GOLDEN, actual);
    expect(existsSync(GOLDEN), "missing test/api-surface.golden: run with UPDATE_GOLDEN=1").toBe(
      true,
    );
    expect(actual).toBe(readFileSync(GOLDEN, "utf8"));
  });

  it("gives compiled scenes the fields CompiledScene declares, and no others", () => {
    const scene = exports.find((s) => s.getName() === "CompiledScene");
    expect(scene).toBeDefined();
    const fields = checker.getPropertiesOfType(
      checker.getDeclaredTypeOfSymbol(declared(scene as ts.Symbol)),
    );
    const required = fields
      .filter((f) => !(f.flags & ts.SymbolFlags.Optional))
      .map((f) => f.getName());
    const all = fields.map((f) => f.getName());
    const source = readFileSync(join(ROOT, "fixtures", "ugc-ad.kp"), "utf8");
    const { scenes } = klingc.compile(source, { filename: "ugc-ad.kp" });
    expect(scenes.length).toBeGreaterThan(0);
    for (const compiled of scenes) {
      const keys = Object.keys(compiled);
      expect(keys).toEqual(expect.arrayContaining(required));
      expect(all).toEqual(expect.arrayContaining(keys));
    }
  });
});

describe("targets", () => {
  it("is the profile table, frozen all the way down", () => {
    expect(Object.keys(klingc.targets)).toEqual([...klingc.TARGET_IDS]);
    const unfrozen: string[] = [];
    const visit = (value: unknown, path: string): void => {
      if (typeof value !== "object" || value === null) return;
      if (!Object.isFrozen(value)) unfrozen.push(path);
      for (const [key, inner] of Object.entries(value)) visit(inner, `${path}.${key}`);
    };
    visit(klingc.targets, "targets");
    expect(unfrozen).toEqual([]);
  });

  it("cannot be changed by a caller, so compile keeps reading the real facts", () => {
    const profile = klingc.targets["kling-o3"] as unknown as {
      promptLimit: number;
      qualities: { allowed: string[] };
    };
    expect(() => {
      profile.promptLimit = 1;
    }).toThrow(TypeError);
    expect(() => profile.qualities.allowed.push("8k")).toThrow(TypeError);
    expect(klingc.targets["kling-o3"].promptLimit).toBe(2500);
  });

  it("is the table klingc reads, not a copy", () => {
    for (const id of klingc.TARGET_IDS) expect(klingc.getProfile(id)).toBe(klingc.targets[id]);
  });
});
