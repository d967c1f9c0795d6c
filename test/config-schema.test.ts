/**
 * klingc.schema.json and the config validator come from one source: the file
 * is generated (`npm run schema`) from the validator's keys and the rules'
 * option schemas, and ajv and the validator judge every config alike.
 */
import { Ajv } from "ajv";
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { RULES } from "../rules/index.js";
import { configSchema, configSchemaText } from "../src/config/schema.js";
import { RULE_IDS, RULE_OPTIONS } from "../src/lint/engine.js";
import { validateConfig } from "../src/index.js";

const SCHEMA_FILE = fileURLToPath(new URL("../klingc.schema.json", import.meta.url));
const metas = RULES.map((rule) => rule.meta);

const ajv = new Ajv({ strict: true, allErrors: true });
const schemaAccepts = ajv.compile(configSchema(metas));
const validatorAccepts = (raw: unknown): boolean =>
  validateConfig(raw, "c.json", RULE_IDS, RULE_OPTIONS).config !== null;

describe("klingc.schema.json is generated", () => {
  it("and the committed file is what `npm run schema` writes", () => {
    expect(
      readFileSync(SCHEMA_FILE, "utf8"),
      "klingc.schema.json is stale: run npm run schema",
    ).toBe(configSchemaText(metas));
  });

  it("lists every rule, with the options each rule's meta declares", () => {
    const schema = configSchema(metas) as {
      definitions: { rules: { properties: Record<string, unknown> } };
    };
    expect(Object.keys(schema.definitions.rules.properties)).toEqual([...RULE_IDS]);
    expect(JSON.stringify(schema.definitions.rules.properties["focus-budget"])).toContain(
      '"budget":{"type":"integer","minimum":1',
    );
  });
});

describe("ajv with the schema and the validator agree", () => {
  it.each([
    ["a severity alone", { rules: { "focus-budget": "warn" } }],
    ["a severity in a list", { rules: { "focus-budget": ["error"] } }],
    ["options that fit", { rules: { "focus-budget": ["warn", { budget: 1200 }] } }],
    ["options for a rule that declares none", { rules: { duration: ["warn", { anything: 1 }] } }],
    [
      "options in an override",
      { overrides: [{ files: "*.kp", rules: { "focus-budget": ["info", { budget: 1 }] } }] },
    ],
    ["the new rule", { rules: { "disputed-capability": "off" } }],
    [
      "render prices",
      {
        prices: {
          "fal-ai/kling-video/o3/pro/image-to-video": {
            perSecond: 0.14,
            perSecondAudio: 0.19,
            date: "2026-12",
          },
        },
      },
    ],
  ])("both accept %s", (_, raw) => {
    expect(schemaAccepts(raw), ajv.errorsText(schemaAccepts.errors)).toBe(true);
    expect(validatorAccepts(raw)).toBe(true);
  });

  it.each([
    ["an option below its minimum", { rules: { "focus-budget": ["warn", { budget: 0 }] } }],
    ["an option of the wrong type", { rules: { "focus-budget": ["warn", { budget: "1200" }] } }],
    ["a fractional whole number", { rules: { "focus-budget": ["warn", { budget: 1.5 }] } }],
    [
      "an unknown option of a closed schema",
      { rules: { "focus-budget": ["warn", { budgt: 1200 }] } },
    ],
    [
      "a bad option in an override",
      { overrides: [{ files: "*.kp", rules: { "focus-budget": ["warn", { budget: -1 }] } }] },
    ],
    ["options that are not an object", { rules: { "focus-budget": ["warn", [1200]] } }],
    ["a price that is not a number", { prices: { "fal-ai/x": { perSecond: "cheap" } } }],
    ["a negative price", { prices: { "fal-ai/x": { perSecond: -1 } } }],
    ["an unknown price key", { prices: { "fal-ai/x": { perMinute: 1 } } }],
    ["prices in an override", { overrides: [{ files: "*.kp", prices: {} }] }],
  ])("both reject %s", (_, raw) => {
    expect(schemaAccepts(raw)).toBe(false);
    expect(validatorAccepts(raw)).toBe(false);
  });

  it("on arbitrary near-valid configs", () => {
    const value = fc.oneof(
      fc.constant(undefined),
      fc.integer({ min: -2, max: 3 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.string(),
      fc.constant(" "),
      fc.boolean(),
      fc.constant(null),
    );
    /** Mostly the right kind of value, sometimes any value: a config with one mistake is the common case worth checking. */
    const mostly = <T>(good: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
      fc.oneof({ arbitrary: good, weight: 20 }, { arbitrary: value, weight: 1 });
    const severity = mostly(fc.constantFrom("off", "warn", "error", "info", "warning"));
    const options = mostly(
      fc.dictionary(
        fc.constantFrom("budget", "budget", "budget", "budgt"),
        mostly(fc.integer({ min: 0, max: 2000 })),
        { maxKeys: 2 },
      ),
    );
    const entry = fc.oneof(
      { arbitrary: severity, weight: 4 },
      { arbitrary: fc.tuple(severity), weight: 2 },
      { arbitrary: fc.tuple(severity, options), weight: 4 },
      { arbitrary: fc.tuple(severity, options, options), weight: 1 },
      { arbitrary: fc.constant([]), weight: 1 },
    );
    const rules = mostly(
      fc.dictionary(
        fc.constantFrom(...RULE_IDS, "focus-budget", "focus-budget", "focus-budget"),
        entry,
        { maxKeys: 3 },
      ),
    );
    const name = mostly(
      fc.oneof(
        { arbitrary: fc.string({ minLength: 1 }), weight: 10 },
        { arbitrary: fc.constant(" "), weight: 1 },
      ),
    );
    const names = mostly(fc.array(name, { maxLength: 2 }));
    const settings = {
      target: mostly(fc.constantFrom("kling-o3", "veo-3.1", "kling")),
      budget: mostly(fc.integer({ min: -1, max: 3000 })),
      focusBudget: mostly(fc.integer({ min: -1, max: 3000 })),
      brands: names,
      rules,
    };
    const override = mostly(
      fc.record({ files: fc.oneof(name, names), ...settings }, { requiredKeys: [] }),
    );
    const config = mostly(
      fc.record(
        {
          $schema: name,
          extends: fc.oneof(name, names),
          ...settings,
          overrides: mostly(fc.array(override, { maxLength: 2 })),
          budgt: fc.oneof(
            { arbitrary: fc.constant(undefined), weight: 20 },
            { arbitrary: value, weight: 1 },
          ),
        },
        { requiredKeys: [] },
      ),
    );
    // JSON has no undefined: what reaches either judge is what JSON.parse gives.
    const json = config.map((raw) => JSON.parse(JSON.stringify(raw) ?? "null") as unknown);
    let accepted = 0;
    fc.assert(
      fc.property(json, (raw) => {
        const verdict = validatorAccepts(raw);
        if (verdict) accepted++;
        expect(schemaAccepts(raw), JSON.stringify(raw)).toBe(verdict);
      }),
      { numRuns: 2000 },
    );
    // Both verdicts must be common, or the property would say little.
    expect(accepted).toBeGreaterThan(100);
    expect(accepted).toBeLessThan(1900);
  });
});
