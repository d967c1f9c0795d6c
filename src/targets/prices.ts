/**
 * Prices and render times of fal endpoints: the dated table `klingc render`
 * estimates from before anything is paid. Beside the profiles because it is
 * a table of facts about the targets; like them, each figure names its source
 * and a figure no source gives is absent (shown as "unknown", never guessed).
 *
 * Prices change: a config's `prices` entry overrides this table.
 */
import { endpointFor, getProfile } from "./profiles.js";

/** One figure and where it comes from. */
export interface Sourced {
  value: number;
  source: string;
  /** When the source was read (YYYY-MM). */
  date: string;
}

export interface PriceEntry {
  /** US dollars per second of video with `generate_audio` false; null: no source gives it. */
  perSecond: Sourced | null;
  /** US dollars per second of video with `generate_audio` true; null: no source gives it. */
  perSecondAudio: Sourced | null;
  /** Wall-clock seconds one render took for `forSeconds` of video; estimates scale it by length. */
  renderTime: (Sourced & { forSeconds: number }) | null;
}

const O3 = getProfile("kling-o3");
/** A kling-o3 path, built from the profile's template so the two cannot drift (an end image keeps the same path). */
const o3 = (quality: string): string => endpointFor(O3, quality, false);
const page = (endpoint: string): string =>
  `fal model page ${endpoint} (figure as given in klingc issue 11)`;
const KLING_GUIDE =
  'fal\'s Kling API developer guide (fal.ai/learn/tools/kling-api): "Kling O3 4K … at $0.42 per second"; one price, audio on or off';
const READ = "2026-11";

/** Keyed by fal endpoint id, exactly as a request's `endpoint`. Endpoints not listed are unknown. */
export const PRICES: Readonly<Record<string, PriceEntry>> = {
  [o3("standard")]: {
    perSecond: { value: 0.084, source: page(o3("standard")), date: READ },
    perSecondAudio: { value: 0.112, source: page(o3("standard")), date: READ },
    renderTime: { value: 94, forSeconds: 5, source: page(o3("standard")), date: READ },
  },
  [o3("pro")]: {
    perSecond: null,
    perSecondAudio: null,
    renderTime: { value: 318, forSeconds: 5, source: page(o3("pro")), date: READ },
  },
  [o3("4k")]: {
    perSecond: { value: 0.42, source: KLING_GUIDE, date: READ },
    perSecondAudio: { value: 0.42, source: KLING_GUIDE, date: READ },
    renderTime: null,
  },
};

/** The table's entry for an endpoint; an endpoint it does not list has every figure unknown. */
export function priceEntry(
  endpoint: string,
  table: Readonly<Record<string, PriceEntry>> = PRICES,
): PriceEntry {
  // Own keys only: `toString` is not an endpoint the table lists.
  return (
    (Object.hasOwn(table, endpoint) ? table[endpoint] : undefined) ?? {
      perSecond: null,
      perSecondAudio: null,
      renderTime: null,
    }
  );
}
