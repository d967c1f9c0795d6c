import { describe, expect, it } from "vitest";
import { lint, parse } from "../src/index.js";

/** The one diagnostic a source gets from the full lint, and the text its span covers. */
function only(source: string) {
  const diagnostics = lint(source, { filename: "a.kp" }).filter((d) => d.severity === "error");
  expect(diagnostics, JSON.stringify(diagnostics.map((d) => d.message))).toHaveLength(1);
  const d = diagnostics[0]!;
  return { ...d, covered: source.slice(d.offset, d.endOffset) };
}

/** A scene with `line` second; it has a source image unless `line` gives one (a missing image is an error too). */
const scene = (line: string): string =>
  `scene a {\n  ${line}\n  ${line.startsWith("image") ? 'action "Maya waves."' : 'image "https://cdn.example.com/a.png"'}\n}\n`;

describe("text written the wrong way gets one message saying what to write", () => {
  it("an unquoted URL", () => {
    const d = only(scene("image cdn.example.com/a.png"));
    expect(d.ruleId).toBe("syntax");
    expect(d.message).toBe(
      'a URL is text: write it in double quotes, "https://cdn.example.com/a.png"',
    );
    expect(d.covered).toBe("cdn.example.com/a.png");
    expect([d.line, d.column]).toEqual([2, 9]);
  });

  it("an unquoted URL with a scheme and a query", () => {
    const d = only(scene("image https://cdn.example.com/a.png?w=1&h=2"));
    expect(d.message).toBe(
      'a URL is text: write it in double quotes, "https://cdn.example.com/a.png?w=1&h=2"',
    );
    expect(d.covered).toBe("https://cdn.example.com/a.png?w=1&h=2");
  });

  it("single-quoted text", () => {
    const d = only(scene("action 'Maya waves.'"));
    expect(d.message).toBe(
      'text goes in straight double quotes, not single quotes: write "Maya waves."',
    );
    expect(d.covered).toBe("'Maya waves.'");
    expect([d.line, d.column, d.endColumn]).toEqual([2, 10, 23]);
  });

  it("curly double quotes", () => {
    const d = only(scene("action \u201cMaya waves.\u201d"));
    expect(d.message).toBe(
      'text goes in straight double quotes, not curly quotes: write "Maya waves."',
    );
    expect(d.covered).toBe("\u201cMaya waves.\u201d");
  });

  it("curly single quotes, and a quote left open to the end of the line", () => {
    expect(only(scene("action \u2018Maya waves.\u2019")).covered).toBe("\u2018Maya waves.\u2019");
    const open = only(scene("action 'Maya waves."));
    expect(open.covered).toBe("'Maya waves.");
    expect(open.message).toContain('write "Maya waves."');
  });

  it("keeps the text as the statement's value, so nothing else on the line is reported", () => {
    const { ast } = parse(
      `action 'Maya waves.' tier=1\nimage cdn.example.com/a.png\ncamera \u201cSlow dolly.\u201d`,
    );
    const values = ast.statements.map((s) => s.arguments[0]);
    expect(values.map((v) => v?.type === "String" && v.value)).toEqual([
      "Maya waves.",
      "cdn.example.com/a.png",
      "Slow dolly.",
    ]);
    expect(ast.statements[0]?.arguments[1]?.type).toBe("Property");
  });

  it("escapes what it suggests and cuts long text", () => {
    const d = only(scene(`action '${'She says "go" and runs. '.repeat(4)}'`));
    expect(d.message).toBe(
      'text goes in straight double quotes, not single quotes: write "She says \\"go\\" and runs. She says \\"go\\" an…"',
    );
  });

  it("leaves names, dotted names and apostrophes inside strings alone", () => {
    expect(
      lint(
        `scene a {\n  engine veo-3.1\n  image "https://cdn.example.com/a.png"\n  action "Maya's turn: see cdn.example.com/a.png"\n}\n`,
      ).filter((d) => d.ruleId === "syntax"),
    ).toEqual([]);
  });
});
