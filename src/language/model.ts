import type { StatementNode, StringNode, ValueNode } from "./ast.js";
import type {
  AudioPartKeyword,
  LegacyKeyword,
  SectionKeyword,
  SettingKeyword,
  Tier,
} from "./keywords.js";
import type { TargetId } from "../targets/profiles.js";

/** Where a resolved piece came from: inheritance runs project → scene → shot. */
export type Origin = "project" | "scene" | "shot";

/** A resolved setting: its value, the statement that set it and the level it came from. */
export interface Setting<T> {
  value: T;
  statement: StatementNode;
  origin: Origin;
}

/** The settings a project, scene or shot has after inheritance; absent when none is set. */
export interface Settings {
  engine?: Setting<TargetId>;
  image?: Setting<string>;
  endImage?: Setting<string>;
  duration?: Setting<number>;
  quality?: Setting<string>;
  aspect?: Setting<string>;
  audio?: Setting<boolean>;
  budget?: Setting<number>;
  /** How many independent renders `klingc render` makes of the scene (`takes 3`). */
  takes?: Setting<number>;
}

/** A brand name from `brands`: a name that raises moderation risk (merged with the config's `brands`). */
export interface Brand {
  name: string;
  node: ValueNode;
  origin: Origin;
}

/** One part of an `audio { … }` block: dialogue, voiceover, music or tone. */
export interface AudioPart {
  kind: AudioPartKeyword;
  /** The character a `dialogue` names. */
  speaker: string | null;
  text: string;
  statement: StatementNode;
  textNode: StringNode;
}

/** One term of an `avoid` list. */
export interface AvoidTerm {
  text: string;
  node: ValueNode;
  statement: StatementNode;
  origin: Origin;
  tier: Tier;
}

/** A section of prompt text (character, action, camera, …) as resolved for a scene or shot. */
export interface Section {
  keyword: SectionKeyword;
  /** A character's name (what `dialogue` refers to). */
  name: string | null;
  /** The text as written (escapes resolved); empty for an `audio { … }` block. */
  text: string;
  /** Where the text lives in the source, for fixes; null for an `audio { … }` block. */
  textNode: StringNode | null;
  /** Shared and frozen when empty (most sections), so read-only. */
  parts: readonly AudioPart[];
  tier: Tier;
  /** `continuity from=SCENE`. */
  from: string | null;
  fromNode: ValueNode | null;
  /** False when a character is marked `human=false` (exempt from limb guidance). */
  human: boolean;
  origin: Origin;
  statement: StatementNode;
}

/** A statement of the pre-O3 API (`negative_prompt`, `endpoint`, …), kept so lint can migrate it. */
export interface LegacyStatement {
  keyword: LegacyKeyword;
  value: string | number | null;
  statement: StatementNode;
  origin: Origin;
}

/** A keyword given twice where it may stand once (reported by `duplicate-section`). */
export interface Repeat {
  keyword: SettingKeyword | SectionKeyword;
  first: StatementNode;
  repeat: StatementNode;
}

/** One shot of a multi-shot scene, with the scene's sections and avoid terms merged in. */
export interface Shot {
  name: string | null;
  index: number;
  statement: StatementNode;
  duration?: Setting<number>;
  /** Scene sections (inherited) and the shot's own, in prompt order. */
  sections: Section[];
  /** Merged and de-duplicated avoid terms (scene's first). */
  avoid: AvoidTerm[];
  /** Avoid terms dropped as repeats (case-insensitive) after inheritance. */
  avoidRepeats: AvoidTerm[];
  repeats: Repeat[];
}

/** Which statement decides a scene's target: the file's own say wins over the caller's default. */
export interface TargetFrom {
  source:
    "engine" | "endpoint" | "project-engine" | "project-endpoint" | "default-option" | "default";
  statement: StatementNode | null;
}

/** A scene resolved for compiling: its target, settings, sections, avoid terms and shots after inheritance from the project. */
export interface Scene {
  name: string;
  /** True for a file with no `scene` blocks, named after the file. */
  implicit: boolean;
  /** The `scene` statement; null for an implicit scene. */
  statement: StatementNode | null;
  /**
   * The scene's effective target, decided once and read by every rule, message, fix and request: the scene's
   * `engine`, else what its legacy `endpoint` stands for, else the project's `engine`, else the project's
   * `endpoint`, else the caller's default (`--target`, a config's `target`), else kling-o3.
   */
  target: TargetId;
  /** Where `target` comes from, and the statement that says it (null for the caller's default and kling-o3). */
  targetFrom: TargetFrom;
  settings: Settings;
  brands: Brand[];
  /** Project sections first, then the scene's own, in prompt order (avoid lists excluded: see `avoid`). */
  sections: Section[];
  avoid: AvoidTerm[];
  avoidRepeats: AvoidTerm[];
  shots: Shot[];
  legacy: LegacyStatement[];
  repeats: Repeat[];
  /** Native audio: an explicit `audio on|off`, else on when the scene has audio content. */
  audio: boolean;
}

/** The file's `project` block: what every scene inherits. */
export interface Project {
  name: string | null;
  statement: StatementNode | null;
  settings: Settings;
  brands: Brand[];
  sections: Section[];
  /** Merged and de-duplicated avoid terms, as in a scene. */
  avoid: AvoidTerm[];
  /** Avoid terms dropped as repeats (case-insensitive). */
  avoidRepeats: AvoidTerm[];
  legacy: LegacyStatement[];
  repeats: Repeat[];
}
