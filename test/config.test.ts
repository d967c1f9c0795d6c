import { Ajv } from "ajv";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  CONFIG_KEYS,
  CONFIG_SEVERITY_NAMES,
  CONFIG_TARGETS,
  ConfigError,
  OVERRIDE_KEYS,
  configForFile,
  emptyConfig,
  mergeConfigs,
  parseConfigJson,
  parseConfigText,
  parseRuleFlag,
  validateConfig,
  type LoadedConfig,
} from "../src/config/config.js";
import {
  createConfigCache,
  findConfigFile,
  loadConfig,
  resolveConfigFor,
} from "../src/node/config-files.js";
import { RULE_IDS as SHIPPED_RULE_IDS } from "../src/lint/engine.js";

/** The shipped rules' ids: the schema must list exactly these. */
const RULE_IDS = SHIPPED_RULE_IDS;

const FIXTURES = fileURLToPath(new URL("./config-fixtures/", import.meta.url));
const SCHEMA_FILE = fileURLToPath(new URL("../klingc.schema.json", import.meta.url));
const fixture = (...parts: string[]): string => join(FIXTURES, ...parts);

/** Runs `fn`, expecting a ConfigError, and returns it. */
function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

function loadFixture(...parts: string[]): LoadedConfig {
  return loadConfig(fixture(...parts), RULE_IDS);
}

describe("finding the config file", () => {
  it("uses the config in the linted file's directory", () => {
    const { config, configFile } = resolveConfigFor(fixture("nested", "sub", "scene.kp"), RULE_IDS);
    expect(configFile).toBe(fixture("nested", "sub", ".klingcrc.json"));
    expect(config.target).toBe("sora-2");
  });

  it("walks up to the nearest directory with a config", () => {
    expect(findConfigFile(fixture("nested", "scenes"))).toBe(
      fixture("nested", "klingc.config.json"),
    );
    expect(findConfigFile(fixture("nested", "sub", "deeper"))).toBe(
      fixture("nested", "sub", ".klingcrc.json"),
    );
  });

  it("does not cascade: settings of a config further up are not inherited", () => {
    const { config } = resolveConfigFor(fixture("nested", "sub", "deeper", "closing.kp"), RULE_IDS);
    expect(config).toEqual({ target: "sora-2", brands: [], rules: {} });
    const outer = resolveConfigFor(fixture("nested", "scenes", "opening.kp"), RULE_IDS).config;
    expect(outer).toEqual({
      target: "kling-o3",
      budget: 2000,
      brands: ["GlowLab"],
      rules: { "limb-guidance": { severity: "off", options: {} } },
    });
  });

  it("prefers klingc.config.json over .klingcrc.json in the same directory", () => {
    const { config, configFile } = resolveConfigFor(fixture("both-names", "a.kp"), RULE_IDS);
    expect(configFile).toBe(fixture("both-names", "klingc.config.json"));
    expect(config.target).toBe("kling-v3");
  });

  it("finds .klingcrc.json on its own", () => {
    const { config, configFile } = resolveConfigFor(
      fixture("rc-only", "scenes", "shot.kp"),
      RULE_IDS,
    );
    expect(configFile).toBe(fixture("rc-only", ".klingcrc.json"));
    expect(config).toMatchObject({ target: "veo-3.1", focusBudget: 800 });
  });

  it("returns no config when there is none up to the root", () => {
    const dir = mkdtempSync(join(tmpdir(), "klingc-config-"));
    try {
      expect(resolveConfigFor(join(dir, "a.kp"), RULE_IDS)).toEqual({
        config: emptyConfig(),
        configFile: null,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("gives the same answers when a cache is shared between files", () => {
    const cache = createConfigCache();
    const first = resolveConfigFor(fixture("nested", "sub", "deeper", "a.kp"), RULE_IDS, cache);
    const second = resolveConfigFor(fixture("nested", "scenes", "b.kp"), RULE_IDS, cache);
    expect(first.config.target).toBe("sora-2");
    expect(second.config.target).toBe("kling-o3");
    expect(resolveConfigFor(fixture("nested", "sub", "c.kp"), RULE_IDS, cache).config.target).toBe(
      "sora-2",
    );
  });
});

describe("extends", () => {
  it("merges a base named by a relative path; the extending file wins", () => {
    const config = configForFile(
      loadFixture("extends", "project", "klingc.config.json"),
      fixture("extends", "project", "a.kp"),
    );
    expect(config.budget).toBe(2000);
    // Brands concatenate; "GLOWLAB" repeats "GlowLab" in another case and the first spelling stays.
    expect(config.brands).toEqual(["GlowLab", "Acme", "Nova"]);
    expect(config.rules).toEqual({
      // A severity alone keeps the base's options.
      "focus-budget": { severity: "error", options: { budget: 1200 } },
      "brand-risk": { severity: "error", options: {} },
      duration: { severity: "info", options: {} },
    });
  });

  it("applies a base's overrides relative to the base's own directory", () => {
    const loaded = loadFixture("extends", "project", "klingc.config.json");
    expect(
      configForFile(loaded, fixture("extends", "project", "legacy", "old.kp")).rules[
        "no-cfg-scale"
      ],
    ).toEqual({
      severity: "off",
      options: {},
    });
    expect(
      configForFile(loaded, fixture("extends", "project", "new.kp")).rules["no-cfg-scale"],
    ).toBeUndefined();
  });

  it("follows a chain of two, and a later options array replaces earlier options", () => {
    const config = configForFile(
      loadFixture("extends", "chain", "klingc.config.json"),
      fixture("extends", "chain", "a.kp"),
    );
    expect(config).toEqual({
      target: "veo-3.1",
      budget: 1000,
      focusBudget: 1500,
      brands: ["GlowLab", "Acme", "Zeta"],
      rules: {
        "focus-budget": { severity: "warning", options: { budget: 900 } },
        "brand-risk": { severity: "warning", options: {} },
        duration: { severity: "info", options: {} },
      },
    });
  });

  it("reports a cycle at the extends that closes it", () => {
    const error = configError(() => loadFixture("extends", "cycle", "klingc.config.json"));
    expect(error.file).toBe(fixture("extends", "cycle", "b.json"));
    expect(error.key).toBe("extends");
    expect(error.expected).toBe("no cycle of extends");
    expect(error.message).toContain(
      `${fixture("extends", "cycle", "a.json")} -> ${fixture("extends", "cycle", "b.json")} -> ${fixture("extends", "cycle", "a.json")}`,
    );
    expect(error.line).toBe(3);
  });

  it("reports a missing base at its entry in the extends list", () => {
    const error = configError(() => loadFixture("extends", "missing", "klingc.config.json"));
    expect(error.file).toBe(fixture("extends", "missing", "klingc.config.json"));
    expect(error.key).toBe("extends[1]");
    expect(error.expected).toBe("a path to a readable config file");
    expect(error.message).toContain('"./nope.json" (ENOENT');
    expect([error.line, error.column]).toEqual([4, 5]);
  });
});

describe("overrides", () => {
  const loaded = (): LoadedConfig => loadFixture("overrides", "klingc.config.json");
  const forPath = (...parts: string[]) => configForFile(loaded(), fixture("overrides", ...parts));

  it("leaves files no glob matches alone", () => {
    expect(forPath("main.kp")).toEqual({
      target: "kling-o3",
      budget: 2000,
      brands: [],
      rules: { "no-cfg-scale": { severity: "error", options: {} } },
    });
  });

  it("applies an override whose glob matches the path relative to the config's directory", () => {
    const config = forPath("legacy", "deep", "scene.kp");
    expect(config.target).toBe("kling-v3");
    expect(config.rules["no-cfg-scale"]?.severity).toBe("off");
  });

  it("lets a later matching override win", () => {
    expect(forPath("legacy", "old", "scene.kp").target).toBe("sora-2");
  });

  it("matches a glob without a slash against the file name at any depth", () => {
    const config = forPath("legacy", "take.draft.kp");
    expect(config).toMatchObject({ target: "kling-v3", budget: 500, brands: ["DraftCo"] });
    expect(forPath("shots", "take.draft.kp").budget).toBe(500);
  });

  it("does not match a glob against files outside the config's directory", () => {
    expect(configForFile(loaded(), fixture("legacy", "scene.kp")).target).toBe("kling-o3");
  });
});

describe("bad config files", () => {
  it("reports invalid JSON with the line and column of the syntax error", () => {
    const error = configError(() => loadFixture("bad", "invalid-json.json"));
    expect(error.file).toBe(fixture("bad", "invalid-json.json"));
    expect(error.key).toBe("");
    expect(error.expected).toBe("valid JSON");
    expect([error.line, error.column]).toEqual([4, 1]);
    expect(error.message).toBe(
      `${fixture("bad", "invalid-json.json")}:4:1: invalid JSON: trailing commas are not allowed in JSON`,
    );
  });

  it("reports a value of the wrong type", () => {
    const error = configError(() => loadFixture("bad", "wrong-type.json"));
    expect(error).toMatchObject({
      file: fixture("bad", "wrong-type.json"),
      key: "budget",
      expected: "a positive integer",
      line: 2,
    });
    expect(error.message).toBe(
      `${fixture("bad", "wrong-type.json")}:2:3: budget: expected a positive integer, got "2000"`,
    );
  });

  it("rejects an unknown top-level key and suggests the closest one", () => {
    const error = configError(() => loadFixture("bad", "unknown-key.json"));
    expect(error).toMatchObject({ key: "budgt", suggestion: "budget", line: 3, column: 3 });
    expect(error.expected).toContain('"focusBudget"');
    expect(error.message).toContain('got unknown key "budgt" (did you mean "budget"?)');
  });

  it("rejects an unknown rule id and suggests the closest one", () => {
    const error = configError(() => loadFixture("bad", "unknown-rule.json"));
    expect(error).toMatchObject({
      key: "rules.limb-guidence",
      expected: "a known rule id",
      suggestion: "limb-guidance",
    });
    expect(error.message).toContain(
      'got unknown rule "limb-guidence" (did you mean "limb-guidance"?)',
    );
  });

  it("rejects a bad severity, naming the accepted ones", () => {
    const file = fixture("bad", "bad-severity.json");
    const error = configError(() => loadConfig(file, RULE_IDS));
    expect(error).toMatchObject({
      file,
      key: "rules.limb-guidance",
      expected: '"off", "warn", "error" or "info"',
    });
    expect(error.message).toBe(
      `${file}:4:5: rules.limb-guidance: expected "off", "warn", "error" or "info", got "loud"`,
    );
  });

  it("requires files in an override", () => {
    const error = configError(() => loadFixture("bad", "override-without-files.json"));
    // The key is missing, so the error points at the override that lacks it.
    expect(error).toMatchObject({
      key: "overrides[0].files",
      expected: "a glob or a non-empty list of globs",
      line: 3,
      column: 5,
    });
  });

  it("requires rule options to be an object", () => {
    const error = configError(() => loadFixture("bad", "bad-options.json"));
    expect(error).toMatchObject({
      key: "rules.focus-budget[1]",
      expected: "an object of rule options",
    });
    expect(error.message).toContain("got 1200");
  });

  it("surfaces errors of a config found by walking up, with a did-you-mean for targets", () => {
    const error = configError(() =>
      resolveConfigFor(fixture("bad", "found", "scene.kp"), RULE_IDS),
    );
    expect(error).toMatchObject({
      file: fixture("bad", "found", "klingc.config.json"),
      key: "target",
      suggestion: "kling-o3",
    });
    expect(error.message).toContain('got "kling-03" (did you mean "kling-o3"?)');
  });
});

describe("validateConfig", () => {
  const validate = (raw: unknown) => validateConfig(raw, "klingc.config.json", RULE_IDS);

  it("normalises the file: warn becomes warning, single paths and globs become lists", () => {
    expect(
      validate({
        extends: "../base.json",
        rules: {
          "brand-risk": "warn",
          "focus-budget": ["error", { budget: 1200 }],
          duration: ["off"],
        },
        overrides: [{ files: "*.kp", budget: 10 }],
      }),
    ).toEqual({
      extends: ["../base.json"],
      rules: {
        "brand-risk": { severity: "warning" },
        "focus-budget": { severity: "error", options: { budget: 1200 } },
        duration: { severity: "off" },
      },
      overrides: [{ files: ["*.kp"], budget: 10 }],
    });
  });

  it("formats the message as file: key: expected ..., got ...", () => {
    const error = configError(() => validate({ rules: { "limb-guidance": "loud" } }));
    expect(error.message).toBe(
      'klingc.config.json: rules.limb-guidance: expected "off", "warn", "error" or "info", got "loud"',
    );
  });

  it.each([
    [{ budget: 0 }, "budget", "a positive integer"],
    [{ focusBudget: 1.5 }, "focusBudget", "a positive integer"],
    [{ brands: "GlowLab" }, "brands", "a list of brand names"],
    [{ brands: ["GlowLab", 3] }, "brands[1]", "a non-empty string"],
    [{ extends: [] }, "extends", "a path or a non-empty list of paths"],
    [{ target: 3 }, "target", '"kling-o3", "kling-v3", "sora-2" or "veo-3.1"'],
    [{ rules: [] }, "rules", "an object"],
    [
      { rules: { duration: ["warn", {}, {}] } },
      "rules.duration",
      '"off", "warn", "error" or "info", or [severity, options]',
    ],
    [{ rules: { duration: ["loud"] } }, "rules.duration[0]", '"off", "warn", "error" or "info"'],
    [{ overrides: {} }, "overrides", "a list of overrides"],
    [{ overrides: [{ files: [] }] }, "overrides[0].files", "a glob or a non-empty list of globs"],
    [
      { overrides: [{ files: "*.kp", extends: "x" }] },
      "overrides[0].extends",
      expect.stringContaining('"files"'),
    ],
    [[], "", "an object"],
  ])("rejects %j at %s", (raw, key, expected) => {
    expect(configError(() => validate(raw))).toMatchObject({ key, expected });
  });
});

describe("mergeConfigs", () => {
  it("lets later scalars win and keeps earlier ones that are not set again", () => {
    const base = mergeConfigs(emptyConfig(), { target: "kling-o3", budget: 100, focusBudget: 50 });
    expect(mergeConfigs(base, { budget: 200 })).toEqual({
      target: "kling-o3",
      budget: 200,
      focusBudget: 50,
      brands: [],
      rules: {},
    });
  });

  it("appends brands once each, whatever their letter case, keeping the first spelling", () => {
    const base = mergeConfigs(emptyConfig(), { brands: ["GlowLab"] });
    expect(mergeConfigs(base, { brands: ["GLOWLAB", "Nova", "nova"] }).brands).toEqual([
      "GlowLab",
      "Nova",
    ]);
  });

  it("merges prices per endpoint: a later config's entry for an endpoint replaces the earlier one whole", () => {
    const base = mergeConfigs(emptyConfig(), {
      prices: {
        "fal-ai/a": { perSecond: 0.1, perSecondAudio: 0.2 },
        "fal-ai/b": { perSecond: 0.3 },
      },
    });
    expect(mergeConfigs(base, { budget: 5 }).prices).toEqual(base.prices);
    expect(
      mergeConfigs(base, { prices: { "fal-ai/a": { perSecond: 0.5, date: "2026-12" } } }).prices,
    ).toEqual({
      "fal-ai/a": { perSecond: 0.5, date: "2026-12" },
      "fal-ai/b": { perSecond: 0.3 },
    });
  });

  it("does not change its inputs", () => {
    const base = mergeConfigs(emptyConfig(), {
      brands: ["A"],
      rules: { duration: { severity: "info" } },
    });
    mergeConfigs(base, { brands: ["B"], rules: { duration: { severity: "error" } } });
    expect(base).toEqual({ brands: ["A"], rules: { duration: { severity: "info", options: {} } } });
  });
});

describe("parseRuleFlag", () => {
  it("reads id:severity, mapping warn to warning", () => {
    expect(parseRuleFlag("limb-guidance:warn", RULE_IDS)).toEqual([
      "limb-guidance",
      { severity: "warning" },
    ]);
    expect(parseRuleFlag("brand-risk:off", RULE_IDS)).toEqual(["brand-risk", { severity: "off" }]);
  });

  it("keeps configured options when merged, since a flag only sets the severity", () => {
    const base = mergeConfigs(emptyConfig(), {
      rules: { "focus-budget": { severity: "warning", options: { budget: 1200 } } },
    });
    const [id, entry] = parseRuleFlag("focus-budget:error", RULE_IDS);
    expect(mergeConfigs(base, { rules: { [id]: entry } }).rules[id]).toEqual({
      severity: "error",
      options: { budget: 1200 },
    });
  });

  it("rejects a bad severity, an unknown rule and a missing colon", () => {
    expect(configError(() => parseRuleFlag("limb-guidance:loud", RULE_IDS))).toMatchObject({
      file: "--rule",
      key: "limb-guidance",
      expected: '"off", "warn", "error" or "info"',
    });
    expect(configError(() => parseRuleFlag("brand-risc:off", RULE_IDS))).toMatchObject({
      suggestion: "brand-risk",
    });
    expect(configError(() => parseRuleFlag("brand-risk", RULE_IDS)).message).toContain(
      '"rule-id:severity"',
    );
  });
});

describe("parsing config text", () => {
  it("accepts a leading byte-order mark", () => {
    expect(parseConfigText('\uFEFF{ "budget": 5 }', "c.json", RULE_IDS).budget).toBe(5);
  });

  it("rejects comments, which JSON does not allow", () => {
    const error = configError(() => parseConfigJson('{\n  // note\n  "budget": 5\n}', "c.json"));
    expect([error.line, error.column]).toEqual([2, 3]);
    expect(error.message).toBe("c.json:2:3: invalid JSON: comments are not allowed in JSON");
  });

  it("names other syntax errors by what was expected", () => {
    expect(configError(() => parseConfigJson('{ "budget" 5 }', "c.json")).message).toBe(
      "c.json:1:12: invalid JSON: expected ':'",
    );
  });

  it("reports an empty file", () => {
    expect(configError(() => parseConfigJson("", "c.json")).message).toBe(
      "c.json:1:1: invalid JSON: expected a value",
    );
  });
});

describe("schema and validator agree", () => {
  const schema = JSON.parse(readFileSync(SCHEMA_FILE, "utf8")) as {
    properties: Record<string, unknown>;
    definitions: {
      rules: { properties: Record<string, unknown> };
      override: { properties: Record<string, unknown> };
      severity: { enum: string[] };
      target: { enum: string[] };
    };
  };
  const ajv = new Ajv({ strict: true, allErrors: true });
  const schemaAccepts = ajv.compile(schema);
  const sorted = (values: Iterable<string>): string[] => [...values].sort();

  function jsonFiles(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return jsonFiles(path);
      return entry.name.endsWith(".json") ? [path] : [];
    });
  }
  const fixtures = jsonFiles(FIXTURES).map((file) => relative(FIXTURES, file).split(sep).join("/"));
  const good = fixtures.filter((file) => !file.startsWith("bad/"));
  // Invalid JSON cannot reach the schema; every other bad file must be rejected by both.
  const bad = fixtures.filter(
    (file) => file.startsWith("bad/") && file !== "bad/invalid-json.json",
  );

  it("finds the fixtures", () => {
    expect(good.length).toBeGreaterThanOrEqual(12);
    expect(bad.length).toBeGreaterThanOrEqual(7);
  });

  it.each(good)("both accept %s", (file) => {
    const raw = parseConfigJson(readFileSync(fixture(file), "utf8"), file);
    expect(schemaAccepts(raw), ajv.errorsText(schemaAccepts.errors)).toBe(true);
    expect(() => validateConfig(raw, file, RULE_IDS)).not.toThrow();
  });

  it.each(bad)("both reject %s", (file) => {
    const raw = parseConfigJson(readFileSync(fixture(file), "utf8"), file);
    expect(schemaAccepts(raw)).toBe(false);
    expect(() => validateConfig(raw, file, RULE_IDS)).toThrow(ConfigError);
  });

  it("document the same top-level keys, override keys, severities and targets", () => {
    expect(sorted(Object.keys(schema.properties))).toEqual(sorted(CONFIG_KEYS));
    expect(sorted(Object.keys(schema.definitions.override.properties))).toEqual(
      sorted(OVERRIDE_KEYS),
    );
    expect(schema.definitions.severity.enum).toEqual([...CONFIG_SEVERITY_NAMES]);
    expect(schema.definitions.target.enum).toEqual([...CONFIG_TARGETS]);
  });

  it("list the same rule ids", () => {
    expect(sorted(Object.keys(schema.definitions.rules.properties))).toEqual(sorted(RULE_IDS));
  });

  const samples: Record<string, unknown> = {
    $schema: "./klingc.schema.json",
    extends: ["./base.json"],
    target: "sora-2",
    budget: 10,
    focusBudget: 5,
    brands: ["GlowLab"],
    rules: Object.fromEntries(RULE_IDS.map((id) => [id, ["warn", {}]])),
    overrides: [
      {
        files: ["**/*.kp"],
        target: "veo-3.1",
        budget: 1,
        focusBudget: 1,
        brands: ["X"],
        rules: { duration: "off" },
      },
    ],
  };

  it.each(Object.keys(samples))("both accept the key %s", (key) => {
    const raw = { [key]: samples[key] };
    expect(schemaAccepts(raw), ajv.errorsText(schemaAccepts.errors)).toBe(true);
    expect(() => validateConfig(raw, "c.json", RULE_IDS)).not.toThrow();
  });

  it.each([
    ["an unknown key", { budgt: 1 }],
    ["an unknown rule", { rules: { "no-such-rule": "off" } }],
    ["a severity spelt as the diagnostics do", { rules: { duration: "warning" } }],
    ["a zero budget", { budget: 0 }],
    ["a blank brand", { brands: [" "] }],
    [
      "an override key that only the top level has",
      { overrides: [{ files: "*.kp", overrides: [] }] },
    ],
    ["three items in a rule entry", { rules: { duration: ["warn", {}, {}] } }],
  ])("both reject %s", (_, raw) => {
    expect(schemaAccepts(raw)).toBe(false);
    expect(() => validateConfig(raw, "c.json", RULE_IDS)).toThrow(ConfigError);
  });
});

describe("rule options are checked against the rules' schemas", () => {
  const options = {
    "focus-budget": {
      type: "object",
      properties: { budget: { type: "integer", minimum: 1 } },
      additionalProperties: false,
    },
  } as const;
  const check = (rules: unknown) => () =>
    validateConfig({ rules }, "klingc.config.json", RULE_IDS, options);

  it("accepts options that fit", () => {
    expect(
      validateConfig(
        { rules: { "focus-budget": ["warn", { budget: 1200 }] } },
        "klingc.config.json",
        RULE_IDS,
        options,
      ).rules,
    ).toEqual({
      "focus-budget": { severity: "warning", options: { budget: 1200 } },
    });
  });

  it("rejects a value of the wrong type or below the minimum, naming the key", () => {
    const wrongType = configError(check({ "focus-budget": ["warn", { budget: "x" }] }));
    expect(wrongType.key).toBe("rules.focus-budget[1].budget");
    expect(wrongType.message).toContain('expected a whole number of at least 1, got "x"');
    expect(configError(check({ "focus-budget": ["warn", { budget: 0 }] })).message).toContain(
      "got 0",
    );
  });

  it("rejects an unknown option with a did-you-mean", () => {
    const error = configError(check({ "focus-budget": ["warn", { budgt: 1200 }] }));
    expect(error.key).toBe("rules.focus-budget[1].budgt");
    expect(error.message).toContain('(did you mean "budget"?)');
  });

  it("the shipped rules' schemas reach the CLI's config loading", async () => {
    const { RULE_OPTIONS } = await import("../src/lint/engine.js");
    expect(() =>
      validateConfig(
        { rules: { "focus-budget": ["warn", { budget: -5 }] } },
        "k.json",
        RULE_IDS,
        RULE_OPTIONS,
      ),
    ).toThrow(/at least 1/);
  });
});
