/**
 * What an image value must be for the services to fetch it: an https URL or a
 * data:image URI. The `image-url` rule reports it with advice, and compile
 * refuses to build a request around a value that breaks it.
 */
/** `data:image/png;base64,…`: a media type under image/, optional parameters, a comma, then data. */
const DATA_IMAGE = /^data:image\/[a-z0-9.+-]+(;[^,]*)?,./is;

/**
 * An https URL that `new URL` accepts for certain, told without building one
 * (most images are such URLs, and parsing one per scene was a cost of compiling
 * big files): a host of ASCII labels (letters, digits, `-`), none of them
 * Punycode (`xn--`, which the parser decodes and may refuse), the last one
 * starting with a letter (so it is no IPv4 number), then nothing or a path of
 * printable ASCII. Anything else is left to `new URL`.
 */
export function isPlainHttpsUrl(value: string): boolean {
  return PLAIN_HTTPS_URL.test(value);
}

/**
 * {@link isPlainHttpsUrl} as one native search: a loop over the characters was
 * compiled by TurboFan on every large run. Labels end at a `.` and the last
 * one may hold none, so no character can be read two ways: linear (recheck
 * agrees, test/redos.test.ts). test/images.test.ts holds it to the character
 * loop it replaced.
 */
const PLAIN_HTTPS_URL =
  /^https:\/\/(?:(?![Xx][Nn]--)[A-Za-z0-9-]+\.)*(?![Xx][Nn]--)[A-Za-z][A-Za-z0-9-]*(?:\/[\x21-\x7e]*)?$/;

/** Why a value is not an image URL the service can fetch, or null when it is one. */
export function imageUrlProblem(value: string): string | null {
  if (isPlainHttpsUrl(value)) return null;
  if (value.trim() === "") return "is empty";
  if (value !== value.trim())
    return "has white space around the URL, and klingc sends the value as written; remove it";
  if (/^data:/i.test(value)) {
    if (DATA_IMAGE.test(value)) return null;
    return "is a data: URI that is not an image (write data:image/png;base64,… or data:image/jpeg;base64,…)";
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "is not an absolute URL: the service cannot read a local or relative path; upload the image and give its https:// URL";
  }
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:")
    return "uses plain http:, which klingc does not accept for an image the service downloads (it can be altered in transit, and many hosts only redirect it to https); write its https:// URL";
  if (url.protocol === "file:")
    return "is a local file, which the service cannot read; upload the image and give its https:// URL";
  // A Windows path (C:\…) parses as a URL with a one-letter scheme.
  if (/^[a-z]:$/i.test(url.protocol))
    return "is a local path, which the service cannot read; upload the image and give its https:// URL";
  return `uses ${url.protocol}, which the service does not fetch; give an https:// URL or a data:image/… URI`;
}
