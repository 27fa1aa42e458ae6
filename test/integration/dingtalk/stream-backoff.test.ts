import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DingTalkStreamClient, type StreamClientOptions } from "../../../src/bot/stream-client.js";
import { FakeDingTalk } from "../../fakes/fake-dingtalk.js";
import { ManualTimers } from "../../fakes/manual-timers.js";
import { memoryClaims, Waiter } from "../../fakes/waiter.js";

let fake: FakeDingTalk;
beforeEach(async () => {
  fake = await FakeDingTalk.start();
});
afterEach(async () => {
  await fake.close();
});

/** The configured schedule: min(cap, base·2^k + random()·base) with random() = 0.5. */
const expectedDelay = (k: number) => Math.min(60_000, 1000 * 2 ** k + 500);

/** A client of the fake's app on virtual timers that does nothing with messages; `over` tunes it. */
function backoffClient(timers: ManualTimers, waiter: Waiter, over: Partial<StreamClientOptions> = {}): DingTalkStreamClient {
  return new DingTalkStreamClient({
    clientId: fake.app.clientId, clientSecret: fake.app.clientSecret, gatewayUrl: fake.gatewayUrl,
    claimMessage: memoryClaims().claim, onMessage: () => undefined, timers, onStateChange: waiter.notify, ...over,
  });
}

describe("stream supervisor backoff (virtual time, real sockets)", () => {
  it("while upgrades are refused, open-connection calls follow the backoff schedule: never more than 1/s, capped at 60 s, no storm", async () => {
    const timers = new ManualTimers(1_000_000);
    const waiter = new Waiter();
    timers.onChange = waiter.notify;
    const client = backoffClient(timers, waiter, { random: () => 0.5, backoffBaseMs: 1000, backoffMaxMs: 60_000 });
    fake.refuseUpgrades(401);
    client.start();

    const attempts = 10;
    const callTimes: number[] = [];
    for (let i = 1; i <= attempts; i++) {
      // Attempt i has failed and exactly one timer (the retry) is pending; nothing else was sent meanwhile.
      await waiter.until(
        () => fake.stream.refusedUpgrades === i && client.state === "backoff" && timers.pending().length === 1,
        5000,
        `attempt ${i} to fail`,
      );
      callTimes.push(timers.now());
      expect(fake.stream.openConnectionCalls).toHaveLength(i);
      expect(timers.pending()).toEqual([expectedDelay(i - 1)]);
      if (i < attempts) timers.runNext();
    }

    const gaps = callTimes.slice(1).map((t, k) => t - callTimes[k]);
    expect(gaps).toEqual(Array.from({ length: attempts - 1 }, (_, k) => expectedDelay(k)));
    for (const t of callTimes) expect(callTimes.filter((u) => u >= t && u < t + 1000)).toHaveLength(1); // ≤ 1 call in any 1 s window
    expect(Math.max(...gaps)).toBe(60_000);
    expect(client.counters.connectFailures).toBe(attempts);

    // The gateway recovers: the next retry connects.
    fake.refuseUpgrades(null);
    timers.runNext();
    await waiter.until(() => client.state === "open", 5000, "the client to connect");
    expect(fake.stream.openConnectionCalls).toHaveLength(attempts + 1);
    expect(client.counters).toMatchObject({ connects: 1, connectFailures: attempts });

    await client.stop();
    expect(client.state).toBe("stopped");
    expect(timers.pending()).toEqual([]); // watchdog and retry timers are gone
    await fake.waitFor((f) => f.connections.every((c) => c.closedAt !== null), 3000, "every socket to close");
  });

  it("a server that sends SYSTEM/disconnect on every new connection cannot push us above 1 open-connection call/s", async () => {
    const timers = new ManualTimers(0);
    const waiter = new Waiter();
    timers.onChange = waiter.notify;
    fake.core.on("change", () => {
      for (const c of fake.openConnections()) fake.disconnect(c.id, { closeAfterMs: 10_000 });
    });
    const client = backoffClient(timers, waiter, { random: () => 0 });
    client.start();
    const callTimes: number[] = [];
    for (let i = 1; i <= 6; i++) {
      await waiter.until(
        () => client.counters.serverDisconnects === i && client.state === "backoff" && timers.pending().length === 1,
        5000,
        `disconnect ${i}`,
      );
      callTimes.push(timers.now());
      expect(fake.stream.openConnectionCalls).toHaveLength(i);
      timers.runNext();
    }
    const gaps = callTimes.slice(1).map((t, k) => t - callTimes[k]);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1000);
    await client.stop();
    await fake.waitFor((f) => f.connections.every((c) => c.closedAt !== null), 3000, "every socket to close");
  });

  it("stop() during backoff cancels the pending retry", async () => {
    const timers = new ManualTimers();
    const waiter = new Waiter();
    timers.onChange = waiter.notify;
    const client = backoffClient(timers, waiter);
    fake.refuseUpgrades(403);
    client.start();
    await waiter.until(() => client.state === "backoff" && timers.pending().length === 1, 5000, "backoff");
    await client.stop();
    expect(timers.pending()).toEqual([]);
    expect(fake.stream.openConnectionCalls).toHaveLength(1);
  });

  it("wrong credentials are a failed attempt with backoff, not a crash", async () => {
    const timers = new ManualTimers();
    const waiter = new Waiter();
    timers.onChange = waiter.notify;
    const client = backoffClient(timers, waiter, { clientSecret: "wrong-secret" });
    client.start();
    await waiter.until(() => client.state === "backoff" && timers.pending().length === 1, 5000, "backoff");
    expect(fake.stream.openConnectionCalls).toEqual([expect.objectContaining({ status: 400 })]);
    expect(fake.connections).toHaveLength(0);
    await client.stop();
  });
});
