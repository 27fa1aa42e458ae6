/**
 * Bot Stream benchmark: N robot messages through the fake gateway and the real `dingtalk-stream` SDK.
 * Latency = frame received by the client → the handler's reply recorded by the fake session webhook.
 * Compares our DingTalkStreamClient (supervisor, ACK, claim, zod parse, replyViaSessionWebhook) with a bare SDK echo
 * handler (ACK + fetch POST) in the same run. `npx tsx bench/bot-stream.bench.ts [sequential] [burst]`.
 */
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { TOPIC_ROBOT } from "dingtalk-stream";
import { GatewayDWClient } from "../src/bot/gateway-dw-client.js";
import { DingTalkStreamClient } from "../src/bot/stream-client.js";
import { replyViaSessionWebhook } from "../src/dingtalk/session-webhook.js";
import { systemClock } from "../src/lib/clock.js";
import { realTimers, type Timers } from "../src/lib/timers.js";
import { FakeDingTalk } from "../test/fakes/fake-dingtalk.js";

const hrNow = () => performance.timeOrigin + performance.now();
const hrTimers: Timers = { ...realTimers, now: hrNow };

/** Figures for one contender. */
export interface ContenderResult {
  name: string;
  sequential: { n: number; p50Ms: number; p99Ms: number };
  burst: { n: number; p50Ms: number; p99Ms: number; msgPerSec: number };
}

/** Benchmark output: ours, the bare-SDK baseline, and ratios (ours / baseline). */
export interface BotStreamBenchResult {
  ours: ContenderResult;
  baseline: ContenderResult;
  ratios: { p50Sequential: number; p99Sequential: number; msgPerSec: number };
}

interface Contender {
  name: string;
  receivedAt: Map<string, number>;
  stop(): Promise<void>;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const round = (x: number) => Math.round(x * 1000) / 1000;

async function startOurs(fake: FakeDingTalk): Promise<Contender> {
  const receivedAt = new Map<string, number>();
  const seen = new Set<string>();
  const client = new DingTalkStreamClient({
    clientId: fake.app.clientId,
    clientSecret: fake.app.clientSecret,
    gatewayUrl: fake.gatewayUrl,
    timers: hrTimers,
    claimMessage: async (id) => !seen.has(id) && !!seen.add(id),
    onMessage: async (m, meta) => {
      receivedAt.set(m.msgId, meta.receivedAt);
      await replyViaSessionWebhook(m.sessionWebhook ?? "", m.sessionWebhookExpiredTime ?? 0, { title: "echo", text: m.text?.content ?? "" }, {
        clock: systemClock,
        allowedOrigins: [fake.baseUrl],
      });
    },
  });
  client.start();
  await fake.waitFor((f) => f.openConnections().length === 1, 5000, "our client to connect");
  return { name: "DingTalkStreamClient", receivedAt, stop: () => client.stop() };
}

async function startBaseline(fake: FakeDingTalk): Promise<Contender> {
  const receivedAt = new Map<string, number>();
  const noop = { onFrame: () => undefined, onServerDisconnect: () => undefined, onMalformedFrame: () => undefined };
  const client = new GatewayDWClient({ clientId: fake.app.clientId, clientSecret: fake.app.clientSecret, gatewayUrl: fake.gatewayUrl, requestTimeoutMs: 5000 }, noop);
  client.registerCallbackListener(TOPIC_ROBOT, (frame) => {
    const at = hrNow();
    client.socketCallBackResponse(frame.headers.messageId, null);
    const m = JSON.parse(frame.data) as { msgId: string; sessionWebhook: string; text?: { content: string } };
    receivedAt.set(m.msgId, at);
    void fetch(m.sessionWebhook, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ msgtype: "markdown", markdown: { title: "echo", text: m.text?.content ?? "" } }),
    });
  });
  await client.getEndpoint();
  await client._connect();
  await fake.waitFor((f) => f.openConnections().length === 1, 5000, "the baseline to connect");
  return { name: "bare SDK echo", receivedAt, stop: async () => client.dispose() };
}

async function measure(fake: FakeDingTalk, c: Contender, sequential: number, burst: number): Promise<ContenderResult> {
  const latency = (ids: string[]) =>
    ids.map((id) => fake.replies.find((r) => r.inReplyTo === id)!.at - c.receivedAt.get(id)!);
  const seqIds: string[] = [];
  for (let i = 0; i < sequential; i++) {
    const id = fake.pushRobotMessage({ text: `seq ${i}` });
    seqIds.push(id);
    await fake.waitFor((f) => f.replies.length > 0 && f.replies[f.replies.length - 1].inReplyTo === id, 5000, "a reply");
  }
  const seqLat = latency(seqIds);
  const before = fake.replies.length;
  const t0 = hrNow();
  const burstIds = Array.from({ length: burst }, (_, i) => fake.pushRobotMessage({ text: `burst ${i}` }));
  await fake.waitFor((f) => f.replies.length === before + burst, 60_000, "all burst replies");
  const elapsed = (hrNow() - t0) / 1000;
  const burstLat = latency(burstIds);
  return {
    name: c.name,
    sequential: { n: sequential, p50Ms: round(pct(seqLat, 50)), p99Ms: round(pct(seqLat, 99)) },
    burst: { n: burst, p50Ms: round(pct(burstLat, 50)), p99Ms: round(pct(burstLat, 99)), msgPerSec: Math.round(burst / elapsed) },
  };
}

/** Runs the benchmark and prints a table; returns the figures. */
export async function run(opts: { sequential?: number; burst?: number; print?: boolean } = {}): Promise<BotStreamBenchResult> {
  const sequential = opts.sequential ?? 300;
  const burst = opts.burst ?? 2000;
  const results: ContenderResult[] = [];
  for (const start of [startBaseline, startOurs, startBaseline, startOurs]) {
    const fake = await FakeDingTalk.start({ now: hrNow, gateway: { redeliveryDelayMs: 600_000 } });
    const c = await start(fake);
    try {
      results.push(await measure(fake, c, sequential, burst));
    } finally {
      await c.stop();
      await fake.close();
    }
  }
  // First round of each is warm-up (JIT, sockets); report the second.
  const baseline = results[2];
  const ours = results[3];
  const out: BotStreamBenchResult = {
    ours,
    baseline,
    ratios: {
      p50Sequential: round(ours.sequential.p50Ms / baseline.sequential.p50Ms),
      p99Sequential: round(ours.sequential.p99Ms / baseline.sequential.p99Ms),
      msgPerSec: round(ours.burst.msgPerSec / baseline.burst.msgPerSec),
    },
  };
  if (opts.print ?? true) {
    console.table(
      [baseline, ours].map((r) => ({
        contender: r.name,
        "seq p50 ms": r.sequential.p50Ms,
        "seq p99 ms": r.sequential.p99Ms,
        "burst p50 ms": r.burst.p50Ms,
        "burst p99 ms": r.burst.p99Ms,
        "burst msg/s": r.burst.msgPerSec,
      })),
    );
    console.log(`ours/baseline: seq p50 ×${out.ratios.p50Sequential}, seq p99 ×${out.ratios.p99Sequential}, msg/s ×${out.ratios.msgPerSec}`);
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [seq, burst] = process.argv.slice(2).map(Number);
  await run({ sequential: seq || undefined, burst: burst || undefined });
}
