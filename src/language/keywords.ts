/**
 * Which keywords exist and where they may stand. The parser knows none of
 * this; analysis, lint, completion and docs all read this one table.
 */

/** Where a statement stands: at the top of the file, or inside a project, scene, shot or audio block. */
export type Context = "top" | "project" | "scene" | "shot" | "audio";

/** A keyword whose text goes into the prompt. */
export type SectionKeyword =
  | "character"
  | "action"
  | "audio"
  | "product"
  | "camera"
  | "lighting"
  | "realism"
  | "continuity"
  | "avoid";

/** A keyword that sets a request field or a packing setting, not prompt text. */
export type SettingKeyword =
  | "engine"
  | "image"
  | "end_image"
  | "duration"
  | "quality"
  | "aspect"
  | "audio"
  | "budget"
  | "brands"
  | "takes";

export type LegacyKeyword =
  "negative_prompt" | "cfg_scale" | "start_image" | "start_image_url" | "endpoint";

export type AudioPartKeyword = "dialogue" | "voiceover" | "music" | "tone";

/** Packing priority: 1 essential, 2 important, 3 nice-to-have; a prompt over budget keeps tier 1 first, then 2, then 3. */
export type Tier = 1 | 2 | 3;

export type KeywordKind = "container" | "setting" | "section" | "legacy" | "audio-part";

/** One keyword of the language: its kind, where it may stand and a short description (for completion and docs). */
export interface KeywordInfo {
  name: string;
  kind: KeywordKind;
  contexts: readonly Context[];
  description: string;
}

/** Emission order of sections, with their default tiers. */
export const SECTION_ORDER: readonly SectionKeyword[] = [
  "character",
  "action",
  "audio",
  "product",
  "camera",
  "lighting",
  "realism",
  "continuity",
  "avoid",
];

/** Each section keyword's packing tier when the statement names none. */
export const DEFAULT_TIER: Readonly<Record<SectionKeyword, Tier>> = {
  character: 1,
  action: 1,
  audio: 1,
  product: 2,
  camera: 2,
  lighting: 2,
  realism: 3,
  continuity: 3,
  avoid: 3,
};

/** Sections a scene may state once (a repeat is `duplicate-section`). */
export const SINGLE_VALUED_SECTIONS: ReadonlySet<SectionKeyword> = new Set([
  "product",
  "camera",
  "lighting",
  "realism",
]);

const SETTING_CONTEXTS: readonly Context[] = ["top", "project", "scene"];
const SECTION_CONTEXTS: readonly Context[] = ["top", "project", "scene", "shot"];

const TABLE: readonly KeywordInfo[] = [
  {
    name: "project",
    kind: "container",
    contexts: ["top"],
    description: "defaults for every scene of the file",
  },
  { name: "scene", kind: "container", contexts: ["top"], description: "one generation request" },
  {
    name: "shot",
    kind: "container",
    contexts: ["top", "scene"],
    description: "one shot of a multi-shot scene",
  },
  {
    name: "engine",
    kind: "setting",
    contexts: SETTING_CONTEXTS,
    description: "target model profile",
  },
  { name: "image", kind: "setting", contexts: SETTING_CONTEXTS, description: "source image URL" },
  {
    name: "end_image",
    kind: "setting",
    contexts: SETTING_CONTEXTS,
    description: "last-frame image URL",
  },
  {
    name: "duration",
    kind: "setting",
    contexts: [...SETTING_CONTEXTS, "shot"],
    description: "length in seconds",
  },
  { name: "quality", kind: "setting", contexts: SETTING_CONTEXTS, description: "quality tier" },
  { name: "aspect", kind: "setting", contexts: SETTING_CONTEXTS, description: "aspect ratio" },
  {
    name: "budget",
    kind: "setting",
    contexts: SETTING_CONTEXTS,
    description: "packing budget in characters",
  },
  {
    name: "brands",
    kind: "setting",
    contexts: SETTING_CONTEXTS,
    description: "names with moderation risk",
  },
  {
    name: "takes",
    kind: "setting",
    contexts: SETTING_CONTEXTS,
    description: "independent renders of the scene",
  },
  {
    name: "character",
    kind: "section",
    contexts: SECTION_CONTEXTS,
    description: "a person in the scene",
  },
  { name: "action", kind: "section", contexts: SECTION_CONTEXTS, description: "what happens" },
  {
    name: "audio",
    kind: "section",
    contexts: SECTION_CONTEXTS,
    description: "sound, or `audio on|off`",
  },
  {
    name: "product",
    kind: "section",
    contexts: SECTION_CONTEXTS,
    description: "the product shown",
  },
  {
    name: "camera",
    kind: "section",
    contexts: SECTION_CONTEXTS,
    description: "framing and movement",
  },
  { name: "lighting", kind: "section", contexts: SECTION_CONTEXTS, description: "light" },
  { name: "realism", kind: "section", contexts: SECTION_CONTEXTS, description: "look and texture" },
  {
    name: "continuity",
    kind: "section",
    contexts: SECTION_CONTEXTS,
    description: "what stays the same across scenes",
  },
  {
    name: "avoid",
    kind: "section",
    contexts: SECTION_CONTEXTS,
    description: "terms to keep out of the video",
  },
  {
    name: "dialogue",
    kind: "audio-part",
    contexts: ["audio"],
    description: "a character's spoken line",
  },
  { name: "voiceover", kind: "audio-part", contexts: ["audio"], description: "narration" },
  { name: "music", kind: "audio-part", contexts: ["audio"], description: "music" },
  { name: "tone", kind: "audio-part", contexts: ["audio"], description: "delivery and mood" },
  {
    name: "negative_prompt",
    kind: "legacy",
    contexts: SETTING_CONTEXTS,
    description: "legacy: terms to avoid",
  },
  {
    name: "cfg_scale",
    kind: "legacy",
    contexts: SETTING_CONTEXTS,
    description: "legacy: prompt adherence",
  },
  {
    name: "start_image",
    kind: "legacy",
    contexts: SETTING_CONTEXTS,
    description: "legacy name of image",
  },
  {
    name: "start_image_url",
    kind: "legacy",
    contexts: SETTING_CONTEXTS,
    description: "legacy name of image",
  },
  {
    name: "endpoint",
    kind: "legacy",
    contexts: SETTING_CONTEXTS,
    description: "legacy: raw endpoint path",
  },
];

/** Every keyword of the language by name (the table analysis, lint, completion and docs read). */
export const KEYWORDS: ReadonlyMap<string, KeywordInfo> = new Map(TABLE.map((k) => [k.name, k]));

const BY_CONTEXT: ReadonlyMap<Context, readonly string[]> = new Map(
  (["top", "project", "scene", "shot", "audio"] as const).map((c) => [
    c,
    TABLE.filter((k) => k.contexts.includes(c)).map((k) => k.name),
  ]),
);

/** The keywords that may stand in a context (for "did you mean" and completion). */
export function keywordsFor(context: Context): readonly string[] {
  return BY_CONTEXT.get(context) ?? [];
}

export { clearSuggestion, didYouMean, editDistance } from "./suggest.js";
