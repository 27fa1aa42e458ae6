import { performance } from "node:perf_hooks";
import { TOPIC_ROBOT } from "dingtalk-stream";
import { GatewayDWClient } from "../src/bot/gateway-dw-client.js";
import { realTimers, type Timers } from "../src/lib/timers.js";
import { FakeDingTalk } from "../test/fakes/fake-dingtalk.js";
import { percentile } from "./bench-kit.js";

/** A high-resolution wall clock (ms since the epoch) shared by the fake and the contenders. */
export const hrNow = () => performance.timeOrigin + performance.now();
/** Real timers reading {@link hrNow}. */
export const hrTimers: Timers = { ...realTimers, now: hrNow };

/** Something that answers robot messages: when it received each one, and how to stop it. */
export interface Contender {
  name: string;
  receivedAt: Map<string, number>;
  stop(): Promise<void>;
}

/** Latency figures of one contender: one message at a time, then a burst. */
export interface ContenderResult {
  name: string;
  sequential: { n: number; p50Ms: number; p99Ms: number };
  burst: { n: number; p50Ms: number; p99Ms: number; msgPerSec: number };
}

/** Rounds to microseconds for printing. */
export const round = (x: number) => Math.round(x * 1000) / 1000;

/** The baseline: a bare SDK client that ACKs and echoes each message through its session webhook. */
export async function startEchoBaseline(fake: FakeDingTalk): Promise<Contender> {
  const receivedAt = new Map<string, number>();
  const noop = { onFrame: () => undefined, onServerDisconnect: () => undefined, onMalformedFrame: () => undefined };
  const client = new GatewayDWClient({ clientId: fake.app.clientId, clientSecret: fake.app.clientSecret, gatewayUrl: fake.gatewayUrl, requestTimeoutMs: 5000 }, noop);
  client.registerCallbackListener(TOPIC_ROBOT, (frame) => {
    const at = hrNow();
    client.socketCallBackResponse(frame.headers.messageId, null);
    const m = JSON.parse(frame.data) as { msgId: string; sessionWebhook: string; text?: { content: string } };
    receivedAt.set(m.msgId, at);
    void fetch(m.sessionWebhook, {
      method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ msgtype: "markdown", markdown: { title: "echo", text: m.text?.content ?? "" } }),
    });
  });
  await client.getEndpoint();
  await client._connect();
  await fake.waitFor((f) => f.openConnections().length === 1, 5000, "the baseline to connect");
  return { name: "bare SDK echo", receivedAt, stop: async () => client.dispose() };
}

/** Latency from frame received to reply POSTed: `sequential` messages one at a time, then a burst of `burst`. */
export async function measure(fake: FakeDingTalk, c: Contender, n: { sequential: number; burst: number }, push: (i: number) => string): Promise<ContenderResult> {
  const latency = (ids: string[]) => ids.map((id) => fake.replies.find((r) => r.inReplyTo === id)!.at - c.receivedAt.get(id)!);
  const seqIds: string[] = [];
  for (let i = 0; i < n.sequential; i++) {
    const id = push(i);
    seqIds.push(id);
    await fake.waitFor((f) => f.replies.length > 0 && f.replies[f.replies.length - 1].inReplyTo === id, 5000, "a reply");
  }
  const seqLat = latency(seqIds);
  const before = fake.replies.length;
  const t0 = hrNow();
  const burstIds = Array.from({ length: n.burst }, (_, i) => push(i));
  await fake.waitFor((f) => f.replies.length === before + n.burst, 120_000, "all burst replies");
  const elapsed = (hrNow() - t0) / 1000;
  const burstLat = latency(burstIds);
  return {
    name: c.name,
    sequential: { n: n.sequential, p50Ms: round(percentile(seqLat, 50)), p99Ms: round(percentile(seqLat, 99)) },
    burst: { n: n.burst, p50Ms: round(percentile(burstLat, 50)), p99Ms: round(percentile(burstLat, 99)), msgPerSec: Math.round(n.burst / elapsed) },
  };
}

/**
 * Runs the echo baseline and `start` twice each, each against a fresh fake DingTalk (the first round warms up the
 * JIT and sockets), prints the second round, and returns it.
 */
export async function compareWithEcho(
  start: (fake: FakeDingTalk) => Promise<Contender>,
  n: { sequential: number; burst: number },
  push: (fake: FakeDingTalk) => (i: number) => string,
  print: boolean,
): Promise<{ baseline: ContenderResult; ours: ContenderResult }> {
  const results: ContenderResult[] = [];
  for (const begin of [startEchoBaseline, start, startEchoBaseline, start]) {
    const fake = await FakeDingTalk.start({ now: hrNow, gateway: { redeliveryDelayMs: 600_000 } });
    const c = await begin(fake);
    try {
      results.push(await measure(fake, c, n, push(fake)));
    } finally {
      await c.stop();
      await fake.close();
    }
  }
  const [baseline, ours] = [results[2]!, results[3]!];
  if (print) {
    console.table([baseline, ours].map((r) => ({
      contender: r.name, "seq p50 ms": r.sequential.p50Ms, "seq p99 ms": r.sequential.p99Ms, "burst p50 ms": r.burst.p50Ms,
      "burst p99 ms": r.burst.p99Ms, "burst msg/s": r.burst.msgPerSec,
    })));
  }
  return { baseline, ours };
}
