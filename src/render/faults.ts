/**
 * Faults on fal's queue: which answers klingc retries, what a 422 says, and
 * what to try next.
 *
 * `@fal-ai/client` 1.10 already retries inside each queue call (src/queue.js):
 * submit and result on 429, 502, 503, 504 and network errors (3 retries),
 * status also on 500 (5 retries). klingc retries only what the client does
 * not, so the client's retries are never multiplied.
 */
import type { Diagnostic } from "../index.js";

/** The statuses the client retries itself, per queue call. */
export const CLIENT_RETRIES = {
  submit: [429, 502, 503, 504],
  result: [429, 502, 503, 504],
  status: [429, 500, 502, 503, 504],
} as const satisfies Record<string, readonly number[]>;

export type QueueCall = keyof typeof CLIENT_RETRIES;

/** An HTTP answer as the client throws it (ApiError, ValidationError): read by shape, so any copy of the client fits. */
export interface HttpFault {
  status: number;
  body?: unknown;
  message: string;
}

export function httpFault(error: unknown): HttpFault | null {
  if (error === null || typeof error !== "object") return null;
  const status = (error as { status?: unknown }).status;
  return typeof status === "number"
    ? {
        status,
        body: (error as { body?: unknown }).body,
        message: String((error as Error).message ?? ""),
      }
    : null;
}

/** Why klingc retries this error after the client gave up on it (null: it does not). */
export function ownRetryReason(error: unknown, call: QueueCall): string | null {
  const fault = httpFault(error);
  if (fault === null) return null; // network errors: the client has retried them
  const retryable = fault.status === 429 || fault.status >= 500;
  return retryable && !(CLIENT_RETRIES[call] as readonly number[]).includes(fault.status)
    ? `HTTP ${fault.status}`
    : null;
}

export function isAbort(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error.name === "AbortError" || (error as { code?: unknown }).code === "ABORT_ERR")
  );
}

/** A bounded retry with doubling delays; the delay is cut short by the signal. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Milliseconds before the second attempt; doubled for each one after. */
  delay: number;
}

export async function withRetry<T>(
  operation: () => Promise<T>,
  reasonToRetry: (error: unknown) => string | null,
  policy: RetryPolicy,
  onRetry: (attempt: number, delay: number, reason: string) => void,
  signal?: AbortSignal,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      const reason = signal?.aborted ? null : reasonToRetry(error);
      if (reason === null || attempt >= policy.attempts) throw error;
      const delay = policy.delay * 2 ** (attempt - 1);
      onRetry(attempt + 1, delay, reason);
      await sleep(delay, signal);
    }
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const done = (): void => {
      signal?.removeEventListener("abort", stop);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const stop = (): void => {
      clearTimeout(timer);
      reject(abortError());
    };
    signal?.addEventListener("abort", stop, { once: true });
  });
}

export function abortError(): Error {
  const error = new Error("interrupted");
  error.name = "AbortError";
  return error;
}

interface DetailEntry {
  loc?: unknown;
  msg?: unknown;
  type?: unknown;
}

function detailEntries(body: unknown): DetailEntry[] {
  const detail =
    body !== null && typeof body === "object" ? (body as { detail?: unknown }).detail : undefined;
  if (typeof detail === "string") return [{ msg: detail }];
  return Array.isArray(detail)
    ? detail.filter((d): d is DetailEntry => d !== null && typeof d === "object")
    : [];
}

/** The service's own words for a refusal: `content_policy_violation: …` or `body.duration: …`. */
export function faultReason(fault: HttpFault): string {
  const parts = detailEntries(fault.body).map((d) => {
    const where = Array.isArray(d.loc) ? d.loc.join(".") : "";
    const label = typeof d.type === "string" && d.type !== "value_error" ? d.type : where;
    return [label, typeof d.msg === "string" ? d.msg : ""].filter((p) => p !== "").join(": ");
  });
  const reason = parts.filter((p) => p !== "").join("; ");
  return `HTTP ${fault.status}${reason ? ` ${reason}` : fault.message ? ` ${fault.message}` : ""}`;
}

export function isContentPolicy(fault: HttpFault): boolean {
  return detailEntries(fault.body).some((d) => d.type === "content_policy_violation");
}

/** Every text of a request that becomes prompt text. */
function promptTexts(input: Record<string, unknown>): string[] {
  const texts: string[] = [];
  if (typeof input["prompt"] === "string") texts.push(input["prompt"]);
  const shots = input["multi_prompt"];
  if (Array.isArray(shots))
    for (const shot of shots)
      if (typeof (shot as { prompt?: unknown }).prompt === "string")
        texts.push((shot as { prompt: string }).prompt);
  return texts;
}

/**
 * The names the `brand-risk` rule reported (its messages quote them) that are
 * in this scene's prompt, so a brand in another scene is not blamed.
 */
export function brandsInScene(
  diagnostics: readonly Diagnostic[],
  input: Record<string, unknown>,
): string[] {
  const text = promptTexts(input).join("\n").toLowerCase();
  const names = new Set<string>();
  for (const d of diagnostics) {
    if (d.ruleId !== "brand-risk") continue;
    const quoted = /"([^"]+)"/.exec(d.message)?.[1];
    if (quoted !== undefined && text.includes(quoted.toLowerCase())) names.add(quoted);
  }
  return [...names];
}

/** What klingc suggests after a 422. */
export function refusalHints(fault: HttpFault, brands: readonly string[]): string[] {
  if (!isContentPolicy(fault) && detailEntries(fault.body).length > 0) {
    return [
      "the request does not fit the endpoint: run `klingc lint` on the scene and check its settings against the target",
    ];
  }
  const hints: string[] = [];
  if (brands.length > 0)
    hints.push(
      `describe the product instead of naming it: ${brands.map((b) => `"${b}"`).join(", ")} (brand-risk)`,
    );
  hints.push(
    "simplify the prompt: fewer named people, products and trademarks; plainer wording for anything a filter could misread",
  );
  return hints;
}
