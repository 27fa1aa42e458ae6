/**
 * Claiming a message while the database may be down: the claim is retried with exponential backoff (0.5 s doubling
 * to 8 s, with jitter) until it answers or the budget runs out — 60 s, and never past the session webhook's expiry
 * less a margin, so the answer (or the apology) can still go through the webhook. Time comes from injected Timers.
 */
import { backoffDelay, sleep, type Timers } from "../lib/timers.js";
import type { ClaimRetryOptions } from "./bot-context.js";

/** The defaults of {@link ClaimRetryOptions}. */
export const CLAIM_RETRY_DEFAULTS = { baseMs: 500, maxMs: 8_000, budgetMs: 60_000, webhookMarginMs: 5_000 } as const;

/** How a claim ended: this instance owns the message, someone already had it, or the database never answered. */
export type ClaimOutcome =
  | { result: "won" | "duplicate"; retries: number }
  | { result: "unavailable"; retries: number; error: unknown; aborted: boolean };

/** What {@link claimWithRetry} needs besides the claim itself. */
export interface ClaimWithRetryOptions extends ClaimRetryOptions {
  timers: Timers;
  /** The session webhook's expiry (epoch ms on the same time base as `timers`), when the message has one. */
  webhookExpiresAt?: number;
  signal?: AbortSignal;
  /** Called before each retry, with the failed attempt's error and the delay before the next one. */
  onRetry?: (err: unknown, delayMs: number, retry: number) => void;
}

/** The last instant a retry may start: the budget, capped by the webhook's expiry less the margin. */
export function claimDeadline(start: number, o: ClaimRetryOptions & { webhookExpiresAt?: number }): number {
  const budget = start + (o.budgetMs ?? CLAIM_RETRY_DEFAULTS.budgetMs);
  if (o.webhookExpiresAt === undefined) return budget;
  return Math.min(budget, o.webhookExpiresAt - (o.webhookMarginMs ?? CLAIM_RETRY_DEFAULTS.webhookMarginMs));
}

/** Runs `claim` until it answers, retrying failures with backoff within the deadline; never throws. */
export async function claimWithRetry(claim: () => Promise<boolean>, o: ClaimWithRetryOptions): Promise<ClaimOutcome> {
  const { timers } = o;
  const baseMs = o.baseMs ?? CLAIM_RETRY_DEFAULTS.baseMs;
  const maxMs = o.maxMs ?? CLAIM_RETRY_DEFAULTS.maxMs;
  const deadline = claimDeadline(timers.now(), o);
  for (let retries = 0; ; retries++) {
    let error: unknown;
    try {
      return { result: (await claim()) ? "won" : "duplicate", retries };
    } catch (err) {
      error = err;
    }
    const left = deadline - timers.now();
    if (left <= 0 || o.signal?.aborted) return { result: "unavailable", retries, error, aborted: Boolean(o.signal?.aborted) };
    const delay = Math.min(left, backoffDelay(retries, baseMs, maxMs, o.random));
    o.onRetry?.(error, delay, retries + 1);
    try {
      await sleep(timers, delay, o.signal);
    } catch {
      return { result: "unavailable", retries, error, aborted: true };
    }
  }
}
