import type { StatementNode } from "./ast.js";
import { formatNumber } from "./diagnostics.js";
import type { ArgumentProblem } from "./arguments.js";
import { SECTION_ORDER } from "./keywords.js";
import type { AvoidTerm, Brand, LegacyStatement, Origin, Repeat, Scene, Section, Settings, Shot, TargetFrom } from "./model.js";
import { DEFAULT_TARGET, endpointTarget, getProfile, type TargetId } from "../targets/profiles.js";

/** What one block (project, scene or shot) states itself, before inheritance. */
export interface Scope {
  origin: Origin;
  /** True once the block holds anything that is not a container. */
  touched: boolean;
  settings: Settings;
  brands: Brand[];
  sections: Section[];
  avoid: AvoidTerm[];
  legacy: LegacyStatement[];
  repeats: Repeat[];
  shots: { name: string | null; statement: StatementNode; scope: Scope }[];
  /** First statement of each single-valued keyword. */
  seen: Map<string, StatementNode>;
}

export interface SceneInput {
  name: string;
  statement: StatementNode | null;
  scope: Scope;
  project: Scope;
  defaultTarget: TargetId | undefined;
  report: (problem: ArgumentProblem) => void;
}

const RANK: ReadonlyMap<string, number> = new Map(SECTION_ORDER.map((k, i) => [k, i]));

/** Inherited sections first; a later character of the same name replaces an earlier one; then prompt order. */
export function mergeSections(inherited: readonly Section[], own: readonly Section[]): Section[] {
  const ownNames = new Set(own.filter((s) => s.keyword === "character" && s.name !== null).map((s) => s.name));
  const kept = inherited.filter((s) => !(s.keyword === "character" && s.name !== null && ownNames.has(s.name)));
  return [...kept, ...own].sort((a, b) => (RANK.get(a.keyword) ?? 0) - (RANK.get(b.keyword) ?? 0));
}

/** Terms in order, duplicates (case-insensitive) dropped; the first spelling stays. */
export function mergeAvoid(terms: readonly AvoidTerm[]): { avoid: AvoidTerm[]; repeats: AvoidTerm[] } {
  const seen = new Set<string>();
  const avoid: AvoidTerm[] = [];
  const repeats: AvoidTerm[] = [];
  for (const term of terms) {
    const key = term.text.toLowerCase();
    if (seen.has(key)) repeats.push(term);
    else {
      seen.add(key);
      avoid.push(term);
    }
  }
  return { avoid, repeats };
}

function hasAudioContent(sections: readonly Section[]): boolean {
  return sections.some((s) => s.keyword === "audio");
}

export function resolveScene(input: SceneInput): Scene {
  const { scope, project } = input;
  const settings: Settings = { ...project.settings, ...scope.settings };
  const { target, from: targetFrom } = effectiveTarget(scope, project, input.defaultTarget);
  const ownAudio = hasAudioContent(scope.sections) || scope.shots.some((s) => hasAudioContent(s.scope.sections));
  const audioOff = settings.audio?.value === false;
  if (audioOff && ownAudio && settings.audio) {
    input.report(problemAt(settings.audio.statement, "'audio off' cannot stand beside audio content in the same scene: remove one"));
  }
  // `audio off` silences what the project would add; the scene's own audio was reported above.
  const inherited = audioOff ? project.sections.filter((s) => s.keyword !== "audio") : project.sections;
  const sections = mergeSections(inherited, scope.sections);
  const { avoid, repeats: avoidRepeats } = mergeAvoid([...project.avoid, ...scope.avoid]);
  checkBudget(settings, target, input.report);
  const shots = scope.shots.map((shot, index) => resolveShot(shot, index, sections, avoid));
  checkDialogue(sections, sections, input.report);
  for (const shot of shots) checkDialogue(shot.sections.filter((s) => s.origin === "shot"), shot.sections, input.report);
  return {
    name: input.name,
    implicit: input.statement === null,
    statement: input.statement,
    target,
    targetFrom,
    settings,
    brands: [...project.brands, ...scope.brands],
    sections,
    avoid,
    avoidRepeats,
    shots,
    legacy: [...project.legacy, ...scope.legacy],
    repeats: scope.repeats,
    audio: settings.audio?.value ?? (hasAudioContent(sections) || shots.some((s) => hasAudioContent(s.sections))),
  };
}

/** The first statement of a block that names a target: its `engine`, else a legacy `endpoint` naming a known path. */
function blockTarget(scope: Scope): { target: TargetId; statement: StatementNode; byEngine: boolean } | null {
  const engine = scope.settings.engine;
  if (engine) return { target: engine.value, statement: engine.statement, byEngine: true };
  for (const legacy of scope.legacy) {
    const target = legacy.keyword === "endpoint" ? endpointTarget(String(legacy.value ?? "")) : null;
    if (target !== null) return { target, statement: legacy.statement, byEngine: false };
  }
  return null;
}

/** The scene's effective target: what the file says (scene before project), else the caller's default, else kling-o3. */
export function effectiveTarget(scope: Scope, project: Scope, defaultTarget: TargetId | undefined): { target: TargetId; from: TargetFrom } {
  const own = blockTarget(scope);
  if (own) return { target: own.target, from: { source: own.byEngine ? "engine" : "endpoint", statement: own.statement } };
  const inherited = blockTarget(project);
  if (inherited) return { target: inherited.target, from: { source: inherited.byEngine ? "project-engine" : "project-endpoint", statement: inherited.statement } };
  if (defaultTarget !== undefined) return { target: defaultTarget, from: { source: "default-option", statement: null } };
  return { target: DEFAULT_TARGET, from: { source: "default", statement: null } };
}

function resolveShot(shot: Scope["shots"][number], index: number, sceneSections: Section[], sceneAvoid: AvoidTerm[]): Shot {
  const { avoid, repeats } = mergeAvoid([...sceneAvoid, ...shot.scope.avoid]);
  const resolved: Shot = {
    name: shot.name,
    index,
    statement: shot.statement,
    sections: mergeSections(sceneSections, shot.scope.sections),
    avoid,
    avoidRepeats: repeats,
    repeats: shot.scope.repeats,
  };
  if (shot.scope.settings.duration) resolved.duration = shot.scope.settings.duration;
  return resolved;
}

function checkBudget(settings: Settings, target: TargetId, report: SceneInput["report"]): void {
  const limit = getProfile(target).promptLimit;
  const budget = settings.budget;
  if (budget && limit !== null && budget.value > limit) {
    const node = budget.statement.arguments[0] ?? budget.statement;
    report(problemAt(node, `budget ${formatNumber(budget.value)} is above ${target}'s limit of ${formatNumber(limit)} characters; ${formatNumber(limit)} is used`));
  }
}

/** A dialogue must name a character of the scene (or, in a shot, of the shot). */
function checkDialogue(sections: readonly Section[], visible: readonly Section[], report: SceneInput["report"]): void {
  const names = new Set(visible.filter((s) => s.keyword === "character" && s.name !== null).map((s) => s.name as string));
  for (const section of sections) {
    for (const part of section.parts) {
      if (part.kind !== "dialogue" || part.speaker === null || names.has(part.speaker)) continue;
      const node = part.statement.arguments[0] ?? part.statement;
      const known = names.size > 0 ? ` (characters here: ${[...names].join(", ")})` : " (no character here has a name: character maya \"…\")";
      report(problemAt(node, `dialogue names '${part.speaker}', who is no character of this scene${known}`));
    }
  }
}

function problemAt(node: { position: { start: { offset: number }; end: { offset: number } } }, message: string): ArgumentProblem {
  return { message, start: node.position.start.offset, end: node.position.end.offset };
}
