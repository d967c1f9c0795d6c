import type { FileNode, PropertyNode, StatementNode, StringNode, ValueNode } from "./ast.js";
import {
  oneString,
  parseBoolean,
  parseName,
  parseTier,
  positional,
  problemAt,
  properties,
  termText,
  type ArgumentProblem,
  type ArgumentResult,
} from "./arguments.js";
import { checkCharacters } from "./characters.js";
import { makeDiagnostic, type Diagnostic, type LanguageId } from "./diagnostics.js";
import {
  clearSuggestion,
  DEFAULT_TIER,
  didYouMean,
  KEYWORDS,
  keywordsFor,
  SINGLE_VALUED_SECTIONS,
  type AudioPartKeyword,
  type Context,
  type LegacyKeyword,
  type SectionKeyword,
  type SettingKeyword,
  type Tier,
} from "./keywords.js";
import type {
  AudioPart,
  AvoidTerm,
  Brand,
  LegacyStatement,
  Origin,
  Project,
  Repeat,
  Scene,
  Section,
  Settings,
} from "./model.js";
import { parse, type ParseResult } from "./parse.js";
import { mergeAvoid, resolveScene, type Scope } from "./resolve.js";
import { SETTING_PARSERS } from "./setting-values.js";
import type { TargetId } from "../targets/profiles.js";

/** Options of `analyze`. */
export interface AnalyzeOptions {
  filename?: string;
  /** Default target for scenes that name no engine (the CLI's --target, a config's target). */
  target?: TargetId;
}

/** What `analyze` returns: `parse`'s result plus the resolved project and scenes (settings, sections and avoid terms after inheritance). */
export interface AnalyzeResult extends ParseResult {
  project: Project | null;
  scenes: Scene[];
}

type RuleId = Exclude<LanguageId, "syntax">;

/** Source → AST → resolved model. Never throws; every problem is a diagnostic. */
export function analyze(source: string, options: AnalyzeOptions = {}): AnalyzeResult {
  return analyzeParsed(parse(source, options), options);
}

export function analyzeParsed(parsed: ParseResult, options: AnalyzeOptions = {}): AnalyzeResult {
  const analyzer = new Analyzer(parsed, options);
  const { ast, lines } = parsed;
  const { project, scenes } = analyzer.run(ast);
  const characters = checkCharacters(ast, lines.text, lines, options.filename);
  // Written out, not spread: a spread of the parse result, and a set and copies of empty lists, cost a small file more than the rest of this.
  return {
    ast,
    diagnostics: withSemantic(parsed, analyzer.diagnostics, characters),
    lines,
    project,
    scenes,
  };
}

/** The parser's diagnostics, then analysis's, except on a line with a syntax error: that line already has its one diagnostic, and what analysis says of it is a consequence. */
function withSemantic(
  parsed: ParseResult,
  analysis: readonly Diagnostic[],
  characters: readonly Diagnostic[],
): Diagnostic[] {
  const out = [...parsed.diagnostics];
  if (analysis.length === 0 && characters.length === 0) return out;
  const atEnd = parsed.lines.text.length;
  const syntaxLines = new Set(
    parsed.diagnostics.filter((d) => d.offset < atEnd).map((d) => d.line),
  );
  for (const list of [analysis, characters])
    for (const d of list) if (!syntaxLines.has(d.line)) out.push(d);
  return out;
}

const STRUCTURE: ReadonlySet<string> = new Set(["project", "scene"]);

class Analyzer {
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    private readonly parsed: ParseResult,
    private readonly options: AnalyzeOptions,
  ) {}

  private readonly reported = new Set<string>();

  /** What resolving scenes reports: said after everything the walk says, whenever a scene is resolved. */
  private readonly resolution: Diagnostic[] = [];

  report(
    ruleId: RuleId,
    problem: ArgumentProblem,
    severity: "error" | "warning" = "error",
    into: Diagnostic[] = this.diagnostics,
  ): void {
    // A project statement is checked once per scene that inherits it; say it once.
    const key = `${problem.start}:${problem.end}:${problem.message}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    into.push(
      makeDiagnostic(this.parsed.lines, this.options.filename, { ruleId, severity, ...problem }),
    );
  }

  fail(ruleId: RuleId, checked: ArgumentResult<unknown>): void {
    if (!checked.ok) this.report(ruleId, checked.problem);
  }

  run(ast: FileNode): { project: Project | null; scenes: Scene[] } {
    const hasScenes = ast.statements.some((s) => s.keyword === "scene");
    const hasProject = ast.statements.some((s) => s.keyword === "project");
    // Most files have no project: their scenes inherit from one shared empty scope, never written to.
    const projectScope = hasProject ? newScope("project") : NO_PROJECT;
    let implicitScope: Scope | null = null;
    let project: StatementNode | null = null;
    let projectName: string | null = null;
    const byName = new Map<string, StatementNode>();
    const scenes: Scene[] = [];
    const report = (problem: ArgumentProblem): void =>
      this.report("invalid-argument", problem, "error", this.resolution);
    const resolve = (name: string, statement: StatementNode | null, scope: Scope): void => {
      scenes.push(
        resolveScene({
          name,
          statement,
          scope,
          project: projectScope,
          defaultTarget: this.options.target,
          report,
        }),
      );
    };
    // A scene is resolved once the project it inherits from is complete (its block walked, or none in the
    // file), so on a large file the scopes of its scenes never pile up; scenes written before the project wait.
    let projectDone = !hasProject;
    const waiting: { name: string; statement: StatementNode; scope: Scope }[] = [];
    for (const statement of ast.statements) {
      if (statement.keyword === "project") {
        if (project) {
          this.report(
            "misplaced-statement",
            atKeywordProblem(
              statement,
              "a file has at most one 'project'; merge this one into the first",
            ),
          );
          continue;
        }
        project = statement;
        projectName = this.projectName(statement);
        this.walkBlock(statement, "project", projectScope);
        projectDone = true;
        for (const w of waiting) resolve(w.name, w.statement, w.scope);
        waiting.length = 0;
      } else if (statement.keyword === "scene") {
        const name = this.sceneName(statement, byName);
        const scope = newScope("scene");
        this.walkBlock(statement, "scene", scope);
        if (name === null) continue;
        if (projectDone) resolve(name, statement, scope);
        else waiting.push({ name, statement, scope });
      } else if (hasScenes) {
        this.topLevelInSceneFile(statement);
      } else {
        this.visit(statement, "top", (implicitScope ??= newScope("scene")));
      }
    }
    if (implicitScope?.touched) resolve(implicitName(this.options.filename), null, implicitScope);
    for (const d of this.resolution) this.diagnostics.push(d);
    const projectModel =
      project || projectScope.touched ? toProject(projectName, project, projectScope) : null;
    return { project: projectModel, scenes };
  }

  private projectName(statement: StatementNode): string | null {
    const [first, extra] = positional(statement);
    this.noProperties(statement);
    if (extra)
      this.report("invalid-argument", {
        ...span(extra),
        message: "'project' takes at most one name",
      });
    if (!first) return null;
    if (first.type !== "String" && first.type !== "Identifier") {
      this.report("invalid-argument", {
        ...span(first),
        message: `a project's name is a string: project "Serum launch" { … }`,
      });
      return null;
    }
    return termText(first);
  }

  private sceneName(statement: StatementNode, byName: Map<string, StatementNode>): string | null {
    const args = positional(statement);
    const first = args[0];
    const extra = args[1];
    if (!first || first.type !== "Identifier") {
      const where = first ?? statement;
      this.report("invalid-argument", {
        ...(first ? span(first) : keywordSpan(statement)),
        message: `a scene needs a name: scene NAME { … } (a name is letters, digits, '_', '-', '.')${where === first ? `, not ${termText(first)}` : ""}`,
      });
      return null;
    }
    if (extra)
      this.report("invalid-argument", { ...span(extra), message: "'scene' takes one name" });
    this.noProperties(statement, args);
    const earlier = byName.get(first.name);
    if (earlier) {
      const earlierName = earlier.arguments[0];
      this.report("duplicate-scene", {
        ...span(first),
        message: `scene '${first.name}' is already defined; scene names are unique in a file`,
        related: [
          {
            ...(earlierName ? span(earlierName) : keywordSpan(earlier)),
            message: `scene '${first.name}' is first defined here`,
          },
        ],
      });
      return null;
    }
    byName.set(first.name, statement);
    return first.name;
  }

  private topLevelInSceneFile(statement: StatementNode): void {
    const info = KEYWORDS.get(statement.keyword);
    if (!info) return this.unknown(statement, "top");
    const where = statement.keyword === "shot" ? "inside a scene" : "inside a scene or the project";
    this.report(
      "misplaced-statement",
      atKeywordProblem(
        statement,
        `'${statement.keyword}' must stand ${where}: this file has scene blocks`,
      ),
    );
  }

  /** An unknown keyword; a typo with one clear suggestion gets a fix that writes it. */
  private unknown(statement: StatementNode, context: Context): void {
    const known = keywordsFor(context);
    const guess = didYouMean(statement.keyword, known);
    const hint = guess ? `; did you mean '${guess}'?` : "";
    const problem = atKeywordProblem(statement, `unknown keyword '${statement.keyword}'${hint}`);
    const clear = clearSuggestion(statement.keyword, known);
    if (clear !== undefined)
      problem.fix = {
        description: `write '${clear}'`,
        edits: [{ start: problem.start, end: problem.end, text: clear }],
      };
    this.report("unknown-keyword", problem);
  }

  private walkBlock(statement: StatementNode, context: Context, scope: Scope): void {
    if (!statement.block) {
      this.report(
        "invalid-argument",
        atKeywordProblem(
          statement,
          `'${statement.keyword}' needs a block: ${statement.keyword} … { … }`,
        ),
      );
      return;
    }
    const children = statement.block.statements;
    for (let i = 0; i < children.length; i++)
      this.visit(children[i] as StatementNode, context, scope);
  }

  private visit(statement: StatementNode, context: Context, scope: Scope): void {
    const info = KEYWORDS.get(statement.keyword);
    if (!info) return this.unknown(statement, context);
    if (!info.contexts.includes(context)) return this.misplaced(statement, context);
    scope.touched = true;
    if (info.kind === "container") return this.shot(statement, scope);
    // The table's own name (equal to the statement's keyword): one string shared by every section, setting and
    // unit made from it, whose look-ups below need no hashing of a string the parser made.
    if (info.kind === "setting") return this.setting(statement, info.name as SettingKeyword, scope);
    if (info.kind === "legacy") return this.legacy(statement, info.name as LegacyKeyword, scope);
    if (info.kind === "section")
      return this.section(statement, info.name as SectionKeyword, scope, context);
  }

  private misplaced(statement: StatementNode, context: Context): void {
    const keyword = statement.keyword;
    const info = KEYWORDS.get(keyword);
    let message = `'${keyword}' cannot stand inside ${contextName(context)}`;
    if (info?.kind === "audio-part") message = `'${keyword}' belongs inside an 'audio { … }' block`;
    else if (STRUCTURE.has(keyword))
      message = `'${keyword}' cannot stand inside ${contextName(context)}; it belongs at the top level`;
    else if (context === "shot" && keyword === "shot")
      message = "a shot cannot stand inside another shot; shots stand in a scene";
    else if (context === "shot")
      message = `a shot takes only 'duration' and sections; put '${keyword}' on the scene`;
    else if (context === "audio")
      message = `'${keyword}' cannot stand inside 'audio { … }', which takes dialogue, voiceover, music and tone`;
    this.report("misplaced-statement", atKeywordProblem(statement, message));
  }

  /** A block on a statement that takes none: its children are misplaced; an empty one is an argument error. */
  private noBlock(statement: StatementNode): void {
    const block = statement.block;
    if (!block) return;
    if (block.statements.length === 0) {
      this.report("invalid-argument", {
        ...span(block),
        message: `'${statement.keyword}' takes no block`,
      });
      return;
    }
    for (const child of block.statements) {
      this.report(
        "misplaced-statement",
        atKeywordProblem(child, `'${child.keyword}' cannot stand inside '${statement.keyword}'`),
      );
    }
  }

  /** Reports the properties of a statement that takes none; `args` (its positional arguments) being all of them says there are none. */
  private noProperties(
    statement: StatementNode,
    args: readonly ValueNode[] = positional(statement),
  ): void {
    if (args.length === statement.arguments.length) return;
    for (const property of properties(statement)) {
      this.report("invalid-argument", {
        ...span(property),
        message: `'${statement.keyword}' takes no property '${property.key}'`,
      });
    }
  }

  private shot(statement: StatementNode, scope: Scope): void {
    const [name, extra] = positional(statement);
    if (name && name.type !== "Identifier")
      this.report("invalid-argument", {
        ...span(name),
        message: "a shot's name is a name, not a string or number",
      });
    if (extra)
      this.report("invalid-argument", { ...span(extra), message: "'shot' takes at most one name" });
    this.noProperties(statement);
    const shotScope = newScope("shot");
    this.walkBlock(statement, "shot", shotScope);
    scope.shots.push({
      name: name?.type === "Identifier" ? name.name : null,
      statement,
      scope: shotScope,
    });
  }

  private setting(statement: StatementNode, keyword: SettingKeyword, scope: Scope): void {
    const args = positional(statement);
    this.noProperties(statement, args);
    this.noBlock(statement);
    const checked = SETTING_PARSERS[keyword](statement, args);
    if (!checked.ok) return this.fail("invalid-argument", checked);
    if (keyword === "brands") {
      // A repeat is reported, but its names still count: dropping them would hide moderation risks.
      this.repeated(scope, keyword, statement);
      const names = checked.value as string[];
      for (let i = 0; i < names.length; i++)
        scope.brands.push({
          name: names[i] as string,
          node: args[i] as ValueNode,
          origin: scope.origin,
        });
      return;
    }
    if (this.repeated(scope, keyword, statement)) return;
    const key = keyword === "end_image" ? "endImage" : keyword;
    (scope.settings as Record<string, unknown>)[key] = {
      value: checked.value,
      statement,
      origin: scope.origin,
    };
  }

  private audioSetting(statement: StatementNode, scope: Scope): void {
    const args = positional(statement);
    this.noProperties(statement, args);
    this.noBlock(statement);
    const checked = SETTING_PARSERS.audio(statement, args);
    if (!checked.ok) return this.fail("invalid-argument", checked);
    if (this.repeated(scope, "audio-setting", statement)) return;
    scope.settings.audio = { value: checked.value as boolean, statement, origin: scope.origin };
  }

  /** Records a repeat of a single-valued keyword; the first one stays in force. */
  private repeated(scope: Scope, key: string, statement: StatementNode): boolean {
    const first = scope.seen[key];
    if (!first) {
      scope.seen[key] = statement;
      return false;
    }
    scope.repeats.push({
      keyword: statement.keyword as Repeat["keyword"],
      first,
      repeat: statement,
    });
    return true;
  }

  private legacy(statement: StatementNode, keyword: LegacyKeyword, scope: Scope): void {
    const args = positional(statement);
    this.noProperties(statement, args);
    this.noBlock(statement);
    const first = args[0];
    const extra = args[1];
    if (!first)
      return this.report(
        "invalid-argument",
        atKeywordProblem(statement, `'${keyword}' needs a value`),
      );
    if (extra)
      return this.report("invalid-argument", {
        ...span(extra),
        message: `'${keyword}' takes one value`,
      });
    const wantsNumber = keyword === "cfg_scale";
    if (first.type !== (wantsNumber ? "Number" : "String")) {
      const expected = wantsNumber ? "a number such as 0.5" : "a string";
      return this.report("invalid-argument", {
        ...span(first),
        message: `'${keyword}' takes ${expected}`,
      });
    }
    const value =
      first.type === "Number" ? first.value : first.type === "String" ? first.value : null;
    scope.legacy.push({ keyword, value, statement, origin: scope.origin });
  }

  private section(
    statement: StatementNode,
    keyword: SectionKeyword,
    scope: Scope,
    context: Context,
  ): void {
    const args = positional(statement);
    if (
      keyword === "audio" &&
      args.length === 1 &&
      args[0]?.type === "Identifier" &&
      !statement.block
    ) {
      if (context === "shot") {
        return this.report(
          "misplaced-statement",
          atKeywordProblem(
            statement,
            "a shot takes only 'duration' and sections; put 'audio on|off' on the scene",
          ),
        );
      }
      return this.audioSetting(statement, scope);
    }
    const props = this.sectionProperties(statement, keyword, args);
    if (keyword === "avoid") return this.avoid(statement, args, props.tier, scope);
    if (keyword === "audio" && statement.block)
      return this.audioBlock(statement, args, keyword, props, scope);
    this.noBlock(statement);
    if (
      keyword === "character" &&
      args.length === 2 &&
      args[0]?.type === "String" &&
      args[1]?.type === "String"
    ) {
      return this.quotedName(args[0], args[1], keyword, props, scope, statement);
    }
    const named = keyword === "character" && args[0]?.type === "Identifier" && args.length > 1;
    const name = named ? (args[0] as { name: string }).name : null;
    const textAt = named ? 1 : 0;
    const textNode = args[textAt];
    // The usual case (one string) needs no ArgumentResult; oneString says what is wrong otherwise.
    if (textNode?.type !== "String" || args.length !== textAt + 1) {
      const text = oneString(statement, named ? args.slice(1) : args, `its text`);
      if (!text.ok) {
        const onlyCharacter =
          args[0]?.type === "Identifier" && keyword !== "character" && args[1]?.type === "String";
        const message = onlyCharacter
          ? `only 'character' takes a name before its text; '${keyword}' takes just the text`
          : text.problem.message;
        return this.report("invalid-argument", { ...text.problem, message });
      }
    }
    if (SINGLE_VALUED_SECTIONS.has(keyword) && this.repeated(scope, keyword, statement)) return;
    const node = textNode as StringNode;
    scope.sections.push(
      makeSection(keyword, props, scope.origin, statement, name, node.value, node, NO_PARTS),
    );
  }

  /**
   * `character "Maya" "…"`: a name in quotes. Reported at the name with what to write instead (fixed when the
   * name unquoted is a name the parser reads as one); the section is kept with its name, so nothing is lost.
   */
  private quotedName(
    nameNode: StringNode,
    textNode: StringNode,
    keyword: SectionKeyword,
    props: SectionProps,
    scope: Scope,
    statement: StatementNode,
  ): void {
    const name = nameNode.value;
    const bare = isBareName(name)
      ? name
      : isBareName(name.trim().replace(/\s+/g, "_"))
        ? name.trim().replace(/\s+/g, "_")
        : null;
    const instead =
      bare === null
        ? "character maya \"…\" (letters, digits, '_', '-', '.')"
        : `character ${bare} "…"`;
    const problem: ArgumentProblem = {
      ...span(nameNode),
      message: `a character's name is written without quotes: ${instead}`,
    };
    if (bare === name)
      problem.fix = {
        description: `write the name without quotes: ${bare}`,
        edits: [{ start: problem.start, end: problem.end, text: bare }],
      };
    this.report("invalid-argument", problem);
    scope.sections.push(
      makeSection(keyword, props, scope.origin, statement, name, textNode.value, textNode, []),
    );
  }

  private sectionProperties(
    statement: StatementNode,
    keyword: SectionKeyword,
    args: readonly ValueNode[],
  ): SectionProps {
    if (args.length === statement.arguments.length) return DEFAULT_PROPS[keyword];
    const list = properties(statement);
    const result: SectionProps = {
      tier: DEFAULT_TIER[keyword],
      from: null,
      fromNode: null,
      human: true,
    };
    for (const property of list) {
      const checked = this.sectionProperty(property, keyword);
      if (!checked.ok) {
        this.report("invalid-argument", checked.problem);
        continue;
      }
      if (property.key === "tier") result.tier = checked.value as Tier;
      if (property.key === "human") result.human = checked.value as boolean;
      if (property.key === "from") {
        result.from = checked.value as string;
        result.fromNode = property.value;
      }
    }
    return result;
  }

  private sectionProperty(
    property: PropertyNode,
    keyword: SectionKeyword,
  ): ArgumentResult<Tier | boolean | string> {
    if (property.key === "tier") return parseTier(property);
    if (property.key === "human" && keyword === "character") return parseBoolean(property);
    if (property.key === "from" && keyword === "continuity") return parseName(property);
    const allowed = [
      "tier",
      ...(keyword === "character" ? ["human"] : []),
      ...(keyword === "continuity" ? ["from"] : []),
    ];
    const known = ["tier", "from", "human"].includes(property.key);
    const message = known
      ? `'${property.key}=' does not apply to '${keyword}' (it takes ${allowed.join(", ")})`
      : `unknown property '${property.key}' (properties are tier, from and human)`;
    return problemAt({ position: property.keyPosition }, message);
  }

  private avoid(
    statement: StatementNode,
    args: readonly ValueNode[],
    tier: Tier,
    scope: Scope,
  ): void {
    this.noBlock(statement);
    if (args.length === 0)
      return this.report(
        "invalid-argument",
        atKeywordProblem(
          statement,
          "'avoid' needs at least one term: avoid blur, cartoon, \"3D render\"",
        ),
      );
    for (const node of args) {
      const text = termText(node).trim();
      if (text === "") {
        this.report("invalid-argument", {
          ...span(node),
          message: "an avoid term cannot be empty",
        });
        continue;
      }
      scope.avoid.push({ text, node, statement, origin: scope.origin, tier });
    }
  }

  private audioBlock(
    statement: StatementNode,
    args: readonly ValueNode[],
    keyword: SectionKeyword,
    props: SectionProps,
    scope: Scope,
  ): void {
    if (args[0])
      this.report("invalid-argument", {
        ...span(args[0]),
        message: "'audio' takes either a string or a block, not both",
      });
    const parts: AudioPart[] = [];
    for (const child of statement.block?.statements ?? []) {
      const part = this.audioPart(child);
      if (part) parts.push(part);
    }
    scope.sections.push(
      makeSection(keyword, props, scope.origin, statement, null, "", null, parts),
    );
  }

  private audioPart(statement: StatementNode): AudioPart | null {
    const info = KEYWORDS.get(statement.keyword);
    if (!info) {
      this.unknown(statement, "audio");
      return null;
    }
    if (info.kind !== "audio-part") {
      this.misplaced(statement, "audio");
      return null;
    }
    const args = positional(statement);
    this.noProperties(statement, args);
    this.noBlock(statement);
    const kind = info.name as AudioPartKeyword;
    if (kind === "dialogue") return this.dialogue(statement, args);
    const only = args[0];
    if (only?.type === "String" && args.length === 1)
      return { kind, speaker: null, text: only.value, statement, textNode: only };
    const text = oneString(statement, args, "its text");
    if (!text.ok) return (this.fail("invalid-argument", text), null);
    return { kind, speaker: null, text: text.value.value, statement, textNode: text.value };
  }

  private dialogue(statement: StatementNode, args: readonly ValueNode[]): AudioPart | null {
    const speaker = args[0];
    if (!speaker || speaker.type !== "Identifier") {
      this.report(
        "invalid-argument",
        speaker
          ? { ...span(speaker), message: 'dialogue names its speaker first: dialogue maya "…"' }
          : atKeywordProblem(statement, 'dialogue needs a speaker and a line: dialogue maya "…"'),
      );
      return null;
    }
    const line = args[1];
    if (line?.type === "String" && args.length === 2)
      return {
        kind: "dialogue",
        speaker: speaker.name,
        text: line.value,
        statement,
        textNode: line,
      };
    const text = oneString(statement, args.slice(1), "the spoken line");
    if (!text.ok) return (this.fail("invalid-argument", text), null);
    return {
      kind: "dialogue",
      speaker: speaker.name,
      text: text.value.value,
      statement,
      textNode: text.value,
    };
  }
}

/** What a section's properties say (`tier=`, `from=`, `human=`). */
type SectionProps = Pick<Section, "tier" | "from" | "fromNode" | "human">;

/** Each keyword's properties when its statement writes none (most do not): shared, never changed. */
const DEFAULT_PROPS = Object.fromEntries(
  Object.entries(DEFAULT_TIER).map(([keyword, tier]) => [
    keyword,
    Object.freeze({ tier, from: null, fromNode: null, human: true }),
  ]),
) as Record<SectionKeyword, SectionProps>;

/**
 * The parts of a section that is no `audio { … }` block. Shared and frozen: a
 * section of text has none, and one array for all of them spares a large file
 * an array per section.
 */
const NO_PARTS: readonly AudioPart[] = Object.freeze([]);

/** One object shape for every section (a spread would build them slowly on large files). */
function makeSection(
  keyword: SectionKeyword,
  props: SectionProps,
  origin: Origin,
  statement: StatementNode,
  name: string | null,
  text: string,
  textNode: StringNode | null,
  parts: readonly AudioPart[],
): Section {
  return {
    keyword,
    name,
    text,
    textNode,
    parts,
    tier: props.tier,
    from: props.from,
    fromNode: props.fromNode,
    human: props.human,
    origin,
    statement,
  };
}

/** Whether the parser reads `text` as one bare name (an identifier): asked of the parser, which owns the lexical rules. */
function isBareName(text: string): boolean {
  if (text === "") return false;
  const [statement] = parse(`character ${text} ""`).ast.statements;
  const [first, second, extra] = statement ? positional(statement) : [];
  return (
    first?.type === "Identifier" &&
    first.name === text &&
    second?.type === "String" &&
    extra === undefined
  );
}

function newScope(origin: Origin): Scope {
  // Each list made apart: a literal holding other literals is built by the runtime each time, not cloned.
  const settings: Settings = {};
  const brands: Brand[] = [];
  const sections: Section[] = [];
  const avoid: AvoidTerm[] = [];
  const legacy: LegacyStatement[] = [];
  const repeats: Repeat[] = [];
  const shots: Scope["shots"] = [];
  const seen: Scope["seen"] = {};
  return {
    origin,
    touched: false,
    settings,
    brands,
    sections,
    avoid,
    legacy,
    repeats,
    shots,
    seen,
  };
}

/** The project scope of a file without a `project` statement: empty, and frozen so nothing can write to the one all such files share. */
const NO_PROJECT: Scope = Object.freeze({
  origin: "project",
  touched: false,
  settings: Object.freeze({}),
  brands: Object.freeze([]) as never[],
  sections: Object.freeze([]) as never[],
  avoid: Object.freeze([]) as never[],
  legacy: Object.freeze([]) as never[],
  repeats: Object.freeze([]) as never[],
  shots: Object.freeze([]) as never[],
  seen: Object.freeze({}),
});

function toProject(name: string | null, statement: StatementNode | null, scope: Scope): Project {
  const { settings, brands, sections, legacy, repeats } = scope;
  const { avoid, repeats: avoidRepeats } = mergeAvoid(scope.avoid);
  return { name, statement, settings, brands, sections, avoid, avoidRepeats, legacy, repeats };
}

function implicitName(filename: string | undefined): string {
  if (!filename) return "scene";
  const base = filename.replace(/^.*[\\/]/, "").replace(/\.[^.]*$/, "");
  return base === "" ? "scene" : base;
}

function contextName(context: Context): string {
  return context === "top"
    ? "the top level"
    : context === "audio"
      ? "'audio { … }'"
      : `a ${context}`;
}

function span(node: { position: { start: { offset: number }; end: { offset: number } } }): {
  start: number;
  end: number;
} {
  return { start: node.position.start.offset, end: node.position.end.offset };
}

function keywordSpan(statement: StatementNode): { start: number; end: number } {
  return span({ position: statement.keywordPosition });
}

function atKeywordProblem(statement: StatementNode, message: string): ArgumentProblem {
  return { ...keywordSpan(statement), message };
}
