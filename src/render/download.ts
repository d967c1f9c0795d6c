/**
 * Fetches a finished video to `DIR/<scene>.mp4`: into a temporary file beside
 * it, checked against the length the server announced, then renamed. A short
 * or failed download leaves no file behind under the video's name.
 */
import { randomBytes } from "node:crypto";
import { createWriteStream, openSync, renameSync, statSync, unlinkSync } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
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

/** Downloads `url` to `dest`; returns the bytes written. Throws DownloadError (or the abort). */
export async function download(
  url: string,
  dest: string,
  signal: AbortSignal | undefined,
  fetchImpl: FetchLike = fetch,
): Promise<number> {
  const temp = `${dest}.${randomBytes(4).toString("hex")}.part`;
  try {
    let response: Response;
    try {
      response = await fetchImpl(url, signal ? { signal } : {});
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new DownloadError(`download failed: ${(error as Error).message}`, true);
    }
    if (!response.ok || response.body === null) {
      throw new DownloadError(
        `download failed: HTTP ${response.status}`,
        response.status === 429 || response.status >= 500,
      );
    }
    // The announced length is the video's only when the body is sent as is.
    const encoded = (response.headers.get("content-encoding") ?? "identity") !== "identity";
    const announced = encoded
      ? null
      : Number.parseInt(response.headers.get("content-length") ?? "", 10);
    try {
      // Opened here, not by the stream, so the file exists before any failure and the cleanup below always finds it.
      const file = createWriteStream(temp, { fd: openSync(temp, "w") });
      await pipeline(
        Readable.fromWeb(response.body as WebReadableStream<Uint8Array>),
        file,
        signal ? { signal } : {},
      );
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new DownloadError(`download broke off: ${(error as Error).message}`, true);
    }
    const bytes = statSync(temp).size;
    if (announced !== null && Number.isFinite(announced) && bytes !== announced) {
      throw new DownloadError(`download came back short: ${bytes} of ${announced} bytes`, true);
    }
    if (bytes === 0) throw new DownloadError("download came back empty", true);
    renameSync(temp, dest);
    return bytes;
  } finally {
    removeQuietly(temp);
  }
}
