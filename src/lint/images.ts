/** The keywords of image statements, shared by the rules that read image URLs. */

/** Statements that give the source image: the O3 name and the V3 names (`legacy-image-param` reports those). */
export const SOURCE_IMAGE_KEYWORDS: ReadonlySet<string> = new Set([
  "image",
  "start_image",
  "start_image_url",
]);

/** Statements whose value is an image URL the service downloads: the source image and the end image. */
export const IMAGE_KEYWORDS: ReadonlySet<string> = new Set([...SOURCE_IMAGE_KEYWORDS, "end_image"]);
