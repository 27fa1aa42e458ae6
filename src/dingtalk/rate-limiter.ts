import { sleep, type Timers } from "../lib/timers.js";

/** Options for {@link RateLimiter}. */
export interface RateLimiterOptions {
  /** Calls allowed per window (DingTalk: 20 per app × API per second on standard orgs; more on paid editions). */
  qps: number;
  timers: Timers;
  /** Window length; default 1000 ms. */
  windowMs?: number;
  /** Extra spacing added to the window (default 100 ms) so network jitter cannot squeeze qps+1 calls into DingTalk's 1 s window. */
  safetyMarginMs?: number;
}

/**
 * A FIFO rate limiter that guarantees at most `qps` permits in ANY window of `windowMs + safetyMarginMs`
 * (a sliding-window log, i.e. a token bucket of capacity `qps` whose tokens return exactly one window after use).
 * Unlike a refill-per-tick bucket it never lets 2×qps through across a window boundary.
 */
export class RateLimiter {
  private readonly stamps: number[] = [];
  private tail: Promise<void> = Promise.resolve();
  private readonly spanMs: number;

  constructor(private readonly opts: RateLimiterOptions) {
    if (!(opts.qps > 0)) throw new RangeError("RateLimiter qps must be > 0");
    this.spanMs = (opts.windowMs ?? 1000) + (opts.safetyMarginMs ?? 100);
  }

  /** Configured permits per window. */
  get qps(): number {
    return this.opts.qps;
  }

  /** Waits (in FIFO order) until a permit is free, then takes it. */
  acquire(signal?: AbortSignal): Promise<void> {
    const turn = this.tail.then(() => this.take(signal));
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  private async take(signal?: AbortSignal): Promise<void> {
    const limit = Math.floor(this.opts.qps) || 1;
    for (;;) {
      signal?.throwIfAborted();
      const now = this.opts.timers.now();
      while (this.stamps.length > 0 && now - this.stamps[0] >= this.spanMs) this.stamps.shift();
      if (this.stamps.length < limit) {
        this.stamps.push(now);
        return;
      }
      await sleep(this.opts.timers, this.stamps[0] + this.spanMs - now, signal);
    }
  }
}
