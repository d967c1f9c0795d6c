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
import { encodeDuration, getProfile, type Profile, type ProfileTable, type TargetId } from "../targets/profiles.js";

export interface ShotSpec {
  prompt: string;
  duration: number | null;
}

export interface RequestSpec {
  target: TargetId;
  quality: string | null;
  image: string | null;
  endImage: string | null;
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

export interface TargetRequest {
  /** A fal endpoint id, or "POST /videos" for OpenAI. */
  endpoint: string;
  input: Record<string, unknown>;
}

// ---------------------------------------------------------------------------
// Value types, derived from the profile table so the facts live in one place.

type Durations<T extends TargetId> = ProfileTable[T]["durations"];
type EncodedDuration<T extends TargetId> = `${Durations<T>["allowed"][number]}${Durations<T>["suffix"]}`;

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
export type SoraModel = "sora-2" | "sora-2-pro";

// ---------------------------------------------------------------------------
// Per-target inputs (type aliases, not interfaces, so they fit Record<string, unknown>).

export type KlingShot = { prompt: string; duration: KlingShotDuration };

/** Kling takes either one prompt or a shot list, never both. */
export type KlingPromptFields = { prompt: string } | { multi_prompt: KlingShot[]; shot_type: "customize" };

export type KlingO3Input = KlingPromptFields & {
  image_url: string;
  end_image_url?: string;
  duration: KlingDuration;
  generate_audio: boolean;
};

export type KlingV3Input = KlingPromptFields & {
  start_image_url: string;
  end_image_url?: string;
  duration: KlingDuration;
  generate_audio: boolean;
  negative_prompt?: string;
  cfg_scale?: number;
};

type VeoCommon = {
  prompt: string;
  duration: VeoDuration;
  generate_audio: boolean;
  aspect_ratio?: VeoAspect;
  negative_prompt?: string;
};
export type VeoImageInput = VeoCommon & { image_url: string };
export type VeoFirstLastInput = VeoCommon & { first_frame_url: string; last_frame_url: string };

/** OpenAI `VideoCreateParams`; `input_reference` carries the image URL the caller uploads. */
export type SoraInput = {
  model: SoraModel;
  prompt: string;
  seconds: SoraSeconds;
  size?: SoraSize;
  input_reference?: string;
};

export type KlingO3Endpoint = `fal-ai/kling-video/o3/${string}/image-to-video`;
export type KlingV3Endpoint = `fal-ai/kling-video/v3/${string}/image-to-video`;
export type VeoImageEndpoint = "fal-ai/veo3.1/image-to-video" | `fal-ai/veo3.1/${string}/image-to-video`;
export type VeoFirstLastEndpoint =
  | "fal-ai/veo3.1/first-last-frame-to-video"
  | `fal-ai/veo3.1/${string}/first-last-frame-to-video`;

export type KlingO3Request = { endpoint: KlingO3Endpoint; input: KlingO3Input };
export type KlingV3Request = { endpoint: KlingV3Endpoint; input: KlingV3Input };
export type VeoRequest =
  | { endpoint: VeoImageEndpoint; input: VeoImageInput }
  | { endpoint: VeoFirstLastEndpoint; input: VeoFirstLastInput };
export type SoraRequest = { endpoint: "POST /videos"; input: SoraInput };

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
  if (isMultiShot(spec)) return spec.shots.reduce((sum, shot) => sum + shotSeconds(shot, profile), 0);
  return spec.duration ?? profile.durations.default;
}

/** The single prompt of a target without multi-shot. */
function singlePrompt(spec: RequestSpec): string {
  if (isMultiShot(spec)) return spec.shots.map((shot) => shot.prompt).join(" ");
  return spec.prompt ?? "";
}

function encodedSeconds<T extends TargetId>(target: T, spec: RequestSpec): EncodedDuration<T> {
  const profile = getProfile(target);
  return passThrough(encodeDuration(profile, sceneSeconds(spec, profile) ?? 0));
}

// ---------------------------------------------------------------------------
// Kling (o3 and v3 share the prompt and duration encoding).

function klingShots(shots: ShotSpec[], profile: Profile): KlingShot[] {
  return shots.map((shot) => ({ prompt: shot.prompt, duration: passThrough(String(shotSeconds(shot, profile))) }));
}

function klingPromptFields(spec: RequestSpec, profile: Profile): KlingPromptFields {
  if (!isMultiShot(spec)) return { prompt: spec.prompt ?? "" };
  return { multi_prompt: klingShots(spec.shots, profile), shot_type: "customize" };
}

export function klingO3Input(spec: RequestSpec): KlingO3Input {
  const profile = getProfile("kling-o3");
  return {
    ...klingPromptFields(spec, profile),
    image_url: spec.image ?? "",
    ...(spec.endImage !== null ? { end_image_url: spec.endImage } : {}),
    duration: encodedSeconds("kling-o3", spec),
    generate_audio: spec.audio,
  };
}

export function klingO3Request(spec: RequestSpec): KlingO3Request {
  const quality = qualityOf(spec, getProfile("kling-o3"));
  return { endpoint: `fal-ai/kling-video/o3/${quality}/image-to-video`, input: klingO3Input(spec) };
}

export function klingV3Input(spec: RequestSpec): KlingV3Input {
  const profile = getProfile("kling-v3");
  return {
    ...klingPromptFields(spec, profile),
    start_image_url: spec.image ?? "",
    ...(spec.endImage !== null ? { end_image_url: spec.endImage } : {}),
    duration: encodedSeconds("kling-v3", spec),
    generate_audio: spec.audio,
    ...(spec.negativePrompt !== null ? { negative_prompt: spec.negativePrompt } : {}),
    ...(spec.cfgScale !== null ? { cfg_scale: spec.cfgScale } : {}),
  };
}

export function klingV3Request(spec: RequestSpec): KlingV3Request {
  const quality = qualityOf(spec, getProfile("kling-v3"));
  return { endpoint: `fal-ai/kling-video/v3/${quality}/image-to-video`, input: klingV3Input(spec) };
}

// ---------------------------------------------------------------------------
// Veo 3.1: the quality and the end image choose the path.

function veoCommon(spec: RequestSpec): VeoCommon {
  return {
    prompt: singlePrompt(spec),
    duration: encodedSeconds("veo-3.1", spec),
    generate_audio: spec.audio,
    ...(spec.aspect !== null ? { aspect_ratio: passThrough<VeoAspect>(spec.aspect) } : {}),
    ...(spec.negativePrompt !== null ? { negative_prompt: spec.negativePrompt } : {}),
  };
}

export function veoImageInput(spec: RequestSpec): VeoImageInput {
  return { ...veoCommon(spec), image_url: spec.image ?? "" };
}

export function veoFirstLastInput(spec: RequestSpec, endImage: string): VeoFirstLastInput {
  return { ...veoCommon(spec), first_frame_url: spec.image ?? "", last_frame_url: endImage };
}

/** "fal-ai/veo3.1/" plus "fast/" (any quality but the default, as a path segment) plus the mode. */
function veoPrefix(spec: RequestSpec): "fal-ai/veo3.1/" | `fal-ai/veo3.1/${string}/` {
  const profile = getProfile("veo-3.1");
  const quality = qualityOf(spec, profile);
  return quality === profile.qualities.default ? "fal-ai/veo3.1/" : `fal-ai/veo3.1/${quality}/`;
}

export function veoRequest(spec: RequestSpec): VeoRequest {
  const prefix = veoPrefix(spec);
  if (spec.endImage !== null) {
    return { endpoint: `${prefix}first-last-frame-to-video`, input: veoFirstLastInput(spec, spec.endImage) };
  }
  return { endpoint: `${prefix}image-to-video`, input: veoImageInput(spec) };
}

// ---------------------------------------------------------------------------
// Sora 2 (OpenAI): the quality picks the model, the aspect the size.

function soraModel(spec: RequestSpec): SoraModel {
  const profile = getProfile("sora-2");
  const quality = qualityOf(spec, profile);
  const model = quality === profile.qualities.default ? "sora-2" : `sora-2-${quality}`;
  return passThrough(model);
}

function soraSize(aspect: string): SoraSize {
  const encode = getProfile("sora-2").aspect?.encode ?? {};
  return passThrough(encode[aspect] ?? aspect);
}

export function soraInput(spec: RequestSpec): SoraInput {
  return {
    model: soraModel(spec),
    prompt: singlePrompt(spec),
    seconds: encodedSeconds("sora-2", spec),
    ...(spec.aspect !== null ? { size: soraSize(spec.aspect) } : {}),
    ...(spec.image !== null ? { input_reference: spec.image } : {}),
  };
}

export function soraRequest(spec: RequestSpec): SoraRequest {
  return { endpoint: "POST /videos", input: soraInput(spec) };
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
