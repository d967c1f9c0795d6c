/** `klingc explain`: the budget picture in plain characters (no colour off a terminal) and as JSON. */
import { join } from "node:path";
import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { renderExplain } from "../src/cli/explain.js";
import { explain } from "../src/explain/explain.js";
import { folderWith, runIn } from "./support/tools-io.js";

// 25 + 1 + 29 + 1 + 44 = 100: the budget holds tiers 1 to 3 exactly, and the avoid clause is left out.
const DOC = [
  'image "https://cdn.example.com/a.png"',
  "budget 100",
  'action "Maya waves at the camera."',
  'camera "Slow push in toward her face."',
  'realism "Shot on film with soft grain and warm tones."',
  "avoid blur",
  "",
].join("\n");

describe("klingc explain", () => {
  it("draws the budget split by tier, kept against dropped, then each dropped unit (checked by hand)", () => {
    const dir = folderWith({ "doc.kp": DOC });
    const ran = runIn("explain", [join(dir, "doc.kp")]);
    expect(ran.code).toBe(0);
    expect(ran.out).toBe(
      [
        "scene doc  100/100",
        `  kept     ${"1".repeat(10)}${"2".repeat(12)}${"3".repeat(18)}  tier 1 25 · tier 2 30 · tier 3 45`,
        `  dropped  33${" ".repeat(38)}  tier 1 0 · tier 2 0 · tier 3 4`,
        "    avoid  tier 3      4 chars  blur",
        "",
      ].join("\n"),
    );
    expect(ran.err).toContain("dropped-content");
  });

  it("gives the same data with --format json", () => {
    const dir = folderWith({ "doc.kp": DOC });
    const ran = runIn("explain", ["--format", "json", join(dir, "doc.kp")]);
    const json = JSON.parse(ran.out) as { scenes: unknown[] };
    expect(json.scenes).toEqual(
      explain(DOC, { filename: join(dir, "doc.kp") }).scenes.map((s) => ({
        file: join(dir, "doc.kp"),
        ...s,
      })),
    );
  });

  it("colours the cells by tier on a terminal", () => {
    const chalk = new Chalk({ level: 1 });
    const text = renderExplain(explain(DOC, { filename: "doc.kp" }), chalk, true);
    expect(text).toContain(
      chalk.green("█".repeat(10)) + chalk.cyan("█".repeat(12)) + chalk.magenta("█".repeat(18)),
    );
    expect(text).toContain(chalk.magenta("▒▒"));
  });

  it("takes --budget and --target, and answers a bad value with exit 2", () => {
    const dir = folderWith({ "doc.kp": DOC.replace("budget 100\n", "") });
    expect(runIn("explain", ["--budget", "60", join(dir, "doc.kp")]).out.split("\n")[0]).toBe(
      "scene doc  55/60",
    );
    expect(runIn("explain", ["--budget", "0", join(dir, "doc.kp")]).code).toBe(2);
    expect(runIn("explain", ["--format", "xml", join(dir, "doc.kp")]).err).toBe(
      "klingc: --format takes text or json, not 'xml'\nRun 'klingc --help' for usage.\n",
    );
  });
});
