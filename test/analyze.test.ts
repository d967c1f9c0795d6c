import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { analyze, type AnalyzeOptions, type AnalyzeResult } from "../src/language/analyze.js";
import type { Diagnostic } from "../src/language/diagnostics.js";
import { KEYWORDS } from "../src/language/keywords.js";
import type { Scene, Section } from "../src/language/model.js";

function run(source: string, options: AnalyzeOptions = {}): AnalyzeResult {
  return analyze(source, { filename: "test.kp", ...options });
}

/** Analyses a source that must be clean and returns its scenes. */
function clean(source: string, options: AnalyzeOptions = {}): Scene[] {
  const result = run(source, options);
  expect(result.diagnostics.map(show)).toEqual([]);
  return result.scenes;
}

function only(source: string, options: AnalyzeOptions = {}): Scene {
  const scenes = clean(source, options);
  expect(scenes).toHaveLength(1);
  return scenes[0] as Scene;
}

function show(d: Diagnostic): string {
  return `${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.ruleId} ${d.message}`;
}

function diagnostics(source: string, options: AnalyzeOptions = {}): string[] {
  return run(source, options).diagnostics.map(show);
}

function sectionsOf(sections: readonly Section[]): string[] {
  return sections.map((s) => `${s.keyword}${s.name ? `(${s.name})` : ""}/${s.origin}:${s.text}`);
}

const EXAMPLE = readFileSync(
  fileURLToPath(new URL("../fixtures/language/example.kp", import.meta.url)),
  "utf8",
);

describe("analyze: the LANGUAGE.md example", () => {
  const result = analyze(EXAMPLE, { filename: "serum.kp" });

  it("has no diagnostics and two scenes in order", () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.scenes.map((s) => [s.name, s.implicit, s.target, s.audio])).toEqual([
      ["hook", false, "kling-o3", true],
      ["demo", false, "kling-o3", true],
    ]);
  });

  it("resolves the project", () => {
    expect(result.project?.name).toBe("Serum launch");
    expect(result.project?.settings.quality?.value).toBe("pro");
    expect(result.project?.avoid.map((a) => a.text)).toEqual(["blur", "cartoon", "3D render"]);
  });

  it("merges project and scene avoid terms", () => {
    expect(result.scenes[1]?.avoid.map((a) => [a.text, a.origin])).toEqual([
      ["blur", "project"],
      ["cartoon", "project"],
      ["3D render", "project"],
      ["extra fingers", "scene"],
    ]);
  });

  it("keeps end_image, duration and continuity from=", () => {
    const demo = result.scenes[1] as Scene;
    expect(demo.settings.endImage?.value).toBe("https://cdn.example.com/frames/demo-end.png");
    expect(demo.settings.duration?.value).toBe(10);
    expect(demo.sections.find((s) => s.keyword === "continuity")?.from).toBe("hook");
  });
});

describe("analyze: implicit scenes", () => {
  it.each([
    ["kitchen.kp", "kitchen"],
    ["dir/sub/kitchen.kp", "kitchen"],
    ["C:\\work\\kitchen.kp", "kitchen"],
    ["my.scene.kp", "my.scene"],
    ["noext", "noext"],
    [undefined, "scene"],
  ])("names the scene of %s %s", (filename, name) => {
    const result = analyze('action "x"', filename === undefined ? {} : { filename });
    expect(result.scenes.map((s) => [s.name, s.implicit, s.statement])).toEqual([
      [name, true, null],
    ]);
  });

  it("takes settings and sections from the top level and inherits the project", () => {
    const scene = only('project {\n  quality pro\n}\nimage "u"\ncharacter maya "m"\naction "a"', {
      filename: "k.kp",
    });
    expect(scene.settings.image?.value).toBe("u");
    expect(scene.settings.quality).toMatchObject({ value: "pro", origin: "project" });
    expect(sectionsOf(scene.sections)).toEqual(["character(maya)/scene:m", "action/scene:a"]);
  });

  it("makes no scene of a file with only a project or only comments", () => {
    expect(clean("project { quality pro }")).toEqual([]);
    expect(clean("// nothing\n/* here */\n")).toEqual([]);
    expect(clean("")).toEqual([]);
  });

  it("holds top-level shots in the implicit scene", () => {
    const scene = only('character maya "m"\nshot a {\n  duration 3s\n  action "x"\n}');
    expect(scene.shots.map((s) => [s.name, s.duration?.value])).toEqual([["a", 3]]);
  });
});

describe("analyze: targets", () => {
  const two = 'scene a {\n  action "x"\n}\nscene b {\n  engine sora-2\n  action "y"\n}';

  it("defaults to kling-o3", () => {
    expect(clean(two).map((s) => s.target)).toEqual(["kling-o3", "sora-2"]);
  });

  it("uses the caller's target for scenes that name no engine, and a scene's engine wins", () => {
    expect(clean(two, { target: "veo-3.1" }).map((s) => s.target)).toEqual(["veo-3.1", "sora-2"]);
  });

  it("lets the project's engine win over the caller's target", () => {
    expect(
      clean(`project {\n  engine kling-v3\n}\n${two}`, { target: "veo-3.1" }).map((s) => s.target),
    ).toEqual(["kling-v3", "sora-2"]);
  });
});

describe("analyze: settings", () => {
  it("reads every setting", () => {
    const scene = only(
      [
        "scene s {",
        "  engine veo-3.1",
        '  image "https://a/1.png"',
        '  end_image "https://a/2.png"',
        "  duration 7.5s",
        "  quality fast",
        "  aspect 9:16",
        "  audio off",
        "  budget 1200",
        '  brands "GlowLab", Serumix',
        "}",
      ].join("\n"),
    );
    const values = Object.fromEntries(
      Object.entries(scene.settings).map(([k, v]) => [k, v?.value]),
    );
    expect(values).toEqual({
      engine: "veo-3.1",
      image: "https://a/1.png",
      endImage: "https://a/2.png",
      duration: 7.5,
      quality: "fast",
      aspect: "9:16",
      audio: false,
      budget: 1200,
    });
    expect(scene.brands.map((b) => b.name)).toEqual(["GlowLab", "Serumix"]);
  });

  it("records a repeated brands list as a repeat but keeps its names", () => {
    const scene = only('brands "A"\nbrands "B"');
    expect(scene.brands.map((b) => b.name)).toEqual(["A", "B"]);
    expect(scene.repeats.map((r) => r.keyword)).toEqual(["brands"]);
  });

  it("takes a plain number as seconds and 'auto' as an aspect", () => {
    const scene = only("duration 10\naspect auto");
    expect([scene.settings.duration?.value, scene.settings.aspect?.value]).toEqual([10, "auto"]);
  });

  it.each([
    ["duration 10m", "1:10-1:13 invalid-argument duration is in seconds: write 10s, not 10m"],
    ["duration 0", "1:10-1:11 invalid-argument duration is a number of seconds such as 10s, not 0"],
    [
      'duration "5s"',
      '1:10-1:14 invalid-argument duration is a number of seconds such as 10s, not "5s"',
    ],
    [
      "aspect 9x16",
      "1:8-1:12 invalid-argument aspect is a ratio such as 9:16 or 16:9 (or auto), not 9x16",
    ],
    [
      "aspect 16",
      "1:8-1:10 invalid-argument aspect is a ratio such as 9:16 or 16:9 (or auto), not 16",
    ],
    [
      "engine kling-o4",
      "1:8-1:16 invalid-argument unknown engine 'kling-o4' (known: kling-o3, kling-v3, sora-2, veo-3.1); did you mean 'kling-o3'?",
    ],
    [
      "engine midjourney",
      "1:8-1:18 invalid-argument unknown engine 'midjourney' (known: kling-o3, kling-v3, sora-2, veo-3.1)",
    ],
    [
      "quality ultra",
      "1:9-1:14 invalid-argument unknown quality 'ultra' (known: standard, pro, 4k, fast)",
    ],
    [
      "quality prp",
      "1:9-1:12 invalid-argument unknown quality 'prp' (known: standard, pro, 4k, fast); did you mean 'pro'?",
    ],
    [
      "image https",
      "1:7-1:12 invalid-argument 'image' takes a URL in a string: image \"https://…\"",
    ],
    ['image "a", "b"', "1:12-1:15 invalid-argument 'image' takes one value; \"b\" is one too many"],
    ["image", "1:1-1:6 invalid-argument 'image' needs a value"],
    [
      "budget 0",
      "1:8-1:9 invalid-argument budget is a whole number of characters such as 1500, not 0",
    ],
    [
      "budget 2501",
      "1:8-1:12 invalid-argument budget 2,501 is above kling-o3's limit of 2,500 characters; 2,500 is used",
    ],
    ["audio maybe", "1:7-1:12 invalid-argument 'audio' as a setting is 'audio on' or 'audio off'"],
    [
      "brands",
      '1:1-1:7 invalid-argument \'brands\' needs at least one name: brands "GlowLab", "Serumix"',
    ],
    ["duration 5s tier=1", "1:13-1:19 invalid-argument 'duration' takes no property 'tier'"],
  ])("rejects `%s`", (source, expected) => {
    expect(diagnostics(source)).toEqual([expected]);
  });

  it("accepts a budget of exactly the target's limit", () => {
    expect(diagnostics("budget 2500")).toEqual([]);
    expect(diagnostics("engine veo-3.1\nbudget 20000")).toEqual([]);
    expect(diagnostics("engine veo-3.1\nbudget 20001")).toEqual([
      "2:8-2:13 invalid-argument budget 20,001 is above veo-3.1's limit of 20,000 characters; 20,000 is used",
    ]);
  });

  it("judges the budget against the scene's target, including the caller's default", () => {
    expect(diagnostics("budget 5000", { target: "veo-3.1" })).toEqual([]);
    expect(diagnostics("budget 5000", { target: "kling-o3" })).toHaveLength(1);
  });

  it("keeps the first of a repeated setting and records the repeat", () => {
    const scene = only("duration 5s\nduration 8s");
    expect(scene.settings.duration?.value).toBe(5);
    expect(
      scene.repeats.map((r) => [
        r.keyword,
        r.first.position.start.line,
        r.repeat.position.start.line,
      ]),
    ).toEqual([["duration", 1, 2]]);
  });
});

describe("analyze: sections", () => {
  it("orders sections by the table, keeping repeated actions in sequence", () => {
    const scene = only(
      [
        "avoid blur",
        'continuity "co"',
        'realism "re"',
        'lighting "li"',
        'camera "ca"',
        'product "pr"',
        'audio "au"',
        'action "a1"',
        'character "ch"',
        'action "a2"',
      ].join("\n"),
    );
    expect(scene.sections.map((s) => `${s.keyword}:${s.text}:${s.tier}`)).toEqual([
      "character:ch:1",
      "action:a1:1",
      "action:a2:1",
      "audio:au:1",
      "product:pr:2",
      "camera:ca:2",
      "lighting:li:2",
      "realism:re:3",
      "continuity:co:3",
    ]);
    expect(scene.avoid.map((a) => [a.text, a.tier])).toEqual([["blur", 3]]);
  });

  it("names only characters", () => {
    const scene = only('character maya "m"\ncharacter "extra"');
    expect(scene.sections.map((s) => s.name)).toEqual(["maya", null]);
    expect(diagnostics('action maya "x"')).toEqual([
      "1:8-1:12 invalid-argument only 'character' takes a name before its text; 'action' takes just the text",
    ]);
  });

  it("reads an audio block's parts in order", () => {
    const scene = only(
      'character maya "m"\naudio {\n  tone "warm"\n  dialogue maya "Hi."\n  voiceover "Two drops."\n  music "lo-fi"\n}',
    );
    const audio = scene.sections.find((s) => s.keyword === "audio");
    expect(audio?.text).toBe("");
    expect(audio?.parts.map((p) => [p.kind, p.speaker, p.text])).toEqual([
      ["tone", null, "warm"],
      ["dialogue", "maya", "Hi."],
      ["voiceover", null, "Two drops."],
      ["music", null, "lo-fi"],
    ]);
  });

  it("overrides tiers with tier= wherever the property stands", () => {
    const scene = only(
      'camera tier=1 "c"\nrealism "r" tier=2\ncharacter maya tier=3 "m"\navoid blur, tier=1, cartoon',
    );
    expect(scene.sections.map((s) => [s.keyword, s.tier])).toEqual([
      ["character", 3],
      ["camera", 1],
      ["realism", 2],
    ]);
    expect(scene.sections[0]?.name).toBe("maya");
    expect(scene.avoid.map((a) => [a.text, a.tier])).toEqual([
      ["blur", 1],
      ["cartoon", 1],
    ]);
  });

  it("marks a character human=false, with or without a name", () => {
    const scene = only('character robot human=false "r"\ncharacter human=true "h"\ncharacter "x"');
    expect(scene.sections.map((s) => [s.name, s.human])).toEqual([
      ["robot", false],
      [null, true],
      [null, true],
    ]);
  });

  it("reads continuity from= as a name or a string", () => {
    const scenes = clean(
      'scene a {\n  continuity from=b "x"\n}\nscene b {\n  continuity "y" from="a"\n}',
    );
    expect(scenes.map((s) => s.sections[0]?.from)).toEqual(["b", "a"]);
  });

  it("merges avoid terms: identifiers, strings and units; duplicates drop case-insensitively, the first spelling stays", () => {
    const scene = only(
      'avoid Blur, "3D render", 3D\navoid blur, "3d RENDER", cartoon\navoid CARTOON, "extra fingers"',
    );
    expect(scene.avoid.map((a) => a.text)).toEqual([
      "Blur",
      "3D render",
      "3D",
      "cartoon",
      "extra fingers",
    ]);
    expect(scene.avoidRepeats.map((a) => a.text)).toEqual(["blur", "3d RENDER", "CARTOON"]);
  });

  it.each([
    [
      'camera tier=4 "c"',
      "1:13-1:14 invalid-argument tier is 1 (essential), 2 (important) or 3 (nice to have), not 4",
    ],
    [
      'camera tier=0 "c"',
      "1:13-1:14 invalid-argument tier is 1 (essential), 2 (important) or 3 (nice to have), not 0",
    ],
    [
      'camera tier=1.5 "c"',
      "1:13-1:16 invalid-argument tier is 1 (essential), 2 (important) or 3 (nice to have), not 1.5",
    ],
    [
      'camera mood=dark "c"',
      "1:8-1:12 invalid-argument unknown property 'mood' (properties are tier, from and human)",
    ],
    [
      'camera from=a "c"',
      "1:8-1:12 invalid-argument 'from=' does not apply to 'camera' (it takes tier)",
    ],
    [
      'camera human=false "c"',
      "1:8-1:13 invalid-argument 'human=' does not apply to 'camera' (it takes tier)",
    ],
    ['character human=no "c"', "1:17-1:19 invalid-argument 'human' is true or false, not no"],
    ["camera", "1:1-1:7 invalid-argument 'camera' needs its text in a string: camera \"…\""],
    ["camera wide", "1:8-1:12 invalid-argument 'camera' takes its text in a string, not wide"],
    [
      'camera "a" "b"',
      "1:12-1:15 invalid-argument 'camera' takes one argument; \"b\" is one too many",
    ],
    ['camera "c" {\n}', "1:12-2:2 invalid-argument 'camera' takes no block"],
    [
      "avoid",
      "1:1-1:6 invalid-argument 'avoid' needs at least one term: avoid blur, cartoon, \"3D render\"",
    ],
    ['avoid " "', "1:7-1:10 invalid-argument an avoid term cannot be empty"],
    [
      'audio "a" {\n  music "m"\n}',
      "1:7-1:10 invalid-argument 'audio' takes either a string or a block, not both",
    ],
  ])("rejects `%s`", (source, expected) => {
    expect(diagnostics(source)).toEqual([expected]);
  });

  it("keeps a section whose property is wrong, with its default tier", () => {
    const result = run('camera tier=9 "c"');
    expect(result.diagnostics).toHaveLength(1);
    expect(result.scenes[0]?.sections.map((s) => [s.keyword, s.tier, s.text])).toEqual([
      ["camera", 2, "c"],
    ]);
  });
});

describe("analyze: audio", () => {
  it("is on with audio content and off without, unless set", () => {
    const scenes = clean(
      'scene a {\n  audio "x"\n}\nscene b {\n  action "y"\n}\nscene c {\n  audio on\n}\nscene d {\n  shot {\n    audio "z"\n  }\n}',
    );
    expect(scenes.map((s) => [s.name, s.audio])).toEqual([
      ["a", true],
      ["b", false],
      ["c", true],
      ["d", true],
    ]);
  });

  it("reports audio off beside audio content, at the setting", () => {
    expect(diagnostics('audio off\naudio "x"')).toEqual([
      "1:1-1:10 invalid-argument 'audio off' cannot stand beside audio content in the same scene: remove one",
    ]);
    expect(diagnostics('audio off\nshot {\n  audio { music "m" }\n}')).toHaveLength(1);
  });

  it("lets a scene's audio off silence the project's audio section without a diagnostic", () => {
    const scenes = clean(
      'project {\n  audio "birds"\n}\nscene quiet {\n  audio off\n}\nscene loud {\n}',
    );
    expect(scenes.map((s) => [s.name, s.audio, s.sections.map((x) => x.keyword)])).toEqual([
      ["quiet", false, []],
      ["loud", true, ["audio"]],
    ]);
  });

  it("requires a dialogue to name a character of the scene or shot", () => {
    expect(
      diagnostics('character maya "m"\naudio {\n  dialogue maya "ok"\n  dialogue leo "no"\n}'),
    ).toEqual([
      "4:12-4:15 invalid-argument dialogue names 'leo', who is no character of this scene (characters here: maya)",
    ]);
    expect(diagnostics('character "nameless"\naudio { dialogue maya "no" }')).toEqual([
      "2:18-2:22 invalid-argument dialogue names 'maya', who is no character of this scene (no character here has a name: character maya \"…\")",
    ]);
    expect(
      diagnostics(
        'character maya "m"\nshot {\n  character leo "l"\n  audio { dialogue leo "ok"; dialogue maya "ok" }\n}',
      ),
    ).toEqual([]);
  });

  it("accepts a dialogue naming a project character", () => {
    expect(
      diagnostics(
        'project {\n  character maya "m"\n}\nscene a {\n  audio { dialogue maya "hi" }\n}',
      ),
    ).toEqual([]);
  });

  it("reports a project's bad dialogue once, not once per scene", () => {
    const found = diagnostics(
      'project {\n  audio { dialogue ghost "boo" }\n}\nscene a {}\nscene b {}\nscene c {}',
    );
    expect(found).toEqual([
      "2:20-2:25 invalid-argument dialogue names 'ghost', who is no character of this scene (no character here has a name: character maya \"…\")",
    ]);
  });

  it.each([
    [
      'audio { dialogue "hi" }',
      '1:18-1:22 invalid-argument dialogue names its speaker first: dialogue maya "…"',
    ],
    [
      "audio { dialogue }",
      '1:9-1:17 invalid-argument dialogue needs a speaker and a line: dialogue maya "…"',
    ],
    [
      'character maya "m"\naudio { dialogue maya }',
      "2:9-2:17 invalid-argument 'dialogue' needs the spoken line in a string: dialogue \"…\"",
    ],
    [
      "audio { music }",
      "1:9-1:14 invalid-argument 'music' needs its text in a string: music \"…\"",
    ],
  ])("rejects `%s`", (source, expected) => {
    expect(diagnostics(source)).toEqual([expected]);
  });
});

describe("analyze: project inheritance", () => {
  const source = [
    "project {",
    "  duration 5s",
    "  quality pro",
    '  brands "A", "B"',
    '  character maya "p-maya"',
    '  character leo "p-leo"',
    '  action "p-action"',
    '  camera "p-camera"',
    "  avoid Blur, grain",
    "}",
    "scene own {",
    "  duration 10s",
    '  brands "C"',
    '  character maya "s-maya"',
    '  action "s-action"',
    '  camera "s-camera"',
    '  avoid blur, "lens flare"',
    "}",
    "scene bare {",
    "}",
  ].join("\n");
  const [own, bare] = clean(source) as [Scene, Scene];

  it("lets a scene setting replace the project's and inherits the rest", () => {
    expect([own.settings.duration?.value, own.settings.duration?.origin]).toEqual([10, "scene"]);
    expect([own.settings.quality?.value, own.settings.quality?.origin]).toEqual(["pro", "project"]);
    expect([bare.settings.duration?.value, bare.settings.duration?.origin]).toEqual([5, "project"]);
  });

  it("merges brands", () => {
    expect(own.brands.map((b) => [b.name, b.origin])).toEqual([
      ["A", "project"],
      ["B", "project"],
      ["C", "scene"],
    ]);
    expect(bare.brands.map((b) => b.name)).toEqual(["A", "B"]);
  });

  it("puts project sections before the scene's own of the same keyword and replaces a character of the same name", () => {
    expect(sectionsOf(own.sections)).toEqual([
      "character(leo)/project:p-leo",
      "character(maya)/scene:s-maya",
      "action/project:p-action",
      "action/scene:s-action",
      "camera/project:p-camera",
      "camera/scene:s-camera",
    ]);
    expect(sectionsOf(bare.sections)).toEqual([
      "character(maya)/project:p-maya",
      "character(leo)/project:p-leo",
      "action/project:p-action",
      "camera/project:p-camera",
    ]);
  });

  it("does not count an inherited section as a repeat", () => {
    expect(own.repeats).toEqual([]);
  });

  it("merges avoid lists, the project's first, dropping case-insensitive repeats", () => {
    expect(own.avoid.map((a) => [a.text, a.origin])).toEqual([
      ["Blur", "project"],
      ["grain", "project"],
      ["lens flare", "scene"],
    ]);
    expect(own.avoidRepeats.map((a) => [a.text, a.origin])).toEqual([["blur", "scene"]]);
  });

  it("reports at most one project", () => {
    expect(diagnostics("project {}\nproject {}")).toEqual([
      "2:1-2:8 misplaced-statement a file has at most one 'project'; merge this one into the first",
    ]);
  });
});

describe("analyze: multi-shot scenes", () => {
  const scene = only(
    [
      "scene story {",
      '  character maya "Maya."',
      '  camera "Wide."',
      "  avoid blur",
      "  shot intro {",
      "    duration 3s",
      '    action "Opens the door."',
      "    avoid BLUR, haze",
      "  }",
      "  shot {",
      "    duration 2s",
      '    character maya "Maya, coat on."',
      '    action "Walks out."',
      "  }",
      "}",
    ].join("\n"),
  );

  it("keeps shots in order with their names and durations", () => {
    expect(scene.shots.map((s) => [s.index, s.name, s.duration?.value])).toEqual([
      [0, "intro", 3],
      [1, null, 2],
    ]);
  });

  it("inherits the scene's sections into every shot, a shot character replacing the scene's", () => {
    expect(sectionsOf(scene.shots[0]?.sections ?? [])).toEqual([
      "character(maya)/scene:Maya.",
      "action/shot:Opens the door.",
      "camera/scene:Wide.",
    ]);
    expect(sectionsOf(scene.shots[1]?.sections ?? [])).toEqual([
      "character(maya)/shot:Maya, coat on.",
      "action/shot:Walks out.",
      "camera/scene:Wide.",
    ]);
  });

  it("merges the scene's avoid terms into each shot's", () => {
    expect(scene.shots[0]?.avoid.map((a) => a.text)).toEqual(["blur", "haze"]);
    expect(scene.shots[0]?.avoidRepeats.map((a) => a.text)).toEqual(["BLUR"]);
    expect(scene.shots[1]?.avoid.map((a) => a.text)).toEqual(["blur"]);
  });

  it("takes only duration and sections in a shot", () => {
    expect(
      diagnostics('scene a {\n  shot {\n    image "u"\n    budget 100\n    avoid x\n  }\n}'),
    ).toEqual([
      "3:5-3:10 misplaced-statement a shot takes only 'duration' and sections; put 'image' on the scene",
      "4:5-4:11 misplaced-statement a shot takes only 'duration' and sections; put 'budget' on the scene",
    ]);
  });

  it("takes no audio on|off in a shot", () => {
    expect(diagnostics("scene a {\n  shot {\n    audio off\n  }\n}")).toEqual([
      "3:5-3:10 misplaced-statement a shot takes only 'duration' and sections; put 'audio on|off' on the scene",
    ]);
  });

  it("rejects a shot inside a shot, and a top-level shot in a file with scenes", () => {
    expect(diagnostics("scene a {\n  shot {\n    shot {}\n  }\n}")).toEqual([
      "3:5-3:9 misplaced-statement a shot cannot stand inside another shot; shots stand in a scene",
    ]);
    expect(diagnostics("shot {}\nscene a {}")).toEqual([
      "1:1-1:5 misplaced-statement 'shot' must stand inside a scene: this file has scene blocks",
    ]);
  });

  it("rejects a shot named by a string", () => {
    expect(diagnostics('shot "intro" {\n  action "x"\n}')).toEqual([
      "1:6-1:13 invalid-argument a shot's name is a name, not a string or number",
    ]);
  });
});

describe("analyze: legacy statements are known keywords", () => {
  it.each(["top", "project", "scene"])("in the %s context", (where) => {
    const body =
      'negative_prompt "blur"\ncfg_scale 0.5\nstart_image "u"\nstart_image_url "v"\nendpoint "fal-ai/kling-video/v3/pro/image-to-video"';
    const source =
      where === "top"
        ? body
        : where === "project"
          ? `project {\n${body}\n}\nscene a {}`
          : `scene a {\n${body}\n}`;
    const result = run(source);
    expect(result.diagnostics.map(show)).toEqual([]);
    expect(result.scenes[0]?.legacy.map((l) => [l.keyword, l.value])).toEqual([
      ["negative_prompt", "blur"],
      ["cfg_scale", 0.5],
      ["start_image", "u"],
      ["start_image_url", "v"],
      ["endpoint", "fal-ai/kling-video/v3/pro/image-to-video"],
    ]);
  });

  it("checks their values", () => {
    expect(diagnostics('cfg_scale "high"\nnegative_prompt 5\nendpoint')).toEqual([
      "1:11-1:17 invalid-argument 'cfg_scale' takes a number such as 0.5",
      "2:17-2:18 invalid-argument 'negative_prompt' takes a string",
      "3:1-3:9 invalid-argument 'endpoint' needs a value",
    ]);
  });
});

describe("analyze: unknown and misplaced keywords", () => {
  it.each([
    [
      'scen a {\n  action "x"\n}',
      "1:1-1:5 unknown-keyword unknown keyword 'scen'; did you mean 'scene'?",
    ],
    [
      'scene a {\n  actoin "x"\n}',
      "2:3-2:9 unknown-keyword unknown keyword 'actoin'; did you mean 'action'?",
    ],
    [
      'scene a {\n  CAMERA "x"\n}',
      "2:3-2:9 unknown-keyword unknown keyword 'CAMERA'; did you mean 'camera'?",
    ],
    [
      'scene a {\n  audio {\n    dialog maya "x"\n  }\n}',
      "3:5-3:11 unknown-keyword unknown keyword 'dialog'; did you mean 'dialogue'?",
    ],
    ['scene a {\n  glitter "x"\n}', "2:3-2:10 unknown-keyword unknown keyword 'glitter'"],
    ["enigne kling-o3", "1:1-1:7 unknown-keyword unknown keyword 'enigne'; did you mean 'engine'?"],
  ])("reports %j", (source, expected) => {
    expect(diagnostics(source)).toEqual([expected]);
  });

  it("does not look inside an unknown keyword's block", () => {
    expect(diagnostics('scen a {\n  actoin "x"\n  foo bar\n}')).toHaveLength(1);
  });

  it("knows every keyword LANGUAGE.md names, in every context", () => {
    const named = [
      ...["project", "scene", "shot"],
      ...[
        "engine",
        "image",
        "end_image",
        "duration",
        "quality",
        "aspect",
        "audio",
        "budget",
        "brands",
      ],
      ...["character", "action", "product", "camera", "lighting", "realism", "continuity", "avoid"],
      ...["dialogue", "voiceover", "music", "tone"],
      ...["negative_prompt", "cfg_scale", "start_image", "start_image_url", "endpoint"],
      // klingc's own setting beyond the contract's list: how many renders a scene gets.
      "takes",
    ];
    expect([...KEYWORDS.keys()].sort()).toEqual([...named].sort());
    for (const name of named) {
      for (const source of [
        `${name} "x"`,
        `scene a {\n  ${name} "x"\n}`,
        `scene a {\n  audio {\n    ${name} "x"\n  }\n}`,
      ]) {
        expect(diagnostics(source).join("\n")).not.toMatch(/unknown-keyword/);
      }
    }
  });

  it.each([
    [
      "scene a {\n  scene b {}\n}",
      "2:3-2:8 misplaced-statement 'scene' cannot stand inside a scene; it belongs at the top level",
    ],
    [
      "scene a {\n  project {}\n}",
      "2:3-2:10 misplaced-statement 'project' cannot stand inside a scene; it belongs at the top level",
    ],
    [
      'scene a {\n  dialogue maya "x"\n}',
      "2:3-2:11 misplaced-statement 'dialogue' belongs inside an 'audio { … }' block",
    ],
    ['tone "warm"', "1:1-1:5 misplaced-statement 'tone' belongs inside an 'audio { … }' block"],
    [
      'scene a {\n  image "u" {\n    action "x"\n  }\n}',
      "3:5-3:11 misplaced-statement 'action' cannot stand inside 'image'",
    ],
    [
      'scene a {\n  audio {\n    camera "c"\n  }\n}',
      "3:5-3:11 misplaced-statement 'camera' cannot stand inside 'audio { … }', which takes dialogue, voiceover, music and tone",
    ],
    [
      "scene a {\n  shot {\n    quality pro\n  }\n}",
      "3:5-3:12 misplaced-statement a shot takes only 'duration' and sections; put 'quality' on the scene",
    ],
    ["project {\n  shot {}\n}", "2:3-2:7 misplaced-statement 'shot' cannot stand inside a project"],
    [
      "engine kling-o3\nscene a {}",
      "1:1-1:7 misplaced-statement 'engine' must stand inside a scene or the project: this file has scene blocks",
    ],
    [
      'action "x"\nscene a {}',
      "1:1-1:7 misplaced-statement 'action' must stand inside a scene or the project: this file has scene blocks",
    ],
  ])("reports %j", (source, expected) => {
    expect(diagnostics(source)).toEqual([expected]);
  });

  it("keeps the setting whose block held a misplaced statement", () => {
    const result = run('scene a {\n  image "u" {\n    action "x"\n  }\n}');
    expect(result.scenes[0]?.settings.image?.value).toBe("u");
  });
});

describe("analyze: scenes", () => {
  it("reports a duplicate scene at its name, pointing at the first, and keeps the first", () => {
    const result = run('scene hook {\n  action "one"\n}\nscene hook {\n  action "two"\n}');
    expect(result.diagnostics.map(show)).toEqual([
      "4:7-4:11 duplicate-scene scene 'hook' is already defined; scene names are unique in a file",
    ]);
    expect(
      result.diagnostics[0]?.related?.map((r) => [r.line, r.column, r.endColumn, r.message]),
    ).toEqual([[1, 7, 11, "scene 'hook' is first defined here"]]);
    expect(result.scenes.map((s) => [s.name, s.sections[0]?.text])).toEqual([["hook", "one"]]);
  });

  it("requires a scene name and a block", () => {
    expect(diagnostics("scene {}")).toEqual([
      "1:1-1:6 invalid-argument a scene needs a name: scene NAME { … } (a name is letters, digits, '_', '-', '.')",
    ]);
    expect(diagnostics('scene "quoted" {}')).toEqual([
      "1:7-1:15 invalid-argument a scene needs a name: scene NAME { … } (a name is letters, digits, '_', '-', '.'), not quoted",
    ]);
    expect(diagnostics("scene a")).toEqual([
      "1:1-1:6 invalid-argument 'scene' needs a block: scene … { … }",
    ]);
  });

  it("keeps analysing after bad lines: the following sections and scenes are present", () => {
    const source = [
      "scene a {",
      '  action "one"',
      "  duration 10m",
      '  camera "two" @',
      '  actoin "three"',
      '  lighting "four"',
      "}",
      "scene b {",
      '  action "five"',
      "}",
    ].join("\n");
    const result = run(source);
    expect(result.diagnostics.map((d) => [d.line, d.ruleId]).sort()).toEqual([
      [3, "invalid-argument"],
      [4, "syntax"],
      [5, "unknown-keyword"],
    ]);
    expect(result.scenes.map((s) => [s.name, s.sections.map((x) => x.text)])).toEqual([
      ["a", ["one", "two", "four"]],
      ["b", ["five"]],
    ]);
  });

  it("gives a line with a syntax error no further diagnostics from analysis", () => {
    expect(diagnostics("# a shell-style comment\nscene a {}")).toEqual([
      "1:1-1:2 syntax unexpected character '#'",
    ]);
    expect(diagnostics('action "x" @ "y"')).toEqual(["1:12-1:13 syntax unexpected character '@'"]);
    expect(diagnostics('camera tier=\nactoin "y"')).toEqual([
      "1:8-1:13 syntax 'tier=' needs a value",
      "2:1-2:7 unknown-keyword unknown keyword 'actoin'; did you mean 'action'?",
    ]);
  });

  it("checks the names and blocks of project, scene and shot", () => {
    expect(diagnostics("project 5 {}")).toEqual([
      '1:9-1:10 invalid-argument a project\'s name is a string: project "Serum launch" { … }',
    ]);
    expect(diagnostics("project a b {}")).toEqual([
      "1:11-1:12 invalid-argument 'project' takes at most one name",
    ]);
    expect(diagnostics("scene a b {}")).toEqual([
      "1:9-1:10 invalid-argument 'scene' takes one name",
    ]);
    expect(diagnostics("scene a tier=1 {}")).toEqual([
      "1:9-1:15 invalid-argument 'scene' takes no property 'tier'",
    ]);
    expect(diagnostics("shot a b {}")).toEqual([
      "1:8-1:9 invalid-argument 'shot' takes at most one name",
    ]);
    expect(run('project "P" {}\nscene a {}').project?.name).toBe("P");
    expect(run("project P {}\nscene a {}").project?.name).toBe("P");
  });

  it("sets the file of every diagnostic and returns the AST and line index", () => {
    const result = analyze("actoin", { filename: "here.kp" });
    expect(result.diagnostics.map((d) => d.file)).toEqual(["here.kp"]);
    expect(result.ast.statements[0]?.keyword).toBe("actoin");
    expect(result.lines.lineCount).toBe(1);
  });

  it("is deterministic", () => {
    expect(analyze(EXAMPLE, { filename: "a.kp" })).toEqual(analyze(EXAMPLE, { filename: "a.kp" }));
  });
});

describe("legacy statements take the value their field took", () => {
  it("rejects a name, a dimension or a ratio where a string belongs, and a string where cfg_scale's number belongs", () => {
    const source =
      'negative_prompt blur\nstart_image 3D\nendpoint 9:16\ncfg_scale "0.5"\nimage "https://x.test/a.png"\naction "Maya waves."\n';
    const found = analyze(source).diagnostics.map(
      (d) => `${d.line}:${d.column} ${d.ruleId} ${d.message}`,
    );
    expect(found).toEqual([
      "1:17 invalid-argument 'negative_prompt' takes a string",
      "2:13 invalid-argument 'start_image' takes a string",
      "3:10 invalid-argument 'endpoint' takes a string",
      "4:11 invalid-argument 'cfg_scale' takes a number such as 0.5",
    ]);
  });
});
