/**
 * The JSON Schema of a config file, built from what the validator checks: its
 * keys, targets and severities (types.ts), and each rule's `meta.options`.
 * `npm run schema` writes it to klingc.schema.json; a test fails when the
 * committed file differs, and another has ajv and the validator judge the
 * same configs.
 *
 * Every key the validator accepts needs a schema here (the `satisfies` below
 * makes a new key a type error until it has one).
 */
import { docsUrl } from "../language/diagnostics.js";
import {
  CONFIG_KEYS,
  CONFIG_SEVERITY_NAMES,
  CONFIG_TARGETS,
  OVERRIDE_KEYS,
  type OptionSchema,
} from "./types.js";

type JsonSchema = Record<string, unknown>;

/** What the schema needs to know of a rule. */
export interface RuleSchemaSource {
  id: string;
  options: OptionSchema;
}

const ref = (name: string): JsonSchema => ({ $ref: `#/definitions/${name}` });

/** One value, or a non-empty list of them: how `extends` and `files` may be written. */
const oneOrList = (item: JsonSchema): JsonSchema => ({
  oneOf: [item, { type: "array", minItems: 1, items: item }],
});

/** What expectNonEmptyString accepts: a string with something besides white space. */
const NON_EMPTY_STRING = { type: "string", minLength: 1, pattern: "\\S" } as const;

/** What expectPositiveInteger accepts. */
const POSITIVE_INTEGER = { type: "integer", minimum: 1 } as const;

/** The settings shared by the top level and an override, by key. */
const SETTINGS = {
  target: ref("target"),
  budget: ref("budget"),
  focusBudget: ref("focusBudget"),
  brands: ref("brands"),
  rules: ref("rules"),
} as const;

const TOP_LEVEL = {
  $schema: {
    ...NON_EMPTY_STRING,
    description: "The schema this file follows, for editors; klingc ignores it.",
  },
  extends: {
    description:
      "Config files this one builds on, as paths relative to this file. Later entries win over earlier ones and this file wins over all; brands are appended and rules merge per rule.",
    ...oneOrList(ref("path")),
  },
  ...SETTINGS,
  overrides: {
    description:
      "Settings for some files only. Later overrides win over earlier ones and over the rest of the file.",
    type: "array",
    items: ref("override"),
  },
  prices: {
    description:
      "Prices for klingc render's estimates, by fal endpoint, overriding klingc's dated price table: US dollars per second of video (perSecondAudio with audio on) and the date the figures were read.",
    type: "object",
    additionalProperties: {
      type: "object",
      additionalProperties: false,
      properties: {
        perSecond: { type: "number", minimum: 0 },
        perSecondAudio: { type: "number", minimum: 0 },
        date: NON_EMPTY_STRING,
      },
    },
  },
} as const satisfies Record<(typeof CONFIG_KEYS)[number], JsonSchema>;

const OVERRIDE = {
  files: {
    description:
      "Globs matched against the linted file's path relative to the directory of the config that declares this override, with / separators. A glob without a slash matches the file name at any depth.",
    ...oneOrList(ref("glob")),
  },
  ...SETTINGS,
} as const satisfies Record<(typeof OVERRIDE_KEYS)[number], JsonSchema>;

/** `"warn"`, `["warn"]` or `["warn", options]`, with the options as the rule's schema describes them. */
function ruleEntry(options: JsonSchema): JsonSchema {
  const severity = ref("severity");
  return {
    oneOf: [
      severity,
      {
        type: "array",
        description: "[severity]",
        items: [severity],
        minItems: 1,
        maxItems: 1,
        additionalItems: false,
      },
      {
        type: "array",
        description: "[severity, options]",
        items: [severity, options],
        minItems: 2,
        maxItems: 2,
        additionalItems: false,
      },
    ],
  };
}

const OPTIONS_REPLACE = "Rule options; they replace options set by an extended config.";

/** A rule's options schema as the validator reads it: an object, typed properties, unknown ones allowed unless closed. */
function optionsSchema(options: OptionSchema): JsonSchema {
  const properties = options.properties ?? {};
  if (Object.keys(properties).length === 0 && options.additionalProperties === undefined)
    return { type: "object", description: OPTIONS_REPLACE };
  return {
    type: "object",
    description: OPTIONS_REPLACE,
    properties,
    ...(options.additionalProperties !== undefined
      ? { additionalProperties: options.additionalProperties }
      : {}),
  };
}

function ruleProperty(rule: RuleSchemaSource): JsonSchema {
  const options = optionsSchema(rule.options);
  const entry = options["properties"] === undefined ? ref("ruleEntry") : ruleEntry(options);
  return {
    ...entry,
    description: `Severity of the ${rule.id} rule, or [severity, options]. See ${docsUrl(rule.id)}`,
  };
}

/** The schema of klingc.config.json for these rules (in the order given). */
export function configSchema(rules: readonly RuleSchemaSource[]): JsonSchema {
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "klingc configuration",
    description:
      "klingc.config.json or .klingcrc.json. klingc uses the nearest one found walking up from the linted file (klingc.config.json wins when both are in one directory); configs in parent directories do not apply unless named in extends. JSON only: nothing in a config is executed.",
    type: "object",
    additionalProperties: false,
    properties: TOP_LEVEL,
    definitions: {
      path: NON_EMPTY_STRING,
      glob: NON_EMPTY_STRING,
      target: { description: "The model the prompts are written for.", enum: [...CONFIG_TARGETS] },
      budget: {
        description:
          "Default packing budget in characters for scenes that state no budget of their own: packing drops lower-tier text to fit it, and the target's prompt limit caps it (a positive integer).",
        ...POSITIVE_INTEGER,
      },
      focusBudget: {
        description: "Budget checked by the focus-budget rule (a positive integer).",
        ...POSITIVE_INTEGER,
      },
      brands: {
        description:
          "Brand names the brand-risk rule knows about; lists from extends and overrides are appended (duplicates ignored regardless of letter case).",
        type: "array",
        items: NON_EMPTY_STRING,
      },
      severity: {
        description: '"warn" reports a warning; "off" turns the rule off.',
        enum: [...CONFIG_SEVERITY_NAMES],
      },
      ruleEntry: ruleEntry({ type: "object", description: OPTIONS_REPLACE }),
      rules: {
        description:
          "Rule severities by rule id. A severity alone keeps options set by an extended config.",
        type: "object",
        additionalProperties: false,
        properties: Object.fromEntries(rules.map((rule) => [rule.id, ruleProperty(rule)])),
      },
      override: {
        type: "object",
        additionalProperties: false,
        required: ["files"],
        properties: OVERRIDE,
      },
    },
  };
}

/** The schema as klingc.schema.json holds it. */
export function configSchemaText(rules: readonly RuleSchemaSource[]): string {
  return `${JSON.stringify(configSchema(rules), null, 2)}\n`;
}
