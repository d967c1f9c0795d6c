/**
 * The command line as a user meets it, through `run(argv, io)` with captured
 * output: the main job (prompts, budget lines, --json, --target, --budget),
 * `klingc lint` (paths, --fix, --fix-dry-run, --rule, --max-warnings, --quiet,
 * --report-unused-disable-directives), configs found by walking up, and exit
 * codes. Every file the tests write lives in a temporary directory under
 * os.tmpdir(); nothing in the repository is touched.
 */
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, sep } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli, type CliResult } from "./support/cli.js";

// ---------------------------------------------------------------------------
// Helpers

const lines = (text: string): string[] => text.split("\n").filter((l) => l !== "");

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A fresh directory under os.tmpdir() holding `files` (path → text). */
function tree(files: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "klingc-cli-"));
  made.push(dir);
  for (const [path, text] of Object.entries(files)) {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
  return dir;
}

/** All files below `dir`, as sorted relative paths with `/`. */
function listing(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => statSync(join(dir, f)).isFile())
    .map((f) => f.split(sep).join("/"))
    .sort();
}

/** A path relative to the working directory, as a user types it (globs must be written this way). */
const rel = (path: string): string => relative(process.cwd(), path).split(sep).join("/");

/** Expect a usage-style failure: exit 2, one `klingc: …` line naming the problem, no stack trace, nothing on stdout. */
function expectUsageError(result: CliResult, message: string | RegExp): void {
  expect(result.code, result.err).toBe(2);
  expect(result.out).toBe("");
  const first = result.err.split("\n")[0] ?? "";
  expect(first.startsWith("klingc: ")).toBe(true);
  if (typeof message === "string") expect(first).toContain(message);
  else expect(first).toMatch(message);
  expect(result.err).not.toContain("    at ");
  expect(result.err).not.toMatch(/internal error/);
}

const IMAGE = 'image "https://cdn.example.com/a.png"';
const LIMBS = "Exactly two arms, two hands, five fingers on each hand.";
/** A clean implicit scene: no diagnostics at all. */
const CLEAN = `${IMAGE}\ncharacter maya "Maya, late twenties. ${LIMBS}"\naction "Maya waves at the lens."\n`;
/** One warning (limb-guidance, fixable) and one info (sentence-end, fixable). */
const FIXABLE = `${IMAGE}\ncharacter maya "Maya, late twenties."\naction "Maya waves at the lens"\n`;
const FIXED = `${IMAGE}\ncharacter maya "Maya, late twenties. ${LIMBS}"\naction "Maya waves at the lens."\n`;
/** An error: no image. */
const NO_IMAGE = 'action "Maya waves at the lens."\n';

// ---------------------------------------------------------------------------
// The main job

describe("klingc FILE (the main job)", () => {
  it("prints a single scene's prompt with no header, and its budget line on stderr", () => {
    const dir = tree({ "kitchen.kp": CLEAN });
    const result = cli(join(dir, "kitchen.kp"));
    expect(result.code).toBe(0);
    const prompt = `Maya, late twenties. ${LIMBS} Maya waves at the lens.`;
    expect(result.out).toBe(`${prompt}\n`);
    expect(result.err).toBe(`kitchen  ${[...prompt].length}/2,500 ░░░░░░░░\n`);
  });

  it("puts a '# scene NAME' header before each prompt only when there is more than one scene", () => {
    const source = `scene hook {\n  ${IMAGE}\n  action "Maya waves."\n}\nscene cta {\n  ${IMAGE}\n  action "Maya points down."\n}\n`;
    const dir = tree({
      "two.kp": source,
      "one.kp": `scene only {\n  ${IMAGE}\n  action "Maya waves."\n}\n`,
    });
    expect(cli(join(dir, "two.kp")).out).toBe(
      "# scene hook\nMaya waves.\n# scene cta\nMaya points down.\n",
    );
    expect(cli(join(dir, "one.kp")).out).toBe("Maya waves.\n");
    // Two files of one scene each are two scenes on stdout.
    expect(cli(join(dir, "one.kp"), join(dir, "two.kp")).out).toBe(
      "# scene only\nMaya waves.\n# scene hook\nMaya waves.\n# scene cta\nMaya points down.\n",
    );
  });

  it("prints a multi-shot scene shot by shot, with each shot's name and duration", () => {
    const source = `scene demo {\n  ${IMAGE}\n  character maya "Maya. ${LIMBS}"\n  shot open { duration 4s; action "Maya lifts the bottle." }\n  shot { duration 6s; action "Maya smiles." }\n}\n`;
    const result = cli(join(tree({ "demo.kp": source }), "demo.kp"));
    expect(result.code).toBe(0);
    expect(result.out).toBe(
      `# scene demo, shot open (4s)\nMaya. ${LIMBS} Maya lifts the bottle.\n# scene demo, shot 2 (6s)\nMaya. ${LIMBS} Maya smiles.\n`,
    );
  });

  it("writes the budget line as 'name  chars/budget bar  dropped: …' with grouped thousands, names aligned", () => {
    // 1,437 characters of tier 1, a 64-character continuity sentence that no longer fits a 1,500 budget.
    const action = `${"a".repeat(1436)}.`;
    const continuity = `${"c".repeat(63)}.`;
    const source =
      `scene demo {\n  ${IMAGE}\n  budget 1500\n  action "${action}"\n  continuity "${continuity}"\n}\n` +
      `scene cta {\n  ${IMAGE}\n  audio off\n  action "Maya points down."\n  avoid blur, "${"x".repeat(2500)}", "${"y".repeat(2500)}"\n}\n`;
    const result = cli(join(tree({ "ad.kp": source }), "ad.kp"));
    expect(result.code).toBe(0);
    const [demo, cta] = lines(result.err);
    expect(demo).toBe("demo  1,437/1,500 ▓▓▓▓▓▓▓▓  dropped: continuity (1 sentence, 64 chars)");
    expect(cta).toBe("cta   30/2,500 ░░░░░░░░  dropped: avoid (2 terms, 5,000 chars)");
  });

  it("draws the bar in eighths of the budget", () => {
    const dir = tree({
      "half.kp": `${IMAGE}\nbudget 100\naudio off\naction "${"a".repeat(49)}."\n`,
    });
    expect(lines(cli(join(dir, "half.kp")).err)).toEqual(["half  50/100 ▓▓▓▓░░░░"]);
  });

  it("prints diagnostics as file:line:col  severity  message  rule-id after the budget lines", () => {
    const dir = tree({ "s.kp": `${IMAGE}\naction "Maya waves at the lens"\n` });
    const file = join(dir, "s.kp");
    const result = cli(file);
    expect(result.code).toBe(0);
    const [budget, diagnostic] = lines(result.err);
    expect(budget).toMatch(/^s {2}23\/2,500 /);
    expect(diagnostic).toBe(
      `${file}:2:8  info  action text does not end with terminal punctuation; prompts are packed and cut by sentence, so end it with a period  sentence-end`,
    );
  });

  describe("--json", () => {
    it("prints { scenes: [{ name, target, prompt, chars, budget, dropped, request }], diagnostics } and nothing on stderr", () => {
      const dir = tree({ "s.kp": `${IMAGE}\nduration 10s\naction "Maya waves at the lens"\n` });
      const file = join(dir, "s.kp");
      const result = cli("--json", file);
      expect(result.code).toBe(0);
      expect(result.err).toBe("");
      const json = JSON.parse(result.out) as {
        scenes: Record<string, unknown>[];
        diagnostics: Record<string, unknown>[];
      };
      expect(Object.keys(json).sort()).toEqual(["diagnostics", "scenes"]);
      expect(json.scenes).toEqual([
        {
          file,
          name: "s",
          target: "kling-o3",
          prompt: "Maya waves at the lens.",
          chars: 23,
          budget: 2500,
          dropped: [],
          request: {
            endpoint: "fal-ai/kling-video/o3/standard/image-to-video",
            input: {
              prompt: "Maya waves at the lens.",
              image_url: "https://cdn.example.com/a.png",
              duration: "10",
              generate_audio: false,
            },
          },
        },
      ]);
      expect(json.diagnostics).toHaveLength(1);
      expect(json.diagnostics[0]).toMatchObject({
        ruleId: "sentence-end",
        severity: "info",
        file,
        line: 3,
        column: 8,
        url: expect.stringContaining("sentence-end"),
      });
    });

    it("prints an error's diagnostic in the JSON and exits 1", () => {
      const result = cli("--json", join(tree({ "s.kp": NO_IMAGE }), "s.kp"));
      expect(result.code).toBe(1);
      const json = JSON.parse(result.out) as {
        scenes: { request: unknown }[];
        diagnostics: { ruleId: string; severity: string }[];
      };
      // The lint finding, and compile's word that the scene gets no request (no made-up "image_url": "").
      expect(json.diagnostics.map((d) => `${d.severity} ${d.ruleId}`)).toEqual([
        "error image-required",
        "error no-request",
      ]);
      expect(json.scenes[0]?.request).toBeNull();
    });
  });

  describe("--target and --budget", () => {
    const source = `${IMAGE}\nduration 8s\naction "Maya waves at the lens. She smiles. Then she walks away."\nrealism "Photorealistic, subtle film grain."\n`;

    it("--target sets the target of scenes that name no engine", () => {
      const json = JSON.parse(
        cli("--json", "--target", "veo-3.1", join(tree({ "s.kp": source }), "s.kp")).out,
      );
      expect(json.scenes[0].target).toBe("veo-3.1");
      expect(json.scenes[0].budget).toBe(20000);
      expect(json.scenes[0].request.endpoint).toBe("fal-ai/veo3.1/image-to-video");
      expect(json.scenes[0].request.input.duration).toBe("8s");
    });

    it("a scene's own engine wins over --target", () => {
      const json = JSON.parse(
        cli(
          "--json",
          "--target",
          "veo-3.1",
          join(tree({ "s.kp": `engine kling-o3\n${source}` }), "s.kp"),
        ).out,
      );
      expect(json.scenes[0].target).toBe("kling-o3");
      expect(json.scenes[0].request.endpoint).toBe("fal-ai/kling-video/o3/standard/image-to-video");
    });

    it("--budget packs to the given budget and reports what it cost", () => {
      const result = cli("--json", "--budget", "60", join(tree({ "s.kp": source }), "s.kp"));
      expect(result.code).toBe(0);
      const scene = JSON.parse(result.out).scenes[0];
      expect(scene.budget).toBe(60);
      expect(scene.prompt).toBe("Maya waves at the lens. She smiles. Then she walks away.");
      expect(scene.dropped).toEqual([
        { section: "realism", tier: 3, text: "Photorealistic, subtle film grain.", chars: 34 },
      ]);
    });

    it("a scene's own budget wins over --budget, and --budget never lifts the target's hard limit", () => {
      const own = JSON.parse(
        cli("--json", "--budget", "60", join(tree({ "s.kp": `budget 1000\n${source}` }), "s.kp"))
          .out,
      );
      expect(own.scenes[0].budget).toBe(1000);
      const high = JSON.parse(
        cli("--json", "--budget", "9000", join(tree({ "s.kp": source }), "s.kp")).out,
      );
      expect(high.scenes[0].budget).toBe(2500);
    });

    it("a config's target and budget apply to the main job too", () => {
      const dir = tree({
        "klingc.config.json": '{ "target": "sora-2", "budget": 40 }',
        "scenes/s.kp": source,
      });
      const scene = JSON.parse(cli("--json", join(dir, "scenes", "s.kp")).out).scenes[0];
      expect(scene.target).toBe("sora-2");
      expect(scene.budget).toBe(40);
      expect(scene.request.endpoint).toBe("POST /videos");
    });
  });

  describe("exit codes", () => {
    it("0 for a clean file and for warnings only, 1 for an error", () => {
      const dir = tree({ "clean.kp": CLEAN, "warn.kp": FIXABLE, "error.kp": NO_IMAGE });
      expect(cli(join(dir, "clean.kp")).code).toBe(0);
      const warn = cli(join(dir, "warn.kp"));
      expect(warn.code).toBe(0);
      expect(warn.err).toContain("  warning  ");
      const error = cli(join(dir, "error.kp"));
      expect(error.code).toBe(1);
      expect(error.err).toContain(`${join(dir, "error.kp")}:1:1  error  `);
      // One file with an error fails the whole run.
      expect(cli(join(dir, "clean.kp"), join(dir, "error.kp")).code).toBe(1);
    });

    it("2 for an unknown flag", () => {
      expectUsageError(cli("--bogus", join(tree({ "s.kp": CLEAN }), "s.kp")), "--bogus");
    });

    it("2 for no input files, with the usage", () => {
      const result = cli();
      expectUsageError(result, "no input files");
      expect(result.err).toContain("Usage:");
      expectUsageError(cli("lint"), "no input files");
    });

    it("2 for a bad --target or --budget", () => {
      const file = join(tree({ "s.kp": CLEAN }), "s.kp");
      expectUsageError(cli("--target", "kling-03", file), "kling-03");
      expectUsageError(cli("--budget", "abc", file), "--budget");
      expectUsageError(cli("--budget", "-5", file), /--budget|-5/);
      expectUsageError(cli("--budget", "1.5", file), "--budget");
      expectUsageError(cli("lint", "--target", "nope", file), "nope");
    });

    it("2 for a file that cannot be read: missing, or a directory", () => {
      const dir = tree({ "s.kp": CLEAN });
      expectUsageError(cli(join(dir, "missing.kp")), "missing.kp");
      expectUsageError(cli(dir), "directory");
      expectUsageError(cli("lint", join(dir, "missing.kp")), "missing.kp");
    });

    it("2 for a flag of the other command", () => {
      const file = join(tree({ "s.kp": CLEAN }), "s.kp");
      expectUsageError(cli("--fix", file), "--fix");
      expectUsageError(cli("lint", "--json", file), "--json");
    });

    it("2 for a bad config, naming the config file and the key", () => {
      const dir = tree({
        "klingc.config.json": '{ "rules": { "limb-guidence": "off" } }\n',
        "s.kp": CLEAN,
      });
      const result = cli(join(dir, "s.kp"));
      expectUsageError(result, join(dir, "klingc.config.json"));
      expect(result.err).toContain("rules.limb-guidence");
      expect(lines(result.err)).toHaveLength(1);
      expectUsageError(cli("lint", dir), "rules.limb-guidence");
    });

    it("2 for a config that is not JSON, naming the file", () => {
      const dir = tree({ ".klingcrc.json": "{ target: kling-o3 ", "s.kp": CLEAN });
      expectUsageError(cli("lint", join(dir, "s.kp")), join(dir, ".klingcrc.json"));
    });

    it("prints help and exits 0 with --help", () => {
      const result = cli("--help");
      expect(result.code).toBe(0);
      expect(result.out).toContain("klingc lint");
    });
  });
});

// ---------------------------------------------------------------------------
// klingc lint

describe("klingc lint PATH…", () => {
  /** Three files with one distinct finding each, a nested one, and things lint must not read. */
  function project(): string {
    return tree({
      "scenes/a.kp": `${IMAGE}\naction "Maya waves at the lens"\n`,
      "scenes/sub/b.kp": NO_IMAGE,
      "scenes/notes.txt": "not a scene }}}",
      "scenes/node_modules/pkg/c.kp": NO_IMAGE,
      "other/d.kp": `${IMAGE}\ncharacter maya "Maya."\naction "Maya waves."\n`,
    });
  }
  const ids = (out: string): string[] =>
    lines(out)
      .filter((l) => /:\d+:\d+ {2}/.test(l))
      .map((l) => `${l.split(":")[0]?.split(/[\\/]/).slice(-2).join("/")} ${l.split("  ").at(-1)}`);

  it("lints a directory: every .kp below it, sorted, not node_modules, not other extensions", () => {
    const dir = project();
    const result = cli("lint", join(dir, "scenes"));
    expect(result.code).toBe(1);
    expect(ids(result.out)).toEqual(["scenes/a.kp sentence-end", "sub/b.kp image-required"]);
    expect(lines(result.out).at(-1)).toBe("1 error, 0 warnings, 1 info");
    expect(result.err).toBe("");
  });

  it("lints files and directories given together, each file once", () => {
    const dir = project();
    const result = cli(
      "lint",
      join(dir, "other", "d.kp"),
      join(dir, "scenes"),
      join(dir, "scenes", "a.kp"),
    );
    expect(ids(result.out)).toEqual([
      "other/d.kp limb-guidance",
      "scenes/a.kp sentence-end",
      "sub/b.kp image-required",
    ]);
  });

  it("expands globs: ** reaches subdirectories, * does not", () => {
    const dir = project();
    expect(ids(cli("lint", `${rel(dir)}/scenes/**/*.kp`).out)).toEqual([
      "scenes/a.kp sentence-end",
      "sub/b.kp image-required",
    ]);
    expect(ids(cli("lint", `${rel(dir)}/scenes/*.kp`).out)).toEqual(["scenes/a.kp sentence-end"]);
    expect(ids(cli("lint", `${rel(dir)}/*/*.kp`).out)).toEqual([
      "other/d.kp limb-guidance",
      "scenes/a.kp sentence-end",
    ]);
  });

  it("exits 2 when a glob matches nothing", () => {
    expectUsageError(cli("lint", `${rel(project())}/nothing/**/*.kp`), "no file matches");
  });

  it("prints diagnostics as file:line:col  severity  message  rule-id, then a summary", () => {
    const dir = tree({ "s.kp": FIXABLE });
    const file = join(dir, "s.kp");
    const result = cli("lint", file);
    expect(result.code).toBe(0);
    const out = lines(result.out);
    expect(out).toHaveLength(3);
    expect(out[0]).toMatch(
      new RegExp(
        `^${escape(file)}:2:16  warning  character 'maya' has no limb guidance; .*  limb-guidance$`,
      ),
    );
    expect(out[1]).toMatch(
      new RegExp(
        `^${escape(file)}:3:8  info  action text does not end with terminal punctuation.*  sentence-end$`,
      ),
    );
    expect(out[2]).toBe("0 errors, 1 warning, 1 info");
  });

  it("prints nothing at all for a clean file", () => {
    const result = cli("lint", join(tree({ "s.kp": CLEAN }), "s.kp"));
    expect(result).toEqual({ code: 0, out: "", err: "" });
  });

  describe("--fix", () => {
    it("writes the fixed text, leaves clean files untouched and no temporary file behind", () => {
      const dir = tree({
        "fixable.kp": FIXABLE,
        "clean.kp": CLEAN,
        "sub/legacy.kp": `${IMAGE}\ncfg_scale 0.5\naction "Maya waves."\n`,
      });
      const old = new Date("2020-01-01T00:00:00Z");
      utimesSync(join(dir, "clean.kp"), old, old);
      const before = listing(dir);
      const result = cli("lint", "--fix", dir);
      expect(result.code).toBe(0);
      expect(readFileSync(join(dir, "fixable.kp"), "utf8")).toBe(FIXED);
      expect(readFileSync(join(dir, "sub", "legacy.kp"), "utf8")).toBe(
        `${IMAGE}\naction "Maya waves."\n`,
      );
      expect(readFileSync(join(dir, "clean.kp"), "utf8")).toBe(CLEAN);
      expect(statSync(join(dir, "clean.kp")).mtimeMs).toBe(old.getTime());
      expect(listing(dir)).toEqual(before);
      // One line per written file says what was fixed; what is left after fixing is reported: here nothing.
      expect(lines(result.out)).toEqual([
        `${join(dir, "fixable.kp")}: fixed 2 problems (limb-guidance ×1, sentence-end ×1)`,
        `${join(dir, "sub", "legacy.kp")}: fixed 1 problem (no-cfg-scale ×1)`,
      ]);
    });

    it("reports what it could not fix and exits 1 when an error remains", () => {
      const dir = tree({ "s.kp": `action "Maya waves at the lens"\n` });
      const result = cli("lint", "--fix", join(dir, "s.kp"));
      expect(result.code).toBe(1);
      expect(readFileSync(join(dir, "s.kp"), "utf8")).toBe(`action "Maya waves at the lens."\n`);
      expect(ids(result.out).map((l) => l.split(" ")[1])).toEqual(["image-required"]);
    });

    it("does not write a file whose only fix would break it (nothing to fix safely)", () => {
      // A file with a syntax error and nothing fixable stays byte for byte as it was.
      const source = `${IMAGE}\naction "Maya waves." }\n`;
      const dir = tree({ "s.kp": source });
      const old = new Date("2020-01-01T00:00:00Z");
      utimesSync(join(dir, "s.kp"), old, old);
      expect(cli("lint", "--fix", join(dir, "s.kp")).code).toBe(1);
      expect(readFileSync(join(dir, "s.kp"), "utf8")).toBe(source);
      expect(statSync(join(dir, "s.kp")).mtimeMs).toBe(old.getTime());
    });

    it("keeps CRLF line ends and a BOM", () => {
      const source = `\ufeff${FIXABLE.replace(/\n/g, "\r\n")}`;
      const dir = tree({ "s.kp": source });
      cli("lint", "--fix", join(dir, "s.kp"));
      expect(readFileSync(join(dir, "s.kp"), "utf8")).toBe(`\ufeff${FIXED.replace(/\n/g, "\r\n")}`);
    });
  });

  describe("--fix-dry-run", () => {
    it("prints the fixed text on stdout, diagnostics on stderr, and writes nothing", () => {
      const dir = tree({ "s.kp": `action "Maya waves at the lens"\n` });
      const file = join(dir, "s.kp");
      const old = new Date("2020-01-01T00:00:00Z");
      utimesSync(file, old, old);
      const result = cli("lint", "--fix-dry-run", file);
      expect(result.code).toBe(1);
      expect(result.out).toBe(`action "Maya waves at the lens."\n`);
      expect(lines(result.err)[0]).toMatch(
        new RegExp(`^${escape(file)}:1:1  error  .*  image-required$`),
      );
      expect(readFileSync(file, "utf8")).toBe(`action "Maya waves at the lens"\n`);
      expect(statSync(file).mtimeMs).toBe(old.getTime());
      expect(listing(dir)).toEqual(["s.kp"]);
    });

    it("prints every file under a '# FILE' header when there are several", () => {
      const dir = tree({ "a.kp": FIXABLE, "b.kp": CLEAN });
      const result = cli("lint", "--fix-dry-run", dir);
      expect(result.out).toBe(`# ${join(dir, "a.kp")}\n${FIXED}# ${join(dir, "b.kp")}\n${CLEAN}`);
      expect(readFileSync(join(dir, "a.kp"), "utf8")).toBe(FIXABLE);
    });
  });

  describe("--rule, --max-warnings, --quiet", () => {
    it("--rule id:severity raises, lowers or turns off a rule", () => {
      const file = join(tree({ "s.kp": FIXABLE }), "s.kp");
      const raised = cli("lint", "--rule", "sentence-end:error", file);
      expect(raised.code).toBe(1);
      expect(lines(raised.out).at(-1)).toBe("1 error, 1 warning, 0 info");
      const off = cli("lint", "--rule", "limb-guidance:off", "--rule", "sentence-end:off", file);
      expect(off).toEqual({ code: 0, out: "", err: "" });
      const lowered = cli("lint", "--rule", "limb-guidance:info", file);
      expect(lines(lowered.out).at(-1)).toBe("0 errors, 0 warnings, 2 info");
    });

    it("--rule wins over the config", () => {
      const dir = tree({
        "klingc.config.json": '{ "rules": { "limb-guidance": "error" } }',
        "s.kp": FIXABLE,
      });
      expect(cli("lint", join(dir, "s.kp")).code).toBe(1);
      expect(cli("lint", "--rule", "limb-guidance:warn", join(dir, "s.kp")).code).toBe(0);
    });

    it("exits 2 for a bad --rule", () => {
      const file = join(tree({ "s.kp": FIXABLE }), "s.kp");
      expectUsageError(cli("lint", "--rule", "limb-guidence:off", file), "limb-guidence");
      expectUsageError(cli("lint", "--rule", "limb-guidance:loud", file), "loud");
      expectUsageError(cli("lint", "--rule", "limb-guidance", file), "--rule");
    });

    it("--max-warnings N exits 1 when there are more than N warnings", () => {
      const dir = tree({ "a.kp": FIXABLE, "b.kp": FIXABLE });
      expect(cli("lint", "--max-warnings", "2", dir).code).toBe(0);
      const over = cli("lint", "--max-warnings", "1", dir);
      expect(over.code).toBe(1);
      expect(over.out).toContain("2 warnings, more than --max-warnings 1");
      expect(cli("lint", "--max-warnings", "0", join(tree({ "s.kp": CLEAN }), "s.kp")).code).toBe(
        0,
      );
      // Checked only after linting (see the report: with --fix the files are written first), so stdout is not asserted here.
      const bad = cli("lint", "--max-warnings", "many", dir);
      expect(bad.code).toBe(2);
      expect(bad.err).toBe(
        "klingc: --max-warnings takes a whole number, not 'many'\nRun 'klingc --help' for usage.\n",
      );
    });

    it("--quiet reports errors only", () => {
      const dir = tree({ "a.kp": FIXABLE, "b.kp": NO_IMAGE });
      const result = cli("lint", "--quiet", dir);
      expect(result.code).toBe(1);
      expect(ids(result.out)).toEqual([`${dir.split(sep).at(-1)}/b.kp image-required`]);
      expect(lines(result.out).at(-1)).toBe("1 error, 0 warnings, 0 info");
      expect(cli("lint", "--quiet", join(dir, "a.kp"))).toEqual({ code: 0, out: "", err: "" });
    });

    it("--report-unused-disable-directives reports directives that silence nothing", () => {
      const source = `${IMAGE}\n// klingc-disable-next-line limb-guidance\naction "Maya waves at the lens."\n`;
      const file = join(tree({ "s.kp": source }), "s.kp");
      expect(cli("lint", file)).toEqual({ code: 0, out: "", err: "" });
      const result = cli("lint", "--report-unused-disable-directives", file);
      expect(result.code).toBe(0);
      expect(lines(result.out)[0]).toMatch(
        new RegExp(`^${escape(file)}:2:1  warning  .*limb-guidance.*  unused-directive$`),
      );
    });

    it("reports a directive naming an unknown rule without any flag", () => {
      const file = join(
        tree({ "s.kp": `${IMAGE}\naction "Maya waves." // klingc-disable-line limb-guidence\n` }),
        "s.kp",
      );
      const result = cli("lint", file);
      expect(result.code).toBe(0);
      expect(lines(result.out)[0]).toMatch(
        new RegExp(`^${escape(file)}:2:22  warning  .*'limb-guidence'.*  unknown-rule$`),
      );
    });
  });

  describe("configs found by walking up from each file", () => {
    const scene = `${IMAGE}\ncharacter maya "Maya, late twenties."\naction "Maya holds up the glowlab bottle."\n`;

    it("applies the nearest config: its brands feed brand-risk and a rule it turns off is silent", () => {
      const dir = tree({
        "project/klingc.config.json":
          '{ "brands": ["GlowLab"], "rules": { "limb-guidance": "off" } }',
        "project/scenes/deep/s.kp": scene,
        "elsewhere/s.kp": scene,
      });
      const inside = cli("lint", join(dir, "project", "scenes", "deep", "s.kp"));
      expect(ids(inside.out)).toEqual(["deep/s.kp brand-risk"]);
      expect(inside.out).toContain(':3:27  warning  the brand name "GlowLab" in action');
      const outside = cli("lint", join(dir, "elsewhere", "s.kp"));
      expect(ids(outside.out)).toEqual(["elsewhere/s.kp limb-guidance"]);
    });

    it("uses one config per file: files under different configs get different results in one run", () => {
      const dir = tree({
        "a/.klingcrc.json": '{ "rules": { "limb-guidance": "error" } }',
        "a/s.kp": scene,
        "b/.klingcrc.json": '{ "rules": { "limb-guidance": "off" } }',
        "b/s.kp": scene,
      });
      const result = cli("lint", dir);
      expect(result.code).toBe(1);
      expect(lines(result.out).filter((l) => l.includes("limb-guidance"))).toEqual([
        expect.stringMatching(/a[\\/]s\.kp:2:16 {2}error {2}/),
      ]);
    });

    it("overrides still apply file by file when a run lints many files of one folder", () => {
      const dir = tree({
        "base.json":
          '{ "overrides": [{ "files": ["draft-*.kp"], "rules": { "limb-guidance": "off" } }] }',
        "klingc.config.json": '{ "extends": "./base.json" }',
        "a.kp": scene,
        "draft-b.kp": scene,
        "c.kp": scene,
        "sub/draft-d.kp": scene,
        "sub/e.kp": scene,
      });
      const result = cli("lint", dir);
      const flagged = lines(result.out)
        .filter((l) => l.includes("limb-guidance"))
        .map((l) =>
          relative(dir, l.slice(0, l.indexOf(":")))
            .split(sep)
            .join("/"),
        );
      expect(flagged).toEqual(["a.kp", "c.kp", "sub/e.kp"]);
    });

    it("a nearer config wins and does not cascade", () => {
      const dir = tree({
        "klingc.config.json": '{ "brands": ["GlowLab"] }',
        "sub/klingc.config.json": '{ "rules": { "limb-guidance": "off" } }',
        "sub/s.kp": scene,
      });
      expect(cli("lint", join(dir, "sub", "s.kp"))).toEqual({ code: 0, out: "", err: "" });
    });

    it("a bad config found by walking up is exit 2 with the file and the key, even with other files fine", () => {
      const dir = tree({
        "ok/s.kp": CLEAN,
        "bad/klingc.config.json": '{ "budget": "2000" }',
        "bad/deep/s.kp": CLEAN,
      });
      const result = cli("lint", dir);
      expectUsageError(result, join(dir, "bad", "klingc.config.json"));
      expect(result.err).toContain("budget");
      expect(existsSync(join(dir, "ok", "s.kp"))).toBe(true);
    });
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// ---------------------------------------------------------------------------
// Regressions: each of these once went wrong.

describe("regressions", () => {
  it("matches an absolute glob", () => {
    const dir = tree({ "scenes/a.kp": CLEAN, "scenes/deep/b.kp": NO_IMAGE });
    const result = cli("lint", `${dir.split(sep).join("/")}/scenes/**/*.kp`);
    expect(result.code).toBe(1);
    expect(result.out).toContain("b.kp:1:1");
  });

  it("--fix through a symbolic link fixes the file it points to and keeps the link", () => {
    const dir = tree({ "real/a.kp": FIXABLE });
    symlinkSync(join(dir, "real/a.kp"), join(dir, "link.kp"));
    expect(cli("lint", "--fix", join(dir, "link.kp")).code).toBe(0);
    expect(lstatSync(join(dir, "link.kp")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, "real/a.kp"), "utf8")).toBe(FIXED);
  });

  it("lints linked .kp files found in a directory", () => {
    const dir = tree({ "elsewhere/x.kp": NO_IMAGE, "scenes/keep.txt": "" });
    symlinkSync(join(dir, "elsewhere/x.kp"), join(dir, "scenes/linked.kp"));
    const result = cli("lint", join(dir, "scenes"));
    expect(result.out).toContain("linked.kp:1:1");
  });

  it("judges --max-warnings before writing anything", () => {
    const dir = tree({ "a.kp": FIXABLE });
    expectUsageError(
      cli("lint", "--fix", "--max-warnings", "x", join(dir, "a.kp")),
      /--max-warnings takes a whole number/,
    );
    expect(readFileSync(join(dir, "a.kp"), "utf8")).toBe(FIXABLE);
  });

  it("rejects --budget 0", () => {
    const dir = tree({ "a.kp": CLEAN });
    expectUsageError(
      cli("--budget", "0", join(dir, "a.kp")),
      /--budget takes a whole number of at least 1/,
    );
  });

  it("--fix-dry-run over several files starts each header on its own line", () => {
    const dir = tree({ "a.kp": CLEAN.trimEnd(), "b.kp": CLEAN.trimEnd() });
    const result = cli("lint", "--fix-dry-run", join(dir, "a.kp"), join(dir, "b.kp"));
    expect(result.out.split("\n").filter((l) => l.startsWith("# "))).toHaveLength(2);
    expect(result.out).not.toMatch(/\S# /);
  });

  it("says an unreadable file in one line", () => {
    const result = cli(join(tmpdir(), "klingc-no-such-file.kp"));
    expect(result.code).toBe(2);
    expect(lines(result.err)).toHaveLength(1);
  });

  it("--quiet hides warnings but --max-warnings still counts them", () => {
    const dir = tree({ "a.kp": FIXABLE });
    const result = cli("lint", "--quiet", "--max-warnings", "0", join(dir, "a.kp"));
    expect(result.code).toBe(1);
    expect(result.out).not.toMatch(/\swarning\s/);
  });
});

describe("rule options in a config", () => {
  it("a mistyped option is a configuration error (exit 2), not silently ignored", () => {
    const dir = tree({
      "klingc.config.json": JSON.stringify({
        rules: { "focus-budget": ["warn", { budget: "small" }] },
      }),
      "a.kp": CLEAN,
    });
    const result = cli("lint", join(dir, "a.kp"));
    expectUsageError(
      result,
      /rules\.focus-budget\[1\]\.budget: expected a whole number of at least 1, got "small"/,
    );
  });
});
