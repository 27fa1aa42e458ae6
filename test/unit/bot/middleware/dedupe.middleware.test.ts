import { describe, expect, it } from "vitest";
import { dedupe } from "../../../../src/bot/middleware/dedupe.middleware.js";
import { claimDeadline } from "../../../../src/bot/claim-retry.js";
import { createMetrics } from "../../../../src/lib/metrics.js";
import { ManualTimers } from "../../../fakes/manual-timers.js";
import { ctxFor, nextSpy } from "./middleware-kit.js";

const T0 = Date.parse("2024-04-05T06:02:00Z");
const APOLOGY = "暂时无法查询，请稍后再试。";

/** A claim port that throws (database down) for the first `failures` calls, then claims like processed_messages. */
function flakyClaims(failures: number) {
  const seen = new Set<string>();
  const c = {
    calls: 0,
    claim: async (id: string) => {
      c.calls++;
      if (c.calls <= failures) throw new Error("connect ECONNREFUSED 127.0.0.1:3306");
      return !seen.has(id) && Boolean(seen.add(id));
    },
  };
  return c;
}

/** Runs the middleware on virtual time: fires each timer as soon as it is the only thing left to do; returns the delays. */
async function runOnVirtualTime(timers: ManualTimers, run: Promise<void>): Promise<number[]> {
  let settled = false;
  void run.finally(() => (settled = true));
  const delays: number[] = [];
  for (let i = 0; i < 1000 && !settled; i++) {
    await new Promise((r) => setImmediate(r));
    if (!settled && timers.pending().length > 0) delays.push(timers.runNext());
  }
  await run;
  return delays;
}

function setup(failures: number, message: Parameters<typeof ctxFor>[0] = {}) {
  const timers = new ManualTimers(T0);
  const claims = flakyClaims(failures);
  const metrics = createMetrics();
  const { ctx, replies } = ctxFor({ msgId: "m-outage", ...message }, { claimMessage: claims.claim, timers, metrics, claimRetry: { random: () => 0 } });
  return { timers, claims, metrics, ctx, replies, next: nextSpy() };
}

describe("dedupe middleware", () => {
  it("claims the msgId and continues the first time, drops a second delivery", async () => {
    const seen = new Set<string>();
    const claimMessage = async (id: string) => !seen.has(id) && Boolean(seen.add(id));
    const next = nextSpy();
    const first = ctxFor({ msgId: "m1" }, { claimMessage });
    await dedupe()(first.ctx, next);
    const again = ctxFor({ msgId: "m1" }, { claimMessage });
    await dedupe()(again.ctx, next);
    expect(next.called).toBe(1);
    expect(again.replies).toEqual([]);
    expect(again.ctx.outcome).toBe("deduped");
  });
  it("passes a message the transport already claimed without claiming again", async () => {
    let claims = 0;
    const { ctx } = ctxFor({ msgId: "m2" }, { claimMessage: async () => (claims++, false) }, true);
    const next = nextSpy();
    await dedupe()(ctx, next);
    expect(next.called).toBe(1);
    expect(claims).toBe(0);
  });

  describe("while the database is down", () => {
    it("holds the message and retries with exponential backoff (0.5 s, 1 s, 2 s …), then answers it once", async () => {
      const s = setup(4);
      const delays = await runOnVirtualTime(s.timers, dedupe()(s.ctx, s.next));
      expect(delays).toEqual([500, 1000, 2000, 4000]);
      expect(s.claims.calls).toBe(5);
      expect(s.next.called).toBe(1);
      expect(s.replies).toEqual([]);
      const text = await s.metrics.registry.metrics();
      expect(text).toContain('steward_bot_claim_retries_total{result="retry"} 4');
      expect(text).toContain('steward_bot_claim_retries_total{result="recovered"} 1');
    });

    it("caps the delay at 8 s and, when the database is still down after 60 s, tells the sender at once (never silence)", async () => {
      const s = setup(Number.POSITIVE_INFINITY);
      const delays = await runOnVirtualTime(s.timers, dedupe()(s.ctx, s.next));
      expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000, 8000, 8000, 8000, 4500]);
      expect(delays.reduce((a, b) => a + b, 0)).toBe(60_000);
      expect(s.next.called).toBe(0);
      expect(s.replies.map((r) => r.text)).toEqual([APOLOGY]);
      expect(s.ctx.outcome).toBe("unavailable");
      expect(await s.metrics.registry.metrics()).toContain('steward_bot_claim_retries_total{result="gave_up"} 1');
    });

    it("gives up earlier when the session webhook would expire first (5 s kept for the answer)", async () => {
      const s = setup(Number.POSITIVE_INFINITY, { sessionWebhook: "https://oapi.dingtalk.com/robot/sendBySession?session=x", sessionWebhookExpiredTime: T0 + 12_000 });
      const delays = await runOnVirtualTime(s.timers, dedupe()(s.ctx, s.next));
      expect(delays).toEqual([500, 1000, 2000, 3500]);
      expect(s.replies.map((r) => r.text)).toEqual([APOLOGY]);
      expect(claimDeadline(T0, { webhookExpiresAt: T0 + 12_000 })).toBe(T0 + 7_000);
    });

    it("answers a message still waiting at shutdown with the apology straight away", async () => {
      const s = setup(Number.POSITIVE_INFINITY);
      const stop = new AbortController();
      const { ctx, replies } = ctxFor({ msgId: "m-stop", text: { content: "DING left?" } }, { claimMessage: s.claims.claim, timers: s.timers, signal: stop.signal });
      const run = dedupe()(ctx, s.next);
      await new Promise((r) => setImmediate(r));
      expect(s.timers.pending()).toEqual([expect.any(Number)]);
      stop.abort();
      await run;
      expect(replies.map((r) => r.text)).toEqual(["I can't look that up right now; please try again in a few minutes."]);
      expect(s.next.called).toBe(0);
    });

    it("a redelivery that arrives after recovery is still dropped: the message is answered exactly once", async () => {
      const s = setup(2);
      await runOnVirtualTime(s.timers, dedupe()(s.ctx, s.next));
      const again = ctxFor({ msgId: "m-outage" }, { claimMessage: s.claims.claim, timers: s.timers });
      await dedupe()(again.ctx, s.next);
      expect(s.next.called).toBe(1);
      expect(again.ctx.outcome).toBe("deduped");
    });
  });
});
