import { describe, expect, it } from "vitest";
import { duration } from "../../rules/duration.js";
import type { Diagnostic } from "../../src/language/diagnostics.js";
import { fix } from "../../src/lint/fix.js";
import { ruleHarness } from "./harness.js";

const rules = [duration];
const { found, brief, fixed } = ruleHarness(duration);

const IMAGE = 'image "https://x.test/a.png"\n';

function single(engine: string | null, length: string): string {
  return `${engine ? `engine ${engine}\n` : ""}${IMAGE}duration ${length}\naction "Maya waves."\n`;
}

describe("duration: a scene's length", () => {
  it("reports a length kling-o3 does not take at the value, and fixes it to the nearest", () => {
    const source = single(null, "20s");
    const [d, ...rest] = found(source);
    expect(rest).toEqual([]);
    expect(brief(d as Diagnostic)).toBe("2:10 kling-o3 takes 3 to 15 seconds, not 20s");
    expect(d?.severity).toBe("error");
    expect(d?.endColumn).toBe(13);
    expect(d?.fix?.description).toBe("change the duration to 15s");
    expect(fixed(source)).toBe(single(null, "15s"));
  });

  it("writes the fixed value as Ns even when the length was a bare number", () => {
    expect(fixed(single("kling-o3", "2"))).toBe(single("kling-o3", "3s"));
    expect(found(single("kling-o3", "2")).map((d) => d.message)).toEqual([
      "kling-o3 takes 3 to 15 seconds, not 2s",
    ]);
  });

  it("accepts every length from 3 to 15 seconds on kling-o3 and kling-v3", () => {
    for (const engine of ["kling-o3", "kling-v3"]) {
      for (const s of [3, 5, 8, 10, 15]) expect(found(single(engine, `${s}s`))).toEqual([]);
      for (const s of [1, 2, 16, 30]) expect(found(single(engine, `${s}s`)).length).toBe(1);
    }
  });

  it("on kling-v3 rounds a fractional length to the nearest whole second, the longer on a tie", () => {
    expect(found(single("kling-v3", "16s")).map((d) => d.message)).toEqual([
      "kling-v3 takes 3 to 15 seconds, not 16s",
    ]);
    expect(fixed(single("kling-v3", "16s"))).toBe(single("kling-v3", "15s"));
    expect(fixed(single("kling-v3", "7.5s"))).toBe(single("kling-v3", "8s"));
    expect(fixed(single("kling-v3", "7.2s"))).toBe(single("kling-v3", "7s"));
  });

  it("on veo-3.1 takes 4, 6 or 8 seconds; 5s goes to 6s (a tie goes to the longer)", () => {
    expect(found(single("veo-3.1", "5s")).map(brief)).toEqual([
      "3:10 veo-3.1 takes 4, 6 or 8 seconds, not 5s",
    ]);
    expect(fixed(single("veo-3.1", "5s"))).toBe(single("veo-3.1", "6s"));
    expect(fixed(single("veo-3.1", "3s"))).toBe(single("veo-3.1", "4s"));
    expect(fixed(single("veo-3.1", "10s"))).toBe(single("veo-3.1", "8s"));
    for (const s of [4, 6, 8]) expect(found(single("veo-3.1", `${s}s`))).toEqual([]);
  });

  it("on sora-2 takes 4, 8 or 12 seconds, stays quiet about the disputed 12 and does not pick it on a tie", () => {
    expect(found(single("sora-2", "12s"))).toEqual([]);
    expect(found(single("sora-2", "4s"))).toEqual([]);
    expect(found(single("sora-2", "10s")).map(brief)).toEqual([
      "3:10 sora-2 takes 4, 8 or 12 seconds, not 10s",
    ]);
    expect(fixed(single("sora-2", "10s"))).toBe(single("sora-2", "8s"));
    expect(fixed(single("sora-2", "6s"))).toBe(single("sora-2", "8s"));
    expect(fixed(single("sora-2", "11s"))).toBe(single("sora-2", "12s"));
    expect(fixed(single("sora-2", "20s"))).toBe(single("sora-2", "12s"));
  });

  it("judges against the configured target when the scene names no engine", () => {
    const source = single(null, "5s");
    expect(found(source)).toEqual([]);
    expect(found(source, { config: { target: "veo-3.1" } }).map(brief)).toEqual([
      "2:10 veo-3.1 takes 4, 6 or 8 seconds, not 5s",
    ]);
    expect(fixed(source, { config: { target: "veo-3.1" } })).toBe(single(null, "6s"));
  });

  it("judges each scene against its own engine", () => {
    const source = [
      "scene a {",
      "  engine veo-3.1",
      `  ${IMAGE.trim()}`,
      "  duration 10s",
      "}",
      "scene b {",
      `  ${IMAGE.trim()}`,
      "  duration 10s",
      "}",
      "",
    ].join("\n");
    expect(found(source).map(brief)).toEqual(["4:12 veo-3.1 takes 4, 6 or 8 seconds, not 10s"]);
    expect(fixed(source)).toBe(source.replace("duration 10s", "duration 8s"));
  });
});

describe("duration: a project's length", () => {
  const withProject = (length: string, engines: string[]) =>
    [
      `project {\n  duration ${length}\n}`,
      ...engines.map((e, i) => `scene s${i + 1} {\n  engine ${e}\n  ${IMAGE.trim()}\n}`),
      "",
    ].join("\n");

  it("is reported once at the project, for all the scenes it reaches, and fixed when they all agree", () => {
    const source = withProject("5s", ["veo-3.1", "veo-3.1"]);
    expect(found(source).map(brief)).toEqual([
      "2:12 veo-3.1 takes 4, 6 or 8 seconds, not 5s (the project's duration, used by scenes 's1' and 's2')",
    ]);
    expect(fixed(source)).toBe(withProject("6s", ["veo-3.1", "veo-3.1"]));
  });

  it("names every target that rejects it, and is fixed when they share the nearest length", () => {
    const source = withProject("9s", ["veo-3.1", "sora-2"]);
    expect(found(source).map((d) => d.message)).toEqual([
      "veo-3.1 takes 4, 6 or 8 seconds and sora-2 takes 4, 8 or 12 seconds, not 9s (the project's duration, used by scenes 's1' and 's2')",
    ]);
    expect(fixed(source)).toBe(withProject("8s", ["veo-3.1", "sora-2"]));
  });

  it("is not fixed when the rejecting targets disagree on the nearest length", () => {
    const source = withProject("20s", ["veo-3.1", "kling-o3"]);
    const [d] = found(source);
    expect(d?.message).toBe(
      "veo-3.1 takes 4, 6 or 8 seconds and kling-o3 takes 3 to 15 seconds, not 20s (the project's duration, used by scenes 's1' and 's2')",
    );
    expect(d?.fix).toBeUndefined();
  });

  it("is not fixed when a scene it reaches takes it", () => {
    const source = withProject("5s", ["veo-3.1", "kling-o3"]);
    const diagnostics = found(source);
    expect(diagnostics.map((d) => d.message)).toEqual([
      "veo-3.1 takes 4, 6 or 8 seconds, not 5s (the project's duration, used by scene 's1'; scene 's2' takes it, so give the others their own duration)",
    ]);
    expect(diagnostics[0]?.fix).toBeUndefined();
    expect(fix(source, { rules }).output).toBe(source);
  });

  it("is not judged for scenes that state their own duration or have shots", () => {
    const source = [
      "project {\n  engine veo-3.1\n  duration 5s\n}",
      `scene own {\n  ${IMAGE.trim()}\n  duration 6s\n}`,
      `scene shots {\n  engine kling-o3\n  ${IMAGE.trim()}\n  shot { duration 4s; action "A." }\n}`,
      "",
    ].join("\n");
    expect(found(source)).toEqual([]);
  });
});

describe("duration: shots", () => {
  const scene = (lines: string[], engine = "kling-o3") =>
    [
      "scene demo {",
      `  engine ${engine}`,
      `  ${IMAGE.trim()}`,
      ...lines.map((l) => `  ${l}`),
      "}",
      "",
    ].join("\n");

  it("reports a shot's duration outside 1 to 15 seconds and fixes it when the total then fits", () => {
    const source = scene(['shot close { duration 20s; action "Maya waves." }']);
    expect(found(source).map(brief)).toEqual([
      "1:7 the shots of scene 'demo' add up to 20s, but kling-o3 takes 3 to 15 seconds",
      "4:25 kling-o3 takes shots of 1 to 15 seconds, not 20s (shot 'close' of scene 'demo')",
    ]);
    expect(fixed(source)).toBe(source.replace("duration 20s", "duration 15s"));
  });

  it("fixes a shot shorter than a second to 1s and names an unnamed shot by its number", () => {
    const source = scene([
      'shot { duration 4s; action "A." }',
      'shot { duration 0.5s; action "B." }',
    ]);
    expect(found(source).map(brief)).toEqual([
      "1:7 the shots of scene 'demo' add up to 4.5s, but kling-o3 takes 3 to 15 seconds",
      "5:19 kling-o3 takes shots of 1 to 15 seconds, not 0.5s (shot 2 of scene 'demo')",
    ]);
    expect(fixed(source)).toBe(source.replace("0.5s", "1s"));
  });

  it("does not fix a shot when the fixed shots would still not add up", () => {
    const source = scene([
      'shot { duration 20s; action "A." }',
      'shot { duration 5s; action "B." }',
    ]);
    const diagnostics = found(source);
    expect(diagnostics.map((d) => d.message)).toEqual([
      "the shots of scene 'demo' add up to 25s, but kling-o3 takes 3 to 15 seconds",
      "kling-o3 takes shots of 1 to 15 seconds, not 20s (shot 1 of scene 'demo')",
    ]);
    expect(diagnostics.every((d) => d.fix === undefined)).toBe(true);
    expect(fix(source, { rules }).output).toBe(source);
  });

  it("reports shots that add up to too much at the scene's name, with no fix", () => {
    const source = scene([
      'shot { duration 6s; action "A." }',
      'shot { duration 6s; action "B." }',
      'shot { duration 6s; action "C." }',
    ]);
    const [d, ...rest] = found(source);
    expect(rest).toEqual([]);
    expect(brief(d as Diagnostic)).toBe(
      "1:7 the shots of scene 'demo' add up to 18s, but kling-o3 takes 3 to 15 seconds",
    );
    expect(d?.fix).toBeUndefined();
  });

  it("counts a shot without a duration as the target's shot default of 5 seconds", () => {
    const source = scene([
      'shot { action "A." }',
      'shot { action "B." }',
      'shot { action "C." }',
      'shot { duration 1s; action "D." }',
    ]);
    expect(found(source).map((d) => d.message)).toEqual([
      "the shots of scene 'demo' add up to 16s, but kling-o3 takes 3 to 15 seconds; a shot without a duration counts as 5s",
    ]);
    expect(
      found(scene(['shot { action "A." }', 'shot { action "B." }', 'shot { action "C." }'])),
    ).toEqual([]);
  });

  it("reports shots that add up to less than 3 seconds", () => {
    const source = scene([
      'shot { duration 1s; action "A." }',
      'shot { duration 1s; action "B." }',
    ]);
    expect(found(source).map((d) => d.message)).toEqual([
      "the shots of scene 'demo' add up to 2s, but kling-o3 takes 3 to 15 seconds",
    ]);
  });

  it("points at the first shot of an implicit scene", () => {
    const source = `${IMAGE}shot { duration 10s; action "A." }\nshot { duration 10s; action "B." }\n`;
    expect(found(source, { filename: "kitchen.kp" }).map(brief)).toEqual([
      "2:1 the shots of scene 'kitchen' add up to 20s, but kling-o3 takes 3 to 15 seconds",
    ]);
  });

  it("judges shots on kling-v3 the same way", () => {
    const source = scene(['shot { duration 16s; action "A." }'], "kling-v3");
    expect(found(source).map((d) => d.message)).toEqual([
      "the shots of scene 'demo' add up to 16s, but kling-v3 takes 3 to 15 seconds",
      "kling-v3 takes shots of 1 to 15 seconds, not 16s (shot 1 of scene 'demo')",
    ]);
    expect(fixed(source)).toBe(source.replace("16s", "15s"));
  });

  it("leaves shots on sora-2 and veo-3.1 to target-capability and judges the scene's own duration", () => {
    for (const engine of ["sora-2", "veo-3.1"]) {
      const source = scene(
        ['shot { duration 30s; action "A." }', 'shot { duration 30s; action "B." }'],
        engine,
      );
      expect(found(source)).toEqual([]);
    }
    const source = scene(["duration 5s", 'shot { duration 30s; action "A." }'], "veo-3.1");
    expect(found(source).map(brief)).toEqual(["4:12 veo-3.1 takes 4, 6 or 8 seconds, not 5s"]);
  });
});

describe("duration: a scene with shots has no duration of its own", () => {
  const scene = (lines: string[]) =>
    ["scene demo {", `  ${IMAGE.trim()}`, ...lines.map((l) => `  ${l}`), "}", ""].join("\n");
  const MESSAGE =
    "scene 'demo' has shots, so it has no duration of its own: its length is the sum of its shots' durations";

  it("deletes the scene's duration when it equals the sum of the shots", () => {
    const source = scene([
      "duration 10s",
      'shot { duration 4s; action "A." }',
      'shot { duration 6s; action "B." }',
    ]);
    const [d, ...rest] = found(source);
    expect(rest).toEqual([]);
    expect(brief(d as Diagnostic)).toBe(`3:3 ${MESSAGE}`);
    expect(d?.fix?.description).toBe("delete the scene's duration (its shots add up to 10s)");
    expect(fixed(source)).toBe(
      scene(['shot { duration 4s; action "A." }', 'shot { duration 6s; action "B." }']),
    );
  });

  it("counts shots without a duration at 5 seconds when comparing", () => {
    const source = scene(["duration 10s", 'shot { action "A." }', 'shot { action "B." }']);
    expect(fixed(source)).toBe(scene(['shot { action "A." }', 'shot { action "B." }']));
  });

  it("reports, without a fix, a duration that differs from the sum: the author decides which is right", () => {
    const source = scene([
      "duration 12s",
      'shot { duration 4s; action "A." }',
      'shot { duration 6s; action "B." }',
    ]);
    const diagnostics = found(source);
    expect(diagnostics.map(brief)).toEqual([`3:3 ${MESSAGE}`]);
    expect(diagnostics[0]?.fix).toBeUndefined();
    expect(fix(source, { rules }).output).toBe(source);
  });

  it("deletes a repeated duration with it, so no other comes into force", () => {
    const source = scene([
      "duration 10s",
      "duration 8s",
      'shot { duration 4s; action "A." }',
      'shot { duration 6s; action "B." }',
    ]);
    expect(found(source).map(brief)).toEqual([`3:3 ${MESSAGE}`]);
    expect(fixed(source)).toBe(
      scene(['shot { duration 4s; action "A." }', 'shot { duration 6s; action "B." }']),
    );
  });

  it("does not report the project's duration inherited into a scene with shots", () => {
    const source = `project {\n  duration 10s\n}\n${scene(['shot { duration 4s; action "A." }'])}`;
    expect(found(source)).toEqual([]);
  });
});
