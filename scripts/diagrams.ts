/**
 * Writes the railroad (syntax) diagrams of the `.kp` grammar to
 * grammar/diagrams.html, from the parser's own GAST: the diagrams cannot
 * drift from the code, and test/grammar-docs.test.ts fails when the
 * checked-in file is stale.
 *
 *   npm run diagrams                  regenerate grammar/diagrams.html (checked in)
 *   npm run diagrams -- --local [OUT] write a copy that loads chevrotain's diagram
 *                                     scripts from node_modules instead of the CDN,
 *                                     for viewing without a network (default OUT:
 *                                     a file in the OS temp directory; never checked in)
 */
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createSyntaxDiagramsCode, type ICreateSyntaxDiagramsConfig } from "chevrotain";
import { KpParser } from "../grammar/parser.js";

/** Where the checked-in diagrams live, relative to the repository root. */
export const DIAGRAMS_PATH = "grammar/diagrams.html";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * The HTML of the diagrams. Without options the page loads chevrotain's
 * renderer and style sheet from unpkg, pinned to the installed chevrotain
 * version, so the output is the same on every machine (that is what is
 * checked in and compared by the test).
 */
export function diagramsHtml(options: ICreateSyntaxDiagramsConfig = {}): string {
  const gast = new KpParser().getSerializedGastProductions();
  return createSyntaxDiagramsCode(gast, options);
}

/** Options that point the page at the diagram resources shipped inside node_modules/chevrotain. */
export function localResources(): ICreateSyntaxDiagramsConfig {
  // chevrotain's "require" export is lib/src/api.js; its package root is three levels up.
  const entry = createRequire(import.meta.url).resolve("chevrotain");
  const base = pathToFileURL(join(dirname(entry), "..", "..", "diagrams")).href + "/";
  return { resourceBase: base, css: `${base}diagrams.css` };
}

function main(argv: readonly string[]): void {
  const local = argv.indexOf("--local");
  if (local >= 0) {
    const out = resolve(argv[local + 1] ?? join(tmpdir(), "klingc-diagrams.html"));
    writeFileSync(out, diagramsHtml(localResources()));
    console.log(`wrote ${out} (offline copy; open it in a browser)`);
    return;
  }
  const out = join(root, DIAGRAMS_PATH);
  writeFileSync(out, diagramsHtml());
  console.log(`wrote ${DIAGRAMS_PATH}`);
}

// Run only as a script, not when the test imports diagramsHtml().
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2));
}
