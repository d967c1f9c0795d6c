/**
 * `migrate --to kp`: the migrated requests as `.kp` scenes. The prompt
 * becomes `action` text, except sentences that name their section
 * (`Camera: slow push in.`), which go to that section; the file says which
 * it did in a comment. The text is laid out by the formatter.
 */
import { foldWhitespace, splitSentences } from "../emit/text.js";
import { format } from "../fmt/format.js";
import { quoted } from "../fmt/strings.js";
import {
  SECTION_ORDER,
  SINGLE_VALUED_SECTIONS,
  type SectionKeyword,
} from "../language/keywords.js";
import { everyItem } from "../language/options.js";
import { getProfile } from "../targets/profiles.js";
import { negativeTerms } from "./avoid.js";
import type { JsonValue, MigrateResult, MigrationSource, O3Request } from "./migrate.js";

/** What `requestsToKp` gives back: the `.kp` text and a note a scene. */
export interface KpOutput {
  text: string;
  /** One line a scene: how its prompt was split into sections. */
  notes: string[];
}

const SECTIONS: ReadonlySet<string> = new Set(SECTION_ORDER);
const LABEL = /^([A-Za-z]+):[ \t]*/;

/** A scene name the language takes, from a file's base name. */
export function sceneName(base: string, index: number, count: number): string {
  let cleaned = base.replace(/[^A-Za-z0-9_.-]+/g, "-").replace(/^[^A-Za-z_]+/, "");
  while (cleaned.endsWith("-")) cleaned = cleaned.slice(0, -1);
  const name = cleaned === "" ? "scene" : cleaned;
  return count > 1 ? `${name}-${index + 1}` : name;
}

interface Attributed {
  sections: { keyword: SectionKeyword; text: string }[];
  avoid: string[];
  labelled: string[];
}

/** Sentences that open with a section's name and a colon go to that section; the rest, in order, is action text. */
function attribute(prompt: string): Attributed {
  const sections: Attributed["sections"] = [];
  const avoid: string[] = [];
  const labelled = new Set<string>();
  const sentences = splitSentences(foldWhitespace(prompt));
  for (const sentence of sentences) {
    const match = LABEL.exec(sentence);
    const label = match?.[1]?.toLowerCase();
    if (match && label && SECTIONS.has(label)) {
      labelled.add(label);
      const rest = sentence.slice(match[0].length);
      if (label === "avoid") avoid.push(...negativeTerms(rest));
      else sections.push({ keyword: label as SectionKeyword, text: rest });
    } else sections.push({ keyword: "action", text: sentence });
  }
  if (labelled.size === 0)
    return {
      sections: prompt.trim() === "" ? [] : [{ keyword: "action", text: prompt.trim() }],
      avoid: [],
      labelled: [],
    };
  return { sections: merged(sections), avoid, labelled: [...labelled] };
}

/** A single-valued section said twice becomes one statement, its sentences in order. */
function merged(sections: Attributed["sections"]): Attributed["sections"] {
  const out: Attributed["sections"] = [];
  for (const section of sections) {
    const earlier = SINGLE_VALUED_SECTIONS.has(section.keyword)
      ? out.find((s) => s.keyword === section.keyword)
      : undefined;
    if (earlier) earlier.text = `${earlier.text} ${section.text}`;
    else out.push({ ...section });
  }
  return out;
}

function sectionLines(attributed: Attributed): string[] {
  return attributed.sections.map((s) => `${s.keyword} ${quoted(s.text)}`);
}

function note(attributed: Attributed): string {
  if (attributed.labelled.length === 0)
    return "the prompt is kept as action text: none of its sentences names a section";
  return `sentences labelled ${attributed.labelled.map((l) => `'${l[0]?.toUpperCase()}${l.slice(1)}:'`).join(", ")} went to their sections; the rest is action text`;
}

function field(request: O3Request, name: string): JsonValue | undefined {
  return request.input[name];
}

function sceneText(
  name: string,
  request: O3Request,
  source: MigrationSource,
): { text: string; note: string } {
  const o3 = getProfile("kling-o3");
  const lines: string[] = [];
  if (source.quality !== o3.qualities.default) lines.push(`quality ${source.quality}`);
  const image = field(request, o3.image.field);
  if (typeof image === "string") lines.push(`image ${quoted(image)}`);
  const end = o3.endImage ? field(request, o3.endImage.field) : undefined;
  if (typeof end === "string") lines.push(`end_image ${quoted(end)}`);
  const audio = o3.audioFlag ? field(request, o3.audioFlag.field) : undefined;
  if (typeof audio === "boolean") lines.push(`audio ${audio ? "on" : "off"}`);
  const notes: string[] = [];
  let avoid = [...source.avoid];
  if (source.shots) {
    // Beside multi_prompt the scene prompt reaches no shot; kept as a comment so nothing is lost.
    if (source.prompt)
      lines.push(`// The V3 request's prompt beside its shots: ${foldWhitespace(source.prompt)}`);
    source.shots.forEach((shot, i) => {
      const attributed = attribute(shot.prompt);
      avoid = [...avoid, ...attributed.avoid];
      notes.push(`shot ${i + 1}: ${note(attributed)}`);
      const duration = shot.duration === null ? [] : [`duration ${shot.duration}s`];
      lines.push(`shot {`, ...duration, ...sectionLines(attributed), "}");
    });
  } else {
    const duration = field(request, o3.durations.field);
    if (typeof duration === "string" || typeof duration === "number")
      lines.push(`duration ${Number(duration)}s`);
    const attributed = attribute(source.prompt ?? "");
    avoid = [...avoid, ...attributed.avoid];
    notes.push(note(attributed));
    lines.push(...sectionLines(attributed));
  }
  const terms = [...new Map(avoid.map((t) => [t.toLowerCase(), t])).values()];
  if (terms.length > 0) lines.push(`avoid ${terms.map(quoted).join(", ")}`);
  const said = notes.join("; ");
  return {
    text: `// Migrated from a Kling V3 request: ${said}.\nscene ${name} {\n${lines.join("\n")}\n}\n`,
    note: `scene ${name}: ${said}`,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Requests and sources as `migrateRequests` makes them, pair by pair; anything else is no request. */
function pairs(result: unknown): [O3Request, MigrationSource][] {
  if (!isRecord(result) || !Array.isArray(result["requests"]) || !Array.isArray(result["sources"]))
    return [];
  const sources = result["sources"] as unknown[];
  return (result["requests"] as unknown[]).flatMap((request, i): [O3Request, MigrationSource][] => {
    const source = sources[i];
    const ok = isRecord(request) && isRecord(request["input"]) && isSource(source);
    return ok ? [[request as unknown as O3Request, source]] : [];
  });
}

function isSource(value: unknown): value is MigrationSource {
  if (!isRecord(value) || typeof value["quality"] !== "string") return false;
  const { prompt, shots, avoid } = value;
  const shotOk = (s: unknown): boolean =>
    isRecord(s) &&
    typeof s["prompt"] === "string" &&
    (s["duration"] === null || typeof s["duration"] === "string");
  return (
    (prompt === null || typeof prompt === "string") &&
    (shots === null || (Array.isArray(shots) && everyItem(shots, shotOk))) &&
    Array.isArray(avoid) &&
    everyItem(avoid, (t) => typeof t === "string")
  );
}

/** The requests of a migration as one `.kp` file, a scene each, laid out by the formatter. Never throws: what is not a migration gives an empty file. */
export function requestsToKp(result: MigrateResult, baseName: string): KpOutput {
  const found = pairs(result);
  const base = typeof baseName === "string" ? baseName : "scene";
  const scenes = found.map(([request, source], i) =>
    sceneText(sceneName(base, i, found.length), request, source),
  );
  const text = scenes.map((s) => s.text).join("\n");
  return { text: format(text).output, notes: scenes.map((s) => s.note) };
}
