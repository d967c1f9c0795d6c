/**
 * Issue 7.4: no invisible or invalid character reaches the model. In a
 * string, each is an `invalid-character` error at its place (one per string,
 * naming the code point) with a fix where deleting is safe; the emitter strips
 * them even when the error is ignored; a file that is not UTF-8 text is one
 * file-level error.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { analyze, compile, fix, lint } from "../src/index.js";
import { cli } from "./support/cli.js";

const IMAGE = 'image "https://cdn.example.com/a.png"';
const LIMBS = "Exactly two arms, two hands, five fingers on each hand.";
const SCENE = (action: string): string =>
  `${IMAGE}\ncharacter maya "Maya. ${LIMBS}"\naction "${action}"\n`;

/** Every character the contract names, with whether its fix deletes it. */
const INVALID: [string, number, boolean][] = [
  ["NUL", 0x00, true],
  ["BEL", 0x07, true],
  ["vertical tab", 0x0b, true],
  ["escape", 0x1b, true],
  ["DEL", 0x7f, true],
  ["C1 NEL", 0x85, false],
  ["C1 private use two (a Windows-1252 ’ read as Latin-1)", 0x92, false],
  ...[0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069].map(
    (c): [string, number, boolean] => [`bidi ${c.toString(16)}`, c, true],
  ),
  ["lone high surrogate", 0xd800, true],
  ["lone low surrogate", 0xdfff, true],
  ["replacement character", 0xfffd, false],
];

const hex = (code: number): string => `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
const invalidOf = (source: string) =>
  analyze(source, { filename: "t.kp" }).diagnostics.filter((d) => d.ruleId === "invalid-character");
/** Any character of the contract's list, tested one code unit at a time (a pair is fine, a lone half is not). */
const HAS_INVALID = /[\0-\x08\x0B-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069\uFFFD]|\p{Cs}/u;

describe("invalid-character in strings", () => {
  for (const [name, code, removable] of INVALID) {
    it(`${name} (${hex(code)}) written raw: an error at its place naming the code point${removable ? ", fixed by deleting it" : ", with no fix"}`, () => {
      const source = SCENE(`Maya waves${String.fromCharCode(code)} at the lens.`);
      const found = invalidOf(source);
      expect(found).toHaveLength(1);
      const d = found[0]!;
      const at = source.indexOf(String.fromCharCode(code));
      expect([d.severity, d.line, d.column, d.offset, d.endOffset]).toEqual([
        "error",
        3,
        19,
        at,
        at + 1,
      ]);
      expect(d.message).toContain(hex(code));
      expect(d.url).toBe(
        "https://github.com/klingc/klingc/blob/main/grammar/README.md#invalid-character",
      );
      if (removable) {
        expect(d.fix?.edits).toEqual([{ start: at, end: at + 1, text: "" }]);
        expect(fix(source, { filename: "t.kp" }).output).toBe(SCENE("Maya waves at the lens."));
      } else {
        expect(d.fix).toBeUndefined();
        expect(fix(source, { filename: "t.kp" }).output).toBe(source);
      }
    });
  }

  it("a \\u{…} escape that makes one is reported at the escape, and the fix deletes the escape", () => {
    const source = SCENE("Look \\u{202E}here.");
    const [d] = invalidOf(source);
    const at = source.indexOf("\\u{202E}");
    expect([d?.offset, d?.endOffset, d?.column]).toEqual([at, at + 8, 14]);
    expect(d?.message).toBe(
      "U+202E is an invisible bidirectional control (right-to-left override); remove it",
    );
    expect(fix(source).output).toBe(SCENE("Look here."));
    expect(invalidOf(SCENE("\\u{0}"))[0]?.message).toContain("U+0000 is a control character");
  });

  it("a \\u{D800} escape cannot make a lone surrogate: it is the one syntax error of its line, naming the code point", () => {
    const source = SCENE("Half \\u{DBFF} a pair.");
    const found = analyze(source).diagnostics;
    expect(found.map((d) => [d.ruleId, d.offset, d.message.split(";")[0]])).toEqual([
      ["syntax", source.indexOf("\\u{DBFF}"), "U+DBFF is a lone surrogate, not a character"],
    ]);
    expect(compile(source).scenes[0]?.prompt).toContain("Half a pair.");
  });

  it("tab, line feed, a CRLF block string, a surrogate pair and an escaped backslash before u{202E} are fine", () => {
    expect(invalidOf(SCENE("Tab\there, \\n and \\t, emoji 😀 and \\u{1F600}."))).toEqual([]);
    expect(invalidOf(SCENE("Not an escape: \\\\u{202E}."))).toEqual([]);
    expect(
      invalidOf(`${IMAGE}\r\naction """\r\n  Maya waves.\r\n  Then smiles.\r\n  """\r\n`),
    ).toEqual([]);
  });

  it("reports one error per string, at the first character, counting the others", () => {
    const source = SCENE("a\u0000b\u202Ec\u0007d");
    const found = invalidOf(source);
    expect(found.map((d) => [d.column, d.message])).toEqual([
      [
        10,
        "U+0000 is a control character; prompt text takes none but tab and line feed; remove it (this string holds 2 more invalid characters)",
      ],
    ]);
    expect(found[0]?.fix?.description).toBe("remove 3 invisible characters");
    expect(fix(source).output).toBe(SCENE("abcd."));
  });

  it("offers no fix when one character of the string cannot safely be deleted (all or nothing)", () => {
    const source = SCENE("caf\uFFFD \u0000ok");
    const [d] = invalidOf(source);
    expect(d?.message).toMatch(
      /^U\+FFFD is the replacement character.*retype it \(this string holds 1 more invalid character\)$/,
    );
    expect(d?.fix).toBeUndefined();
    // Other fixes still go through: the pass is not thrown away.
    const fixed = fix(`${IMAGE}\ncharacter maya "Maya."\naction "caf\uFFFD."\n`);
    expect(fixed.applied.map((a) => a.ruleId)).toEqual(["limb-guidance"]);
    expect(fixed.remaining.map((r) => r.ruleId)).toEqual(["invalid-character"]);
  });

  it("checks every string: project, shots, audio parts, avoid terms, properties, legacy and unknown statements, block strings", () => {
    const bad = "\u202E";
    const source = [
      `project "P${bad}" {`,
      `  avoid blur, "car${bad}toon"`,
      "}",
      "scene a {",
      `  ${IMAGE}`,
      `  negative_prompt "x${bad}"`,
      `  continuity from="b${bad}" "Same."`,
      `  camra "typo${bad}"`,
      "  shot one {",
      `    action """`,
      `      Maya${bad} waves.`,
      `    """`,
      "    audio {",
      `      tone "warm${bad}"`,
      "    }",
      "  }",
      "}",
    ].join("\n");
    expect(invalidOf(source).map((d) => d.line)).toEqual([1, 2, 6, 7, 8, 11, 14]);
  });

  it("comes from the library's analyze, lint and compile, for a U+FFFD the caller's own decoding made", () => {
    // A Latin-1 é decoded as UTF-8 the lenient way, as a caller reading a file might.
    const lossy = new TextDecoder("utf-8").decode(Buffer.from(SCENE("Caf\u00e9 scene."), "latin1"));
    expect(lossy).toContain("\uFFFD");
    for (const diagnostics of [
      analyze(lossy).diagnostics,
      lint(lossy),
      compile(lossy).diagnostics,
    ]) {
      expect(
        diagnostics
          .filter((d) => d.ruleId === "invalid-character")
          .map((d) => [d.line, d.column, d.message.slice(0, 6)]),
      ).toEqual([[3, 12, "U+FFFD"]]);
    }
  });
});

describe("the emitted prompt never holds them", () => {
  it("strips them from prompts, multi-shot prompts, audio, avoid terms and a legacy negative prompt, even under a disable directive", () => {
    // Spaces between: U+D800 then U+DFFF side by side would be one well-formed (valid) character.
    const all = INVALID.map(([, code]) => String.fromCharCode(code)).join(" ");
    const source = [
      `${IMAGE}`,
      `engine kling-v3`,
      `character maya "Maya${all}. ${LIMBS}" // klingc-disable-line invalid-character`,
      `action "Maya${all} waves."`,
      `audio { dialogue maya "Hi${all}"`,
      `  music "Lo-fi${all}" }`,
      `avoid "blur${all}", cartoon`,
      `negative_prompt "ugly${all}"`,
    ].join("\n");
    const { scenes } = compile(source);
    const prompt = scenes[0]?.prompt ?? "";
    expect(prompt).toContain('Maya waves. [Maya]: "Hi." Music: Lo-fi. Avoid: blur, cartoon.');
    expect(HAS_INVALID.test(prompt)).toBe(false);
    // invalid-character is an error in the scene, so no request (and no negative prompt) is handed out at all.
    expect(scenes[0]?.request).toBeNull();
    const multi = compile(
      `${IMAGE}\nshot a { action "One\u202E." }\nshot b { action "Two\u0000." }\n`,
    ).scenes[0];
    expect(multi?.shots?.map((s) => s.prompt)).toEqual(["One.", "Two."]);
  });

  it("property: whatever a string holds, the prompt holds none of them, and an error is reported exactly when the string held one", () => {
    const piece = fc.oneof(
      fc.constantFrom(
        ...INVALID.map(([, code]) => String.fromCharCode(code)),
        "\t",
        "a",
        "é",
        "😀",
        " ",
        ".",
        "\\u{202E}",
        "\\u{0}",
        "\\u{41}",
        "\\\\",
      ),
      fc.string({ maxLength: 3 }).filter((s) => !/["\\\r\n]/.test(s)),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const written = pieces.join("");
        const source = `${IMAGE}\naction "Maya ${written} waves."\n`;
        const decoded =
          analyze(source).scenes[0]?.sections.find((s) => s.keyword === "action")?.text ?? "";
        const prompt = compile(source).scenes[0]?.prompt ?? "";
        expect(HAS_INVALID.test(prompt), JSON.stringify(prompt)).toBe(false);
        expect(invalidOf(source).length).toBe(HAS_INVALID.test(decoded) ? 1 : 0);
      }),
      { numRuns: 400 },
    );
  });
});

// ---------------------------------------------------------------------------
// Files

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function dirWith(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), "klingc-chars-"));
  made.push(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

describe("a file that is not UTF-8 text", () => {
  const latin1 = Buffer.from(
    `${SCENE("Caf\u00e9 scene, na\u00efve.")}camera "d\u00e9j\u00e0 vu"\n`,
    "latin1",
  );

  it("is one file-level error at 1:1 (not one per line), the other files are still checked, and the exit code is 2", () => {
    const dir = dirWith({ "a-latin1.kp": latin1, "b-ok.kp": SCENE("Maya waves") });
    const result = cli("lint", dir);
    expect(result.code).toBe(2);
    expect(result.out.split("\n").filter((l) => l.includes("a-latin1.kp"))).toEqual([
      `${join(dir, "a-latin1.kp")}:1:1  error  not a UTF-8 text file  invalid-character`,
    ]);
    expect(result.out).toMatch(/b-ok\.kp:\d+:\d+ {2}info {2}.* {2}sentence-end$/m);
    expect(result.err).toBe("");
  });

  it("a NUL byte in the first 8 KB makes a file binary; the compile command reports it in --json and emits no scene for it", () => {
    const dir = dirWith({
      "bin.kp": Buffer.concat([Buffer.from(SCENE("Maya waves.")), Buffer.from([0, 1, 2])]),
    });
    const result = cli("--json", join(dir, "bin.kp"));
    expect(result.code).toBe(2);
    const json = JSON.parse(result.out) as {
      scenes: unknown[];
      diagnostics: {
        ruleId: string;
        message: string;
        line: number;
        column: number;
        file: string;
      }[];
    };
    expect(json.scenes).toEqual([]);
    expect(json.diagnostics.map((d) => [d.file, d.line, d.column, d.ruleId, d.message])).toEqual([
      [join(dir, "bin.kp"), 1, 1, "invalid-character", "not a UTF-8 text file"],
    ]);
  });

  it("still exits 2 when --max-warnings is also exceeded (a file not checked outranks a count)", () => {
    const dir = dirWith({
      "a-latin1.kp": latin1,
      "b-warn.kp": `${IMAGE}\ncharacter maya "Maya."\naction "Maya waves."\n`,
    });
    const result = cli("lint", "--max-warnings", "0", dir);
    expect(result.out).toContain("more than --max-warnings 0");
    expect(result.code).toBe(2);
  });

  it("--fix leaves it byte for byte as it was", () => {
    const dir = dirWith({ "a.kp": latin1 });
    expect(cli("lint", "--fix", join(dir, "a.kp")).code).toBe(2);
    expect(readFileSync(join(dir, "a.kp")).equals(latin1)).toBe(true);
  });

  it("a valid UTF-8 file keeps its BOM, and a U+FFFD typed in it is the per-string error", () => {
    const dir = dirWith({ "a.kp": `\ufeff${SCENE("Caf\uFFFD scene.")}` });
    const result = cli("lint", join(dir, "a.kp"));
    expect(result.code).toBe(1);
    expect(result.out).toContain(
      `${join(dir, "a.kp")}:3:12  error  U+FFFD is the replacement character`,
    );
    expect(result.out).not.toContain("not a UTF-8 text file");
  });
});
