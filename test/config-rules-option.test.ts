/**
 * QA: the library's `config.rules` takes the config file's shapes ("off",
 * "warn", ["warn", { …options }]) as well as the resolved { severity, options },
 * and an id that names no rule is reported as an unknown rule, with the
 * closest rule id when it looks like a typo.
 */
import { describe, expect, it } from "vitest";
import { compile, lint, type Diagnostic } from "../src/index.js";

// A character with no limb guidance (limb-guidance warns) and a long description.
const SOURCE =
  'image "https://x.test/a.png"\ncharacter maya "A woman in a red coat."\naction "Maya waves at the camera."\n';

const options = (ds: readonly Diagnostic[]) =>
  ds.filter((d) => d.ruleId === "invalid-option").map((d) => d.message);
const limb = (ds: readonly Diagnostic[]) => ds.filter((d) => d.ruleId === "limb-guidance");
const lintWith = (rules: Record<string, unknown>) =>
  lint(SOURCE, { config: { rules: rules as never } });

describe("config.rules in the config file's shape", () => {
  it("the rule warns by default (so the cases below can tell a setting took effect)", () => {
    expect(limb(lint(SOURCE)).map((d) => d.severity)).toEqual(["warning"]);
  });

  it('"off" turns a rule off, as in a config file', () => {
    const ds = lintWith({ "limb-guidance": "off" });
    expect(options(ds)).toEqual([]);
    expect(limb(ds)).toEqual([]);
  });

  it('"error", "info" and "warn" set the severity; "warn" becomes "warning"', () => {
    for (const [written, severity] of [
      ["error", "error"],
      ["info", "info"],
      ["warn", "warning"],
      ["warning", "warning"],
    ] as const) {
      const ds = lintWith({ "limb-guidance": written });
      expect(options(ds)).toEqual([]);
      expect(limb(ds).map((d) => d.severity)).toEqual([severity]);
    }
  });

  it("[severity] and [severity, options] work as in a config file", () => {
    expect(limb(lintWith({ "limb-guidance": ["error"] })).map((d) => d.severity)).toEqual([
      "error",
    ]);
    expect(limb(lintWith({ "limb-guidance": ["off"] }))).toEqual([]);
    const long = `image "https://x.test/a.png"\naction "${"Maya walks slowly across the wide empty square. ".repeat(6)}"\n`;
    const focus = (rules: Record<string, unknown>) =>
      lint(long, { config: { rules: rules as never } }).filter((d) => d.ruleId === "focus-budget");
    expect(focus({})).toEqual([]);
    const ds = lint(long, {
      config: { rules: { "focus-budget": ["warn", { budget: 100 }] } as never },
    });
    expect(options(ds)).toEqual([]);
    expect(ds.filter((d) => d.ruleId === "focus-budget").map((d) => d.severity)).toEqual([
      "warning",
    ]);
  });

  it("the resolved { severity, options } form still works", () => {
    expect(limb(lintWith({ "limb-guidance": { severity: "off" } }))).toEqual([]);
    expect(
      limb(lintWith({ "limb-guidance": { severity: "warn" } })).map((d) => d.severity),
    ).toEqual(["warning"]);
  });

  it("compile reads the file form for the packing ids", () => {
    const long = `image "https://x.test/a.png"\naction "${"Maya walks. ".repeat(300)}"\n`;
    const over = (rules: Record<string, unknown>) =>
      compile(long, { config: { rules: rules as never } }).diagnostics.filter(
        (d) => d.ruleId === "over-budget",
      );
    expect(over({}).length).toBeGreaterThan(0);
    expect(over({ "over-budget": "off" })).toEqual([]);
    expect(
      options(compile(long, { config: { rules: { "over-budget": "off" } as never } }).diagnostics),
    ).toEqual([]);
  });

  it("a bad shape is still reported, and the rule keeps its default", () => {
    for (const [value, message] of [
      [
        "loud",
        "option config.rules['limb-guidance'] must be one of off, warn, error, info, warning, not 'loud'; it is ignored",
      ],
      [
        ["warn", "x"],
        "option config.rules['limb-guidance'][1] must be an object, not 'x'; it is ignored",
      ],
      [
        [],
        "option config.rules['limb-guidance'] must be a severity (off, warn, error, info, warning), [severity, options?] or { severity, options? }, not an array; it is ignored",
      ],
    ] as const) {
      const ds = lintWith({ "limb-guidance": value });
      expect(options(ds)).toEqual([message]);
      expect(limb(ds).length).toBe(1);
    }
  });
});

describe("an id that names no rule", () => {
  it("is an unknown rule, not a shape problem", () => {
    expect(options(lintWith({ nope: "warn" }))).toEqual([
      "option config.rules['nope'] is an unknown rule; it is ignored",
    ]);
    expect(options(lintWith({ nope: "bogus" }))).toEqual([
      "option config.rules['nope'] is an unknown rule; it is ignored",
    ]);
  });

  it("suggests the closest rule id", () => {
    expect(options(lintWith({ "limb-guidanc": "off" }))).toEqual([
      "option config.rules['limb-guidanc'] is an unknown rule (did you mean 'limb-guidance'?); it is ignored",
    ]);
  });

  it("a custom rule's id is known", () => {
    const rule = {
      meta: { id: "my-rule", severity: "warning" as const, description: "x" },
      check: () => undefined,
    };
    expect(
      options(
        lint(SOURCE, { rules: [rule as never], config: { rules: { "my-rule": "off" } as never } }),
      ),
    ).toEqual([]);
  });
});
