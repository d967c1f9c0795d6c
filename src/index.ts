/**
 * klingc as a library: pure functions over source text (no file or terminal I/O).
 * Flow: source → tokens → CST → AST (parse) → model (analyze) → lint / pack → output.
 */
export { parse, type ParseOptions, type ParseResult } from "./parse.js";
export { analyze, type AnalyzeOptions, type AnalyzeResult } from "./analyze.js";
export { compile, type CompileOptions, type CompileResult } from "./api.js";
export { lint, RULE_IDS, CORE_IDS, type LintOptions, type LintConfig } from "./lint/engine.js";
export { fix, type FixResult, type AppliedFix } from "./lint/fix.js";
export { truncateAtSentence, splitSentences, codePointLength } from "./text.js";
export { pack, type PackUnit, type PackResult, type DroppedUnit } from "./pack.js";
export { buildRequest, type RequestSpec, type TargetRequest } from "./request.js";
export type { CompiledScene, CompiledShot, DroppedContent } from "./compile.js";
export type { Rule, RuleMeta, RuleContext, RuleExample } from "./lint/rule.js";
export { RULES } from "../rules/index.js";
export type * from "./ast.js";
export type * from "./model.js";
export type { Diagnostic, Fix, Severity, TextEdit } from "./diagnostics.js";
export { toVFileMessage } from "./vfile.js";
export type { Point, Span } from "./positions.js";
export { KEYWORDS, SECTION_ORDER, DEFAULT_TIER, type SectionKeyword, type SettingKeyword, type Tier } from "./keywords.js";
export { TARGET_IDS, DEFAULT_TARGET, getProfile, type TargetId, type Profile } from "./targets.js";
