import { describe, expect, it } from "vitest";
import { RateLimiter } from "../../../src/dingtalk/rate-limiter.js";
import { ManualTimers } from "../../fakes/manual-timers.js";

const tick = () => new Promise<void>((r) => setImmediate(r));

/** Runs `n` acquisitions to completion on virtual time; returns the virtual grant times in grant order. */
async function grantTimes(limiter: RateLimiter, timers: ManualTimers, n: number): Promise<number[]> {
  const grants: number[] = [];
  const order: number[] = [];
  const all = Array.from({ length: n }, (_, i) =>
    limiter.acquire().then((permit) => {
      permit.sent();
      grants.push(timers.now());
      order.push(i);
    }),
  );
  while (grants.length < n) {
    await tick();
    if (grants.length < n && timers.pending().length > 0) timers.runNext();
  }
  await Promise.all(all);
  expect(order).toEqual([...order].sort((a, b) => a - b)); // FIFO
  return grants;
}

const worstWindow = (times: number[], windowMs: number) => Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + windowMs).length));

describe("RateLimiter", () => {
  it.each([
    { qps: 20, n: 100, margin: 0 },
    { qps: 40, n: 130, margin: 50 },
    { qps: 1, n: 5, margin: 0 },
  ])("never grants more than $qps permits in any 1 s window ($n requests, margin $margin ms)", async ({ qps, n, margin }) => {
    const timers = new ManualTimers(5_000);
    const times = await grantTimes(new RateLimiter({ qps, timers, safetyMarginMs: margin }), timers, n);
    expect(worstWindow(times, 1000 + margin)).toBe(qps);
    // …and it is not slower than it must be: the k-th batch of qps starts exactly one span after the previous one.
    expect(times[qps]).toBe(5_000 + 1000 + margin);
    expect(times.at(-1)).toBe(5_000 + Math.floor((n - 1) / qps) * (1000 + margin));
  });

  it("lets a permit go as soon as the window slides past an old one", async () => {
    const timers = new ManualTimers(0);
    const limiter = new RateLimiter({ qps: 2, timers, safetyMarginMs: 0 });
    (await limiter.acquire()).sent();
    timers.setTimeout(() => undefined, 600);
    timers.runNext(); // t = 600
    (await limiter.acquire()).sent();
    const third = limiter.acquire();
    await tick();
    expect(timers.pending()).toEqual([400]); // waits only until t = 1000, when the first permit expires
    timers.runNext();
    await third;
    expect(timers.now()).toBe(1000);
  });

  it("rejects an aborted waiter without blocking the queue", async () => {
    const timers = new ManualTimers(0);
    const limiter = new RateLimiter({ qps: 1, timers, safetyMarginMs: 0 });
    (await limiter.acquire()).sent();
    const ac = new AbortController();
    const aborted = limiter.acquire(ac.signal);
    const next = limiter.acquire();
    await tick();
    ac.abort(new Error("gave up"));
    await expect(aborted).rejects.toThrow("gave up");
    await tick();
    timers.runNext();
    await next;
    expect(timers.now()).toBe(1000);
  });

  it("counts a call from when it is dispatched: calls granted before a stalled loop never bunch with the next ones", async () => {
    const timers = new ManualTimers(0);
    const limiter = new RateLimiter({ qps: 2, timers, safetyMarginMs: 0 });
    const first = await Promise.all([limiter.acquire(), limiter.acquire()]); // granted at t = 0
    timers.setTimeout(() => undefined, 900);
    timers.runNext(); // the loop was busy: both calls only go out at t = 900
    for (const p of first) p.sent();
    const third = limiter.acquire();
    await tick();
    expect(timers.pending()).toEqual([1000]); // not at t = 1000 (grant + window) but t = 1900 (dispatch + window)
    timers.runNext();
    (await third).sent();
    expect(timers.now()).toBe(1900);
  });

  it("an undispatched permit holds its place until it is sent or released", async () => {
    const timers = new ManualTimers(0);
    const limiter = new RateLimiter({ qps: 1, timers, safetyMarginMs: 0 });
    const held = await limiter.acquire();
    let granted = false;
    const next = limiter.acquire().then((p) => ((granted = true), p));
    await tick();
    expect(granted).toBe(false);
    expect(timers.pending()).toEqual([]); // nothing to wait for but the holder
    held.release();
    held.sent(); // a second settle is ignored
    (await next).sent();
    expect(granted).toBe(true);
    expect(timers.now()).toBe(0);
  });
});
