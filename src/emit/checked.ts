/**
 * The text, packing and request helpers as the library exports them: a
 * JavaScript caller may pass anything, so each checks its arguments first and
 * answers a value that is not what it takes with an empty result (or, for a
 * request, null) instead of a TypeError; a request is null too when its
 * target would refuse it. Inside klingc the unchecked functions
 * are used: their callers pass what the types say.
 */
import { everyItem, isRecord } from "../language/options.js";
import * as targets from "../targets/profiles.js";
import { isTargetId } from "../targets/profiles.js";
import * as text from "./text.js";
import * as packing from "./pack.js";
import * as request from "./request.js";
import { settingsProblems } from "./findings.js";

const isString = (value: unknown): value is string => typeof value === "string";
const isNumber = (value: unknown): value is number => typeof value === "number";
const nullOr = <T>(value: unknown, is: (v: unknown) => v is T): boolean =>
  value === null || is(value);

/** Code points of a string; 0 for anything else. */
export function codePointLength(s: string): number {
  return isString(s) ? text.codePointLength(s) : 0;
}

/** The sentence units of a string; none for anything else. */
export function splitSentences(s: string): string[] {
  return isString(s) ? text.splitSentences(s) : [];
}

/** The text cut at its last sentence end within `limit` code points; "" for a text that is no string or a limit that is no number. */
export function truncateAtSentence(s: string, limit: number): string {
  return isString(s) && isNumber(limit) ? text.truncateAtSentence(s, limit) : "";
}

function isPackUnit(value: unknown): value is packing.PackUnit {
  return (
    isRecord(value) &&
    (value["kind"] === "sentence" || value["kind"] === "avoid") &&
    (value["tier"] === 1 || value["tier"] === 2 || value["tier"] === 3) &&
    isString(value["text"]) &&
    isString(value["keyword"]) &&
    Number.isFinite(value["section"]) &&
    Number.isFinite(value["sentence"])
  );
}

/** Packs the units that are units (anything else in the list is left out); a budget that is no number packs nothing. */
export function pack(units: readonly packing.PackUnit[], budget: number): packing.PackResult {
  const valid = Array.isArray(units) ? units.filter(isPackUnit) : [];
  return packing.pack(valid, isNumber(budget) ? budget : Number.NaN);
}

function isShot(value: unknown): value is request.ShotSpec {
  return isRecord(value) && isString(value["prompt"]) && nullOr(value["duration"], isNumber);
}

function isRequestSpec(value: unknown): value is request.RequestSpec {
  if (!isRecord(value) || !isString(value["target"]) || !isTargetId(value["target"])) return false;
  const strings = ["quality", "image", "endImage", "aspect", "prompt", "negativePrompt"].every(
    (key) => nullOr(value[key], isString),
  );
  const numbers = ["duration", "cfgScale"].every((key) => nullOr(value[key], isNumber));
  const shots =
    value["shots"] === null || (Array.isArray(value["shots"]) && everyItem(value["shots"], isShot));
  return strings && numbers && shots && typeof value["audio"] === "boolean";
}

/**
 * The request for a spec; null for anything that is not a `RequestSpec` (an
 * unknown target, a missing field) and for a spec its target would refuse (see
 * `settingsProblems`): klingc never hands a renderer a made-up endpoint or value.
 */
export function buildRequest(spec: request.RequestSpec): request.TargetRequest | null {
  if (!isRequestSpec(spec)) return null;
  // The spec's audio is what the scene gets, not a written `audio on|off`: a target without the flag decides for itself.
  return settingsProblems({ ...spec, audio: null }).length === 0
    ? request.buildRequest(spec)
    : null;
}

/** A target's profile; undefined for anything that is not a target id (a caller may pass "veo", or an object). */
export function getProfile(id: targets.TargetId): targets.Profile | undefined {
  return isString(id) && isTargetId(id) ? targets.getProfile(id) : undefined;
}
