/**
 * `klingc/render`: compiled scenes to videos on fal's queue (an add-on: it
 * uses the network, the file system and `@fal-ai/client`, so the core library
 * does not import it).
 */
export {
  render,
  planRender,
  type RenderClient,
  type RenderOptions,
  type RenderEvent,
  type RenderReport,
  type SceneReport,
  type SceneOutcome,
} from "./engine.js";
export {
  plan,
  requestHash,
  requestSeconds,
  estimateScene,
  formatUsd,
  type Plan,
  type PlanOptions,
  type PlannedScene,
  type Action,
  type RenderProject,
  type RenderScene,
  type PriceOverride,
  type PriceOverrides,
  type SceneEstimate,
  type RunEstimate,
} from "./plan.js";
export {
  MANIFEST_NAME,
  ManifestError,
  readManifest,
  type Manifest,
  type ManifestEntry,
  type SceneState,
} from "./manifest.js";
export { CLIENT_RETRIES, type RetryPolicy } from "./faults.js";
export { DOWNLOAD_LIMITS, type DownloadLimits } from "./download.js";
export { PRICES, priceEntry, type PriceEntry, type Sourced } from "../targets/prices.js";
