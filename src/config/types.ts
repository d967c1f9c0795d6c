/** The shape of a klingc config: file names, keys, severities, and the types of a config at each stage. */
import { RULE_SEVERITY_NAMES, type RuleSeverityName } from "../language/options.js";
import { TARGET_IDS, type TargetId } from "../targets/profiles.js";

/** Looked for in this order; in one directory the first wins. */
export const CONFIG_FILE_NAMES = ["klingc.config.json", ".klingcrc.json"] as const;

/** The targets a config may name: the same list as the target profiles, so the two cannot drift. */
export const CONFIG_TARGETS = TARGET_IDS;
export type ConfigTarget = TargetId;

/** Severities as written in a config file or a `--rule` flag: the library's `config.rules` takes the same names. */
export const CONFIG_SEVERITY_NAMES = RULE_SEVERITY_NAMES;
export type ConfigSeverityName = RuleSeverityName;

/** Severities after loading: "warn" becomes the diagnostics' "warning". */
export type ConfigSeverity = "off" | "warning" | "error" | "info";

/** Keys allowed at the top level of a config file. */
export const CONFIG_KEYS = [
  "$schema",
  "extends",
  "target",
  "budget",
  "focusBudget",
  "brands",
  "rules",
  "overrides",
  "prices",
] as const;

/** Keys allowed in one entry of `overrides`. */
export const OVERRIDE_KEYS = [
  "files",
  "target",
  "budget",
  "focusBudget",
  "brands",
  "rules",
] as const;

export type RuleOptions = Record<string, unknown>;

/** A rule entry as written: options are absent when only a severity was given. */
export interface RuleEntry {
  severity: ConfigSeverity;
  options?: RuleOptions;
}

/** A rule after merging: always has options (empty when none were configured). */
export interface RuleSetting {
  severity: ConfigSeverity;
  options: RuleOptions;
}

/** The settings a config file or one of its overrides may set; absent means "not set here". */
export interface ConfigSettings {
  target?: ConfigTarget;
  budget?: number;
  focusBudget?: number;
  brands?: string[];
  rules?: Record<string, RuleEntry>;
}

export interface ConfigOverride extends ConfigSettings {
  /** Globs (posix), matched against the linted file's path relative to the declaring config's directory. */
  files: string[];
}

/** A validated config file; `extends` and `files` are always lists here, whatever form the file used. */
export interface KlingcConfigFile extends ConfigSettings {
  $schema?: string;
  extends: string[];
  overrides: ConfigOverride[];
  /** `klingc render`'s price overrides, keyed by fal endpoint (prices change faster than the table). */
  prices?: Record<string, PriceSetting>;
}

/** US dollars per second of video for one endpoint, and when the figures were read. */
export interface PriceSetting {
  perSecond?: number;
  perSecondAudio?: number;
  date?: string;
}

/** The keys a `prices` entry may hold. */
export const PRICE_KEYS = ["perSecond", "perSecondAudio", "date"] as const;

/** What a linted file ends up with. */
export interface ResolvedConfig {
  target?: ConfigTarget;
  budget?: number;
  focusBudget?: number;
  brands: string[];
  rules: Record<string, RuleSetting>;
  /** `klingc render`'s price overrides by fal endpoint, from the config and its bases (a later config's entry wins). */
  prices?: Record<string, PriceSetting>;
}

/** A validated config file with its `extends` already loaded (in the order listed). */
export interface LoadedConfig {
  /** Path of the config file, as it was read. */
  file: string;
  /** Directory of the config file: override globs are relative to it. */
  dir: string;
  config: KlingcConfigFile;
  bases: LoadedConfig[];
}

/** A segment list such as `["overrides", 0, "files"]`. */
/** The part of JSON Schema a rule's `meta.options` uses: an object of typed, bounded properties. */
export interface OptionSchema {
  type?: "object";
  properties?: Record<
    string,
    { type?: "integer" | "number" | "string" | "boolean"; minimum?: number; description?: string }
  >;
  additionalProperties?: boolean;
}

/** Rule id → the schema of its options (from the rules' metas). */
export type RuleOptionSchemas = Readonly<Record<string, OptionSchema>>;
