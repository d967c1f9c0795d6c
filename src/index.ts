/**
 * klingc as a library: pure functions over source text (no file or terminal I/O).
 * Flow: source → tokens → CST → AST (parse) → model (analyze) → lint / pack → output.
 */
export { parse, type ParseOptions, type ParseResult } from "./parse.js";
export { analyze, type AnalyzeOptions, type AnalyzeResult } from "./analyze.js";
export { compile, type CompileOptions, type CompileResult } from "./api.js";
export { lint, RULE_IDS, CORE_IDS, DEFAULT_FOCUS_BUDGET, type LintOptions, type LintConfig, type RuleSeverity } from "./lint/engine.js";
export { fix, type FixResult, type AppliedFix } from "./lint/fix.js";
export { truncateAtSentence, splitSentences, codePointLength } from "./text.js";
export { pack, type PackUnit, type PackResult, type DroppedUnit } from "./pack.js";
export {
  buildRequest,
  type RequestSpec,
  type TargetRequest,
  type KlingO3Request,
  type KlingV3Request,
  type VeoRequest,
  type SoraRequest,
} from "./request.js";
export type { CompiledScene, CompiledShot, DroppedContent, ScenePacking } from "./compile.js";
export type { Rule, RuleMeta, RuleContext, RuleExample, LintSettings, Report } from "./lint/rule.js";
export { LineIndex } from "./positions.js";
export {
  ConfigError,
  validateConfig,
  parseConfigText,
  mergeConfigs,
  configForFile,
  emptyConfig,
  type KlingcConfigFile,
  type ResolvedConfig,
  type LoadedConfig,
  type RuleSetting,
} from "./config.js";
export { RULES } from "../rules/index.js";
export type * from "./ast.js";
export type * from "./model.js";
export type { Diagnostic, Fix, Severity, TextEdit } from "./diagnostics.js";
export { toVFileMessage } from "./vfile.js";
export type { Point, Span } from "./positions.js";
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
} from "./keywords.js";
export { TARGET_IDS, DEFAULT_TARGET, getProfile, type TargetId, type Profile } from "./targets.js";
