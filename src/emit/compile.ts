import {
  compileScenes,
  type CompiledScene,
  type CompiledScenes,
  type ScenePacking,
} from "./scenes.js";
import { PACKING_SEVERITY, packingFindings, sceneAnchor, type PackingId } from "./findings.js";
import { compareDiagnostics, makeDiagnostic, type Diagnostic } from "../language/diagnostics.js";
import {
  validateLintConfig,
  validateFilename,
  validatePositiveInteger,
  validateRecord,
  validateSource,
  validateTarget,
  OptionProblems,
  RUN_DOCS,
  type LintConfig,
  type RuleSeverity,
} from "../language/options.js";
import type { TargetId } from "../targets/profiles.js";

/** Options of `compile`. */
export interface CompileOptions {
  filename?: string;
  /** Default target for scenes that name no engine (wins over `config.target`). */
  target?: TargetId;
  /** Default budget for scenes that state none (wins over `config.budget`). */
  budget?: number;
  /** Read for `target`, `budget` and the severity of `over-budget` and `dropped-content`. */
  config?: LintConfig;
}

/** What `klingc --json` prints (the CLI adds each scene's `file`). */
export interface CompileResult {
  scenes: CompiledScene[];
  diagnostics: Diagnostic[];
}

/** A compile run with everything lint needs to go on from it without parsing again. */
export interface CompileRun {
  result: CompileResult;
  built: CompiledScenes;
  source: string;
  filename: string | undefined;
  config: LintConfig;
}

/**
 * Compiles every scene of a source text. Pure; never throws. The diagnostics
 * are what compiling finds: bad options (`invalid-option`), the language's
 * (`syntax`, `unknown-keyword`, …), packing's (`over-budget`,
 * `dropped-content`, with the severity `config.rules` gives them), a scene
 * left without a request (`no-request`) and an empty file (`empty-file`).
 * Lint rules are `lint`'s.
 */
export function compile(source: string, options?: CompileOptions): CompileResult {
  return compileRun(source, options).result;
}

/** `compile`, keeping the analysis and packing for `lintCompiled`. */
export function compileRun(source: string, options?: CompileOptions): CompileRun {
  const problems = new OptionProblems();
  const text = validateSource(source, problems);
  const raw = validateRecord(options, "", problems);
  const filename = validateFilename(raw["filename"], problems);
  const config = validateLintConfig(raw["config"], problems);
  const target = validateTarget(raw["target"], "target", problems);
  if (target !== undefined) config.target = target;
  const budget = validatePositiveInteger(raw["budget"], "budget", problems);
  if (budget !== undefined) config.budget = budget;
  const built = compileScenes(text, {
    ...(filename !== undefined ? { filename } : {}),
    ...(config.target !== undefined ? { target: config.target } : {}),
    ...(config.budget !== undefined ? { budget: config.budget } : {}),
    packingSeverity: packingSeverity(config),
  });
  const { lines } = built.analysis;
  const diagnostics = [
    ...problems.diagnostics(lines, filename),
    ...built.analysis.diagnostics,
    ...packingDiagnostics(built, filename, config),
    ...withheldDiagnostics(built, filename),
    ...emptyFileDiagnostics(built, filename),
  ].sort(compareDiagnostics);
  return { result: { scenes: built.scenes, diagnostics }, built, source: text, filename, config };
}

/** What `config.rules` says of the packing ids (compileScenes needs it to know whether they withhold a request). */
export function packingSeverity(
  config: LintConfig | undefined,
): Partial<Record<PackingId, RuleSeverity>> {
  const out: Partial<Record<PackingId, RuleSeverity>> = {};
  for (const id of Object.keys(PACKING_SEVERITY) as PackingId[]) {
    const severity = config?.rules?.[id]?.severity;
    if (severity !== undefined) out[id] = severity;
  }
  return out;
}

function packingDiagnostics(
  built: CompiledScenes,
  filename: string | undefined,
  config: LintConfig,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const finding of packingFindings(built.packing)) {
    const severity = config.rules?.[finding.ruleId]?.severity ?? PACKING_SEVERITY[finding.ruleId];
    if (severity === "off") continue;
    const { start, end } = finding.at.position;
    out.push(
      makeDiagnostic(built.analysis.lines, filename, {
        ruleId: finding.ruleId,
        severity,
        message: finding.message,
        start: start.offset,
        end: end.offset,
      }),
    );
  }
  return out;
}

/** Why a scene's `request` is null (see `requestProblems`); language errors speak for themselves too. */
function withheldDiagnostics(built: CompiledScenes, filename: string | undefined): Diagnostic[] {
  return built.packing
    .filter(
      (p): p is ScenePacking & { withheld: NonNullable<ScenePacking["withheld"]> } =>
        p.withheld !== null,
    )
    .map(({ scene, withheld }) => {
      const why = withheld === "language" ? "it has an error" : withheld.join("; ");
      const { start, end } = sceneAnchor(scene).position;
      return makeDiagnostic(built.analysis.lines, filename, {
        ruleId: "no-request",
        severity: "error",
        message: `scene '${scene.name}' gets no request: ${why}`,
        start: start.offset,
        end: end.offset,
        url: RUN_DOCS,
      });
    });
}

/** A file with nothing in it (blank or comments only): a wrong path or an empty save, so it is said. */
export function emptyFileDiagnostics(
  built: CompiledScenes,
  filename: string | undefined,
): Diagnostic[] {
  const { ast, diagnostics, lines } = built.analysis;
  if (ast.statements.length > 0 || diagnostics.length > 0) return [];
  return [
    makeDiagnostic(lines, filename, {
      ruleId: "empty-file",
      severity: "warning",
      message: "the file holds no statements, so there is nothing to compile",
      start: 0,
      end: 0,
      url: RUN_DOCS,
    }),
  ];
}
