/** Hover: a section keyword's tier and what the budget leaves of it; a diagnostic's rule. */
import type { Hover } from "vscode-languageserver";
import { RULES } from "../../rules/index.js";
import type { StatementNode } from "../language/ast.js";
import { formatNumber, type Diagnostic } from "../language/diagnostics.js";
import { KEYWORDS } from "../language/keywords.js";
import type { AvoidTerm, Section } from "../language/model.js";
import type { PackResult } from "../emit/pack.js";
import type { ScenePacking } from "../emit/scenes.js";
import { codePointLength } from "../emit/text.js";
import type { Analysis } from "./analysis.js";
import { statementPath } from "./syntax.js";

const DESCRIPTIONS: ReadonlyMap<string, string> = new Map(
  RULES.map((r) => [r.meta.id, r.meta.description]),
);

/** A text bar of `width` cells: how full the budget is. */
export function budgetBar(chars: number, budget: number, width = 20): string {
  const filled = Math.max(0, Math.min(width, Math.round((chars / budget) * width)));
  return `${"█".repeat(filled)}${"░".repeat(width - filled)}`;
}

interface Packed {
  packing: ScenePacking;
  pack: PackResult;
  sections: readonly Section[];
  label: string;
}

/** The prompt a section statement is packed into: its shot's, its scene's, or (for the project's) the first scene's. */
function packedFor(analysis: Analysis, statement: StatementNode): Packed | null {
  for (const packing of analysis.built.packing) {
    const { scene } = packing;
    const shots = scene.shots;
    const index = shots.findIndex(
      (shot) =>
        shot.sections.some((s) => s.statement === statement) ||
        shot.avoid.some((a) => a.statement === statement),
    );
    if (index >= 0) {
      const shot = shots[index];
      const pack = packing.packs[index];
      if (shot && pack)
        return {
          packing,
          pack,
          sections: shot.sections,
          label: `scene '${scene.name}', shot ${shot.name ?? index + 1}`,
        };
    }
    if (
      shots.length === 0 &&
      (scene.sections.some((s) => s.statement === statement) ||
        scene.avoid.some((a) => a.statement === statement))
    ) {
      const pack = packing.packs[0];
      if (pack) return { packing, pack, sections: scene.sections, label: `scene '${scene.name}'` };
    }
  }
  return null;
}

function avoidOf(packed: Packed): readonly AvoidTerm[] {
  const { scene } = packed.packing;
  return scene.shots.find((s) => s.sections === packed.sections)?.avoid ?? scene.avoid;
}

function avoidIndexes(packed: Packed, statement: StatementNode): Set<number> {
  return new Set(avoidOf(packed).flatMap((term, i) => (term.statement === statement ? [i] : [])));
}

/** Characters the section has in the prompt and how many of them the budget keeps. */
function sectionChars(packed: Packed, statement: StatementNode): { total: number; kept: number } {
  const { pack, sections } = packed;
  const isAvoid = statement.keyword === "avoid";
  const index = sections.findIndex((s) => s.statement === statement);
  const terms = isAvoid ? avoidIndexes(packed, statement) : new Set<number>();
  const ours = (u: { kind: string; section: number; sentence?: number }, sentence: number) =>
    isAvoid
      ? u.kind === "avoid" && terms.has(sentence)
      : u.kind === "sentence" && u.section === index;
  const kept = pack.kept
    .filter((u) => ours(u, u.sentence))
    .reduce((n, u) => n + codePointLength(u.text), 0);
  // A dropped avoid term carries no index: it is ours when its text is one of our terms'.
  const keptTexts = new Set(pack.kept.filter((u) => ours(u, u.sentence)).map((u) => u.text));
  const termTexts = new Set([...terms].map((i) => avoidOf(packed)[i]?.text.trim()));
  const dropped = pack.dropped
    .filter((d) =>
      isAvoid
        ? d.kind === "avoid" && termTexts.has(d.text.trim()) && !keptTexts.has(d.text)
        : d.kind === "sentence" && d.section === index,
    )
    .reduce((n, d) => n + d.chars, 0);
  return { total: kept + dropped, kept };
}

function sectionHover(analysis: Analysis, statement: StatementNode): string | null {
  const info = KEYWORDS.get(statement.keyword);
  if (!info || info.kind !== "section") return null;
  const packed = packedFor(analysis, statement);
  const section = packed?.sections.find((s) => s.statement === statement);
  const tier =
    section?.tier ??
    analysis.built.packing.flatMap((p) => p.scene.avoid).find((a) => a.statement === statement)
      ?.tier;
  const lines = [`**${statement.keyword}**${tier ? ` (tier ${tier})` : ""}: ${info.description}`];
  if (!packed) return lines.join("\n\n");
  const { total, kept } = sectionChars(packed, statement);
  const survives =
    total === 0
      ? "nothing to pack"
      : kept === total
        ? "all of it survives the budget"
        : `${formatNumber(kept)} survive the budget, ${formatNumber(total - kept)} dropped`;
  lines.push(`${formatNumber(total)} characters in the prompt of ${packed.label}: ${survives}`);
  const { budget } = packed.packing;
  const chars = packed.pack.chars;
  lines.push(
    budget === null
      ? `prompt: ${formatNumber(chars)} characters, no budget`
      : `\`${budgetBar(chars, budget)}\` ${formatNumber(chars)}/${formatNumber(budget)} characters`,
  );
  return lines.join("\n\n");
}

function diagnosticHover(d: Diagnostic): string {
  const description = DESCRIPTIONS.get(d.ruleId);
  return `**${d.ruleId}**${description ? `: ${description}` : ""}\n\n[Documentation](${d.url})`;
}

/** What to show for the cursor at `offset` (offsets relative to the analysed text). */
export function hoverAt(
  analysis: Analysis,
  offset: number,
): { markdown: string; start: number; end: number } | null {
  const path = statementPath(analysis.built.analysis.ast, offset);
  const statement = path.at(-1);
  if (
    statement &&
    statement.keywordPosition.start.offset <= offset &&
    offset <= statement.keywordPosition.end.offset
  ) {
    const text = sectionHover(analysis, statement);
    if (text)
      return {
        markdown: text,
        start: statement.keywordPosition.start.offset,
        end: statement.keywordPosition.end.offset,
      };
  }
  const found = analysis.diagnostics.filter((d) => d.offset <= offset && offset <= d.endOffset);
  if (found.length === 0) return null;
  const [first] = found;
  return {
    markdown: [...new Set(found.map(diagnosticHover))].join("\n\n---\n\n"),
    start: first?.offset ?? offset,
    end: first?.endOffset ?? offset,
  };
}

export function toHover(markdown: string): Hover {
  return { contents: { kind: "markdown", value: markdown } };
}
