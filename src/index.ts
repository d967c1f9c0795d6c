/**
 * klingc as a library: pure functions over source text (no file or terminal I/O).
 * Flow: source → tokens → AST (parse; the parser's actions build it, no CST) → model (analyze) → lint / pack → output.
 */
import { frozenTargets, type ProfileTable } from "./targets/profiles.js";
// parse and analyze as callers get them: options checked, so a bad one is a diagnostic, never a throw.
export {
  parseValidated as parse,
  analyzeValidated as analyze,
  type LintConfig,
  type RuleSeverity,
} from "./language/options.js";
export type { ParseOptions, ParseResult } from "./language/parse.js";
export type { AnalyzeOptions, AnalyzeResult } from "./language/analyze.js";
export { compile, type CompileOptions, type CompileResult } from "./emit/compile.js";
export { lint, RULE_IDS, CORE_IDS, DEFAULT_FOCUS_BUDGET, type LintOptions } from "./lint/engine.js";
export { fix, type FixResult, type AppliedFix } from "./lint/fix.js";
// Validated versions: a caller's argument that is not what the function takes gives an empty result, never a throw.
export {
  truncateAtSentence,
  splitSentences,
  codePointLength,
  pack,
  buildRequest,
  getProfile,
} from "./emit/checked.js";
export type { PackUnit, PackResult, DroppedUnit } from "./emit/pack.js";
export type {
  RequestSpec,
  TargetRequest,
  KlingO3Request,
  KlingV3Request,
  VeoRequest,
  SoraRequest,
} from "./emit/request.js";
export type { CompiledScene, CompiledShot, DroppedContent, ScenePacking } from "./emit/scenes.js";
export type {
  Rule,
  RuleMeta,
  RuleContext,
  RuleExample,
  LintSettings,
  Report,
} from "./lint/rule.js";
export { LineIndex } from "./language/positions.js";
export {
  validateConfig,
  parseConfigText,
  mergeConfigs,
  configForFile,
  emptyConfig,
  type ConfigResult,
  type ConfigDiagnostic,
} from "./config/api.js";
export type {
  KlingcConfigFile,
  ResolvedConfig,
  LoadedConfig,
  RuleSetting,
  ConfigSettings,
  RuleOptionSchemas,
  OptionSchema,
} from "./config/types.js";
export { RULES } from "../rules/index.js";
export type * from "./language/ast.js";
export type * from "./language/model.js";
export type {
  Diagnostic,
  Fix,
  RelatedInformation,
  Severity,
  TextEdit,
} from "./language/diagnostics.js";
export { formatNumber } from "./language/diagnostics.js";
export { toVFileMessage } from "./language/vfile.js";
export type { Point, Span } from "./language/positions.js";
export {
  KEYWORDS,
  SECTION_ORDER,
  DEFAULT_TIER,
  keywordsFor,
  type Context,
  type KeywordInfo,
  type SectionKeyword,
  type SettingKeyword,
  type Tier,
} from "./language/keywords.js";
export {
  TARGET_IDS,
  DEFAULT_TARGET,
  type TargetId,
  type Profile,
  type ProfileTable,
  type QualityFacts,
  type DurationFacts,
  type AspectFacts,
  type ImageFacts,
  type EndImageFacts,
  type AudioFacts,
  type NegativePromptFacts,
  type CfgScaleFacts,
  type MultiShotFacts,
  type Disputed,
  type DisputedFacts,
} from "./targets/profiles.js";

/**
 * The target profile table, read-only: for each target id, what the model
 * accepts (endpoint, prompt limit, qualities, durations, aspect ratios, image
 * fields, shots) and which facts its sources dispute. It is the very table
 * klingc checks scenes and builds requests with (`getProfile(id)` is
 * `targets[id]`), frozen all the way down, not a copy.
 */
export const targets: ProfileTable = frozenTargets();
export { format, type FormatOptions, type FormatResult } from "./fmt/format.js";
export {
  explain,
  type ExplainOptions,
  type ExplainResult,
  type ExplainedScene,
  type ExplainedPrompt,
  type ExplainedUnit,
  type TierShare,
} from "./explain/explain.js";
export {
  migrateRequests,
  type MigrateOptions,
  type MigrateResult,
  type MigrationChange,
  type MigrationSource,
  type O3Request,
  type JsonValue,
} from "./migrate/migrate.js";
export { requestsToKp, type KpOutput } from "./migrate/to-kp.js";
