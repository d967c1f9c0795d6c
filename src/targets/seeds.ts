/**
 * Which fal endpoints take a `seed`: the fact `klingc render` reads to give
 * each take of a scene (`takes 3`) a seed of its own. Beside the profiles and
 * prices because it is a fact about the targets; an endpoint not listed takes
 * no seed, and its takes are the same request sent again (the service's own
 * randomness makes them differ).
 *
 * Source: `@fal-ai/client` 1.10.1, `src/types/endpoints.d.ts`, each
 * endpoint's input type in `EndpointTypeMap` (the file in the npm package,
 * https://www.npmjs.com/package/@fal-ai/client?activeTab=code), read 2026-12.
 * The Kling O3 and v3 inputs (O3ProImageToVideoInput, O3ProTextToVideoInput,
 * O3ProReferenceVideoI2VInput, KlingVideoV3ProImageToVideoInput), Sora 2's
 * and Veo 3.1's reference-to-video input have no `seed`.
 */
/** A seed field: its name and where the fact comes from. */
export interface SeedField {
  field: "seed";
  source: string;
  /** When the source was read (YYYY-MM). */
  date: string;
}

const FAL_TYPES = (type: string): string =>
  `@fal-ai/client 1.10.1 src/types/endpoints.d.ts, ${type}.seed ("The seed for the random number generator."), https://www.npmjs.com/package/@fal-ai/client?activeTab=code`;
const READ = "2026-12";

const veo = (type: string): SeedField => ({ field: "seed", source: FAL_TYPES(type), date: READ });

/** Keyed by fal endpoint id, exactly as a request's `endpoint`. */
export const SEED_FIELDS: ReadonlyMap<string, SeedField> = new Map([
  ["fal-ai/veo3.1", veo("veo3Input")],
  ["fal-ai/veo3.1/fast", veo("veo3Input")],
  ["fal-ai/veo3.1/image-to-video", veo("Veo3ImageToVideoInput")],
  ["fal-ai/veo3.1/fast/image-to-video", veo("Veo3ImageToVideoInput")],
  ["fal-ai/veo3.1/first-last-frame-to-video", veo("Veo31FirstLastFrameToVideoInput")],
  ["fal-ai/veo3.1/fast/first-last-frame-to-video", veo("Veo31FirstLastFrameToVideoInput")],
]);

/** The endpoint's seed field, or null when it takes none. */
export function seedField(endpoint: string): SeedField | null {
  return SEED_FIELDS.get(endpoint) ?? null;
}
