import type { StatementNode, StringNode } from "../src/language/ast.js";
import { positional } from "../src/language/arguments.js";
import { IMAGE_KEYWORDS } from "../src/lint/images.js";
import { allStatements, type Rule } from "../src/lint/rule.js";
import { imageUrlProblem } from "../src/targets/images.js";

export { imageUrlProblem };

function imageValue(statement: StatementNode): StringNode | null {
  const first = positional(statement)[0];
  return first?.type === "String" ? first : null;
}

function isImageStatement(statement: StatementNode): boolean {
  return IMAGE_KEYWORDS.has(statement.keyword);
}

/**
 * An https URL `isPlainHttpsUrl` accepts (ASCII labels, none Punycode, the last starting with a letter, then a path
 * of printable ASCII), told by one native regex match: the image of nearly every file is one, and stepping through
 * it a character at a time (in the interpreter, then a TurboFan compile) was most of this rule's cost on a lint of
 * many files. Anything else goes to `imageUrlProblem`.
 */
export const PLAIN_HTTPS = /^https:\/\/(?:(?![Xx][Nn]--)[A-Za-z\d-]+\.)*(?![Xx][Nn]--)[A-Za-z][A-Za-z\d-]*(?:\/[!-~]*)?$/;

/** Why an image value is refused (`imageUrlProblem`), plain https URLs told first. */
function problemOf(value: string): string | null {
  return PLAIN_HTTPS.test(value) ? null : imageUrlProblem(value);
}

export const imageUrl: Rule = {
  meta: {
    id: "image-url",
    description: "an image must be an https URL or a data:image URI",
    severity: "error",
    fixable: false,
    options: {},
    details: [
      "The service downloads `image` and `end_image` (and the legacy `start_image` / `start_image_url`) itself, from",
      "its own servers: it cannot read a file on your machine, and a request whose image it cannot fetch fails after",
      "the queue wait. klingc accepts an absolute `https://` URL or a `data:image/…` URI (`data:image/png;base64,…`).",
      "Reported: plain `http:` URLs (they can be altered in transit, and many hosts only redirect them), relative and",
      "local paths, `file:` URLs, other schemes, data URIs of another media type, empty values and values with white",
      "space around them.",
      "",
      "Every statement is checked where it is written: a project `image` is reported once, not once per scene.",
    ].join("\n"),
    examples: [
      { kind: "fail", title: "A local path", code: 'image "frames/hook.png"\naction "Maya waves at the lens."\n' },
      { kind: "fail", title: "Plain http", code: 'image "http://cdn.example.com/hook.png"\naction "Maya waves at the lens."\n' },
      { kind: "pass", title: "An https URL", code: 'image "https://cdn.example.com/hook.png"\naction "Maya waves at the lens."\n' },
      { kind: "pass", title: "A data URI", code: 'image "data:image/png;base64,iVBORw0KGgo="\naction "Maya waves at the lens."\n' },
    ],
  },
  check(context) {
    // Filtered first, not skipped in this loop: lint runs it on every file, and V8 optimizes a function that loops
    // over every statement, with all it calls (see runRules).
    for (const statement of allStatements(context.ast.statements).filter(isImageStatement)) {
      const value = imageValue(statement);
      // A URL written without quotes is the parser's to report ("a URL is text: write it in double quotes, …").
      if (!value || context.source[value.position.start.offset] !== '"') continue;
      const problem = problemOf(value.value);
      if (problem === null) continue;
      context.report({ at: value, message: `'${statement.keyword}' ${JSON.stringify(value.value)} ${problem}` });
    }
  },
};
