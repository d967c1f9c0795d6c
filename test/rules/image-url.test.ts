import { describe, expect, it } from "vitest";
import type { Rule } from "../../src/lint/rule.js";
import { imageUrl, imageUrlProblem } from "../../rules/image-url.js";
import { ruleHarness } from "./harness.js";

const rule: Rule = imageUrl;

const { found, at } = ruleHarness(rule);

describe("image-url: what it reports", () => {
  it("reports a relative path at the string, saying the service cannot read it and what to give", () => {
    const diagnostics = found('image "frames/hook.png"\naction "x"\n');
    expect(at(diagnostics)).toEqual(["1:7-1:24"]);
    expect(diagnostics[0]?.severity).toBe("error");
    expect(diagnostics[0]?.fix).toBeUndefined();
    expect(diagnostics[0]?.message).toBe(
      `'image' "frames/hook.png" is not an absolute URL: the service cannot read a local or relative path; upload the image and give its https:// URL`,
    );
  });

  it("reports http:, file: and other schemes, with a reason for each", () => {
    const source = [
      'image "http://cdn.test/a.png"',
      'end_image "file:///Users/me/end.png"',
      "",
    ].join("\n");
    const diagnostics = found(source);
    expect(at(diagnostics)).toEqual(["1:7-1:30", "2:11-2:37"]);
    const messages = diagnostics.map((d) => d.message);
    expect(messages[0]).toBe(
      `'image' "http://cdn.test/a.png" uses plain http:, which klingc does not accept for an image the service downloads ` +
        "(it can be altered in transit, and many hosts only redirect it to https); write its https:// URL",
    );
    expect(messages[1]).toBe(
      `'end_image' "file:///Users/me/end.png" is a local file, which the service cannot read; upload the image and give its https:// URL`,
    );
  });

  it("checks image, end_image and the legacy names, in project and scenes", () => {
    const source = [
      "project {",
      '  end_image "ftp://x.test/end.png"',
      "}",
      "scene a {",
      '  start_image "./a.png"',
      "}",
      "scene b {",
      '  start_image_url "C:\\\\frames\\\\b.png"',
      '  image "https://x.test/b.png"',
      "}",
      "",
    ].join("\n");
    const diagnostics = found(source);
    expect(at(diagnostics)).toEqual(["2:13-2:35", "5:15-5:24", "8:19-8:38"]);
    expect(diagnostics[0]?.message).toContain(
      "uses ftp:, which the service does not fetch; give an https:// URL or a data:image/… URI",
    );
    expect(diagnostics[2]?.message).toContain("is a local path, which the service cannot read");
  });

  it("reports a project image once, not once per scene", () => {
    const source = 'project {\n  image "a.png"\n}\nscene a {\n}\nscene b {\n}\n';
    expect(at(found(source))).toEqual(["2:9-2:16"]);
  });

  it("accepts https URLs and data:image URIs", () => {
    const source = [
      'image "https://cdn.example.com/frames/hook.png?v=2"',
      'end_image "data:image/png;base64,iVBORw0KGgo="',
      'action "x"',
      "",
    ].join("\n");
    expect(found(source)).toEqual([]);
    expect(found('image "HTTPS://CDN.TEST/A.PNG"\n')).toEqual([]);
  });

  it("leaves a non-string value to invalid-argument", () => {
    expect(found("image hook\n")).toEqual([]);
  });

  it("does not look at other statements", () => {
    expect(found('action "see frames/a.png"\nbrands "http://x"\n')).toEqual([]);
  });
});

describe("image-url: judging one value", () => {
  it("accepts what the service can fetch", () => {
    for (const ok of [
      "https://x.test/a.png",
      "https://x.test",
      "data:image/jpeg;base64,/9j/4AAQ",
      "data:image/svg+xml,%3Csvg%3E",
      "DATA:IMAGE/PNG;BASE64,AAAA",
    ]) {
      expect(imageUrlProblem(ok), ok).toBeNull();
    }
  });

  it("rejects everything else, each with its reason", () => {
    expect(imageUrlProblem("")).toBe("is empty");
    expect(imageUrlProblem("   ")).toBe("is empty");
    expect(imageUrlProblem(" https://x.test/a.png")).toMatch(/^has white space around the URL/);
    expect(imageUrlProblem("data:text/plain,hello")).toMatch(
      /^is a data: URI that is not an image/,
    );
    expect(imageUrlProblem("data:image/png;base64,")).toMatch(
      /^is a data: URI that is not an image/,
    );
    expect(imageUrlProblem("/abs/a.png")).toMatch(/^is not an absolute URL/);
    expect(imageUrlProblem("a.png")).toMatch(/^is not an absolute URL/);
    expect(imageUrlProblem("http://x.test/a.png")).toMatch(/^uses plain http:/);
    expect(imageUrlProblem("file:///a.png")).toMatch(/^is a local file/);
    expect(imageUrlProblem("C:\\a.png")).toMatch(/^is a local path/);
    expect(imageUrlProblem("s3://bucket/a.png")).toBe(
      "uses s3:, which the service does not fetch; give an https:// URL or a data:image/… URI",
    );
  });
});
