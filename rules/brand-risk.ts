import { getProfile } from "../src/targets/profiles.js";
import type { StringNode, ValueNode } from "../src/language/ast.js";
import type { Rule, RuleContext } from "../src/lint/rule.js";
import type { AvoidTerm, Section } from "../src/language/model.js";
import {
  describeSource,
  literalRange,
  readLiteral,
  textSources,
  type LiteralText,
} from "../src/lint/literals.js";

/** Trademark signs that name a brand by themselves. */
const SIGNS: readonly string[] = ["™", "®"];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A case-insensitive, whole-word pattern for a brand name (a word edge is any character that is not a letter or digit). */
function brandPattern(name: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name)}(?![\\p{L}\\p{N}])`, "giu");
}

export interface BrandHit {
  start: number;
  end: number;
  /** The configured spelling of the brand, or the sign. */
  name: string;
  sign: boolean;
}

/** A brand list compiled once: each non-blank name, trimmed, with its pattern. */
export type BrandPatterns = readonly { name: string; pattern: RegExp }[];

export function compileBrands(brands: readonly string[]): BrandPatterns {
  return brands
    .map((b) => b.trim())
    .filter((name) => name !== "")
    .map((name) => ({ name, pattern: brandPattern(name) }));
}

/** Brand names (whole words, any case) and trademark signs in a text. */
export function findBrands(text: string, brands: readonly string[]): BrandHit[] {
  return matchBrands(text, compileBrands(brands));
}

/** `findBrands` with the brand list compiled beforehand. */
export function matchBrands(text: string, patterns: BrandPatterns): BrandHit[] {
  const hits: BrandHit[] = [];
  // matchAll works on a copy of the pattern, so a compiled global pattern can be shared.
  for (const { name, pattern } of patterns) {
    for (const m of text.matchAll(pattern))
      hits.push({ start: m.index, end: m.index + m[0].length, name, sign: false });
  }
  for (const sign of SIGNS) {
    let at = text.indexOf(sign);
    while (at >= 0) {
      hits.push({ start: at, end: at + sign.length, name: sign, sign: true });
      at = text.indexOf(sign, at + sign.length);
    }
  }
  return hits.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** Whether any brand list in force (the config's, the project's, a scene's) holds a name. */
function namesBrands(context: RuleContext): boolean {
  return (
    context.settings.brands.length > 0 ||
    (context.project?.brands.length ?? 0) > 0 ||
    context.scenes.some((s) => s.brands.length > 0)
  );
}

const WHY_FAL =
  "fal refuses requests its moderation flags (HTTP 422, content_policy_violation); describe the product instead of naming it";
/** For a file with scenes on OpenAI's API (sora-2): fal's status code is no fact of theirs. */
const WHY_ANY =
  "the service refuses requests its moderation flags; describe the product instead of naming it";

export const brandRisk: Rule = {
  meta: {
    id: "brand-risk",
    description:
      "brand names and trademark signs in prompt text raise the risk of a moderation refusal",
    severity: "warning",
    fixable: false,
    options: {},
    details:
      "Content moderation on fal answers a blocked request with HTTP 422 and `content_policy_violation`, and a brand " +
      'name in the prompt raises that risk. Describe the product ("an amber glass dropper bottle with a matte black ' +
      'cap") instead of naming it.\n\n' +
      "The brands are the config's `brands` plus the `brands` statements in force for the scene (the project's and " +
      "the scene's own). Every text that goes into the prompt is checked: section strings, the texts of an " +
      "`audio { … }` block (spoken lines included: they are prompt text too) and `avoid` terms, including text the " +
      "budget may drop, because a budget change would bring it back. A brand matches case-insensitively as a whole " +
      "word (`GlowLab` matches `glowlab's` but not `GlowLabs`). The signs `™` and `®` are reported wherever they " +
      "appear, configured or not. Each occurrence is reported at its place in the string; a project section " +
      "inherited into several scenes is reported once.",
    examples: [
      {
        kind: "fail",
        title: "A brand from the scene's brands statement",
        code: 'image "https://x.test/a.png"\nbrands "GlowLab"\naction "Maya holds up her glowlab serum."\n',
      },
      {
        kind: "fail",
        title: "A brand from the config",
        code: 'image "https://x.test/a.png"\naction "Maya opens a Serumix jar."\n',
        settings: { brands: ["Serumix"] },
      },
      {
        kind: "fail",
        title: "A trademark sign",
        code: 'image "https://x.test/a.png"\nproduct "HydraBoost™ serum in an amber bottle."\naction "Maya holds the bottle."\n',
      },
      {
        kind: "pass",
        title: "The product described, not named",
        code: 'image "https://x.test/a.png"\nbrands "GlowLab"\naction "Maya holds up an amber dropper bottle."\n',
      },
    ],
  },
  check(context) {
    // Most files name no brand and hold no trademark sign (written as is, or as an escape): nothing to find.
    if (
      !namesBrands(context) &&
      !SIGNS.some((sign) => context.source.includes(sign)) &&
      !context.source.includes("\\")
    )
      return;
    const WHY = context.scenes.every((scene) => getProfile(scene.target).host === "fal")
      ? WHY_FAL
      : WHY_ANY;
    const reported = new Set<string>();
    const report = (
      at: { position: { start: { offset: number }; end: { offset: number } } },
      hit: BrandHit,
      where: string,
    ): void => {
      const key = `${at.position.start.offset}:${at.position.end.offset}`;
      if (reported.has(key)) return;
      reported.add(key);
      const what = hit.sign ? `the trademark sign "${hit.name}"` : `the brand name "${hit.name}"`;
      context.report({ at, message: `${what} in ${where} goes into the prompt; ${WHY}` });
    };
    const literals = new Map<StringNode, LiteralText>();
    const literal = (node: StringNode): LiteralText => {
      let found = literals.get(node);
      if (!found) literals.set(node, (found = readLiteral(context.source, node)));
      return found;
    };
    const checkNode = (
      node: ValueNode,
      text: string,
      brands: BrandPatterns,
      where: string,
    ): void => {
      // Most texts name no brand: look in the decoded text first, and map positions only for a hit.
      if (matchBrands(text, brands).length === 0) return;
      if (node.type === "String") {
        const lit = literal(node);
        for (const hit of matchBrands(lit.text, brands))
          report(literalRange(lit, hit.start, hit.end), hit, where);
      } else {
        for (const hit of matchBrands(text, brands)) report(node, hit, where);
      }
    };
    // Scenes mostly share one brand list: compile each list once per run.
    const compiled = new Map<string, BrandPatterns>();
    const patternsFor = (names: readonly string[]): BrandPatterns => {
      const key = names.join("\0");
      let found = compiled.get(key);
      if (!found) compiled.set(key, (found = compileBrands(names)));
      return found;
    };
    const checkAll = (
      sections: readonly Section[],
      avoid: readonly AvoidTerm[],
      brands: BrandPatterns,
    ): void => {
      for (const source of textSources(sections))
        checkNode(source.node, source.text, brands, describeSource(source));
      for (const term of avoid) checkNode(term.node, term.text, brands, "avoid");
    };
    const configured = context.settings.brands;
    const project = context.project;
    if (project)
      checkAll(
        project.sections,
        project.avoid,
        patternsFor([...configured, ...project.brands.map((b) => b.name)]),
      );
    for (const scene of context.scenes) {
      const brands = patternsFor([...configured, ...scene.brands.map((b) => b.name)]);
      checkAll(scene.sections, scene.avoid, brands);
      // A shot's sections and avoid terms include the scene's, checked above with the same brands: only its own are new.
      for (const shot of scene.shots) {
        checkAll(
          shot.sections.filter((s) => s.origin === "shot"),
          shot.avoid.filter((t) => t.origin === "shot"),
          brands,
        );
      }
    }
  },
};
