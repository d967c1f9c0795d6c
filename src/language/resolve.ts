import type { StatementNode } from "./ast.js";
import { formatNumber } from "./diagnostics.js";
import type { ArgumentProblem } from "./arguments.js";
import { SECTION_ORDER } from "./keywords.js";
import type {
  AvoidTerm,
  Brand,
  LegacyStatement,
  Origin,
  Repeat,
  Scene,
  Section,
  Settings,
  Shot,
  TargetFrom,
} from "./model.js";
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
  /** First statement of each single-valued keyword (a plain object: its keys are a few keywords, and a Map per block cost more). */
  seen: Partial<Record<string, StatementNode>>;
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

function rank(section: Section): number {
  return RANK.get(section.keyword) ?? 0;
}

/** Whether the sections are in prompt order already (most blocks write them so), so no sort is needed. */
function inPromptOrder(sections: readonly Section[]): boolean {
  for (let i = 1; i < sections.length; i++)
    if (rank(sections[i - 1] as Section) > rank(sections[i] as Section)) return false;
  return true;
}

function isNamedCharacter(section: Section): boolean {
  return section.keyword === "character" && section.name !== null;
}

/**
 * Inherited sections first; a later character of the same name replaces an earlier one; then prompt order.
 * With nothing inherited, `own` itself comes back when it is in order already.
 */
export function mergeSections(inherited: readonly Section[], own: Section[]): Section[] {
  let kept = inherited;
  if (inherited.length > 0 && own.some(isNamedCharacter)) {
    const ownNames = new Set(own.filter(isNamedCharacter).map((s) => s.name));
    kept = inherited.filter((s) => !(isNamedCharacter(s) && ownNames.has(s.name)));
  }
  const merged = kept.length === 0 ? own : [...kept, ...own];
  return inPromptOrder(merged)
    ? merged
    : (merged === own ? [...own] : merged).sort((a, b) => rank(a) - rank(b));
}

/** Above this many terms a Set finds repeats; below it comparing the few kept ones is cheaper than making one. */
const FEW_TERMS = 8;

function sameTerm(a: string, b: string): boolean {
  return a === b || a.toLowerCase() === b.toLowerCase();
}

/**
 * Terms in order (`first`'s, then `second`'s), duplicates (case-insensitive) dropped; the first spelling stays.
 * When nothing is dropped and `first` is empty, `second` itself comes back.
 */
export function mergeAvoid(
  first: readonly AvoidTerm[],
  second: AvoidTerm[] = [],
): { avoid: AvoidTerm[]; repeats: AvoidTerm[] } {
  const total = first.length + second.length;
  if (total > FEW_TERMS) return mergeMany(first, second);
  const avoid: AvoidTerm[] = [];
  const repeats: AvoidTerm[] = [];
  for (let i = 0; i < total; i++) {
    const term = (i < first.length ? first[i] : second[i - first.length]) as AvoidTerm;
    if (avoid.some((kept) => sameTerm(kept.text, term.text))) repeats.push(term);
    else avoid.push(term);
  }
  return { avoid: repeats.length === 0 && first.length === 0 ? second : avoid, repeats };
}

function mergeMany(
  first: readonly AvoidTerm[],
  second: readonly AvoidTerm[],
): { avoid: AvoidTerm[]; repeats: AvoidTerm[] } {
  const seen = new Set<string>();
  const avoid: AvoidTerm[] = [];
  const repeats: AvoidTerm[] = [];
  for (const terms of [first, second]) {
    for (const term of terms) {
      const key = term.text.toLowerCase();
      if (seen.has(key)) repeats.push(term);
      else {
        seen.add(key);
        avoid.push(term);
      }
    }
  }
  return { avoid, repeats };
}

function hasAudioContent(sections: readonly Section[]): boolean {
  return sections.some((s) => s.keyword === "audio");
}

export function resolveScene(input: SceneInput): Scene {
  const { scope, project } = input;
  // The scope is this scene's alone and dropped after: what it holds is reused where nothing is inherited.
  const settings: Settings = isEmpty(project.settings)
    ? scope.settings
    : inheritSettings(project.settings, scope.settings);
  const { target, from: targetFrom } = effectiveTarget(scope, project, input.defaultTarget);
  const ownAudio =
    hasAudioContent(scope.sections) || scope.shots.some((s) => hasAudioContent(s.scope.sections));
  const audioOff = settings.audio?.value === false;
  if (audioOff && ownAudio && settings.audio) {
    input.report(
      argumentProblem(
        settings.audio.statement,
        "'audio off' cannot stand beside audio content in the same scene: remove one",
      ),
    );
  }
  // `audio off` silences what the project would add; the scene's own audio was reported above.
  const inherited = audioOff
    ? project.sections.filter((s) => s.keyword !== "audio")
    : project.sections;
  const sections = mergeSections(inherited, scope.sections);
  const { avoid, repeats: avoidRepeats } = mergeAvoid(project.avoid, scope.avoid);
  checkBudget(settings, target, input.report);
  const shots = scope.shots.map((shot, index) => resolveShot(shot, index, sections, avoid));
  checkDialogue(sections, sections, input.report);
  for (const shot of shots)
    checkDialogue(
      shot.sections.filter((s) => s.origin === "shot"),
      shot.sections,
      input.report,
    );
  return {
    name: input.name,
    implicit: input.statement === null,
    statement: input.statement,
    target,
    targetFrom,
    settings,
    brands: project.brands.length === 0 ? scope.brands : [...project.brands, ...scope.brands],
    sections,
    avoid,
    avoidRepeats,
    shots,
    legacy: project.legacy.length === 0 ? scope.legacy : [...project.legacy, ...scope.legacy],
    repeats: scope.repeats,
    audio:
      settings.audio?.value ??
      (hasAudioContent(sections) || shots.some((s) => hasAudioContent(s.sections))),
  };
}

/** The first statement of a block that names a target: its `engine`, else a legacy `endpoint` naming a known path. */
function blockTarget(
  scope: Scope,
): { target: TargetId; statement: StatementNode; byEngine: boolean } | null {
  const engine = scope.settings.engine;
  if (engine) return { target: engine.value, statement: engine.statement, byEngine: true };
  for (const legacy of scope.legacy) {
    const target =
      legacy.keyword === "endpoint" ? endpointTarget(String(legacy.value ?? "")) : null;
    if (target !== null) return { target, statement: legacy.statement, byEngine: false };
  }
  return null;
}

/** The scene's effective target: what the file says (scene before project), else the caller's default, else kling-o3. */
export function effectiveTarget(
  scope: Scope,
  project: Scope,
  defaultTarget: TargetId | undefined,
): { target: TargetId; from: TargetFrom } {
  const own = blockTarget(scope);
  if (own) return targetFrom(own.target, own.byEngine ? "engine" : "endpoint", own.statement);
  const inherited = blockTarget(project);
  if (inherited)
    return targetFrom(
      inherited.target,
      inherited.byEngine ? "project-engine" : "project-endpoint",
      inherited.statement,
    );
  if (defaultTarget !== undefined) return targetFrom(defaultTarget, "default-option", null);
  return targetFrom(DEFAULT_TARGET, "default", null);
}

/** `{ target, from: { source, statement } }`, the inner object made apart: a literal holding another is built by the runtime, not cloned. */
function targetFrom(
  target: TargetId,
  source: TargetFrom["source"],
  statement: StatementNode | null,
): { target: TargetId; from: TargetFrom } {
  const from: TargetFrom = { source, statement };
  return { target, from };
}

function resolveShot(
  shot: Scope["shots"][number],
  index: number,
  sceneSections: Section[],
  sceneAvoid: AvoidTerm[],
): Shot {
  const { avoid, repeats } = mergeAvoid(sceneAvoid, shot.scope.avoid);
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
    report(
      argumentProblem(
        node,
        `budget ${formatNumber(budget.value)} is above ${target}'s limit of ${formatNumber(limit)} characters; ${formatNumber(limit)} is used`,
      ),
    );
  }
}

/** The names of the named characters among the sections, in order: one loop, no lists made on the way. */
function characterNames(sections: readonly Section[]): Set<string> {
  const names = new Set<string>();
  for (let i = 0; i < sections.length; i++) {
    const section = sections[i] as Section;
    if (isNamedCharacter(section)) names.add(section.name as string);
  }
  return names;
}

/** A dialogue must name a character of the scene (or, in a shot, of the shot). */
function checkDialogue(
  sections: readonly Section[],
  visible: readonly Section[],
  report: SceneInput["report"],
): void {
  let names: Set<string> | null = null;
  for (let i = 0; i < sections.length; i++) {
    const parts = (sections[i] as Section).parts;
    for (let j = 0; j < parts.length; j++) {
      const part = parts[j] as Section["parts"][number];
      if (part.kind !== "dialogue" || part.speaker === null) continue;
      names ??= characterNames(visible);
      if (names.has(part.speaker)) continue;
      const node = part.statement.arguments[0] ?? part.statement;
      const known =
        names.size > 0
          ? ` (characters here: ${[...names].join(", ")})`
          : ' (no character here has a name: character maya "…")';
      report(
        argumentProblem(
          node,
          `dialogue names '${part.speaker}', who is no character of this scene${known}`,
        ),
      );
    }
  }
}

/** `{ ...project, ...own }`, copied key by key: a double spread per scene was a large part of analysing a big file. */
function inheritSettings(project: Settings, own: Settings): Settings {
  const settings: Record<string, unknown> = {};
  for (const key in project) settings[key] = project[key as keyof Settings];
  for (const key in own) settings[key] = own[key as keyof Settings];
  return settings;
}

function isEmpty(settings: Settings): boolean {
  for (const _ in settings) return false;
  return true;
}

function argumentProblem(
  node: { position: { start: { offset: number }; end: { offset: number } } },
  message: string,
): ArgumentProblem {
  return { message, start: node.position.start.offset, end: node.position.end.offset };
}
