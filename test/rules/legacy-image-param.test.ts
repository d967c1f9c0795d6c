import { describe, expect, it } from "vitest";
import { compile } from "../../src/emit/compile.js";
import type { Rule } from "../../src/lint/rule.js";
import { legacyImageParam } from "../../rules/legacy-image-param.js";
import { ruleHarness } from "./harness.js";

const rule: Rule = legacyImageParam;
const URL_A = '"https://x.test/a.png"';

const { found, at, fixedClean } = ruleHarness(rule);

describe("legacy-image-param: what it reports", () => {
  it("reports start_image_url and start_image on kling-o3 at the statement", () => {
    const source = `start_image_url ${URL_A}\naction "Maya waves."\n`;
    const diagnostics = found(source);
    expect(at(diagnostics)).toEqual(["1:1-1:39"]);
    expect(diagnostics[0]?.severity).toBe("error");
    expect(diagnostics[0]?.message).toBe(
      "'start_image_url' is the V3 name of the source image; on kling-o3 the field is image_url, written 'image': " +
        "rename it (under the old name any 'image', even a project's, wins over it)",
    );
    expect(at(found(`scene a {\n  start_image ${URL_A}\n}\n`))).toEqual(["2:3-2:37"]);
  });

  it("says nothing on kling-v3, whose field it is, by engine or by config", () => {
    expect(found(`engine kling-v3\nstart_image_url ${URL_A}\n`)).toEqual([]);
    expect(found(`start_image ${URL_A}\n`, { config: { target: "kling-v3" } })).toEqual([]);
  });

  it("reports on veo-3.1 and sora-2 too", () => {
    expect(found(`engine veo-3.1\nstart_image ${URL_A}\n`)[0]?.message).toContain(
      "on veo-3.1 the field is image_url",
    );
    expect(at(found(`engine sora-2\nstart_image ${URL_A}\n`))).toEqual(["2:1-2:35"]);
  });

  it("names each target's own image field: sora-2's is input_reference", () => {
    expect(found(`engine sora-2\nstart_image ${URL_A}\n`)[0]?.message).toBe(
      "'start_image' is the V3 name of the source image; on sora-2 the field is input_reference, written 'image': " +
        "rename it (under the old name any 'image', even a project's, wins over it)",
    );
    const source = `project {\n  start_image ${URL_A}\n}\nscene a {\n  engine veo-3.1\n}\nscene b {\n  engine sora-2\n}\nscene c {\n}\n`;
    expect(found(source)[0]?.message).toBe(
      "'start_image' is the V3 name of the source image; the field is image_url on veo-3.1 and kling-o3 and input_reference on sora-2, " +
        "written 'image': rename it (under the old name any 'image', even a project's, wins over it) (project setting, read by scenes 'a', 'b', 'c')",
    );
  });

  it("reports a project statement once, naming the scenes that read it", () => {
    const source = `project {\n  start_image_url ${URL_A}\n}\nscene a {\n}\nscene b {\n  action "x"\n}\n`;
    const diagnostics = found(source);
    expect(at(diagnostics)).toEqual(["2:3-2:41"]);
    expect(diagnostics[0]?.message).toMatch(/\(project setting, read by scenes 'a', 'b'\)$/);
  });

  it("says the statement is dead beside an image in the same block", () => {
    const diagnostics = found(`image ${URL_A}\nstart_image "https://x.test/old.png"\n`);
    expect(at(diagnostics)).toEqual(["2:1-2:37"]);
    expect(diagnostics[0]?.message).toBe(
      "'start_image' is the V3 name of the source image and is ignored: this block's 'image' is the one sent; delete this statement",
    );
  });
});

describe("legacy-image-param: the fix", () => {
  it("renames the keyword to image and keeps the URL", () => {
    expect(fixedClean(`start_image_url ${URL_A}\naction "Maya waves."\n`)).toBe(
      `image ${URL_A}\naction "Maya waves."\n`,
    );
    expect(fixedClean(`scene a {\n  start_image ${URL_A} // hook frame\n}\n`)).toBe(
      `scene a {\n  image ${URL_A} // hook frame\n}\n`,
    );
  });

  it("deletes the legacy statement when the block already has an image", () => {
    expect(
      fixedClean(`start_image "https://x.test/old.png"\nimage ${URL_A}\naction "Maya waves."\n`),
    ).toBe(`image ${URL_A}\naction "Maya waves."\n`);
  });

  it("renames a scene's statement even when the project has an image: the scene's own frame is meant", () => {
    const source = `project {\n  image "https://x.test/default.png"\n}\nscene a {\n  start_image_url ${URL_A}\n}\n`;
    expect(fixedClean(source)).toBe(
      `project {\n  image "https://x.test/default.png"\n}\nscene a {\n  image ${URL_A}\n}\n`,
    );
  });

  it("renames the last of several legacy image statements (the one in force) and deletes the others", () => {
    const source = `start_image "https://x.test/1.png"\nstart_image_url "https://x.test/2.png"\naction "Maya waves."\n`;
    const diagnostics = found(source);
    expect(diagnostics[0]?.message).toBe(
      "'start_image' is the V3 name of the source image and is given again later in this block, where the last one is used; delete this one",
    );
    expect(fixedClean(source)).toBe(`image "https://x.test/2.png"\naction "Maya waves."\n`);
  });

  it("renames a project statement in the project", () => {
    const source = `project {\n  start_image_url ${URL_A}\n}\nscene a {\n  action "x"\n}\n`;
    expect(fixedClean(source)).toBe(`project {\n  image ${URL_A}\n}\nscene a {\n  action "x"\n}\n`);
  });

  it("does not fix a project statement a kling-v3 scene still uses", () => {
    const source = `project {\n  start_image_url ${URL_A}\n}\nscene old {\n  engine kling-v3\n}\nscene fresh {\n  action "x"\n}\n`;
    const diagnostics = found(source);
    expect(at(diagnostics)).toEqual(["2:3-2:41"]);
    expect(diagnostics[0]?.message).toMatch(
      /read by scene 'fresh'\); other scenes of the project target kling-v3 and use it$/,
    );
    expect(diagnostics[0]?.fix).toBeUndefined();
  });

  it("keeps the image the request carries", () => {
    const source = `start_image_url ${URL_A}\naction "Maya waves."\n`;
    const before = compile(source).scenes[0]?.request?.input["image_url"];
    expect(before).toBe("https://x.test/a.png");
    expect(compile(fixedClean(source)).scenes[0]?.request?.input["image_url"]).toBe(before);
  });
});
