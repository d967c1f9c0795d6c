import { describe, expect, it } from "vitest";
import { noCfgScale } from "../../rules/no-cfg-scale.js";
import type { Rule } from "../../src/lint/rule.js";
import { ruleHarness } from "./harness.js";

const rule: Rule = noCfgScale;
const IMAGE = 'image "https://x.test/a.png"';
const { found, at, fixedClean } = ruleHarness(rule);

describe("no-cfg-scale", () => {
  it("reports cfg_scale on kling-o3 at the statement, as an error", () => {
    const diagnostics = found(`${IMAGE}\naction "Maya waves."\ncfg_scale 0.5\n`);
    expect(at(diagnostics)).toEqual(["3:1-3:14"]);
    expect(diagnostics[0]?.severity).toBe("error");
    expect(diagnostics[0]?.message).toBe("'cfg_scale' does nothing on kling-o3: O3 removed it");
  });

  it("deletes the whole line, and fixing again changes nothing", () => {
    expect(fixedClean(`${IMAGE}\naction "Maya waves."\ncfg_scale 0.5\n`)).toBe(
      `${IMAGE}\naction "Maya waves."\n`,
    );
    expect(fixedClean(`${IMAGE}\naction "Maya waves."; cfg_scale 0.5\n`)).toBe(
      `${IMAGE}\naction "Maya waves."\n`,
    );
    expect(fixedClean(`${IMAGE}\ncfg_scale 0.5; action "Maya waves."\n`)).toBe(
      `${IMAGE}\naction "Maya waves."\n`,
    );
  });

  it("reports a project statement once, naming the scenes that ignore it", () => {
    const source = `project {\n  cfg_scale 0.4\n}\nscene a {\n  ${IMAGE}\n  action "A."\n}\nscene b {\n  ${IMAGE}\n  action "B."\n}\n`;
    const diagnostics = found(source);
    expect(at(diagnostics)).toEqual(["2:3-2:16"]);
    expect(diagnostics[0]?.message).toBe(
      "'cfg_scale' does nothing on kling-o3: O3 removed it (project setting, read by scenes 'a', 'b')",
    );
  });

  it("keeps a project statement a kling-v3 scene still reads (reported for the others, not deleted)", () => {
    const source = `project {\n  cfg_scale 0.4\n}\nscene old {\n  engine kling-v3\n  ${IMAGE}\n  action "A."\n}\nscene new {\n  ${IMAGE}\n  action "B."\n}\n`;
    const diagnostics = found(source);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]?.message).toContain("read by scene 'new'");
    expect(diagnostics[0]?.fix).toBeUndefined();
  });

  it("is valid on kling-v3", () => {
    expect(found(`engine kling-v3\n${IMAGE}\naction "Maya waves."\ncfg_scale 0.5\n`)).toEqual([]);
  });
});

describe("no-cfg-scale: facts of the scene's own target", () => {
  it("tells a sora-2 scene it has no such field, and says nothing of O3", () => {
    const [d] = found('engine sora-2\nimage "https://x.test/a.png"\ncfg_scale 0.5\n');
    expect(d?.message).toBe("'cfg_scale' does nothing on sora-2: sora-2 has no such field");
  });
});
