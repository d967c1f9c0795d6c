import { describe, expect, it } from "vitest";
import type {
  ArgumentNode,
  BlockNode,
  FileNode,
  PropertyNode,
  StatementNode,
  StringNode,
  ValueNode,
} from "../src/language/ast.js";
import type { Diagnostic } from "../src/language/diagnostics.js";
import { MAX_DEPTH, parse } from "../src/language/parse.js";
import type { Span } from "../src/language/positions.js";

/** Offset of the `nth` occurrence of `needle` (0-based), failing loudly when absent. */
function at(source: string, needle: string, nth = 0): number {
  let from = -1;
  for (let i = 0; i <= nth; i++) {
    from = source.indexOf(needle, from + 1);
    if (from < 0) throw new Error(`${JSON.stringify(needle)} #${nth} not in source`);
  }
  return from;
}

/** "line:column-line:column" of a span, for compact assertions. */
function lc(span: Span): string {
  return `${span.start.line}:${span.start.column}-${span.end.line}:${span.end.column}`;
}

function range(d: Diagnostic): string {
  return `${d.line}:${d.column}-${d.endLine}:${d.endColumn}`;
}

function statements(source: string): StatementNode[] {
  return parse(source).ast.statements;
}

function first(source: string): StatementNode {
  const s = statements(source)[0];
  if (!s) throw new Error("no statement");
  return s;
}

function child(statement: StatementNode | undefined, index = 0): StatementNode {
  const s = statement?.block?.statements[index];
  if (!s) throw new Error(`no child ${index}`);
  return s;
}

function arg(statement: StatementNode, index = 0): ArgumentNode {
  const a = statement.arguments[index];
  if (!a) throw new Error(`no argument ${index}`);
  return a;
}

function value(statement: StatementNode, index = 0): ValueNode {
  const a = arg(statement, index);
  if (a.type === "Property") throw new Error("a property");
  return a;
}

function syntaxOnly(source: string): Diagnostic[] {
  const { diagnostics } = parse(source, { filename: "t.kp" });
  for (const d of diagnostics) expect(d.ruleId).toBe("syntax");
  return diagnostics;
}

describe("parse: AST nodes and their positions", () => {
  const source = [
    "// lead comment", //                                     line 1
    "scene hook {", //                                        line 2
    "  duration 10s", //                                      line 3
    "  aspect 9:16; budget 1500", //                          line 4
    '  character maya tier=2 "Maya." /* note */', //          line 5
    "  cfg_scale 7.5", //                                     line 6
    '  camera """', //                                        line 7
    "    Slow push-in.", //                                   line 8
    '    """', //                                             line 9
    "}", //                                                   line 10
  ].join("\n");
  const { ast, diagnostics } = parse(source);
  const scene = ast.statements[0] as StatementNode;

  it("parses cleanly", () => {
    expect(diagnostics).toEqual([]);
  });

  it("gives the file node the whole text", () => {
    expect(ast.type).toBe("File");
    expect(ast.position.start).toEqual({ line: 1, column: 1, offset: 0 });
    expect(ast.position.end).toEqual({ line: 10, column: 2, offset: source.length });
    expect(ast.statements).toHaveLength(1);
  });

  it("positions a statement from its keyword to the end of its block", () => {
    expect(scene).toMatchObject({ type: "Statement", keyword: "scene" });
    expect(lc(scene.keywordPosition)).toBe("2:1-2:6");
    expect(lc(scene.position)).toBe("2:1-10:2");
    expect(scene.position.start.offset).toBe(at(source, "scene"));
    expect(scene.position.end.offset).toBe(source.length);
  });

  it("positions a block from '{' to after '}'", () => {
    const block = scene.block as BlockNode;
    expect(block).toMatchObject({ type: "Block", closed: true });
    expect(lc(block.position)).toBe("2:12-10:2");
    expect(block.statements.map((s) => s.keyword)).toEqual([
      "duration",
      "aspect",
      "budget",
      "character",
      "cfg_scale",
      "camera",
    ]);
  });

  it("positions an identifier argument", () => {
    expect(value(scene)).toEqual({
      type: "Identifier",
      name: "hook",
      position: {
        start: { line: 2, column: 7, offset: at(source, "hook") },
        end: { line: 2, column: 11, offset: at(source, "hook") + 4 },
      },
    });
  });

  it("reads a dimension into value and unit", () => {
    const duration = child(scene, 0);
    expect(value(duration)).toMatchObject({ type: "Dimension", value: 10, unit: "s", raw: "10s" });
    expect(lc(value(duration).position)).toBe("3:12-3:15");
    expect(lc(duration.position)).toBe("3:3-3:15");
  });

  it("reads a ratio and splits statements at ';'", () => {
    const aspect = child(scene, 1);
    const budget = child(scene, 2);
    expect(value(aspect)).toMatchObject({ type: "Ratio", width: 9, height: 16, raw: "9:16" });
    expect(lc(value(aspect).position)).toBe("4:10-4:14");
    expect(lc(aspect.position)).toBe("4:3-4:14");
    expect(value(budget)).toMatchObject({ type: "Number", value: 1500, raw: "1500" });
    expect(lc(budget.keywordPosition)).toBe("4:16-4:22");
  });

  it("reads a decimal number", () => {
    expect(value(child(scene, 4))).toMatchObject({ type: "Number", value: 7.5, raw: "7.5" });
    expect(lc(value(child(scene, 4)).position)).toBe("6:13-6:16");
  });

  it("positions a property, its key and its value", () => {
    const character = child(scene, 3);
    const property = arg(character, 1) as PropertyNode;
    expect(property.type).toBe("Property");
    expect(property.key).toBe("tier");
    expect(lc(property.keyPosition)).toBe("5:18-5:22");
    expect(lc(property.position)).toBe("5:18-5:24");
    expect(property.value).toMatchObject({ type: "Number", value: 2 });
    expect(lc(property.value.position)).toBe("5:23-5:24");
  });

  it("positions a string including its quotes, and ends the statement at its last argument", () => {
    const character = child(scene, 3);
    const text = arg(character, 2) as StringNode;
    expect(text).toMatchObject({ type: "String", value: "Maya.", block: false });
    expect(lc(text.position)).toBe("5:25-5:32");
    expect(source.slice(text.position.start.offset, text.position.end.offset)).toBe('"Maya."');
    expect(lc(character.position)).toBe("5:3-5:32"); // the trailing comment is not part of it
  });

  it("positions a block string over its lines and dedents its value", () => {
    const camera = child(scene, 5);
    const text = arg(camera) as StringNode;
    expect(text).toMatchObject({ type: "String", value: "Slow push-in.", block: true });
    expect(lc(text.position)).toBe("7:10-9:8");
  });

  it("keeps comments, both kinds, with their positions and text", () => {
    expect(ast.comments).toEqual([
      { type: "Comment", block: false, value: " lead comment", position: expect.anything() },
      { type: "Comment", block: true, value: " note ", position: expect.anything() },
    ]);
    expect(ast.comments.map((c) => lc(c.position))).toEqual(["1:1-1:16", "5:33-5:43"]);
  });

  it("is plain data that survives JSON", () => {
    expect(JSON.parse(JSON.stringify(ast)) as FileNode).toEqual(ast);
  });

  it("gives a statement without arguments the keyword's span", () => {
    const s = first("scene a {\n  audio\n}");
    expect(lc(child(s).position)).toBe("2:3-2:8");
    expect(child(s).arguments).toEqual([]);
    expect(child(s).block).toBeNull();
  });

  it("reads identifiers with '-', '.' and '_'", () => {
    const s = first("engine veo-3.1 kling-o3 _x.y-z");
    expect(s.arguments.map((a) => (a.type === "Identifier" ? a.name : null))).toEqual([
      "veo-3.1",
      "kling-o3",
      "_x.y-z",
    ]);
  });

  it("reads a number followed directly by letters as one dimension token", () => {
    const s = first("x 10m 4k 7.5s 3D");
    expect(s.arguments.map((a) => (a.type === "Dimension" ? [a.value, a.unit] : a.type))).toEqual([
      [10, "m"],
      [4, "k"],
      [7.5, "s"],
      [3, "D"],
    ]);
  });
});

describe("parse: code-point columns, BOM, line ends", () => {
  it("shifts a column by one, not two, per astral character before a token", () => {
    const plain = parse('action "ab" bogus').ast.statements[0] as StatementNode;
    const emoji = parse('action "😀b" bogus').ast.statements[0] as StatementNode;
    expect(value(plain, 1).position.start.column).toBe(13);
    expect(value(emoji, 1).position.start.column).toBe(13);
    // ...while the UTF-16 offset does move by one more.
    expect(value(emoji, 1).position.start.offset).toBe(value(plain, 1).position.start.offset + 1);
  });

  it("counts a diagnostic's columns in code points", () => {
    const source = 'scene a {\n  action "😀😀" @\n}';
    const [d] = syntaxOnly(source);
    expect(d?.message).toBe("unexpected character '@'");
    expect(range(d as Diagnostic)).toBe("2:15-2:16");
    expect(d?.offset).toBe(at(source, "@"));
  });

  it("puts line 1 column 1 after a BOM while offsets include it", () => {
    const source = "\ufeffscene a { action @ }";
    const { ast, diagnostics } = parse(source);
    const scene = ast.statements[0] as StatementNode;
    expect(scene.keywordPosition.start).toEqual({ line: 1, column: 1, offset: 1 });
    expect(value(scene).position.start).toEqual({ line: 1, column: 7, offset: 7 });
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ line: 1, column: 18, offset: 18, endOffset: 19 });
  });

  it("gives a BOM file the same AST as the file without it, shifted by one offset", () => {
    const text = 'scene a {\n  action "x"\n}\n';
    const plain = parse(text).ast;
    const bom = parse(`\ufeff${text}`).ast;
    const strip = (node: unknown): unknown =>
      JSON.parse(JSON.stringify(node, (key, v: unknown) => (key === "offset" ? undefined : v)));
    expect(strip(bom.statements)).toEqual(strip(plain.statements));
    expect(bom.statements[0]?.position.start.offset).toBe(1);
  });

  it("reads CRLF files like LF files, with offsets into the text as given", () => {
    const lf = 'scene a {\n  action "x"\n  actoin "y"\n}\n';
    const crlf = lf.replace(/\n/g, "\r\n");
    const a = parse(lf).ast.statements[0] as StatementNode;
    const b = parse(crlf).ast.statements[0] as StatementNode;
    expect(child(b, 1).keyword).toBe("actoin");
    expect(lc(child(b, 1).position)).toBe(lc(child(a, 1).position));
    expect(child(b, 1).position.start.offset).toBe(at(crlf, "actoin"));
    expect(lc(b.position)).toBe("1:1-4:2");
  });

  it("ends statements at CR-only line ends too", () => {
    const s = first('scene a {\r  action "x"\r  camera "y"\r}');
    expect(s.block?.statements.map((c) => [c.keyword, c.position.start.line])).toEqual([
      ["action", 2],
      ["camera", 3],
    ]);
  });

  it("normalises a CRLF block string's line ends to \\n", () => {
    const s = first('camera """\r\n    one\r\n      two\r\n    """');
    expect((arg(s) as StringNode).value).toBe("one\n  two");
  });
});

describe("parse: strings", () => {
  it('resolves the escapes \\" \\\\ \\n \\t \\u{…}', () => {
    const s = first('action "q\\"b\\\\c\\nd\\te\\u{1F600}f\\u{e9}"');
    expect((arg(s) as StringNode).value).toBe('q"b\\c\nd\te😀fé');
  });

  it("reports an unknown escape at the escape and keeps the character", () => {
    const source = 'action "a\\qb"';
    const [d] = syntaxOnly(source);
    expect(d?.message).toBe("unknown escape '\\q'; use \\\\ for a backslash");
    expect([d?.offset, d?.endOffset]).toEqual([at(source, "\\q"), at(source, "\\q") + 2]);
    expect((arg(first(source)) as StringNode).value).toBe("aqb");
  });

  it.each([
    ["\\u{110000}"],
    ["\\u{}"],
    ["\\u1F600"],
    ["\\u{1234567}"],
    ["\\u{D800}"],
    ["\\u{dfff}"],
  ])("reports the bad unicode escape %s", (escape) => {
    const source = `action "x${escape}"`;
    const diagnostics = syntaxOnly(source);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]?.message).toMatch(/unicode escape is written \\u\{1F600\}/);
    expect(diagnostics[0]?.offset).toBe(at(source, "\\u"));
  });

  it("removes a block string's common indentation, keeping deeper indentation and inner blank lines", () => {
    const s = first(
      ['action """', "      one", "        two", "", "      three", '    """'].join("\n"),
    );
    expect((arg(s) as StringNode).value).toBe("one\n  two\n\nthree");
  });

  it("reads a one-line block string, quotes inside it included", () => {
    expect((arg(first('action """a "quoted" word"""')) as StringNode).value).toBe(
      'a "quoted" word',
    );
  });

  it("reports an unterminated string once and reads it as closed at the line end", () => {
    const source = 'scene a {\n  image "https://x\n  action "y"\n}';
    const diagnostics = syntaxOnly(source);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]?.message).toMatch(
      /^unterminated string: add a closing '"' on the same line/,
    );
    expect(range(diagnostics[0] as Diagnostic)).toBe("2:9-2:19");
    const scene = first(source);
    expect((arg(child(scene, 0)) as StringNode).value).toBe("https://x");
    expect(child(scene, 1).keyword).toBe("action");
  });

  it("reports an unterminated block string at its opening quotes", () => {
    const source = 'action "x"\ncamera """\n  never closed\n';
    const diagnostics = syntaxOnly(source);
    expect(diagnostics.map((d) => [range(d), d.message])).toEqual([
      ["2:8-2:11", 'unterminated block string: \'"""\' has no closing \'"""\''],
    ]);
  });
});

describe("parse: comments and statement ends", () => {
  it("ignores both kinds of comments, and a block comment does not nest", () => {
    const { ast, diagnostics } = parse('/* a /* b */ scene a { // c\n action /* d */ "x" }');
    expect(diagnostics).toEqual([]);
    expect(ast.statements[0]?.keyword).toBe("scene");
    expect(ast.comments.map((c) => [c.block, c.value])).toEqual([
      [true, " a /* b "],
      [false, " c"],
      [true, " d "],
    ]);
  });

  it("reads '//' inside a string as text", () => {
    expect((arg(first('image "https://a.b/c" // real comment')) as StringNode).value).toBe(
      "https://a.b/c",
    );
  });

  it("reports an unterminated comment at its opening", () => {
    const source = 'scene a { action "x" }\n/* open\nscene b {}';
    const { ast } = parse(source);
    const diagnostics = syntaxOnly(source);
    expect(diagnostics.map((d) => [range(d), d.message])).toEqual([
      ["2:1-2:3", "unterminated comment: '/*' has no closing '*/'"],
    ]);
    expect(ast.statements.map((s) => s.keyword)).toEqual(["scene"]);
  });

  it("treats blank lines and repeated ';' as empty statements", () => {
    const { ast, diagnostics } = parse(';;\n\nscene a { ;; action "x";; camera "y"; }\n;\n');
    expect(diagnostics).toEqual([]);
    expect(ast.statements[0]?.block?.statements.map((s) => s.keyword)).toEqual([
      "action",
      "camera",
    ]);
  });

  it("ends a statement at the '}' of its own block", () => {
    const { ast, diagnostics } = parse("scene a { } scene b { shot x {} shot y {} }");
    expect(diagnostics).toEqual([]);
    expect(ast.statements.map((s) => s.keyword)).toEqual(["scene", "scene"]);
    expect(ast.statements[1]?.block?.statements.map((s) => s.keyword)).toEqual(["shot", "shot"]);
  });

  it("continues a line that ends in a comma over blank and comment lines", () => {
    const source = "avoid blur,\n\n  // comment\n  /* block */\n  cartoon, grain\naction";
    const { ast, diagnostics } = parse(source);
    expect(diagnostics).toEqual([]);
    expect(ast.statements.map((s) => [s.keyword, s.arguments.length])).toEqual([
      ["avoid", 3],
      ["action", 0],
    ]);
    expect(lc(ast.statements[0]?.position as Span)).toBe("1:1-5:17");
  });

  it("takes arguments with or without commas", () => {
    expect(first('brands "A" "B", "C"').arguments).toHaveLength(3);
  });

  it.each([
    ["before '{'", "scene a, {\n}", "a comma cannot come before '{'", "1:8-1:9"],
    ["before '}'", "scene a {\n  avoid x,\n}", "a comma cannot come before '}'", "2:10-2:11"],
    ["before ';'", "avoid x,; action", "a comma cannot come before ';'", "1:8-1:9"],
    [
      "at the end of the file",
      "avoid x,\n\n// end\n",
      "a comma cannot come before the end of the file",
      "1:8-1:9",
    ],
    ["right after the keyword", "avoid , x", "unexpected ',' right after 'avoid'", "1:7-1:8"],
  ])("reports a comma %s", (_what, source, message, where) => {
    const diagnostics = syntaxOnly(source);
    expect(diagnostics.map((d) => [d.message, range(d)])).toEqual([[message, where]]);
  });

  it("reports text after a block on the same line", () => {
    const diagnostics = syntaxOnly('scene a {\n  shot s { action "x" } "y"\n}');
    expect(diagnostics.map((d) => [d.message, range(d)])).toEqual([
      ["expected a new line or ';' after the 'shot' statement, found a string", "2:25-2:28"],
    ]);
  });

  it("reports a statement that starts with a value", () => {
    const diagnostics = syntaxOnly('"text"\n42\n= x');
    expect(diagnostics.map((d) => [d.message, range(d)])).toEqual([
      ["expected a keyword at the start of a statement, found a string", "1:1-1:7"],
      ["expected a keyword at the start of a statement, found a number", "2:1-2:3"],
      ["expected a keyword at the start of a statement, found '='", "3:1-3:2"],
    ]);
  });

  it("reports a property without a value and drops it", () => {
    const source = 'scene a {\n  camera "c" tier=\n  action "x" tier=}';
    const diagnostics = syntaxOnly(source);
    expect(diagnostics.map((d) => [d.message, d.line, d.column])).toEqual([
      ["'tier=' needs a value", 2, 14],
      ["'tier=' needs a value", 3, 14],
    ]);
    const scene = first(source);
    expect(scene.block?.statements.map((s) => [s.keyword, s.arguments.map((a) => a.type)])).toEqual(
      [
        ["camera", ["String"]],
        ["action", ["String"]],
      ],
    );
  });

  it("reports a block without a keyword", () => {
    const diagnostics = syntaxOnly('{ action "x" }');
    expect(diagnostics.map((d) => d.message)).toEqual([
      "a block needs a keyword before '{' (for example 'scene NAME {')",
    ]);
  });
});

describe("parse: braces", () => {
  it("names the scene and where it opened when its '}' is missing", () => {
    const source = 'scene hook {\n  action "x"\n}\n\nscene demo {\n  action "y"\n';
    const { ast } = parse(source);
    const diagnostics = syntaxOnly(source);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]?.message).toBe("expected '}' to close scene 'demo'");
    expect(diagnostics[0]?.offset).toBe(source.length);
    // Where it opened is a related place (the '{'), not part of the message.
    expect(diagnostics[0]?.related?.map((r) => [r.message, r.line, r.column, r.endColumn])).toEqual(
      [["scene 'demo' is opened here", 5, 12, 13]],
    );
    expect(
      source.slice(diagnostics[0]?.related?.[0]?.offset, diagnostics[0]?.related?.[0]?.endOffset),
    ).toBe("{");
    const demo = ast.statements[1] as StatementNode;
    expect(demo.block?.closed).toBe(false);
    expect(demo.block?.position.end.offset).toBe(source.length);
    expect(child(demo).keyword).toBe("action");
  });

  it("names the innermost open block", () => {
    const diagnostics = syntaxOnly('scene a {\n  audio {\n    music "x"\n');
    expect(diagnostics.map((d) => d.message)).toEqual(["expected '}' to close audio"]);
    expect(diagnostics[0]?.related?.map((r) => [r.line, r.column])).toEqual([[2, 9]]);
  });

  it("names the outer block when only the inner one was closed", () => {
    const diagnostics = syntaxOnly('scene a {\n  audio {\n    music "x"\n}');
    expect(diagnostics.map((d) => d.message)).toEqual(["expected '}' to close scene 'a'"]);
    expect(diagnostics[0]?.related?.map((r) => [r.line, r.column])).toEqual([[1, 9]]);
  });

  it("reports a stray '}' and keeps what follows", () => {
    const source = '}\nscene a { action "x" }\n}\nscene b {}';
    const { ast } = parse(source);
    expect(syntaxOnly(source).map((d) => [d.message, range(d)])).toEqual([
      ["unexpected '}': no block is open here", "1:1-1:2"],
      ["unexpected '}': no block is open here", "3:1-3:2"],
    ]);
    expect(
      ast.statements.map((s) => s.arguments[0]?.type === "Identifier" && s.arguments[0].name),
    ).toEqual(["a", "b"]);
  });

  it(`cuts off blocks nested deeper than ${MAX_DEPTH} with one diagnostic`, () => {
    const depth = MAX_DEPTH + 10;
    const source = `${"x {\n".repeat(depth)}${"}\n".repeat(depth)}scene after {}\n`;
    const { ast } = parse(source);
    const diagnostics = syntaxOnly(source);
    expect(diagnostics.map((d) => d.message)).toEqual([
      `blocks are nested more than ${MAX_DEPTH} deep; the deeper ones are ignored`,
    ]);
    expect(diagnostics[0]?.line).toBe(MAX_DEPTH + 1);
    expect(ast.statements.map((s) => s.keyword)).toEqual(["x", "scene"]);
  });
});

describe("parse: recovery", () => {
  it("gives one diagnostic for one bad line and keeps the statements after it", () => {
    const source = [
      "scene a {",
      '  action "one"',
      "  = = = ,,, 42",
      '  camera "two"',
      "}",
      'scene b { action "three" }',
    ].join("\n");
    const { ast } = parse(source);
    const diagnostics = syntaxOnly(source);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]?.line).toBe(3);
    expect(ast.statements).toHaveLength(2);
    expect(ast.statements[0]?.block?.statements.map((s) => s.keyword)).toEqual([
      "action",
      "camera",
    ]);
    expect(ast.statements[1]?.block?.statements.map((s) => s.keyword)).toEqual(["action"]);
  });

  it("reports an unexpected character once per line, naming it", () => {
    const source = 'scene a {\n  action "x" @@ #\n  camera "y" \u0000\n}';
    const diagnostics = syntaxOnly(source);
    expect(diagnostics.map((d) => [d.message, range(d)])).toEqual([
      ["unexpected character '@'", "2:14-2:16"],
      ["unexpected character U+0000", "3:14-3:15"],
    ]);
    expect(first(source).block?.statements.map((s) => s.keyword)).toEqual(["action", "camera"]);
  });

  it("hints that names are ASCII when a letter outside ASCII appears", () => {
    const [d] = syntaxOnly("scene café {}");
    expect(d?.message).toBe(
      "unexpected character 'é' (names are ASCII letters, digits, '_', '-' and '.'; put other text in a string)",
    );
    expect(range(d as Diagnostic)).toBe("1:10-1:11");
  });

  it("names a lone surrogate by its code", () => {
    const [d] = syntaxOnly("scene a {\n  \ud800\n}");
    expect(d?.message).toBe("unexpected character U+D800");
    expect(range(d as Diagnostic)).toBe("2:3-2:4");
  });
});

describe("parse: diagnostics carry the full shape", () => {
  it("fills every field, consistently", () => {
    const source = "scene a {\n  action @\n}";
    const { diagnostics } = parse(source, { filename: "dir/demo.kp" });
    expect(diagnostics).toHaveLength(1);
    const d = diagnostics[0] as Diagnostic;
    expect(d).toMatchObject({
      ruleId: "syntax",
      source: "klingc",
      severity: "error",
      fatal: true,
      message: "unexpected character '@'",
      reason: "unexpected character '@'",
      file: "dir/demo.kp",
      line: 2,
      column: 10,
      endLine: 2,
      endColumn: 11,
      offset: 19,
      endOffset: 20,
    });
    expect(d.place).toEqual({
      start: { line: 2, column: 10, offset: 19 },
      end: { line: 2, column: 11, offset: 20 },
    });
    expect(d.url).toMatch(/syntax/);
  });

  it("leaves file undefined without a file name", () => {
    expect(parse("@").diagnostics[0]?.file).toBeUndefined();
  });

  it("returns the line index it used", () => {
    const { lines } = parse("a\nb");
    expect(lines.lineCount).toBe(2);
    expect(lines.point(2)).toEqual({ line: 2, column: 1, offset: 2 });
  });
});
