/** The language server, driven over stdio by a JSON-RPC client as an editor drives it. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  CodeAction,
  CompletionItem,
  Diagnostic,
  DocumentSymbol,
  Hover,
  Location,
  TextEdit,
} from "vscode-languageserver-protocol";
import { TextDocument } from "vscode-languageserver-textdocument";
import { ROOT, startClient, stopClient, type Client } from "./support/lsp-client.js";
import { format } from "../src/fmt/format.js";

const dir = mkdtempSync(join(tmpdir(), "klingc-lsp-"));
let client: Client;
let version = 1;

function uriOf(name: string): string {
  return pathToFileURL(join(dir, name)).href;
}

async function open(
  name: string,
  text: string,
): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
  const uri = uriOf(name);
  writeFileSync(join(dir, name), text);
  await client.connection.sendNotification("textDocument/didOpen", {
    textDocument: { uri, languageId: "klingc", version: version++, text },
  });
  return { uri, diagnostics: (await client.nextDiagnostics(uri)).diagnostics };
}

function codes(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => String(d.code));
}

const CFG = `scene hook {
  image "https://x.test/a.png"
  cfg_scale 0.5
  character maya "Maya, late twenties. Exactly two arms, two hands, five fingers on each hand."
  action "Maya waves at the camera."
  audio {
    dialogue maya "Hello there."
  }
}
scene demo {
  image "https://x.test/b.png"
  character maya "Maya, late twenties. Exactly two arms, two hands, five fingers on each hand."
  action "Maya lifts the bottle."
  continuity from=hook "Same outfit as the hook."
}
`;

beforeAll(async () => {
  client = await startClient();
});

afterAll(() => {
  if (client.child.exitCode === null) client.child.kill();
});

describe("klingc lsp --stdio", () => {
  it("announces what it can do", () => {
    const caps = client.initialize.capabilities;
    expect(caps.textDocumentSync).toMatchObject({ openClose: true, change: 2 });
    expect(caps.codeActionProvider).toMatchObject({
      codeActionKinds: expect.arrayContaining(["quickfix", "source.fixAll.klingc"]),
    });
    for (const key of [
      "hoverProvider",
      "documentFormattingProvider",
      "documentSymbolProvider",
      "foldingRangeProvider",
      "definitionProvider",
    ] as const) {
      expect(caps[key], key).toBeTruthy();
    }
    expect(caps.completionProvider).toBeDefined();
  });

  it("publishes lint and compile findings when a document opens, as klingc lint reports them", async () => {
    const { diagnostics } = await open("open.kp", CFG);
    const cfg = diagnostics.find((d) => d.code === "no-cfg-scale");
    expect(cfg).toMatchObject({
      source: "klingc",
      severity: 1,
      range: { start: { line: 2, character: 2 } },
    });
    expect(cfg?.codeDescription?.href).toMatch(/rules\/no-cfg-scale\.md$/);
  });

  it("re-lints after incremental and full changes", async () => {
    const { uri, diagnostics } = await open("change.kp", CFG);
    expect(codes(diagnostics)).toContain("no-cfg-scale");
    // Incremental: delete the cfg_scale line.
    await client.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri, version: version++ },
      contentChanges: [
        { range: { start: { line: 2, character: 0 }, end: { line: 3, character: 0 } }, text: "" },
      ],
    });
    expect(codes((await client.nextDiagnostics(uri)).diagnostics)).not.toContain("no-cfg-scale");
    // Full: a text with a misspelt keyword.
    await client.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri, version: version++ },
      contentChanges: [
        { text: 'scene a {\n  image "https://x.test/a.png"\n  acton "Maya waves."\n}\n' },
      ],
    });
    const after = (await client.nextDiagnostics(uri)).diagnostics;
    expect(after.find((d) => d.code === "unknown-keyword")).toMatchObject({
      severity: 1,
      range: { start: { line: 2, character: 2 } },
    });
  });

  it("points related information at the other place a finding names", async () => {
    const text =
      'scene a {\n  image "https://x.test/a.png"\n  action "One."\n  camera "Wide."\n  camera "Close."\n}\n';
    const { diagnostics } = await open("related.kp", text);
    const duplicate = diagnostics.find((d) => d.code === "duplicate-section");
    expect(duplicate?.relatedInformation?.[0]?.location.range.start).toEqual({
      line: 3,
      character: 2,
    });
  });

  it("offers each fix as a quick fix, and applying it removes the finding", async () => {
    const { uri, diagnostics } = await open("fix.kp", CFG);
    const cfg = diagnostics.find((d) => d.code === "no-cfg-scale") as Diagnostic;
    const actions: CodeAction[] = await client.connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri },
      range: cfg.range,
      context: { diagnostics: [cfg] },
    });
    const quick = actions.find(
      (a) => a.kind === "quickfix" && a.diagnostics?.[0]?.code === "no-cfg-scale",
    ) as CodeAction;
    expect(quick.diagnostics?.[0]?.range).toEqual(cfg.range);
    const edits = quick.edit?.changes?.[uri] as TextEdit[];
    const fixed = TextDocument.applyEdits(TextDocument.create(uri, "klingc", 1, CFG), edits);
    await client.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri, version: version++ },
      contentChanges: [{ text: fixed }],
    });
    expect(codes((await client.nextDiagnostics(uri)).diagnostics)).not.toContain("no-cfg-scale");
  });

  it("offers 'fix all klingc problems' as source.fixAll.klingc", async () => {
    const { uri } = await open("fixall.kp", CFG);
    const actions: CodeAction[] = await client.connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ["source.fixAll"] },
    });
    expect(actions.map((a) => a.kind)).toEqual(["source.fixAll.klingc"]);
    const fixed = TextDocument.applyEdits(
      TextDocument.create(uri, "klingc", 1, CFG),
      actions[0]?.edit?.changes?.[uri] as TextEdit[],
    );
    expect(fixed).not.toContain("cfg_scale");
    expect(fixed).toContain("scene demo");
  });

  it("hovers a section keyword with its tier, its characters and the scene's budget bar", async () => {
    const { uri } = await open("hover.kp", CFG);
    const hover: Hover = await client.connection.sendRequest("textDocument/hover", {
      textDocument: { uri },
      position: { line: 4, character: 4 },
    });
    const text = (hover.contents as { value: string }).value;
    expect(text).toContain("**action** (tier 1)");
    expect(text).toMatch(
      /25 characters in the prompt of scene 'hook': all of it survives the budget/,
    );
    expect(text).toMatch(/`█*░+` \d+\/2,500 characters/);
  });

  it("hovers a section the budget cuts with what it loses", async () => {
    const text = readFileSync(join(ROOT, "fixtures/ugc-ad.kp"), "utf8");
    const { uri } = await open("budget.kp", text);
    const lines = text.split("\n");
    // Scene proof has a budget of 600: its realism sentence (tier 3) is dropped, its action (tier 1) kept.
    const at = (prefix: string) =>
      lines.findIndex((l, i) => i > lines.indexOf("scene proof {") && l.startsWith(prefix));
    const hover = async (line: number) =>
      (
        await client.connection.sendRequest<Hover>("textDocument/hover", {
          textDocument: { uri },
          position: { line, character: 3 },
        })
      ).contents as { value: string };
    const realism = (await hover(at("  realism"))).value;
    expect(realism).toContain("**realism** (tier 3)");
    expect(realism).toContain("0 survive the budget, 82 dropped");
    expect(realism).toMatch(/`█{19,20}░{0,1}` 589\/600 characters/);
    expect((await hover(at("  action"))).value).toContain("all of it survives the budget");
  });

  it("hovers a diagnostic with its rule's description and docs link", async () => {
    const { uri } = await open("hover-rule.kp", CFG);
    const hover: Hover = await client.connection.sendRequest("textDocument/hover", {
      textDocument: { uri },
      position: { line: 2, character: 5 },
    });
    const text = (hover.contents as { value: string }).value;
    expect(text).toContain("**no-cfg-scale**");
    expect(text).toContain("rules/no-cfg-scale.md");
  });

  it("completes keywords by context, values the target allows, and scene names after from=", async () => {
    const text =
      "project {\n  \n}\nscene a {\n  engine veo-3.1\n  duration \n  \n  audio {\n    \n  }\n  continuity from=\n}\n";
    const { uri } = await open("complete.kp", text);
    const at = async (line: number, character: number) =>
      (
        await client.connection.sendRequest<CompletionItem[]>("textDocument/completion", {
          textDocument: { uri },
          position: { line, character },
        })
      ).map((i) => i.label);
    const top = await at(12, 0);
    expect(top).toEqual(expect.arrayContaining(["project", "scene", "shot"]));
    expect(await at(1, 2)).not.toContain("scene");
    const inScene = await at(6, 2);
    expect(inScene).toEqual(expect.arrayContaining(["shot", "action", "duration"]));
    expect(inScene).not.toContain("project");
    expect(await at(8, 4)).toEqual(["dialogue", "voiceover", "music", "tone"]);
    // veo-3.1 takes 4, 6 and 8 seconds; kling's 10s is not offered.
    const durations = await at(5, 11);
    expect(durations).toContain("8s");
    expect(durations).not.toContain("10s");
    expect(await at(10, 18)).toEqual(["a"]);
  });

  it("formats with the CLI's formatter: one edit to its output, none when already formatted or broken", async () => {
    const messy = 'scene hook {\n      action "Maya waves."\n image "https://x.test/a.png"\n}\n';
    const { uri } = await open("format.kp", messy);
    const request = (
      u: string,
    ): Promise<{ newText: string; range: { start: { line: number }; end: { line: number } } }[]> =>
      client.connection.sendRequest("textDocument/formatting", {
        textDocument: { uri: u },
        options: { tabSize: 2, insertSpaces: true },
      });
    const edits = await request(uri);
    expect(edits).toHaveLength(1);
    expect(edits[0]?.newText).toBe(format(messy).output);
    expect(edits[0]?.newText).not.toBe(messy);
    expect(edits[0]?.range.start.line).toBe(0);
    const clean = await open("formatted.kp", format(messy).output);
    expect(await request(clean.uri)).toEqual([]);
    const broken = await open("broken-format.kp", 'scene hook {\n action "Maya\n');
    expect(await request(broken.uri)).toEqual([]);
  });

  it("outlines scenes, shots and sections, and folds blocks", async () => {
    const { uri } = await open("symbols.kp", CFG);
    const symbols: DocumentSymbol[] = await client.connection.sendRequest(
      "textDocument/documentSymbol",
      { textDocument: { uri } },
    );
    expect(symbols.map((s) => s.name)).toEqual(["hook", "demo"]);
    expect(symbols[0]?.children?.map((c) => c.name)).toEqual(["character maya", "action", "audio"]);
    const folds: { startLine: number; endLine: number }[] = await client.connection.sendRequest(
      "textDocument/foldingRange",
      { textDocument: { uri } },
    );
    expect(folds).toEqual(
      expect.arrayContaining([
        { startLine: 0, endLine: 7 },
        { startLine: 5, endLine: 6 },
      ]),
    );
  });

  it("goes from from=NAME to the scene and from a speaker to the character", async () => {
    const { uri } = await open("definition.kp", CFG);
    const from: Location = await client.connection.sendRequest("textDocument/definition", {
      textDocument: { uri },
      position: { line: 13, character: 20 },
    });
    expect(from.range.start).toEqual({ line: 0, character: 0 });
    const speaker: Location = await client.connection.sendRequest("textDocument/definition", {
      textDocument: { uri },
      position: { line: 6, character: 14 },
    });
    expect(speaker.range.start).toEqual({ line: 3, character: 2 });
  });

  it("reads the config again when a config file changes", async () => {
    // The server asked the editor to watch both config file names.
    expect(JSON.stringify(client.registrations)).toContain('"globPattern":"**/klingc.config.json"');
    expect(JSON.stringify(client.registrations)).toContain('"globPattern":"**/.klingcrc.json"');
    const sub = mkdtempSync(join(dir, "config-"));
    const name = `${sub.slice(dir.length + 1)}/scene.kp`;
    const { uri, diagnostics } = await open(name, CFG);
    expect(codes(diagnostics)).toContain("no-cfg-scale");
    const config = join(sub, "klingc.config.json");
    writeFileSync(config, JSON.stringify({ rules: { "no-cfg-scale": "off" } }));
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", {
      changes: [{ uri: pathToFileURL(config).href, type: 1 }],
    });
    expect(codes((await client.nextDiagnostics(uri)).diagnostics)).not.toContain("no-cfg-scale");
    writeFileSync(config, "{ not json");
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", {
      changes: [{ uri: pathToFileURL(config).href, type: 2 }],
    });
    const broken = (await client.nextDiagnostics(uri)).diagnostics;
    expect(broken[0]).toMatchObject({ code: "invalid-config", severity: 1 });
    expect(codes(broken)).toContain("no-cfg-scale");
  });

  it("serves Markdown storyboards: findings and fixes of ```kp blocks at their places in the .md", async () => {
    const md = `# Storyboard\n\nSome words, and a block that is not ours:\n\n\`\`\`js\ncfg_scale 0.5\n\`\`\`\n\n\`\`\`kp\n${CFG.split("\n").slice(0, 9).join("\n")}\n\`\`\`\n`;
    const uri = uriOf("story.md");
    writeFileSync(join(dir, "story.md"), md);
    await client.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri, languageId: "markdown", version: version++, text: md },
    });
    const diagnostics = (await client.nextDiagnostics(uri)).diagnostics;
    const cfg = diagnostics.filter((d) => d.code === "no-cfg-scale");
    // One finding, in the kp block (line 8 opens it; cfg_scale is its third line), none from the js block.
    expect(cfg.map((d) => d.range.start)).toEqual([{ line: 11, character: 2 }]);
    // Its quick fix edits the Markdown; applied, the finding is gone and the js block is untouched.
    const actions: CodeAction[] = await client.connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri },
      range: cfg[0]?.range,
      context: { diagnostics: cfg, only: ["quickfix"] },
    });
    const quick = actions.find((a) => a.diagnostics?.[0]?.code === "no-cfg-scale") as CodeAction;
    const fixed = TextDocument.applyEdits(
      TextDocument.create(uri, "markdown", 1, md),
      quick.edit?.changes?.[uri] as TextEdit[],
    );
    expect(fixed).toContain("```js\ncfg_scale 0.5\n```");
    await client.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri, version: version++ },
      contentChanges: [{ text: fixed }],
    });
    expect(codes((await client.nextDiagnostics(uri)).diagnostics)).not.toContain("no-cfg-scale");
  });

  it("survives garbage: a bad document, a request for an unknown file, bad parameters", async () => {
    const { diagnostics } = await open(
      "garbage.kp",
      '\u0000scene {{{ """ \uD800 "\n}}}} from= = =',
    );
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(
      await client.connection.sendRequest("textDocument/hover", {
        textDocument: { uri: "file:///nowhere.kp" },
        position: { line: 0, character: 0 },
      }),
    ).toBeNull();
    await expect(
      client.connection.sendRequest("textDocument/hover", { textDocument: null, position: null }),
    ).rejects.toThrow(/klingc: hover failed/);
    expect(client.logs.some((l) => l.includes("hover failed"))).toBe(true);
    // A frame whose body is not JSON, written straight into the pipe.
    client.child.stdin?.write("Content-Length: 9\r\n\r\nnot json!");
    // Still alive and answering.
    const { diagnostics: again } = await open("after-garbage.kp", CFG);
    expect(codes(again)).toContain("no-cfg-scale");
  });

  it("ends quietly with code 1 when the editor goes away without exit", async () => {
    const other = await startClient();
    await other.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri: uriOf("gone.kp"), languageId: "klingc", version: 1, text: CFG },
    });
    other.child.stdin?.end();
    expect(await other.exited).toBe(1);
    expect(other.stderr()).not.toMatch(/at .*cli\.cjs|Error:/);
  });

  it("refuses another transport with usage and exit code 2", () => {
    const result = spawnSync(
      process.execPath,
      [join(ROOT, "bin/klingc.cjs"), "lsp", "--socket=9000"],
      { encoding: "utf8" },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("klingc lsp --stdio");
  });

  it("is listed by klingc --help, and klingc lsp --help explains it (exit 0)", () => {
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [join(ROOT, "bin/klingc.cjs"), ...args], { encoding: "utf8" });
    expect(run("--help").stdout).toMatch(
      /\n {2}lsp \[transport\.\.\.\] +the language server for editors/,
    );
    const help = run("lsp", "--help");
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("Usage: klingc lsp --stdio");
    expect(help.stdout).toContain("Example:\n  klingc lsp --stdio");
  });

  it("ends with code 0 on shutdown and exit", async () => {
    expect(await stopClient(client)).toBe(0);
  });
});
