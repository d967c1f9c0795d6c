/**
 * Fetches a finished video to `DIR/<scene>.mp4`: into a temporary file beside
 * it, checked against the length the server announced, then renamed. A short
 * or failed download leaves no file behind under the video's name.
 */
import { randomBytes } from "node:crypto";
import { closeSync, openSync, renameSync, unlinkSync, writeSync } from "node:fs";
import type { ReadableStream as WebReadableStream } from "node:stream/web";

export class DownloadError extends Error {
  readonly retryable: boolean;

  constructor(message: string, retryable: boolean) {
    super(message);
    this.retryable = retryable;
  }
}

export type FetchLike = (url: string, init: { signal?: AbortSignal }) => Promise<Response>;

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

/** When a download is given up as stalled or too slow (each attempt; `retry` bounds the attempts). */
export interface DownloadLimits {
  /** Milliseconds without a byte (headers included) before the attempt is given up. */
  idleMs: number;
  /** Bytes a second the body must average over each `rateWindowMs`. */
  minBytesPerSecond: number;
  rateWindowMs: number;
}

export const DOWNLOAD_LIMITS: DownloadLimits = {
  idleMs: 30_000,
  minBytesPerSecond: 16_384,
  rateWindowMs: 30_000,
};

/** Watches an attempt: aborts `controller` with a DownloadError when no byte comes, or too few. */
function watchdog(limits: DownloadLimits, controller: AbortController) {
  let last = Date.now();
  let windowStart = last;
  let windowBytes = 0;
  const tick = Math.max(20, Math.min(limits.idleMs, limits.rateWindowMs) / 10);
  const timer = setInterval(() => {
    const now = Date.now();
    if (now - last >= limits.idleMs) {
      controller.abort(
        new DownloadError(`download stalled: no byte for ${seconds(limits.idleMs)}`, true),
      );
    } else if (now - windowStart >= limits.rateWindowMs) {
      const rate = (windowBytes * 1000) / (now - windowStart);
      if (rate < limits.minBytesPerSecond)
        controller.abort(
          new DownloadError(
            `download too slow: ${windowBytes} bytes in ${seconds(now - windowStart)}, under the minimum of ${limits.minBytesPerSecond} bytes a second`,
            true,
          ),
        );
      windowStart = now;
      windowBytes = 0;
    }
  }, tick);
  return {
    got(bytes: number): void {
      last = Date.now();
      windowBytes += bytes;
    },
    stop: () => clearInterval(timer),
  };
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

/**
 * Downloads `url` to `dest`; returns the bytes written. Throws DownloadError (or the abort).
 * `size` (the result's `file_size`, when it gives one) bounds the body and is checked at the end.
 */
export async function download(
  url: string,
  dest: string,
  signal: AbortSignal | undefined,
  fetchImpl: FetchLike = fetch,
  limits: DownloadLimits = DOWNLOAD_LIMITS,
  size: number | null = null,
): Promise<number> {
  const temp = `${dest}.${randomBytes(4).toString("hex")}.part`;
  const local = new AbortController();
  const watch = watchdog(limits, local);
  const both = signal ? AbortSignal.any([signal, local.signal]) : local.signal;
  const limitHit = (): DownloadError | null =>
    local.signal.aborted && local.signal.reason instanceof DownloadError
      ? local.signal.reason
      : null;
  try {
    let response: Response;
    try {
      response = await fetchImpl(url, { signal: both });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw limitHit() ?? new DownloadError(`download failed: ${(error as Error).message}`, true);
    }
    watch.got(0);
    if (!response.ok || response.body === null) {
      throw new DownloadError(
        `download failed: HTTP ${response.status}`,
        response.status === 429 || response.status >= 500,
      );
    }
    // The announced length is the video's only when the body is sent as is.
    const encoded = (response.headers.get("content-encoding") ?? "identity") !== "identity";
    const length = Number.parseInt(response.headers.get("content-length") ?? "", 10);
    const announced = size ?? (encoded || !Number.isFinite(length) ? null : length);
    // Opened here, so the file exists before any failure and the cleanup below always finds it.
    const fd = openSync(temp, "w");
    let bytes = 0;
    try {
      const reader = (response.body as WebReadableStream<Uint8Array>).getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        watch.got(value.byteLength);
        bytes += value.byteLength;
        if (size !== null && bytes > size) {
          void reader.cancel();
          throw new DownloadError(
            `download is larger than the result's file_size (${size} bytes)`,
            false,
          );
        }
        writeSync(fd, value);
      }
    } catch (error) {
      if (error instanceof DownloadError) throw error;
      if (signal?.aborted) throw error;
      throw (
        limitHit() ?? new DownloadError(`download broke off: ${(error as Error).message}`, true)
      );
    } finally {
      closeSync(fd);
    }
    if (announced !== null && bytes !== announced) {
      throw new DownloadError(`download came back short: ${bytes} of ${announced} bytes`, true);
    }
    if (bytes === 0) throw new DownloadError("download came back empty", true);
    renameSync(temp, dest);
    return bytes;
  } finally {
    watch.stop();
    removeQuietly(temp);
  }
}
