/** An opaque handle returned by `Timers.setTimeout`. */
export type TimerHandle = { readonly __timer: unique symbol } | object;

/**
 * The source of monotonic-ish time and delayed callbacks. Code that backs off, polls or rate-limits takes a Timers so
 * tests can drive virtual time instead of sleeping on the wall clock.
 */
export interface Timers {
  /** Milliseconds since the epoch (or any fixed origin; only differences are used). */
  now(): number;
  /** Runs `fn` once after `ms` milliseconds. */
  setTimeout(fn: () => void, ms: number): TimerHandle;
  /** Cancels a pending `setTimeout`; a no-op for fired or unknown handles. */
  clearTimeout(handle: TimerHandle): void;
}

/** Real timers backed by Node's `setTimeout` and `Date.now()`. */
export const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, Math.max(0, ms)) as unknown as TimerHandle,
  clearTimeout: (h) => clearTimeout(h as unknown as NodeJS.Timeout),
};

/** Resolves after `ms` on the given timers; rejects with the signal's reason if it aborts first. */
export function sleep(timers: Timers, ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 && !signal?.aborted) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      timers.clearTimeout(handle);
      reject(signal?.reason);
    };
    const handle = timers.setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Exponential backoff with additive jitter: `min(maxMs, baseMs·2^attempt + random()·baseMs)`. Never below `baseMs`
 * (so retries stay at most one per `baseMs`) and never above `maxMs`.
 */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exp = baseMs * 2 ** Math.min(Math.max(0, attempt), 30);
  return Math.min(maxMs, exp + random() * baseMs);
}
