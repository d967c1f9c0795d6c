/** Completion: the keywords that may stand at the cursor, the values its target allows, scene names after `from=`. */
import { CompletionItemKind, type CompletionItem } from "vscode-languageserver";
import { KEYWORDS, keywordsFor } from "../language/keywords.js";
import { DEFAULT_TARGET, getProfile, TARGET_IDS, type TargetId } from "../targets/profiles.js";
import type { Analysis } from "./analysis.js";
import { contextAt, statementPath } from "./syntax.js";

// Anchored at the line's start, so one pass over the prefix (no retry at every position).
const VALUE = /^\s*(engine|quality|duration|aspect)\s+[A-Za-z0-9_.:-]*$/;

/** The prefix without the word being typed (scanned from the end, linear). */
function beforeWord(prefix: string): string {
  let i = prefix.length;
  while (i > 0 && /[A-Za-z0-9_.-]/.test(prefix[i - 1] as string)) i--;
  return prefix.slice(0, i);
}

function atStatementStart(prefix: string): boolean {
  const before = beforeWord(prefix).trimEnd();
  return before === "" || before.endsWith(";") || before.endsWith("{");
}

/** The target of the scene around the offset; in the project or at the top, the project's or the default. */
function targetAt(analysis: Analysis, offset: number): TargetId {
  const { scenes, project } = analysis.built.analysis;
  const scene = scenes.find(
    (s) =>
      s.statement &&
      s.statement.position.start.offset <= offset &&
      offset <= s.statement.position.end.offset,
  );
  if (scene) return scene.target;
  return project?.settings.engine?.value ?? analysis.config.target ?? DEFAULT_TARGET;
}

function values(
  keyword: string,
  target: TargetId,
  inShot: boolean,
): { label: string; detail: string }[] {
  const profile = getProfile(target);
  switch (keyword) {
    case "engine":
      return TARGET_IDS.map((id) => ({ label: id, detail: "target" }));
    case "quality":
      return profile.qualities.allowed.map((q) => ({ label: q, detail: `${target} quality` }));
    case "duration": {
      const allowed = inShot ? (profile.multiShot?.shotDurations ?? []) : profile.durations.allowed;
      return allowed.map((n) => ({
        label: `${n}s`,
        detail: `${target} ${inShot ? "shot " : ""}duration`,
      }));
    }
    case "aspect":
      return (profile.aspect?.allowed ?? []).map((a) => ({
        label: a,
        detail: `${target} aspect ratio`,
      }));
    default:
      return [];
  }
}

export function completionsAt(analysis: Analysis, offset: number): CompletionItem[] {
  const { text } = analysis;
  const lineStart =
    Math.max(text.lastIndexOf("\n", offset - 1), text.lastIndexOf("\r", offset - 1)) + 1;
  const prefix = text.slice(lineStart, offset);
  const ast = analysis.built.analysis.ast;
  if (beforeWord(prefix).endsWith("from=")) {
    return analysis.built.analysis.scenes
      .filter((s) => !s.implicit)
      .map((s) => ({ label: s.name, kind: CompletionItemKind.Reference, detail: "scene" }));
  }
  const value = VALUE.exec(prefix);
  if (value) {
    const keyword = value[1] as string;
    const inShot = statementPath(ast, offset).some((s) => s.keyword === "shot");
    return values(keyword, targetAt(analysis, offset), inShot).map((v) => ({
      label: v.label,
      kind: CompletionItemKind.Value,
      detail: v.detail,
    }));
  }
  if (atStatementStart(prefix)) {
    return keywordsFor(contextAt(ast, offset)).map((name) => ({
      label: name,
      kind: CompletionItemKind.Keyword,
      detail: KEYWORDS.get(name)?.description ?? "",
    }));
  }
  return [];
}
