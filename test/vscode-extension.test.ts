/** The VS Code extension's manifest names what the repository makes: the language, its grammars, the server command. */
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./support/lsp-client.js";

const dir = join(ROOT, "editors/vscode");
const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
  main: string;
  contributes: {
    languages: { id: string; extensions: string[]; configuration: string }[];
    grammars: { language?: string; scopeName: string; path: string; injectTo?: string[] }[];
    configuration: { properties: Record<string, unknown> };
  };
};

describe("editors/vscode", () => {
  it("contributes the klingc language for .kp files", () => {
    expect(manifest.contributes.languages).toEqual([
      expect.objectContaining({ id: "klingc", extensions: [".kp"] }),
    ]);
    const config = JSON.parse(
      readFileSync(join(dir, manifest.contributes.languages[0]?.configuration ?? ""), "utf8"),
    );
    expect(config.comments).toEqual({ lineComment: "//", blockComment: ["/*", "*/"] });
  });

  it("ships the generated grammars under the scope names they declare", () => {
    for (const grammar of manifest.contributes.grammars) {
      // syntaxes/ is filled from grammar/ at packaging time (copy-grammars.mjs).
      const generated = JSON.parse(
        readFileSync(join(ROOT, "grammar", basename(grammar.path)), "utf8"),
      );
      expect(generated.scopeName, grammar.path).toBe(grammar.scopeName);
    }
    expect(manifest.contributes.grammars.find((g) => g.injectTo)?.injectTo).toEqual([
      "text.html.markdown",
    ]);
  });

  it("starts `klingc lsp --stdio` and passes the settings it declares", () => {
    const client = readFileSync(join(dir, manifest.main), "utf8");
    expect(client).toContain('args: ["lsp", "--stdio"]');
    for (const setting of Object.keys(manifest.contributes.configuration.properties)) {
      if (setting === "klingc.trace.server") continue; // read by vscode-languageclient itself
      expect(client, setting).toContain(`get("${setting.replace(/^klingc\./, "")}")`);
    }
  });
});
