/**
 * Bot Stream benchmark: N robot messages through the fake gateway and the real `dingtalk-stream` SDK.
 * Latency = frame received by the client → the handler's reply recorded by the fake session webhook.
 * Compares our DingTalkStreamClient (supervisor, ACK, claim, zod parse, replyViaSessionWebhook) with a bare SDK echo
 * handler (ACK + fetch POST) in the same run. `npx tsx bench/bot-stream.bench.ts [sequential] [burst]`.
 */
import { pathToFileURL } from "node:url";
import { DingTalkStreamClient } from "../src/bot/stream-client.js";
import { replyViaSessionWebhook } from "../src/dingtalk/session-webhook.js";
import { systemClock } from "../src/lib/clock.js";
import type { FakeDingTalk } from "../test/fakes/fake-dingtalk.js";
import { compareWithEcho, hrTimers, round, type Contender, type ContenderResult } from "./bot-harness.js";

/** Benchmark output: ours, the bare-SDK baseline, and ratios (ours / baseline). */
export interface BotStreamBenchResult {
  ours: ContenderResult;
  baseline: ContenderResult;
  ratios: { p50Sequential: number; p99Sequential: number; msgPerSec: number };
}

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

/** Runs the benchmark and prints a table; returns the figures. */
export async function run(opts: { sequential?: number; burst?: number; print?: boolean } = {}): Promise<BotStreamBenchResult> {
  const n = { sequential: opts.sequential ?? 300, burst: opts.burst ?? 2000 };
  const { baseline, ours } = await compareWithEcho(startOurs, n, (fake) => (i) => fake.pushRobotMessage({ text: `m ${i}` }), opts.print ?? true);
  const ratios = {
    p50Sequential: round(ours.sequential.p50Ms / baseline.sequential.p50Ms),
    p99Sequential: round(ours.sequential.p99Ms / baseline.sequential.p99Ms),
    msgPerSec: round(ours.burst.msgPerSec / baseline.burst.msgPerSec),
  };
  if (opts.print ?? true) console.log(`ours/baseline: seq p50 ×${ratios.p50Sequential}, seq p99 ×${ratios.p99Sequential}, msg/s ×${ratios.msgPerSec}`);
  return { ours, baseline, ratios };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [seq, burst] = process.argv.slice(2).map(Number);
  await run({ sequential: seq || undefined, burst: burst || undefined });
}
