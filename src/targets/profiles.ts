/**
 * Target profiles: what each video model accepts, as data in ONE table.
 *
 * Every fact carries a comment naming its source. Source tags used below:
 *
 * - [LANG]   the design contract (LANGUAGE.md), "Facts for the profiles" and
 *            the settings table.
 * - [FAL]    `@fal-ai/client` 1.10.1, `src/types/endpoints.d.ts`; the type
 *            named after the tag is the endpoint's input type.
 * - [OPENAI] the OpenAI SDK, openai-node `src/resources/videos.ts`
 *            (`VideoCreateParams`), for `POST /videos`.
 * - [REPLICATE] Replicate's Kling v3 API reference, kwaivgi/kling-v3-video
 *            (https://replicate.com/kwaivgi/kling-v3-video/api), `multi_prompt`.
 * - [NOVITA] Novita's Kling v3 API reference, kling-v3.0-std-i2v and
 *            kling-v3.0-pro-i2v (https://novita.ai/docs/api-reference/model-apis-kling-v3.0-std-i2v),
 *            `end_image` and `multi_prompt`.
 *
 * A fact no source states is `null`: klingc leaves it unchecked rather than
 * guess. Where two sources disagree, both are recorded and the fact is marked
 * disputed: the checks that error stay quiet about the values in dispute, and
 * `disputed-capability` warns about them (a failed render costs money).
 *
 * Everything that builds a request or checks a scene reads this table:
 * endpoints, field names, value sets and defaults live here and nowhere else.
 */

/** The targets klingc compiles for, in table order. */
export const TARGET_IDS = ["kling-o3", "kling-v3", "sora-2", "veo-3.1"] as const;
/** A target id: `kling-o3`, `kling-v3`, `sora-2` or `veo-3.1`. */
export type TargetId = (typeof TARGET_IDS)[number];

/** [LANG] `engine`: kling-o3 is the default target. */
export const DEFAULT_TARGET = "kling-o3" satisfies TargetId;

/** A known request path of a fal endpoint and the settings it stands for. */
export interface EndpointPath {
  path: string;
  quality: string;
  endImage: boolean;
}

/** The qualities a target offers and the default. */
export interface QualityFacts {
  allowed: readonly string[];
  default: string;
  /**
   * The quality that is written as nothing where `{quality}` stands (veo's
   * standard path has no segment, sora's standard model no suffix); null
   * when every quality is written out.
   */
  unwritten: string | null;
}

/** How a target takes a video's length. */
export interface DurationFacts {
  /** Request field that carries the length. */
  field: "duration" | "seconds";
  /** Whole seconds the field accepts. */
  allowed: readonly number[];
  /** Sent when a scene names no duration; null when no source states one. */
  default: number | null;
  /** Written after the number: kling and sora send "10", veo sends "8s". */
  suffix: "" | "s";
  /** Lengths the vendor's guide recommends (advice, not a limit; the user's guide shows it). */
  recommended: readonly number[] | null;
  /**
   * A maximum another source states below the largest allowed length.
   * Lengths above it are in dispute: lint reports nothing about them.
   */
  disputedMax: { seconds: number; source: string } | null;
}

/** How a target takes an aspect ratio. */
export interface AspectFacts {
  field: "aspect_ratio" | "size";
  /** Ratios as a scene writes them (`aspect 9:16`). */
  allowed: readonly string[];
  /** The target's own default when the field is omitted (the user's guide shows it). */
  default: string;
  /** How a ratio is written into the field; null when it is written as is. */
  encode: Readonly<Record<string, string>> | null;
}

/** How a target takes the start image. */
export interface ImageFacts {
  /** Field of the start image in the usual request. */
  field: string;
  required: boolean;
}

/** How a target takes an end image. */
export interface EndImageFacts {
  field: string;
  /** The start image's field in a request that has an end image (veo renames it). */
  startField: string;
  /** The endpoint template of a request with an end image; null: the same as without. */
  endpoint: string | null;
}

/** The field that turns native audio on or off. */
export interface AudioFacts {
  field: "generate_audio";
  /** The service's value when the field is omitted (what `klingc migrate` writes out); null when no source states one. */
  default: boolean | null;
}

/** The field that carries a negative prompt. */
export interface NegativePromptFacts {
  field: "negative_prompt";
  /** The service's negative prompt when the field is omitted; null when no source states one. */
  default: string | null;
}

/** The field that carries the prompt adherence (CFG) scale. */
export interface CfgScaleFacts {
  field: "cfg_scale";
}

/** How a target takes a list of shots in one request. */
export interface MultiShotFacts {
  field: "multi_prompt";
  /** The field that says how the shots were made, and its value for a written shot list. */
  shotTypeField: "shot_type";
  shotType: "customize";
  /** Most shots a scene may hold; null when the target takes shots but no source states a limit. */
  maxShots: number | null;
  /** Whole seconds one shot's `duration` accepts. */
  shotDurations: readonly number[];
  /** A shot's duration when it names none. */
  shotDefault: number;
}

/** A fact another host of the same model documents and the source klingc sends to does not. */
export interface Disputed<T> {
  value: T;
  /** Who states it, for messages: "Replicate's Kling v3 API reference". */
  source: string;
  /** The source's own words. */
  says: string;
}

/** The disputed facts a scene may rely on; each is checked by `disputed-capability`. */
export interface DisputedFacts {
  /** Most shots a scene may hold. */
  maxShots?: Disputed<number>;
  /** Fewest whole seconds one shot may last. */
  minShotSeconds?: Disputed<number>;
  /** The shots' durations must sum to the request's duration (klingc always sends the sum). */
  shotsSumToDuration?: Disputed<true>;
  /** Whether an end image may go with a shot list. */
  endImageWithShots?: Disputed<false>;
}

/** Everything klingc knows about one target: endpoint, limits and fields, each fact with its source (null where no source states it). */
export interface Profile {
  id: TargetId;
  /** Who serves the endpoint: fal's queue, or OpenAI's API (moderation refusals and rendering differ). */
  host: "fal" | "openai";
  /**
   * The request's endpoint: a fal endpoint id, or OpenAI's method and path.
   * `{quality}` stands for the quality (see `QualityFacts.unwritten`).
   */
  endpoint: string;
  /** The model field's value where the endpoint does not name the model (OpenAI); `{quality}` as above. */
  model: { field: "model"; name: string } | null;
  /** Hard prompt limit in characters (code points); null when no source states one. */
  promptLimit: number | null;
  qualities: QualityFacts;
  durations: DurationFacts;
  /** null: the target takes no aspect ratio. */
  aspect: AspectFacts | null;
  image: ImageFacts;
  /** null: the target takes no end image. */
  endImage: EndImageFacts | null;
  /** null: the target has no audio flag. */
  audioFlag: AudioFacts | null;
  negativePrompt: NegativePromptFacts | null;
  cfgScale: CfgScaleFacts | null;
  /** null: the target takes one prompt per request, no shots. */
  multiShot: MultiShotFacts | null;
  disputed: DisputedFacts;
  /** What a user should know about the target, in words (the user's guide lists them). */
  notes: readonly string[];
}

/**
 * Kling 3.0's multi-shot limits as two other hosts of Kling's own API state
 * them; fal's types ([FAL] KlingV3MultiPromptElement, O3…ImageToVideoInput)
 * state none of them. Both references document Kling v3.0; klingc applies
 * them to O3 too, the same Kling 3.0 generation, until a source says otherwise.
 */
const REPLICATE = "Replicate's Kling v3 API reference";
const NOVITA = "Novita's Kling v3 API reference";
const KLING_3_DISPUTED = {
  maxShots: { value: 6, source: REPLICATE, says: "Max 6 shots" }, // [REPLICATE] multi_prompt
  minShotSeconds: { value: 1, source: REPLICATE, says: "min 1s per shot" }, // [REPLICATE] multi_prompt
  shotsSumToDuration: { value: true, source: REPLICATE, says: "total must equal duration" }, // [REPLICATE] multi_prompt
  // [NOVITA] end_image, and the same of multi_prompt: "Cannot be used together with end_image".
  endImageWithShots: {
    value: false,
    source: NOVITA,
    says: "Cannot be used together with multi_prompt",
  },
} as const satisfies DisputedFacts;

// Literal tuples (not computed ranges) so request.ts can derive the value types from them.
const KLING_DURATIONS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15] as const;
const KLING_SHOT_DURATIONS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15] as const;

export const PROFILES = {
  "kling-o3": {
    id: "kling-o3", // Kling 3.0 (O3), image-to-video
    host: "fal",
    endpoint: "fal-ai/kling-video/o3/{quality}/image-to-video", // [LANG]; [FAL] EndpointTypeMap (standard and pro; 4k untyped)
    model: null,
    promptLimit: 2500, // [LANG] "capped at 2,500 characters"; [FAL] states no limit
    qualities: {
      allowed: ["standard", "pro", "4k"], // [LANG] endpoint paths; [FAL] types only standard and pro
      default: "standard", // [LANG] settings table
      unwritten: null, // [LANG] "endpoint path segment"
    },
    durations: {
      field: "duration", // [FAL] O3ProImageToVideoInput.duration
      allowed: KLING_DURATIONS, // [FAL] "3" … "15"; [LANG] "the endpoint accepts 3 to 15"
      default: 5, // [FAL] Default value: "5"; [LANG] default "5"
      suffix: "", // [FAL] a string of the number: "10"
      recommended: [5, 8, 10, 15], // [LANG] "the guide names 5, 8, 10 and 15 seconds"
      disputedMax: null,
    },
    aspect: null, // [LANG] "no aspect_ratio"; [FAL] O3ProImageToVideoInput has none
    image: { field: "image_url", required: true }, // [FAL] image_url (required); [LANG]
    endImage: { field: "end_image_url", startField: "image_url", endpoint: null }, // [FAL] end_image_url (optional), same path
    audioFlag: { field: "generate_audio", default: false }, // [FAL] generate_audio?: boolean (no default stated); [LANG] default false
    negativePrompt: null, // [LANG] removed in the V3 → O3 migration; [FAL] no field
    cfgScale: null, // [LANG] removed; [FAL] no field
    multiShot: {
      field: "multi_prompt", // [FAL] multi_prompt?: KlingV3MultiPromptElement[]
      shotTypeField: "shot_type", // [FAL]
      shotType: "customize", // [FAL] shot_type default "customize"; [LANG]
      maxShots: 6, // [LANG] "kling-o3: up to six"
      shotDurations: KLING_SHOT_DURATIONS, // [FAL] KlingV3MultiPromptElement.duration "1" … "15"
      shotDefault: 5, // [FAL] KlingV3MultiPromptElement.duration Default value: "5"
    },
    disputed: KLING_3_DISPUTED,
    notes: [
      // [LANG]
      "A longer prompt is truncated by the service at the last complete sentence before 2,500 characters.",
      "A focused ~1,500-character prompt does better than a truncated 2,500 one.",
    ],
  },

  "kling-v3": {
    id: "kling-v3", // Kling 3.0 (V3, legacy), image-to-video
    host: "fal",
    endpoint: "fal-ai/kling-video/v3/{quality}/image-to-video", // [LANG]; [FAL] EndpointTypeMap (standard and pro; 4k untyped)
    model: null,
    promptLimit: null, // neither [LANG] nor [FAL] KlingVideoV3ProImageToVideoInput states one
    qualities: {
      allowed: ["standard", "pro", "4k"], // [LANG]; [FAL] types only standard and pro
      default: "standard", // [LANG]
      unwritten: null,
    },
    durations: {
      field: "duration", // [FAL] KlingVideoV3ProImageToVideoInput.duration
      allowed: KLING_DURATIONS, // [FAL] "3" … "15"; [LANG]
      default: 5, // [FAL] Default value: "5"
      suffix: "",
      recommended: null,
      disputedMax: null,
    },
    aspect: null, // [FAL] KlingVideoV3ProImageToVideoInput has no aspect_ratio
    image: { field: "start_image_url", required: true }, // [FAL] start_image_url (required); [LANG]
    endImage: { field: "end_image_url", startField: "start_image_url", endpoint: null }, // [FAL]; [LANG]
    audioFlag: { field: "generate_audio", default: true }, // [FAL] Default value: true; [LANG]
    negativePrompt: { field: "negative_prompt", default: "blur, distort, and low quality" }, // [FAL] default "blur, distort, and low quality"; [LANG]
    cfgScale: { field: "cfg_scale" }, // [LANG] 0–1; [FAL] default 0.5, states no range
    multiShot: {
      field: "multi_prompt", // [FAL] KlingVideoV3ProImageToVideoInput.multi_prompt
      shotTypeField: "shot_type", // [FAL]
      shotType: "customize", // [FAL] "Required when multi_prompt is provided"
      maxShots: null, // no source states a limit for v3
      shotDurations: KLING_SHOT_DURATIONS, // [FAL] KlingV3MultiPromptElement
      shotDefault: 5, // [FAL]
    },
    disputed: KLING_3_DISPUTED,
    notes: ["Legacy: kept so old scenes compile and lint can migrate them to kling-o3."], // [LANG]
  },

  "sora-2": {
    id: "sora-2", // OpenAI Sora 2
    host: "openai",
    endpoint: "POST /videos", // [LANG]; [OPENAI] Videos.create posts to /videos
    // fal's own wrapper (`fal-ai/sora-2/image-to-video`, other fields, durations 4–20) is a different API and not this target.
    model: { field: "model", name: "sora-2-{quality}" }, // [LANG] quality pro → model "sora-2-pro"; [OPENAI] VideoModel
    promptLimit: null, // neither [LANG] nor [OPENAI] states one
    qualities: {
      allowed: ["standard", "pro"], // [LANG] "pro on sora-2"
      default: "standard",
      unwritten: "standard", // [OPENAI] VideoModel "sora-2" | "sora-2-pro"
    },
    durations: {
      field: "seconds", // [LANG]; [OPENAI] VideoCreateParams.seconds
      allowed: [4, 8, 12], // [LANG]; [OPENAI] VideoSeconds "4" | "8" | "12"
      default: 4, // [OPENAI] "Defaults to 4 seconds"
      suffix: "",
      recommended: null,
      // [LANG] "The guide gives a 10 s maximum"; the API's `seconds` accepts 4, 8 and 12, so 12 is not reported.
      disputedMax: { seconds: 10, source: "the vendor's prompting guide [LANG]" },
    },
    aspect: {
      field: "size", // [LANG]; [OPENAI] VideoCreateParams.size
      allowed: ["9:16", "16:9"], // [LANG] the ratios the contract maps
      default: "9:16", // [OPENAI] size "Defaults to 720x1280"
      // [LANG] 9:16 → 720x1280, 16:9 → 1280x720. [OPENAI] also lists 1024x1792 and 1792x1024 (the same ratios, larger).
      encode: { "9:16": "720x1280", "16:9": "1280x720" },
    },
    image: { field: "input_reference", required: false }, // [LANG]; [OPENAI] input_reference?: Uploadable
    endImage: null, // [LANG] "no end image"
    audioFlag: null, // [LANG] "no audio flag"
    negativePrompt: null, // [LANG] "no negative prompt"
    cfgScale: null, // [OPENAI] no such field
    multiShot: null, // [OPENAI] VideoCreateParams has one prompt and no shot list
    disputed: {},
    notes: [
      "The API's retirement was announced for September 2026.", // [LANG]
      "`input_reference` is a file upload in the API: the caller uploads the image the URL names.", // [OPENAI] Uploadable
    ],
  },

  "veo-3.1": {
    id: "veo-3.1", // Google Veo 3.1, image-to-video
    host: "fal",
    // [LANG]; [FAL] Veo31ImageToVideoInput, Veo31FastImageToVideoInput (fal-ai/veo3.1/image-to-video, fal-ai/veo3.1/fast/image-to-video)
    endpoint: "fal-ai/veo3.1/{quality}/image-to-video",
    model: null,
    promptLimit: 20000, // [LANG] "prompt (≤ 20,000)"; [FAL] states no limit
    qualities: {
      allowed: ["standard", "fast"], // [LANG] "fast on veo-3.1"; [FAL] the fast paths
      default: "standard",
      unwritten: "standard", // [LANG] quality fast → fal-ai/veo3.1/fast/…, standard has no segment
    },
    durations: {
      field: "duration", // [FAL] Veo3ImageToVideoInput.duration
      allowed: [4, 6, 8], // [FAL] "4s" | "6s" | "8s"; [LANG]
      default: 8, // [FAL] Default value: "8s"
      suffix: "s", // [FAL]
      recommended: null,
      disputedMax: null,
    },
    aspect: {
      field: "aspect_ratio", // [FAL]; [LANG]
      allowed: ["auto", "16:9", "9:16"], // [FAL] "auto" | "16:9" | "9:16"; [LANG]
      default: "auto", // [FAL] Default value: "auto"
      encode: null,
    },
    image: { field: "image_url", required: true }, // [FAL] Veo3ImageToVideoInput.image_url (required); [LANG]
    // [FAL] Veo31FirstLastFrameToVideoInput: first_frame_url and last_frame_url, both required, on its own path.
    endImage: {
      field: "last_frame_url",
      startField: "first_frame_url",
      endpoint: "fal-ai/veo3.1/{quality}/first-last-frame-to-video",
    },
    audioFlag: { field: "generate_audio", default: true }, // [FAL] Default value: true; [LANG]
    negativePrompt: { field: "negative_prompt", default: null }, // [FAL] negative_prompt?: string; [LANG]
    cfgScale: null, // [FAL] no such field
    multiShot: null, // [FAL] one prompt per request
    disputed: {},
    notes: [
      // [LANG] lists resolution 720p, 1080p, 4k; [FAL] image-to-video takes 720p and 1080p, first-last-frame also 4k. klingc sends none.
      "resolution (720p default) is not set by klingc.",
    ],
  },
} as const satisfies { readonly [K in TargetId]: Profile & { id: K } };

/** The typed table, for deriving request value types from the facts. */
export type ProfileTable = typeof PROFILES;

/** Freezes an object and everything it holds. */
function deepFreeze<T>(value: T): T {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return value;
  for (const inner of Object.values(value)) deepFreeze(inner);
  return Object.freeze(value);
}

/**
 * The table itself (not a copy), deep-frozen: what the library exports as
 * `targets`. The library's entry calls it, so no caller can change a fact
 * compile and lint read; klingc's own modules leave it unfrozen for tests
 * that change a fact to show who reads it (test/targets-table.test.ts).
 */
export function frozenTargets(): ProfileTable {
  return deepFreeze(PROFILES);
}

export function getProfile(id: TargetId): Profile {
  return PROFILES[id];
}

export function isTargetId(s: string): s is TargetId {
  return (TARGET_IDS as readonly string[]).includes(s);
}

/** "ok", "disputed" (the sources disagree: lint stays quiet) or "not-allowed". */
export type Verdict = "ok" | "disputed" | "not-allowed";

/** Checks a scene's length (or the sum of its shots) against the target. */
export function checkDuration(profile: Profile, seconds: number): Verdict {
  const d = profile.durations;
  if (!d.allowed.includes(seconds)) return "not-allowed";
  if (d.disputedMax !== null && seconds > d.disputedMax.seconds) return "disputed";
  return "ok";
}

/** Checks one shot's length; every length is "not-allowed" where the target takes no shots. */
export function checkShotDuration(profile: Profile, seconds: number): Verdict {
  return profile.multiShot?.shotDurations.includes(seconds) ? "ok" : "not-allowed";
}

/** The duration field's value: 10 → "10" on Kling and Sora, 8 → "8s" on Veo. Any number is written as is. */
export function encodeDuration(profile: Profile, seconds: number): string {
  return `${seconds}${profile.durations.suffix}`;
}

/**
 * Fills `{quality}` in an endpoint or model template. The target's unwritten
 * quality takes the separator beside it away too (`fal-ai/veo3.1/{quality}/image-to-video`
 * → `fal-ai/veo3.1/image-to-video`, `sora-2-{quality}` → `sora-2`). Any other
 * quality, listed or not, is written as is.
 */
export function fillQuality(profile: Profile, template: string, quality: string): string {
  const unwritten = profile.qualities.unwritten;
  // Consecutive scenes of a file nearly always ask for the same endpoint: the last answer is kept with what decided it.
  const last = lastFilled;
  if (last.template === template && last.quality === quality && last.unwritten === unwritten)
    return last.filled;
  const filled =
    quality !== unwritten
      ? template.replace("{quality}", quality)
      : template.replace("{quality}/", "").replace("-{quality}", "").replace("{quality}", "");
  lastFilled = { template, quality, unwritten, filled };
  return filled;
}

let lastFilled: { template: string; quality: string; unwritten: string | null; filled: string } = {
  template: "",
  quality: "",
  unwritten: null,
  filled: "",
};

/** The endpoint of a request: the quality fills the template, and an end image may choose another one. */
export function endpointFor(profile: Profile, quality: string, endImage: boolean): string {
  const template = (endImage ? profile.endImage?.endpoint : null) ?? profile.endpoint;
  return fillQuality(profile, template, quality);
}

/** The endpoint up to its quality: `fal-ai/kling-video/v3/`, for recognising a target's paths in text. */
export function endpointPrefix(profile: Profile): string {
  const at = profile.endpoint.indexOf("{quality}");
  return at < 0 ? profile.endpoint : profile.endpoint.slice(0, at);
}

/** The endpoint's pattern in words, for messages: `fal-ai/kling-video/o3/{standard,pro,4k}/image-to-video`. */
export function endpointPattern(profile: Profile): string {
  return profile.endpoint.replace("{quality}", `{${profile.qualities.allowed.join(",")}}`);
}

/** Every fal path a profile's qualities and end image lead to (none for OpenAI, whose endpoint has no template). */
function pathsOf(profile: Profile): EndpointPath[] {
  if (!profile.endpoint.includes("{quality}")) return [];
  const modes = profile.endImage?.endpoint ? [false, true] : [false];
  return modes.flatMap((endImage) =>
    profile.qualities.allowed.map((quality) => ({
      path: endpointFor(profile, quality, endImage),
      quality,
      endImage,
    })),
  );
}

/** Every known fal path, derived from the table. */
export function knownPaths(): { target: TargetId; entry: EndpointPath }[] {
  return TARGET_IDS.flatMap((target) =>
    pathsOf(getProfile(target)).map((entry) => ({ target, entry })),
  );
}

/** Every quality any target offers, in table order; which target takes which is `target-capability`'s concern. */
export const ALL_QUALITIES: readonly string[] = [
  ...new Set(TARGET_IDS.flatMap((target) => getProfile(target).qualities.allowed)),
];

/** Accepts a bare path, a leading "/", a fal host URL and a trailing "/" or query. */
function normalisePath(text: string): string {
  const path = text
    .trim()
    .replace(/^https?:\/\/(?:queue\.|rest\.)?fal\.run\//, "")
    .replace(/[?#][^]*/, "")
    .replace(/^\/+/, "");
  // A backward scan, not /\/+$/: that regex retries every slash of a long run.
  let end = path.length;
  while (end > 0 && path[end - 1] === "/") end--;
  return path.slice(0, end);
}

/**
 * Reads a legacy `endpoint "PATH"` statement: the target and quality a known
 * profile path stands for (`fal-ai/kling-video/v3/pro/image-to-video` →
 * kling-v3, pro), or null for a path no profile lists. The veo
 * first-last-frame paths map to veo-3.1 as well; the end image itself is the
 * scene's `end_image`.
 */
export function parseEndpoint(path: string): { target: TargetId; quality: string } | null {
  const wanted = normalisePath(path);
  const hit = knownPaths().find(({ entry }) => entry.path === wanted);
  return hit ? { target: hit.target, quality: hit.entry.quality } : null;
}

/**
 * The target a legacy `endpoint "PATH"` stands for, or null for a path no profile lists. [LANG] "Endpoints moved
 * from `fal-ai/kling-video/v3/` to `fal-ai/kling-video/o3/`", and a V3 path migrates to `engine kling-o3`: a V3
 * path therefore stands for kling-o3; any other known path names its own target.
 */
export function endpointTarget(path: string): TargetId | null {
  const parsed = parseEndpoint(path);
  if (parsed === null) return null;
  return parsed.target === "kling-v3" ? "kling-o3" : parsed.target;
}
