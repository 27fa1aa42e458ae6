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

/** A granted permit. Call `sent()` the moment the call goes out, or `release()` if it never does. */
export interface Permit {
  /** Stamps the permit with the instant the call is dispatched; its window starts then. */
  sent(): void;
  /** Gives the permit back unused (the call was not made). */
  release(): void;
}

interface Slot {
  /** When the call went out; null while granted but not yet dispatched. */
  at: number | null;
}

/**
 * A FIFO rate limiter that guarantees at most `qps` calls dispatched in ANY window of `windowMs + safetyMarginMs`,
 * however late the event loop runs. A window is counted from the instant a call is dispatched (`Permit.sent()`), not
 * from when its permit was granted, and a granted but undispatched permit holds its place until it is sent or
 * released: a stalled loop that delays granted calls can therefore never bunch them with the calls after them.
 */
export class RateLimiter {
  private readonly slots: Slot[] = [];
  private tail: Promise<void> = Promise.resolve();
  private readonly spanMs: number;
  private wake: (() => void) | null = null;

  constructor(private readonly opts: RateLimiterOptions) {
    if (!(opts.qps > 0)) throw new RangeError("RateLimiter qps must be > 0");
    this.spanMs = (opts.windowMs ?? 1000) + (opts.safetyMarginMs ?? 100);
  }

  /** Configured permits per window. */
  get qps(): number {
    return this.opts.qps;
  }

  /** Waits (in FIFO order) until a permit is free, then takes it. */
  acquire(signal?: AbortSignal): Promise<Permit> {
    const turn = this.tail.then(() => this.take(signal));
    this.tail = turn.then(() => undefined, () => undefined);
    return turn;
  }

  private async take(signal?: AbortSignal): Promise<Permit> {
    const limit = Math.floor(this.opts.qps) || 1;
    const aborted = abortOf(signal);
    aborted.catch(() => undefined); // raced below; never left unhandled
    for (;;) {
      signal?.throwIfAborted();
      const now = this.opts.timers.now();
      for (let i = this.slots.length - 1; i >= 0; i--) {
        const at = this.slots[i]!.at;
        if (at !== null && now - at >= this.spanMs) this.slots.splice(i, 1);
      }
      if (this.slots.length < limit) return this.grant();
      const dispatched = this.slots.filter((s) => s.at !== null).map((s) => s.at! + this.spanMs - now);
      const woken = new Promise<void>((resolve) => (this.wake = resolve));
      await Promise.race([woken, dispatched.length ? sleep(this.opts.timers, Math.min(...dispatched), signal) : aborted]);
      this.wake = null;
    }
  }

  private grant(): Permit {
    const slot: Slot = { at: null };
    this.slots.push(slot);
    let done = false;
    const settle = (fn: () => void) => {
      if (done) return;
      done = true;
      fn();
      this.wake?.();
    };
    return {
      sent: () => settle(() => (slot.at = this.opts.timers.now())),
      release: () => settle(() => this.slots.splice(this.slots.indexOf(slot), 1)),
    };
  }
}

/** Never resolves; rejects when `signal` aborts. */
function abortOf(signal?: AbortSignal): Promise<void> {
  return new Promise<void>((_, reject) => signal?.addEventListener("abort", () => reject(signal.reason), { once: true }));
}
