import { stripInvalidCharacters } from "../language/characters.js";
import type { AudioPart, AvoidTerm, Section } from "../language/model.js";
import type { PackUnit } from "./pack.js";
import { ensureTerminalPeriod, foldWhitespace, splitSentences } from "./text.js";

/** The speaker's label in every shot: the character's name with its first letter capitalised. */
export function speakerLabel(name: string): string {
  const first = String.fromCodePoint(name.codePointAt(0) ?? 0x20);
  return first.toUpperCase() + name.slice(first.length);
}

/** Text as it may reach the model: invalid characters gone (even when their diagnostic was ignored), white space folded. */
function promptText(text: string): string {
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
  const folded = promptText(section.text);
  return folded === "" ? [] : splitSentences(ensureTerminalPeriod(folded));
}

/** Whether a section's sentences are its audio parts rather than its text. */
function isAudioBlock(section: Section): boolean {
  return section.parts.length > 0 || (section.keyword === "audio" && section.textNode === null);
}

/**
 * Sentences already split, by text (an audio block by its section). A project
 * section reaches every scene and every shot, and scenes often repeat a camera
 * or lighting line word for word; segmenting each text once per build is
 * enough, and the scenes then share one array.
 */
export type SentenceCache = Map<Section | string, string[]>;

function cachedSentences(section: Section, cache: SentenceCache | undefined): string[] {
  const key = isAudioBlock(section) ? section : section.text;
  let sentences = cache?.get(key);
  if (!sentences) {
    sentences = sectionSentences(section);
    cache?.set(key, sentences);
  }
  return sentences;
}

/** Sections (in prompt order) and avoid terms → the packer's units, in prompt order. */
export function promptUnits(sections: readonly Section[], avoid: readonly AvoidTerm[], cache?: SentenceCache): PackUnit[] {
  const units: PackUnit[] = [];
  for (let index = 0; index < sections.length; index++) {
    const section = sections[index] as Section;
    const sentences = cachedSentences(section, cache);
    for (let sentence = 0; sentence < sentences.length; sentence++) {
      units.push({ kind: "sentence", section: index, keyword: section.keyword, sentence, tier: section.tier, text: sentences[sentence] as string });
    }
  }
  for (let i = 0; i < avoid.length; i++) {
    const term = avoid[i] as AvoidTerm;
    const text = promptText(term.text);
    if (text !== "") units.push({ kind: "avoid", section: sections.length, keyword: "avoid", sentence: i, tier: term.tier, text });
  }
  return units;
}
