/**
 * The TextMate grammar, tokenized the way VS Code does it (vscode-textmate on the oniguruma
 * engine), and the proof that the committed files are what the generator makes of the keyword table.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { beforeAll, describe, expect, it } from "vitest";
import {
  INITIAL,
  Registry,
  parseRawGrammar,
  type IGrammar,
  type IRawGrammar,
  type IToken,
} from "vscode-textmate";
import { createOnigScanner, createOnigString, loadWASM } from "vscode-oniguruma";
import {
  GRAMMAR_FILE,
  grammarText,
  INJECTION_FILE,
  klingcGrammar,
  markdownInjection,
} from "../scripts/textmate.js";
import { KEYWORDS } from "../src/language/keywords.js";

const require = createRequire(import.meta.url);

let registry: Registry;

function grammarFor(scopeName: string): IRawGrammar | null {
  if (scopeName === "source.klingc")
    return parseRawGrammar(readFileSync(GRAMMAR_FILE, "utf8"), GRAMMAR_FILE);
  if (scopeName === "markdown.klingc.codeblock")
    return parseRawGrammar(readFileSync(INJECTION_FILE, "utf8"), INJECTION_FILE);
  // A stand-in for Markdown's own grammar: the injection is what is under test.
  if (scopeName === "text.html.markdown")
    return parseRawGrammar(JSON.stringify({ scopeName, patterns: [] }), "markdown.json");
  return null;
}

beforeAll(async () => {
  const wasm = readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm"));
  await loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  registry = new Registry({
    onigLib: Promise.resolve({ createOnigScanner, createOnigString }),
    loadGrammar: (scopeName) => Promise.resolve(grammarFor(scopeName)),
    getInjections: (scopeName) =>
      scopeName === "text.html.markdown" ? ["markdown.klingc.codeblock"] : undefined,
  });
});

interface Token {
  text: string;
  scopes: string[];
}

function tokenize(grammar: IGrammar, text: string): Token[] {
  let stack = INITIAL;
  const out: Token[] = [];
  for (const line of text.split("\n")) {
    const result = grammar.tokenizeLine(line, stack);
    out.push(
      ...result.tokens.map((t: IToken) => ({
        text: line.slice(t.startIndex, t.endIndex),
        scopes: t.scopes,
      })),
    );
    stack = result.ruleStack;
  }
  return out;
}

/** The innermost scope of the first token whose text is `text` (after `after` tokens with that text). */
function scopeOf(tokens: Token[], text: string, nth = 0): string | undefined {
  return tokens.filter((t) => t.text.trim() === text)[nth]?.scopes.at(-1);
}

async function klingc(): Promise<IGrammar> {
  return (await registry.loadGrammar("source.klingc")) as IGrammar;
}

const SAMPLE = `// a comment
project "GlowLab" {
  engine kling-o3
  aspect 9:16
  budget 2500
}
scene hook {
  duration 5s
  character maya tier=2 "Maya says \\"hi\\" \\u{1F600} \\q"
  cfg_scale 0.5
  audio {
    dialogue maya "Hello."
  }
  camera """
    Slow push in, \\t steady.
  """ /* trailing
  block comment */
  continuity from=hook "Same."
}
`;

describe("the TextMate grammar", () => {
  it("scopes keywords by kind and the names they introduce", async () => {
    const tokens = tokenize(await klingc(), SAMPLE);
    expect(scopeOf(tokens, "project")).toBe("keyword.control.container.klingc");
    expect(scopeOf(tokens, "scene")).toBe("keyword.control.container.klingc");
    expect(scopeOf(tokens, "hook")).toBe("entity.name.section.klingc");
    expect(scopeOf(tokens, "engine")).toBe("keyword.other.setting.klingc");
    expect(scopeOf(tokens, "duration")).toBe("keyword.other.setting.klingc");
    expect(scopeOf(tokens, "character")).toBe("keyword.other.section.klingc");
    expect(scopeOf(tokens, "maya")).toBe("variable.other.character.klingc");
    expect(scopeOf(tokens, "camera")).toBe("keyword.other.section.klingc");
    expect(scopeOf(tokens, "dialogue")).toBe("keyword.other.section.klingc");
    expect(scopeOf(tokens, "cfg_scale")).toBe("invalid.deprecated.legacy.klingc");
    expect(scopeOf(tokens, "kling-o3")).toBe("support.constant.engine.klingc");
  });

  it("scopes strings, escapes, block strings and comments", async () => {
    const tokens = tokenize(await klingc(), SAMPLE);
    expect(scopeOf(tokens, "// a comment")).toBe("comment.line.double-slash.klingc");
    expect(scopeOf(tokens, '\\"')).toBe("constant.character.escape.klingc");
    expect(scopeOf(tokens, "\\u{1F600}")).toBe("constant.character.escape.klingc");
    expect(scopeOf(tokens, "\\q")).toBe("invalid.illegal.escape.klingc");
    expect(scopeOf(tokens, "Slow push in,")).toBe("string.quoted.triple.klingc");
    expect(scopeOf(tokens, "\\t")).toBe("constant.character.escape.klingc");
    expect(scopeOf(tokens, "block comment")).toBe("comment.block.klingc");
    // After the block comment the grammar is back in code: the keyword is a keyword again.
    expect(scopeOf(tokens, "continuity")).toBe("keyword.other.section.klingc");
  });

  it("scopes durations, ratios, numbers and properties", async () => {
    const tokens = tokenize(await klingc(), SAMPLE);
    expect(scopeOf(tokens, "5s")).toBe("constant.numeric.duration.klingc");
    expect(scopeOf(tokens, "9:16")).toBe("constant.numeric.ratio.klingc");
    expect(scopeOf(tokens, "2500")).toBe("constant.numeric.klingc");
    expect(scopeOf(tokens, "tier")).toBe("variable.parameter.property.klingc");
    expect(scopeOf(tokens, "from")).toBe("variable.parameter.property.klingc");
    expect(scopeOf(tokens, "=")).toBe("keyword.operator.assignment.klingc");
  });

  it("knows every keyword of the keyword table", async () => {
    const grammar = await klingc();
    for (const [name, info] of KEYWORDS) {
      const scope = scopeOf(tokenize(grammar, `${name} x`), name);
      expect(scope, name).toMatch(info.kind === "legacy" ? /^invalid\.deprecated/ : /^keyword\./);
    }
    expect(scopeOf(tokenize(grammar, "sceneX x"), "sceneX")).toBeUndefined();
  });

  it("highlights ```kp blocks inside Markdown", async () => {
    const markdown = (await registry.loadGrammar("text.html.markdown")) as IGrammar;
    const tokens = tokenize(
      markdown,
      "# Storyboard\n\n```kp\nscene hook {\n  duration 5s\n}\n```\n\nscene outside\n",
    );
    expect(scopeOf(tokens, "scene")).toBe("keyword.control.container.klingc");
    expect(tokens.find((t) => t.text === "5s")?.scopes).toContain("meta.embedded.block.klingc");
    // After the fence closes, the text is Markdown again.
    expect(tokens.find((t) => t.text.includes("scene outside"))?.scopes).toEqual([
      "text.html.markdown",
    ]);
  });

  it("is committed as the generator makes it from the keyword table (run `npm run textmate`)", () => {
    expect(readFileSync(GRAMMAR_FILE, "utf8")).toBe(grammarText(klingcGrammar()));
    expect(readFileSync(INJECTION_FILE, "utf8")).toBe(grammarText(markdownInjection()));
  });
});
