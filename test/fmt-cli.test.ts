/** `klingc fmt`: stdout, --check (names the files, exit 1) and --write; a file with a syntax error is reported and left alone. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { folderWith, runIn } from "./support/tools-io.js";

const MESSY = 'action "A." ; image "https://cdn.example.com/a.png"\n';
const TIDY = 'image "https://cdn.example.com/a.png"\naction "A."\n';

describe("klingc fmt", () => {
  it("prints the formatted file on stdout", () => {
    const dir = folderWith({ "a.kp": MESSY });
    expect(runIn("fmt", [join(dir, "a.kp")])).toEqual({ code: 0, out: TIDY, err: "" });
    expect(readFileSync(join(dir, "a.kp"), "utf8")).toBe(MESSY);
  });

  it("--check names each file that would change and exits 1; 0 when none would", () => {
    const dir = folderWith({ "a.kp": MESSY, "b.kp": TIDY });
    const ran = runIn("fmt", ["--check", dir]);
    expect(ran.code).toBe(1);
    expect(ran.out).toBe(`${join(dir, "a.kp")}\n`);
    expect(ran.err).toBe("klingc: 1 file would be reformatted\n");
    expect(runIn("fmt", ["--check", join(dir, "b.kp")])).toEqual({ code: 0, out: "", err: "" });
  });

  it("--write rewrites the files that change and says which", () => {
    const dir = folderWith({ "a.kp": MESSY, "b.kp": TIDY });
    const ran = runIn("fmt", ["--write", dir]);
    expect(ran).toEqual({ code: 0, out: `${join(dir, "a.kp")}: formatted\n`, err: "" });
    expect(readFileSync(join(dir, "a.kp"), "utf8")).toBe(TIDY);
  });

  it("reports a file with a syntax error at its position and leaves it alone", () => {
    const broken = 'scene a {\n  action "A.\n}\n';
    const dir = folderWith({ "bad.kp": broken });
    const ran = runIn("fmt", ["--write", join(dir, "bad.kp")]);
    expect(ran.code).toBe(1);
    expect(ran.err).toContain(`${join(dir, "bad.kp")}:2:10  error  unterminated string`);
    expect(readFileSync(join(dir, "bad.kp"), "utf8")).toBe(broken);
  });

  it("answers usage mistakes with one line and exit 2", () => {
    expect(runIn("fmt", []).code).toBe(2);
    const both = runIn("fmt", ["--check", "--write", "x.kp"]);
    expect(both.code).toBe(2);
    expect(both.err).toBe(
      "klingc: --check and --write do not go together\nRun 'klingc --help' for usage.\n",
    );
    expect(runIn("fmt", ["/no/such/file.kp"]).err).toBe(
      "klingc: cannot read '/no/such/file.kp': no such file or directory\n",
    );
  });
});

describe("klingc fmt on a Markdown storyboard", () => {
  it("formats the kp blocks only", () => {
    const dir = folderWith({ "story.md": `# Story\n\n\`\`\`kp\n${MESSY}\`\`\`\n\nThe end.\n` });
    expect(runIn("fmt", [join(dir, "story.md")])).toEqual({
      code: 0,
      out: `# Story\n\n\`\`\`kp\n${TIDY}\`\`\`\n\nThe end.\n`,
      err: "",
    });
  });
});
