/**
 * Golden tests for the `.kp` language: every `NAME.kp` under fixtures/language/
 * is analysed and the result is compared with `NAME.expected.txt`.
 *
 * The expected file holds the diagnostics, one a line, as
 *
 *   line:column-endLine:endColumn severity ruleId message
 *
 * (sorted by position), then a line `---`, then a compact summary of the
 * resolved model (project, then every scene with its settings, sections,
 * avoid terms, shots and audio flag). See fixtures/language/README.md.
 *
 * Regenerate the expected files after an intended change with
 *
 *   UPDATE_GOLDEN=1 npx vitest run test/language-fixtures.test.ts
 *
 * and then read every changed file against LANGUAGE.md before committing it:
 * a golden file that records a wrong behaviour is worse than none.
 *
 * A fixture may start with a line `// @target TARGET` to analyse it as if the
 * CLI's --target (or a config's target) were TARGET. It is analysed with its
 * base name as the file name, so an implicit scene is named after the fixture.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { analyze } from "../src/language/analyze.js";
import type { Diagnostic } from "../src/language/diagnostics.js";
import type {
  AudioPart,
  AvoidTerm,
  Brand,
  LegacyStatement,
  Project,
  Repeat,
  Scene,
  Section,
  Settings,
} from "../src/language/model.js";
import { isTargetId } from "../src/targets/profiles.js";

const ROOT = fileURLToPath(new URL("../fixtures/language/", import.meta.url));
const UPDATE = process.env["UPDATE_GOLDEN"] === "1";
/** Section texts longer than this many code points are cut; `"…"…` marks the cut. */
const TEXT_LIMIT = 72;

function findFixtures(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findFixtures(path));
    else if (entry.name.endsWith(".kp")) out.push(path);
  }
  return out.sort();
}

function quote(text: string): string {
  const chars = [...text];
  if (chars.length <= TEXT_LIMIT) return JSON.stringify(text);
  return `${JSON.stringify(chars.slice(0, TEXT_LIMIT).join(""))}…`;
}

function diagnosticLine(d: Diagnostic): string {
  const message = d.message.replace(/\r?\n/g, "\\n");
  return `${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.severity} ${d.ruleId} ${message}`;
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  return (
    a.offset - b.offset ||
    a.endOffset - b.endOffset ||
    a.ruleId.localeCompare(b.ruleId) ||
    a.message.localeCompare(b.message)
  );
}

const SETTING_ORDER: readonly (keyof Settings)[] = [
  "engine",
  "image",
  "endImage",
  "duration",
  "quality",
  "aspect",
  "audio",
  "budget",
];

function settingValue(key: keyof Settings, value: unknown): string {
  if (key === "audio") return value ? "on" : "off";
  return typeof value === "string" && (key === "image" || key === "endImage")
    ? JSON.stringify(value)
    : String(value);
}

function settingLines(settings: Settings, indent: string): string[] {
  const lines: string[] = [];
  for (const key of SETTING_ORDER) {
    const setting = settings[key];
    if (setting)
      lines.push(
        `${indent}setting ${key} = ${settingValue(key, setting.value)} [${setting.origin}]`,
      );
  }
  return lines;
}

function brandLine(brands: readonly Brand[], indent: string): string[] {
  return brands.length === 0
    ? []
    : [`${indent}brands ${brands.map((b) => `${JSON.stringify(b.name)}[${b.origin}]`).join(" ")}`];
}

function partLine(part: AudioPart): string {
  return `${part.kind}${part.speaker === null ? "" : `(${part.speaker})`} ${quote(part.text)}`;
}

function sectionLines(section: Section, indent: string): string[] {
  const flags = [
    section.human ? "" : " human=false",
    section.from === null ? "" : ` from=${section.from}`,
  ].join("");
  const head = `${indent}${section.keyword}${section.name === null ? "" : `(${section.name})`}[${section.tier}/${section.origin}]${flags}`;
  if (section.keyword === "audio" && section.textNode === null) {
    if (section.parts.length === 0) return [`${head} { }`];
    return [`${head} {`, ...section.parts.map((p) => `${indent}  ${partLine(p)}`), `${indent}}`];
  }
  return [`${head} ${quote(section.text)}`];
}

function termList(terms: readonly AvoidTerm[]): string {
  return terms.map((t) => `${JSON.stringify(t.text)}[${t.tier}/${t.origin}]`).join(" ");
}

function avoidLines(
  avoid: readonly AvoidTerm[],
  dropped: readonly AvoidTerm[],
  indent: string,
): string[] {
  const lines: string[] = [];
  if (avoid.length > 0) lines.push(`${indent}avoid ${termList(avoid)}`);
  if (dropped.length > 0) lines.push(`${indent}avoid dropped as repeats ${termList(dropped)}`);
  return lines;
}

function legacyLines(legacy: readonly LegacyStatement[], indent: string): string[] {
  return legacy.map(
    (l) =>
      `${indent}legacy ${l.keyword} = ${typeof l.value === "string" ? JSON.stringify(l.value) : String(l.value)} [${l.origin}]`,
  );
}

function repeatLines(repeats: readonly Repeat[], indent: string): string[] {
  return repeats.map((r) => {
    const at = (s: Repeat["first"]): string =>
      `${s.position.start.line}:${s.position.start.column}`;
    return `${indent}repeat ${r.keyword} at ${at(r.repeat)} (first at ${at(r.first)})`;
  });
}

function projectLines(project: Project | null): string[] {
  if (!project) return ["project: none"];
  return [
    `project${project.name === null ? "" : ` ${JSON.stringify(project.name)}`}`,
    ...settingLines(project.settings, "  "),
    ...brandLine(project.brands, "  "),
    ...project.sections.flatMap((s) => sectionLines(s, "  ")),
    ...avoidLines(project.avoid, [], "  "),
    ...legacyLines(project.legacy, "  "),
    ...repeatLines(project.repeats, "  "),
  ];
}

function sceneLines(scene: Scene): string[] {
  const lines = [
    `scene ${scene.name}${scene.implicit ? " (implicit)" : ""} target=${scene.target} audio=${scene.audio ? "on" : "off"}`,
  ];
  lines.push(...settingLines(scene.settings, "  "));
  lines.push(...brandLine(scene.brands, "  "));
  lines.push(...scene.sections.flatMap((s) => sectionLines(s, "  ")));
  lines.push(...avoidLines(scene.avoid, scene.avoidRepeats, "  "));
  lines.push(...legacyLines(scene.legacy, "  "));
  lines.push(...repeatLines(scene.repeats, "  "));
  for (const shot of scene.shots) {
    const duration = shot.duration ? `${shot.duration.value}` : "none";
    lines.push(
      `  shot ${shot.index + 1}${shot.name === null ? "" : ` ${shot.name}`} duration=${duration}`,
    );
    lines.push(...shot.sections.flatMap((s) => sectionLines(s, "    ")));
    lines.push(...avoidLines(shot.avoid, shot.avoidRepeats, "    "));
    lines.push(...repeatLines(shot.repeats, "    "));
  }
  return lines;
}

/** The golden text for one fixture: diagnostics, `---`, model summary. */
function renderFixture(source: string, filename: string): string {
  const directive = /^(?:\ufeff)?\/\/ @target (\S+)/.exec(source);
  const target = directive?.[1];
  if (target !== undefined && !isTargetId(target))
    throw new Error(`${filename}: unknown @target ${target}`);
  const result = analyze(source, { filename, ...(target ? { target: target } : {}) });
  const diagnostics = [...result.diagnostics].sort(byPosition).map(diagnosticLine);
  const model = [
    ...projectLines(result.project),
    ...(result.scenes.length === 0 ? ["scenes: none"] : result.scenes.flatMap(sceneLines)),
  ];
  return [...diagnostics, "---", ...model, ""].join("\n");
}

const fixtures = findFixtures(ROOT);

describe("language fixtures", () => {
  it("finds the fixtures", () => {
    expect(fixtures.length).toBeGreaterThan(20);
    expect(fixtures.map((f) => basename(f))).toContain("example.kp");
  });

  it.each(fixtures.map((path) => [relative(ROOT, path), path] as const))("%s", (_name, path) => {
    const source = readFileSync(path, "utf8");
    const actual = renderFixture(source, basename(path));
    const expectedPath = path.replace(/\.kp$/, ".expected.txt");
    if (UPDATE) {
      writeFileSync(expectedPath, actual);
      return;
    }
    expect(
      existsSync(expectedPath),
      `missing ${relative(ROOT, expectedPath)}: run with UPDATE_GOLDEN=1`,
    ).toBe(true);
    expect(actual).toBe(readFileSync(expectedPath, "utf8"));
  });

  it("has no expected file without its fixture", () => {
    const orphans = readdirSync(ROOT, { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".expected.txt"))
      .filter((f) => !existsSync(join(ROOT, f.replace(/\.expected\.txt$/, ".kp"))));
    expect(orphans).toEqual([]);
  });

  it("keeps the LANGUAGE.md example clean: no diagnostics, two scenes", () => {
    const source = readFileSync(join(ROOT, "example.kp"), "utf8");
    const result = analyze(source, { filename: "example.kp" });
    expect(result.diagnostics).toEqual([]);
    expect(result.scenes.map((s) => s.name)).toEqual(["hook", "demo"]);
  });
});
