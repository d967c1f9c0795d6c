import type { StatementNode, StringNode } from "../src/language/ast.js";
import { positional } from "../src/language/arguments.js";
import type { LegacyStatement, Repeat, Settings } from "../src/language/model.js";
import { IMAGE_KEYWORDS } from "../src/lint/images.js";
import { allStatements, type Rule, type RuleContext } from "../src/lint/rule.js";
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
 * Every image statement of the file, in source order. Most files state their images as settings the analysis
 * keeps (the project's and each scene's `image`, `end_image`, legacy `start_image`, repeats), so those are taken
 * from the model instead of walking every statement: lint runs this on every file. They are all there is when the
 * source spells "image" no more often than they do (each image statement's keyword spells it once, at its own
 * place); else (an image in a shot or an unknown block, a value the analysis refused, "image" in a text or a
 * comment) every statement is walked.
 */
export function imageStatements(
  context: Pick<RuleContext, "source" | "ast" | "project" | "scenes">,
): readonly StatementNode[] {
  const found: StatementNode[] = [];
  if (context.project)
    addModelImages(
      found,
      context.project.settings,
      context.project.legacy,
      context.project.repeats,
    );
  for (let i = 0; i < context.scenes.length; i++) {
    const scene = context.scenes[i] as RuleContext["scenes"][number];
    addModelImages(found, scene.settings, scene.legacy, scene.repeats);
  }
  if (found.length !== countImage(context.source))
    return allStatements(context.ast.statements).filter(isImageStatement);
  return found.length < 2
    ? found
    : found.sort((a, b) => a.position.start.offset - b.position.start.offset);
}

function addModelImages(
  found: StatementNode[],
  settings: Settings,
  legacy: readonly LegacyStatement[],
  repeats: readonly Repeat[],
): void {
  if (settings.image) addOnce(found, settings.image.statement);
  if (settings.endImage) addOnce(found, settings.endImage.statement);
  for (let i = 0; i < legacy.length; i++) addOnce(found, (legacy[i] as LegacyStatement).statement);
  for (let i = 0; i < repeats.length; i++) addOnce(found, (repeats[i] as Repeat).repeat);
}

/** Adds an image statement not yet listed (a scene inherits the project's very statements). */
function addOnce(found: StatementNode[], statement: StatementNode): void {
  if (IMAGE_KEYWORDS.has(statement.keyword) && !found.includes(statement)) found.push(statement);
}

/** How often "image" stands in the text. */
function countImage(source: string): number {
  let count = 0;
  for (let at = source.indexOf("image"); at >= 0; at = source.indexOf("image", at + 5)) count++;
  return count;
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
      {
        kind: "fail",
        title: "A local path",
        code: 'image "frames/hook.png"\naction "Maya waves at the lens."\n',
      },
      {
        kind: "fail",
        title: "Plain http",
        code: 'image "http://cdn.example.com/hook.png"\naction "Maya waves at the lens."\n',
      },
      {
        kind: "pass",
        title: "An https URL",
        code: 'image "https://cdn.example.com/hook.png"\naction "Maya waves at the lens."\n',
      },
      {
        kind: "pass",
        title: "A data URI",
        code: 'image "data:image/png;base64,iVBORw0KGgo="\naction "Maya waves at the lens."\n',
      },
    ],
  },
  check(context) {
    for (const statement of imageStatements(context)) {
      const value = imageValue(statement);
      // A URL written without quotes is the parser's to report ("a URL is text: write it in double quotes, …").
      if (!value || context.source[value.position.start.offset] !== '"') continue;
      const problem = imageUrlProblem(value.value);
      if (problem === null) continue;
      context.report({
        at: value,
        message: `'${statement.keyword}' ${JSON.stringify(value.value)} ${problem}`,
      });
    }
  },
};
