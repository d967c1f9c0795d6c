import { stripInvalidCharacters } from "../language/characters.js";
import type { Tier } from "../language/keywords.js";
import type { AudioPart, AvoidTerm, Section } from "../language/model.js";
import type { PackUnit } from "./pack.js";
import { asciiPromptSentences, ensureTerminalPeriod, foldWhitespace, isFoldedAscii, splitSentences } from "./text.js";

/** The speaker's label in every shot: the character's name with its first letter capitalised. */
export function speakerLabel(name: string): string {
  const first = String.fromCodePoint(name.codePointAt(0) ?? 0x20);
  return first.toUpperCase() + name.slice(first.length);
}

/** Text as it may reach the model: invalid characters gone (even when their diagnostic was ignored), white space folded. */
function promptText(text: string): string {
  // Most text is plain: one scan says so, cheaper than a search for invalid characters and another for white space.
  if (isFoldedAscii(text)) return text;
  return foldWhitespace(stripInvalidCharacters(text));
}

function quoted(text: string): string {
  return `"${ensureTerminalPeriod(promptText(text))}"`;
}

/**
 * An audio sub-statement as one prompt sentence. Spoken lines stay whole (one
 * unit) so packing never keeps half a quotation.
 */
export function renderAudioPart(part: AudioPart): string {
  switch (part.kind) {
    case "dialogue":
      return `[${speakerLabel(part.speaker ?? "")}]: ${quoted(part.text)}`;
    case "voiceover":
      return `Voiceover: ${quoted(part.text)}`;
    case "music":
      return `Music: ${ensureTerminalPeriod(promptText(part.text))}`;
    case "tone":
      return `Tone: ${ensureTerminalPeriod(promptText(part.text))}`;
  }
}

/** A section's sentences as they appear in the prompt. */
export function sectionSentences(section: Section): string[] {
  if (isAudioBlock(section)) {
    return section.parts.map(renderAudioPart).filter((s) => s.trim() !== "");
  }
  const ascii = asciiPromptSentences(section.text);
  if (ascii) return ascii;
  const folded = promptText(section.text);
  return folded === "" ? [] : splitSentences(ensureTerminalPeriod(folded));
}

/** Whether a section's sentences are its audio parts rather than its text. */
function isAudioBlock(section: Section): boolean {
  return section.parts.length > 0 || (section.keyword === "audio" && section.textNode === null);
}

/** The pack units of one text where it stands: the index of its section in the prompt, its keyword and tier. */
interface Placed {
  index: number;
  keyword: string;
  tier: Tier;
  /** An avoid term's index in the avoid list (0 for a section). */
  sentence: number;
  units: PackUnit[];
}

/**
 * Places a text's units are kept for: a text usually stands at one place in
 * every prompt; one that stands at many is given new units beyond these, so a
 * look-up stays a short scan.
 */
const MAX_PLACES = 4;

/** What a text becomes in every prompt that holds it: its sentences (or avoid term), and its units by place. */
interface Prepared {
  texts: string[];
  placed: Placed[];
}

/**
 * Texts made ready once per build, by text (an audio block by its section;
 * avoid terms apart, as they are folded but not split). A project section
 * reaches every scene and every shot, and scenes often repeat a camera or
 * lighting line word for word: each such text is split once, and the scenes
 * share its sentences and pack units (units are data nobody changes).
 */
export interface SentenceCache {
  sections: Map<Section | string, Prepared>;
  avoid: Map<string, Prepared>;
}

export function newSentenceCache(): SentenceCache {
  return { sections: new Map(), avoid: new Map() };
}

function preparedSection(section: Section, cache: SentenceCache): Prepared {
  const audio = isAudioBlock(section);
  // An audio block is met again only where it is inherited: from the project (a scene's own reaches only its
  // shots, which are few). Keeping the others would grow the cache by one entry a scene for nothing.
  if (audio && section.origin !== "project") return { texts: sectionSentences(section), placed: [] };
  const key = audio ? section : section.text;
  let prepared = cache.sections.get(key);
  if (!prepared) {
    prepared = { texts: sectionSentences(section), placed: [] };
    cache.sections.set(key, prepared);
  }
  return prepared;
}

function preparedTerm(term: AvoidTerm, cache: SentenceCache): Prepared {
  let prepared = cache.avoid.get(term.text);
  if (!prepared) {
    const text = promptText(term.text);
    prepared = { texts: text === "" ? [] : [text], placed: [] };
    cache.avoid.set(term.text, prepared);
  }
  return prepared;
}

/** The units of a prepared text at one place, made at the first prompt that puts it there. */
function unitsAt(prepared: Prepared, kind: PackUnit["kind"], index: number, keyword: string, tier: Tier, sentence: number): PackUnit[] {
  for (const placed of prepared.placed) {
    if (placed.index === index && placed.keyword === keyword && placed.tier === tier && placed.sentence === sentence) return placed.units;
  }
  const units = prepared.texts.map((text, i): PackUnit => ({ kind, section: index, keyword, sentence: kind === "sentence" ? i : sentence, tier, text }));
  if (prepared.placed.length < MAX_PLACES) prepared.placed.push({ index, keyword, tier, sentence, units });
  return units;
}

/** Sections (in prompt order) and avoid terms → the packer's units, in prompt order. */
export function promptUnits(sections: readonly Section[], avoid: readonly AvoidTerm[], cache: SentenceCache = newSentenceCache()): PackUnit[] {
  const units: PackUnit[] = [];
  for (let index = 0; index < sections.length; index++) {
    const section = sections[index] as Section;
    for (const unit of unitsAt(preparedSection(section, cache), "sentence", index, section.keyword, section.tier, 0)) units.push(unit);
  }
  for (let i = 0; i < avoid.length; i++) {
    const term = avoid[i] as AvoidTerm;
    for (const unit of unitsAt(preparedTerm(term, cache), "avoid", sections.length, "avoid", term.tier, i)) units.push(unit);
  }
  return units;
}