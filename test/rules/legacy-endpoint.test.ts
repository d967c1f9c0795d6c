import { describe, expect, it } from "vitest";
import { compile } from "../../src/emit/compile.js";
import { fix } from "../../src/lint/fix.js";
import type { Rule } from "../../src/lint/rule.js";
import { legacyEndpoint } from "../../rules/legacy-endpoint.js";
import { ruleHarness } from "./harness.js";

const rule: Rule = legacyEndpoint;
const V3_PRO = '"fal-ai/kling-video/v3/pro/image-to-video"';
const IMAGE = 'image "https://x.test/a.png"';

const { found, at, fixedClean } = ruleHarness(rule);

describe("legacy-endpoint: endpoint statements naming a known path", () => {
  it("reports a V3 path on kling-o3 at the statement, with what the scene is really sent to", () => {
    const diagnostics = found(`endpoint ${V3_PRO}\n${IMAGE}\n`);
    expect(at(diagnostics)).toEqual(["1:1-1:52"]);
    expect(diagnostics[0]?.severity).toBe("error");
    expect(diagnostics[0]?.message).toBe(
      "klingc never sends an 'endpoint': it picks one from 'engine' and 'quality', which select kling-o3 standard here, " +
        "not the kling-v3 pro path this names (V3 moved to fal-ai/kling-video/o3/); write 'engine kling-o3' and 'quality pro' instead",
    );
  });

  it("says nothing when the path is the one engine and quality select", () => {
    expect(found(`engine kling-v3\nquality pro\nendpoint ${V3_PRO}\n${IMAGE}\n`)).toEqual([]);
    expect(found(`endpoint "fal-ai/kling-video/o3/standard/image-to-video"\n${IMAGE}\n`)).toEqual(
      [],
    );
    expect(
      found(
        `engine kling-v3\nendpoint "https://queue.fal.run/fal-ai/kling-video/v3/standard/image-to-video/"\n`,
      ),
    ).toEqual([]);
  });

  it("reads a V3 path as kling-o3 even when the config's target is kling-v3: the file wins", () => {
    const diagnostics = found(`endpoint "fal-ai/kling-video/v3/standard/image-to-video"\n`, {
      config: { target: "kling-v3" },
    });
    expect(diagnostics[0]?.message).toMatch(/which select kling-o3 standard here/);
    expect(diagnostics[0]?.fix?.edits[0]?.text).toBe("engine kling-o3");
  });

  it("reports a path of the scene's own target when the quality differs", () => {
    const diagnostics = found(`engine kling-v3\nendpoint ${V3_PRO}\n`);
    expect(at(diagnostics)).toEqual(["2:1-2:52"]);
    expect(diagnostics[0]?.message).toBe(
      "klingc never sends an 'endpoint': it picks one from 'engine' and 'quality', which select kling-v3 standard here, " +
        "not the kling-v3 pro path this names; write 'quality pro' instead",
    );
  });

  it("reports a project endpoint once, naming the scenes", () => {
    const source = `project {\n  endpoint ${V3_PRO}\n}\nscene a {\n  ${IMAGE}\n}\nscene b {\n  ${IMAGE}\n}\n`;
    const diagnostics = found(source);
    expect(at(diagnostics)).toEqual(["2:3-2:54"]);
    expect(diagnostics[0]?.message).toMatch(/\(project setting, read by scenes 'a', 'b'\)$/);
  });
});

describe("legacy-endpoint: the fix", () => {
  it("replaces a V3 path with engine kling-o3 and its quality, on separate lines at the same indentation", () => {
    expect(fixedClean(`endpoint ${V3_PRO}\n${IMAGE}\n`)).toBe(
      `engine kling-o3\nquality pro\n${IMAGE}\n`,
    );
    expect(fixedClean(`scene a {\n    endpoint ${V3_PRO} // from the V3 script\n}\n`)).toBe(
      `scene a {\n    engine kling-o3\n    quality pro // from the V3 script\n}\n`,
    );
  });

  it("omits the quality line for the standard tier", () => {
    expect(fixedClean(`endpoint "fal-ai/kling-video/v3/standard/image-to-video"\n${IMAGE}\n`)).toBe(
      `engine kling-o3\n${IMAGE}\n`,
    );
  });

  it("writes the standard tier when the scene would otherwise inherit another", () => {
    const source = `project {\n  quality pro\n}\nscene a {\n  endpoint "fal-ai/kling-video/v3/standard/image-to-video"\n}\n`;
    expect(fixedClean(source)).toBe(
      `project {\n  quality pro\n}\nscene a {\n  engine kling-o3\n  quality standard\n}\n`,
    );
  });

  it("keeps the block's own engine and quality, writing only what is missing", () => {
    expect(fixedClean(`engine kling-o3\nendpoint ${V3_PRO}\n${IMAGE}\n`)).toBe(
      `engine kling-o3\nquality pro\n${IMAGE}\n`,
    );
    expect(fixedClean(`quality 4k\nendpoint ${V3_PRO}\n${IMAGE}\n`)).toBe(
      `quality 4k\nengine kling-o3\n${IMAGE}\n`,
    );
    expect(fixedClean(`engine kling-o3\nquality pro\nendpoint ${V3_PRO}\n${IMAGE}\n`)).toBe(
      `engine kling-o3\nquality pro\n${IMAGE}\n`,
    );
  });

  it("adds only the quality on the path's own target: a kling-v3 scene stays kling-v3", () => {
    expect(fixedClean(`engine kling-v3\nendpoint ${V3_PRO}\n`)).toBe(
      `engine kling-v3\nquality pro\n`,
    );
  });

  it("maps a veo path to engine veo-3.1 and its quality", () => {
    expect(fixedClean(`endpoint "fal-ai/veo3.1/fast/image-to-video"\n${IMAGE}\n`)).toBe(
      `engine veo-3.1\nquality fast\n${IMAGE}\n`,
    );
  });

  it("separates the statements with ';' when the endpoint shares its line", () => {
    expect(fixedClean(`scene a { endpoint ${V3_PRO}; duration 5s }\n`)).toBe(
      `scene a { engine kling-o3; quality pro; duration 5s }\n`,
    );
  });

  it("keeps CRLF line breaks", () => {
    expect(fixedClean(`endpoint ${V3_PRO}\r\n${IMAGE}\r\n`)).toBe(
      `engine kling-o3\r\nquality pro\r\n${IMAGE}\r\n`,
    );
  });

  it("fixes a project endpoint in the project", () => {
    const source = `project {\n  endpoint ${V3_PRO}\n}\nscene a {\n  ${IMAGE}\n}\n`;
    expect(fixedClean(source)).toBe(
      `project {\n  engine kling-o3\n  quality pro\n}\nscene a {\n  ${IMAGE}\n}\n`,
    );
  });

  it("does not fix when the block's engine names a target the path does not belong to", () => {
    const source = `engine veo-3.1\nendpoint ${V3_PRO}\n`;
    const diagnostics = found(source);
    expect(diagnostics[0]?.message).toMatch(
      /which select veo-3\.1 standard here, not the kling-v3 pro path this names; say what you want with 'engine' and 'quality'$/,
    );
    expect(diagnostics[0]?.fix).toBeUndefined();
  });

  it("does not fix a project endpoint that some scene agrees with", () => {
    const source = `project {\n  endpoint ${V3_PRO}\n}\nscene old {\n  engine kling-v3\n  quality pro\n}\nscene fresh {\n  ${IMAGE}\n}\n`;
    const diagnostics = found(source);
    expect(at(diagnostics)).toEqual(["2:3-2:54"]);
    expect(diagnostics[0]?.message).toMatch(/read by scene 'fresh'\)$/);
    expect(diagnostics[0]?.fix).toBeUndefined();
  });

  it("writes the engine the path stands for even when it is the default, so --target cannot move the scene", () => {
    const source = `endpoint "fal-ai/veo3.1/fast/image-to-video"\n${IMAGE}\naspect 9:16\naction "Maya waves."\n`;
    expect(fixedClean(source, { config: { target: "kling-o3" } })).toBe(
      `engine veo-3.1\nquality fast\n${IMAGE}\naspect 9:16\naction "Maya waves."\n`,
    );
  });

  it("makes the request go where the endpoint said", () => {
    const source = `endpoint "fal-ai/kling-video/o3/pro/image-to-video"\n${IMAGE}\naction "Maya waves."\n`;
    const output = fixedClean(source);
    expect(output).toBe(`engine kling-o3\nquality pro\n${IMAGE}\naction "Maya waves."\n`);
    expect(compile(source).scenes[0]?.request?.endpoint).toBe(
      "fal-ai/kling-video/o3/standard/image-to-video",
    );
    expect(compile(output).scenes[0]?.request?.endpoint).toBe(
      "fal-ai/kling-video/o3/pro/image-to-video",
    );
  });
});

describe("legacy-endpoint: unknown paths and V3 paths in text", () => {
  it("reports an endpoint no profile lists at its path, without a fix, on any target", () => {
    const source = `endpoint "fal-ai/kling-video/v2/master/image-to-video"\n${IMAGE}\n`;
    const diagnostics = found(source);
    expect(at(diagnostics)).toEqual(["1:10-1:55"]);
    expect(diagnostics[0]?.message).toBe(
      "'endpoint' names a path no profile lists, and klingc never sends an 'endpoint': it picks one from 'engine' and 'quality' " +
        "(kling-o3: fal-ai/kling-video/o3/{standard,pro,4k}/image-to-video); delete it and set those",
    );
    expect(diagnostics[0]?.fix).toBeUndefined();
    expect(fix(source, { rules: [rule] }).output).toBe(source);
    expect(
      at(found(`engine kling-v3\nendpoint "fal-ai/kling-video/v3/pro/text-to-video"\n`)),
    ).toEqual(["2:10-2:51"]);
    expect(
      found(`engine kling-v3\nendpoint "fal-ai/kling-video/v3/pro/text-to-video"\n`)[0]?.message,
    ).toMatch(/^'endpoint' names a V3 path no profile lists/);
  });

  it("reports a V3 path inside any other string, at the string", () => {
    const source = [
      "scene a {",
      `  ${IMAGE}`,
      '  action "Render like fal-ai/kling-video/v3/pro/image-to-video did."',
      "  audio {",
      '    music "fal-ai/kling-video/v3/ soundtrack"',
      "  }",
      '  continuity from="fal-ai/kling-video/v3/x" "Same room."',
      "}",
      "",
    ].join("\n");
    const diagnostics = found(source);
    expect(at(diagnostics)).toEqual(["3:10-3:69", "5:11-5:46", "7:19-7:44"]);
    expect(diagnostics[0]?.message).toBe(
      "this 'action' text names a retired V3 endpoint path (fal-ai/kling-video/v3/…); klingc does not read endpoints from text, " +
        "so it would reach the model as words: remove it, and choose the model with 'engine' and 'quality'",
    );
    expect(diagnostics.every((d) => d.fix === undefined)).toBe(true);
  });

  it("does not search image URLs or comments", () => {
    const source = [
      "// was fal-ai/kling-video/v3/pro/image-to-video",
      'image "https://cdn.test/fal-ai/kling-video/v3/pro/out.png"',
      'end_image "https://cdn.test/fal-ai/kling-video/v3/pro/end.png"',
      'action "Maya waves."',
      "",
    ].join("\n");
    expect(found(source)).toEqual([]);
  });
});
