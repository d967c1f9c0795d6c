import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { imageUrlProblem, isPlainHttpsUrl } from "../src/targets/images.js";

/** What `imageUrlProblem` says of a value when `new URL` decides (its answer for an https URL is null). */
function parsesAsHttps(value: string): boolean {
  try {
    return new URL(value).protocol === "https:";
  } catch {
    return false;
  }
}

/** The plain definition of isPlainHttpsUrl: one pass over the host's labels, then the path's characters. */
function plainHttpsByLoop(value: string): boolean {
  const isLetter = (code: number): boolean =>
    (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
  const isLabel = (code: number): boolean =>
    isLetter(code) || (code >= 0x30 && code <= 0x39) || code === 0x2d;
  const isPunycode = (at: number): boolean => value.slice(at, at + 4).toLowerCase() === "xn--";
  if (!value.startsWith("https://")) return false;
  let p = "https://".length;
  let labelStart = p;
  for (; p < value.length; p++) {
    const code = value.charCodeAt(p);
    if (code === 0x2f) break;
    if (code === 0x2e) {
      if (p === labelStart || isPunycode(labelStart)) return false;
      labelStart = p + 1;
    } else if (!isLabel(code)) return false;
  }
  if (p === labelStart || isPunycode(labelStart) || !isLetter(value.charCodeAt(labelStart)))
    return false;
  for (; p < value.length; p++) {
    const code = value.charCodeAt(p);
    if (code < 0x21 || code > 0x7e) return false;
  }
  return true;
}

describe("isPlainHttpsUrl (the shortcut that spares image URLs a URL parse)", () => {
  const printable = fc.string({
    unit: fc.integer({ min: 0x20, max: 0x7f }).map((c) => String.fromCharCode(c)),
    maxLength: 3,
  });
  // Labels a host may have: names, numbers (a numeric last label makes the host an IPv4 address), Punycode, junk.
  const label = fc.oneof(
    fc.constantFrom(
      "cdn",
      "example",
      "com",
      "a",
      "A",
      "a-",
      "-a",
      "0",
      "1",
      "255",
      "0x1",
      "0X",
      "xn--",
      "XN--",
      "xn--a",
      "",
      "é",
      "a:1",
      "u@h",
    ),
    printable,
  );
  const path = fc.oneof(
    fc.constantFrom("", "/", "/a.png", "//x", "?q", "#f", "/a b", "/é", "\\x"),
    printable,
  );
  const url = fc
    .tuple(
      fc.constantFrom("https://", "https://", "https:/", "HTTPS://", "http://"),
      fc.array(label, { minLength: 1, maxLength: 4 }),
      path,
    )
    .map(([scheme, labels, rest]) => scheme + labels.join(".") + rest);

  it("holds only of values that new URL reads as https", () => {
    fc.assert(
      fc.property(url, (value) => {
        if (isPlainHttpsUrl(value)) expect(parsesAsHttps(value)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it("says what the character loop it replaced says", () => {
    fc.assert(
      fc.property(url, (value) => {
        expect(isPlainHttpsUrl(value)).toBe(plainHttpsByLoop(value));
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    ["https://cdn.example.com/frames/s1.png", true],
    ["https://cdn.example.com", true],
    ["https://a-.b-/x?y#z", true],
    ["https://xn--a.com/x.png", false],
    ["https://cdn.example.1/x.png", false],
    ["https://cdn.example.0x1/x.png", false],
    ["https://cdn..com/x.png", false],
    ["https://cdn.com./x.png", false],
    ["https://user@cdn.com/x.png", false],
    ["https://cdn.com:8443/x.png", false],
    ["https://cdn.com/a b.png", false],
  ])("%j → %j", (value, plain) => {
    expect(isPlainHttpsUrl(value)).toBe(plain);
  });

  it("leaves imageUrlProblem's answer as new URL gives it", () => {
    expect(imageUrlProblem("https://cdn.example.com/frames/s1.png")).toBeNull();
    expect(imageUrlProblem("https://xn--a.com/x.png")).toMatch(/not an absolute URL/);
    expect(imageUrlProblem("https://cdn.example.1/x.png")).toMatch(/not an absolute URL/);
  });
});
