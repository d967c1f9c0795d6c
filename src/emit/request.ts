/**
 * Request building: one scene's settings and packed prompt(s) → the request
 * its target takes. Pure: no I/O, no diagnostics.
 *
 * Field names and value types follow the profiles (src/targets/profiles.ts) and, for
 * fal endpoints, `@fal-ai/client`'s `EndpointTypeMap` (test/request.types.test.ts
 * checks the input types below against it, field for field).
 *
 * Best effort, never a throw: the builder runs on scenes lint has already
 * judged, so it does not judge again.
 * - A value the field cannot take (duration 7 on sora-2, quality "ultra") is
 *   passed through as written; the service answers it, lint has reported it.
 *   The static types below describe the requests of lint-clean scenes.
 * - A setting the target has no field for (an end image on sora-2, a negative
 *   prompt on kling-o3) is left out; lint has reported it.
 * - A missing image is sent as "" so the request keeps its shape.
 * - Shots on a target without multi-shot become one prompt (joined by a
 *   space) whose length is the sum of the shots.
 */
import {
  encodeDuration,
  endpointFor,
  fillQuality,
  PROFILES,
  type Profile,
  type ProfileTable,
  type TargetId,
} from "../targets/profiles.js";

export interface ShotSpec {
  prompt: string;
  duration: number | null;
}

/** Everything a request is built from: one scene's settings and packed prompt(s); `buildRequest` takes it. */
export interface RequestSpec {
  target: TargetId;
  /** null: the target's default quality. */
  quality: string | null;
  image: string | null;
  endImage: string | null;
  /** null: the target's default length. */
  duration: number | null;
  aspect: string | null;
  audio: boolean;
  /** The prompt of a single-prompt scene (null for a multi-shot one). */
  prompt: string | null;
  /** The shots of a multi-shot scene (null for a single-prompt one). */
  shots: ShotSpec[] | null;
  /** Used only where the target has the field (kling-v3, veo-3.1). */
  negativePrompt: string | null;
  /** Used only where the target has the field (kling-v3). */
  cfgScale: number | null;
}

/** What a renderer sends: the endpoint and the input body (see the per-target request types for the fields). */
export interface TargetRequest {
  /** A fal endpoint id, or "POST /videos" for OpenAI. */
  endpoint: string;
  input: Record<string, unknown>;
}

// ---------------------------------------------------------------------------
// Field names and value types, derived from the profile table so the facts live in one place.

const O3 = PROFILES["kling-o3"];
const V3 = PROFILES["kling-v3"];
const VEO = PROFILES["veo-3.1"];
const SORA = PROFILES["sora-2"];

/** `{ [name]: V }` for a field name the table holds. */
type Field<Name extends string, V> = { [K in Name]: V };
type OptionalField<Name extends string, V> = { [K in Name]?: V };

type Durations<T extends TargetId> = ProfileTable[T]["durations"];
type EncodedDuration<T extends TargetId> =
  `${Durations<T>["allowed"][number]}${Durations<T>["suffix"]}`;

/** "3" … "15" */
export type KlingDuration = EncodedDuration<"kling-o3">;
/** "1" … "15" */
export type KlingShotDuration = `${ProfileTable["kling-o3"]["multiShot"]["shotDurations"][number]}`;
/** "4s" | "6s" | "8s" */
export type VeoDuration = EncodedDuration<"veo-3.1">;
export type VeoAspect = ProfileTable["veo-3.1"]["aspect"]["allowed"][number];
/** "4" | "8" | "12" */
export type SoraSeconds = EncodedDuration<"sora-2">;
/** OpenAI `VideoSize`. */
export type SoraSize = "720x1280" | "1280x720" | "1024x1792" | "1792x1024";
/** "sora-2" | "sora-2-pro": the model template with the unwritten quality and without it. */
export type SoraModel = ModelName<
  ProfileTable["sora-2"]["model"]["name"],
  ProfileTable["sora-2"]["qualities"]
>;
type ModelName<
  Template extends string,
  Q extends { allowed: readonly string[]; unwritten: string | null },
> = Template extends `${infer Head}-{quality}`
  ? Q["allowed"][number] extends infer Quality extends string
    ? Quality extends Q["unwritten"]
      ? Head
      : `${Head}-${Quality}`
    : never
  : never;

// ---------------------------------------------------------------------------
// Per-target inputs (type aliases, not interfaces, so they fit Record<string, unknown>).

/** One element of the shot list: fal's KlingV3MultiPromptElement, whose fields are its own, not the request's. */
export type KlingShot = { prompt: string; duration: KlingShotDuration };

type Shots = typeof O3.multiShot;
/** Kling takes either one prompt or a shot list, never both. */
export type KlingPromptFields =
  | { prompt: string }
  | (Field<Shots["field"], KlingShot[]> & Field<Shots["shotTypeField"], Shots["shotType"]>);

export type KlingO3Input = KlingPromptFields &
  Field<typeof O3.image.field, string> &
  OptionalField<typeof O3.endImage.field, string> &
  Field<typeof O3.durations.field, KlingDuration> &
  Field<typeof O3.audioFlag.field, boolean>;

export type KlingV3Input = KlingPromptFields &
  Field<typeof V3.image.field, string> &
  OptionalField<typeof V3.endImage.field, string> &
  Field<typeof V3.durations.field, KlingDuration> &
  Field<typeof V3.audioFlag.field, boolean> &
  OptionalField<typeof V3.negativePrompt.field, string> &
  OptionalField<typeof V3.cfgScale.field, number>;

type VeoCommon = { prompt: string } & Field<typeof VEO.durations.field, VeoDuration> &
  Field<typeof VEO.audioFlag.field, boolean> &
  OptionalField<typeof VEO.aspect.field, VeoAspect> &
  OptionalField<typeof VEO.negativePrompt.field, string>;
export type VeoImageInput = VeoCommon & Field<typeof VEO.image.field, string>;
export type VeoFirstLastInput = VeoCommon &
  Field<typeof VEO.endImage.startField, string> &
  Field<typeof VEO.endImage.field, string>;

/** OpenAI `VideoCreateParams`; `input_reference` carries the image URL the caller uploads. */
export type SoraInput = { prompt: string } & Field<typeof SORA.model.field, SoraModel> &
  Field<typeof SORA.durations.field, SoraSeconds> &
  OptionalField<typeof SORA.aspect.field, SoraSize> &
  OptionalField<typeof SORA.image.field, string>;

/**
 * An endpoint template from the table with any quality in place of `{quality}`;
 * where the target writes one quality as nothing, also the path without the segment.
 */
type Filled<
  Template extends string,
  Unwritten,
> = Template extends `${infer Head}{quality}/${infer Tail}`
  ? `${Head}${string}/${Tail}` | (Unwritten extends string ? `${Head}${Tail}` : never)
  : Template;
type EndpointOf<T extends TargetId> = Filled<
  ProfileTable[T]["endpoint"],
  ProfileTable[T]["qualities"]["unwritten"]
>;

export type KlingO3Endpoint = EndpointOf<"kling-o3">;
export type KlingV3Endpoint = EndpointOf<"kling-v3">;
export type VeoImageEndpoint = EndpointOf<"veo-3.1">;
export type VeoFirstLastEndpoint = Filled<
  ProfileTable["veo-3.1"]["endImage"]["endpoint"],
  ProfileTable["veo-3.1"]["qualities"]["unwritten"]
>;

/** A request to Kling 3.0 (O3) image-to-video on fal. */
export type KlingO3Request = { endpoint: KlingO3Endpoint; input: KlingO3Input };
/** A request to Kling 3.0 (V3, legacy) image-to-video on fal. */
export type KlingV3Request = { endpoint: KlingV3Endpoint; input: KlingV3Input };
/** A request to Veo 3.1 on fal: image-to-video, or first-last-frame when the scene has an end image. */
export type VeoRequest =
  | { endpoint: VeoImageEndpoint; input: VeoImageInput }
  | { endpoint: VeoFirstLastEndpoint; input: VeoFirstLastInput };
/** A request to OpenAI's Sora 2 (`POST /videos`). */
export type SoraRequest = { endpoint: ProfileTable["sora-2"]["endpoint"]; input: SoraInput };

// ---------------------------------------------------------------------------
// Shared helpers.

/**
 * Types a field value as one of the values the field lists. A value the
 * field does not list is passed through unchanged (best effort, see the
 * header): this is the one place where a static type can claim more than
 * the value holds, and it is only reached from scenes lint has reported.
 */
function passThrough<T extends string>(value: string): T {
  return value as T;
}

function isMultiShot(spec: RequestSpec): spec is RequestSpec & { shots: ShotSpec[] } {
  return spec.shots !== null && spec.shots.length > 0;
}

function qualityOf(spec: RequestSpec, profile: Profile): string {
  return spec.quality ?? profile.qualities.default;
}

/** A shot without a duration gets the target's shot default, so the sum stays explicit. */
function shotSeconds(shot: ShotSpec, profile: Profile): number {
  return shot.duration ?? profile.multiShot?.shotDefault ?? 0;
}

/**
 * The request's length: the sum of the shots, else the scene's duration,
 * else the profile default (sent explicitly, so the request says what it gets).
 */
function sceneSeconds(spec: RequestSpec, profile: Profile): number | null {
  if (isMultiShot(spec))
    return spec.shots.reduce((sum, shot) => sum + shotSeconds(shot, profile), 0);
  return spec.duration ?? profile.durations.default;
}

/** The single prompt of a target without multi-shot. */
function singlePrompt(spec: RequestSpec): string {
  if (isMultiShot(spec)) return spec.shots.map((shot) => shot.prompt).join(" ");
  return spec.prompt ?? "";
}

function encodedSeconds<T extends TargetId>(target: T, spec: RequestSpec): EncodedDuration<T> {
  const profile: Profile = PROFILES[target];
  return passThrough(encodeDuration(profile, sceneSeconds(spec, profile) ?? 0));
}

/** The spec's quality (or the target's default) in the target's endpoint, with or without an end image. */
function endpointOf<E extends string>(profile: Profile, spec: RequestSpec, endImage: boolean): E {
  return passThrough(endpointFor(profile, qualityOf(spec, profile), endImage));
}

// ---------------------------------------------------------------------------
// Kling (o3 and v3 share the prompt and duration encoding).

function klingShots(shots: ShotSpec[], profile: Profile): KlingShot[] {
  return shots.map((shot) => ({
    prompt: shot.prompt,
    duration: passThrough<KlingShotDuration>(String(shotSeconds(shot, profile))),
  }));
}

/**
 * A Kling input, field by field in the order the JSON shows them (prompt or
 * shot list, image, end image, duration, audio, then V3's negative prompt and
 * cfg scale). Written out, not spread: a spread per scene was a large part of
 * compiling a big file.
 */
function klingInput(
  spec: RequestSpec,
  profile: typeof O3 | typeof V3,
  target: "kling-o3" | "kling-v3",
): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  if (isMultiShot(spec)) {
    input[O3.multiShot.field] = klingShots(spec.shots, profile);
    input[O3.multiShot.shotTypeField] = O3.multiShot.shotType;
  } else {
    input["prompt"] = spec.prompt ?? "";
  }
  input[profile.image.field] = spec.image ?? "";
  if (spec.endImage !== null) input[profile.endImage.field] = spec.endImage;
  input[profile.durations.field] = encodedSeconds(target, spec);
  input[profile.audioFlag.field] = spec.audio;
  return input;
}

export function klingO3Input(spec: RequestSpec): KlingO3Input {
  return klingInput(spec, O3, "kling-o3") as KlingO3Input;
}

export function klingO3Request(spec: RequestSpec): KlingO3Request {
  return {
    endpoint: endpointOf<KlingO3Endpoint>(O3, spec, spec.endImage !== null),
    input: klingO3Input(spec),
  };
}

export function klingV3Input(spec: RequestSpec): KlingV3Input {
  const input = klingInput(spec, V3, "kling-v3");
  if (spec.negativePrompt !== null) input[V3.negativePrompt.field] = spec.negativePrompt;
  if (spec.cfgScale !== null) input[V3.cfgScale.field] = spec.cfgScale;
  return input as KlingV3Input;
}

export function klingV3Request(spec: RequestSpec): KlingV3Request {
  return {
    endpoint: endpointOf<KlingV3Endpoint>(V3, spec, spec.endImage !== null),
    input: klingV3Input(spec),
  };
}

// ---------------------------------------------------------------------------
// Veo 3.1: the quality and the end image choose the path.

function veoCommon(spec: RequestSpec): VeoCommon {
  return {
    prompt: singlePrompt(spec),
    [VEO.durations.field]: encodedSeconds("veo-3.1", spec),
    [VEO.audioFlag.field]: spec.audio,
    ...(spec.aspect !== null ? { [VEO.aspect.field]: passThrough<VeoAspect>(spec.aspect) } : {}),
    ...(spec.negativePrompt !== null ? { [VEO.negativePrompt.field]: spec.negativePrompt } : {}),
  };
}

export function veoImageInput(spec: RequestSpec): VeoImageInput {
  return { ...veoCommon(spec), [VEO.image.field]: spec.image ?? "" };
}

export function veoFirstLastInput(spec: RequestSpec, endImage: string): VeoFirstLastInput {
  return {
    ...veoCommon(spec),
    [VEO.endImage.startField]: spec.image ?? "",
    [VEO.endImage.field]: endImage,
  };
}

export function veoRequest(spec: RequestSpec): VeoRequest {
  if (spec.endImage !== null) {
    return {
      endpoint: endpointOf<VeoFirstLastEndpoint>(VEO, spec, true),
      input: veoFirstLastInput(spec, spec.endImage),
    };
  }
  return { endpoint: endpointOf<VeoImageEndpoint>(VEO, spec, false), input: veoImageInput(spec) };
}

// ---------------------------------------------------------------------------
// Sora 2 (OpenAI): the quality picks the model, the aspect the size.

function soraSize(aspect: string): SoraSize {
  return passThrough(SORA.aspect.encode[aspect as keyof typeof SORA.aspect.encode] ?? aspect);
}

export function soraInput(spec: RequestSpec): SoraInput {
  return {
    [SORA.model.field]: passThrough<SoraModel>(
      fillQuality(SORA, SORA.model.name, qualityOf(spec, SORA)),
    ),
    prompt: singlePrompt(spec),
    [SORA.durations.field]: encodedSeconds("sora-2", spec),
    ...(spec.aspect !== null ? { [SORA.aspect.field]: soraSize(spec.aspect) } : {}),
    ...(spec.image !== null ? { [SORA.image.field]: spec.image } : {}),
  };
}

export function soraRequest(spec: RequestSpec): SoraRequest {
  return { endpoint: SORA.endpoint, input: soraInput(spec) };
}

// ---------------------------------------------------------------------------

/** The request for the spec's target. Never throws (see the header). */
export function buildRequest(spec: RequestSpec): TargetRequest {
  switch (spec.target) {
    case "kling-o3":
      return klingO3Request(spec);
    case "kling-v3":
      return klingV3Request(spec);
    case "veo-3.1":
      return veoRequest(spec);
    case "sora-2":
      return soraRequest(spec);
  }
}
