import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { allTokens } from "../grammar/tokens.js";
import { DIAGRAMS_PATH, diagramsHtml } from "../scripts/diagrams.js";
import { KEYWORDS } from "../src/language/keywords.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const read = (path: string): string =>
  readFileSync(join(root, path), "utf8").replace(/\r\n?/g, "\n");

describe("grammar/diagrams.html", () => {
  it("is what `npm run diagrams` generates from the current parser", () => {
    const checkedIn = read(DIAGRAMS_PATH);
    const fresh = diagramsHtml().replace(/\r\n?/g, "\n");
    // A plain boolean keeps the failure short: a diff of the serialized GAST says less than the remedy.
    const upToDate = checkedIn === fresh;
    expect(
      upToDate,
      `${DIAGRAMS_PATH} is out of date with grammar/parser.ts and grammar/tokens.ts: run \`npm run diagrams\` and commit the result`,
    ).toBe(true);
  });
});

describe("grammar/README.md", () => {
  const readme = read("grammar/README.md");
  /** Names written as inline code (`name`), the way the README refers to tokens and keywords. */
  const codeSpans = new Set([...readme.matchAll(/`([^`\n]+)`/g)].map((m) => m[1] as string));

  it("mentions every token of the lexer as `Name`", () => {
    const missing = allTokens.map((t) => t.name).filter((name) => !codeSpans.has(name));
    expect(
      missing,
      `grammar/README.md does not mention these tokens of grammar/tokens.ts: ${missing.join(", ")}`,
    ).toEqual([]);
  });

  it("mentions every keyword of src/language/keywords.ts as `keyword`", () => {
    const missing = [...KEYWORDS.keys()].filter((name) => !codeSpans.has(name));
    expect(
      missing,
      `grammar/README.md does not mention these keywords of src/language/keywords.ts: ${missing.join(", ")}`,
    ).toEqual([]);
  });
});
