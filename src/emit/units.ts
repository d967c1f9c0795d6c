import { stripInvalidCharacters } from "../language/characters.js";
import type { Tier } from "../language/keywords.js";
import type { AudioPart, AvoidTerm, Section } from "../language/model.js";
import type { PackUnit } from "./pack.js";
import {
  asciiPromptSentences,
  ensureTerminalPeriod,
  foldWhitespace,
  isFoldedAscii,
  splitSentences,
} from "./text.js";

/** The speaker's label in every shot: the character's name with its first letter capitalised. */
export function speakerLabel(name: string): string {
  // Names are nearly always ASCII: a-z has one capital, and every other ASCII character is its own.
  const code = name.charCodeAt(0);
  if (code >= 0x61 && code <= 0x7a) return String.fromCharCode(code - 0x20) + name.slice(1);
  if (code < 0x80) return name;
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
export function sectionSentences(section: Section, audio = isAudioBlock(section)): string[] {
  if (audio) {
    // Every rendered part starts with its label (`[Maya]: `, `Tone: `), so none is blank and none is dropped.
    const sentences: string[] = [];
    for (let i = 0; i < section.parts.length; i++)
      sentences.push(renderAudioPart(section.parts[i] as AudioPart));
    return sentences;
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

/** The pack units of one text (a section's, or an avoid term's) where it stands in a prompt. */
interface Placed {
  /** The text (an audio block: its section) the units were made from. */
  key: Section | string;
  keyword: string;
  tier: Tier;
  /** The section's index in the prompt (for an avoid term, the avoid clause's). */
  index: number;
  units: PackUnit[];
}

/**
 * The units last made at each place of a prompt (a section's index, an avoid
 * term's), for the next prompt: a project section reaches every scene and
 * shot at the same place, and scenes often repeat a camera or lighting line
 * word for word there. Such a text is split once and the prompts share its
 * units (units are data nobody changes). Asking the place, not a map of every
 * text, costs one comparison and keeps nothing a large file would pile up.
 */
export interface SentenceCache {
  sections: (Placed | undefined)[];
  avoid: (Placed | undefined)[];
}

export function newSentenceCache(): SentenceCache {
  // The lists made apart: a literal holding another is built by the runtime, not cloned.
  const sections: (Placed | undefined)[] = [];
  const avoid: (Placed | undefined)[] = [];
  return { sections, avoid };
}

function sectionUnits(section: Section, index: number, cache: SentenceCache): PackUnit[] {
  const audio = isAudioBlock(section);
  const key = audio ? section : section.text;
  const last = cache.sections[index];
  if (
    last !== undefined &&
    last.key === key &&
    last.keyword === section.keyword &&
    last.tier === section.tier
  )
    return last.units;
  const sentences = sectionSentences(section, audio);
  const units: PackUnit[] = [];
  for (let sentence = 0; sentence < sentences.length; sentence++) {
    units.push({
      kind: "sentence",
      section: index,
      keyword: section.keyword,
      sentence,
      tier: section.tier,
      text: sentences[sentence] as string,
    });
  }
  cache.sections[index] = { key, keyword: section.keyword, tier: section.tier, index, units };
  return units;
}

function termUnits(
  term: AvoidTerm,
  sentence: number,
  index: number,
  cache: SentenceCache,
): PackUnit[] {
  const last = cache.avoid[sentence];
  if (
    last !== undefined &&
    last.key === term.text &&
    last.tier === term.tier &&
    last.index === index
  )
    return last.units;
  const text = promptText(term.text);
  const units: PackUnit[] = [];
  if (text !== "")
    units.push({
      kind: "avoid",
      section: index,
      keyword: "avoid",
      sentence,
      tier: term.tier,
      text,
    });
  cache.avoid[sentence] = { key: term.text, keyword: "avoid", tier: term.tier, index, units };
  return units;
}

/** Sections (in prompt order) and avoid terms → the packer's units, in prompt order. */
export function promptUnits(
  sections: readonly Section[],
  avoid: readonly AvoidTerm[],
  cache: SentenceCache = newSentenceCache(),
): PackUnit[] {
  const units: PackUnit[] = [];
  for (let index = 0; index < sections.length; index++) {
    const made = sectionUnits(sections[index] as Section, index, cache);
    for (let i = 0; i < made.length; i++) units.push(made[i] as PackUnit);
  }
  for (let sentence = 0; sentence < avoid.length; sentence++) {
    const made = termUnits(avoid[sentence] as AvoidTerm, sentence, sections.length, cache);
    if (made.length > 0) units.push(made[0] as PackUnit);
  }
  return units;
}
