/**
 * Bot benchmark: N robot messages through the fake DingTalk gateway and the real `dingtalk-stream` SDK, answered by
 * the FULL pipeline (stream client ACK + claim in SQLite, zod parse, text normalisation, admin check, intent routing,
 * the contract overview read from SQLite through the real services, markdown reply through the session webhook).
 * Latency = frame received by the client → reply recorded by the fake's session webhook. Baseline in the same run: a
 * bare SDK echo handler (ACK + fetch POST of the text). `npx tsx bench/bot.bench.ts [sequential] [burst]`.
 */
import "reflect-metadata";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { TOPIC_ROBOT } from "dingtalk-stream";
import { startBot } from "../src/bot/bot-runtime.js";
import { GatewayDWClient } from "../src/bot/gateway-dw-client.js";
import { DingTalkStreamClient } from "../src/bot/stream-client.js";
import { loadConfig } from "../src/config/index.js";
import { openDatabase } from "../src/db/data-source.js";
import { ClaimsRepository } from "../src/db/repositories/claims.repository.js";
import { FixedClock } from "../src/lib/clock.js";
import { silentLogger } from "../src/lib/logger.js";
import { realTimers, type Timers } from "../src/lib/timers.js";
import { createServices } from "../src/services/create-services.js";
import { FakeDingTalk } from "../test/fakes/fake-dingtalk.js";
import { seedContract } from "../test/support/contract-factory.js";
import { percentile } from "./bench-kit.js";

const hrNow = () => performance.timeOrigin + performance.now();
const hrTimers: Timers = { ...realTimers, now: hrNow };
const QUESTIONS = ["DING还剩多少", "专业版什么时候到期", "电话会议还剩多少", "所有额度", "不续费会怎样", "发票开了吗", "我们买了什么", "退款", "帮助", "帮我订会议室"];

/** Figures for one contender. */
export interface BotBenchFigures {
  name: string;
  sequential: { n: number; p50Ms: number; p99Ms: number };
  burst: { n: number; p50Ms: number; p99Ms: number; msgPerSec: number };
}

interface Contender {
  name: string;
  receivedAt: Map<string, number>;
  stop(): Promise<void>;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

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
      method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ msgtype: "markdown", markdown: { title: "echo", text: m.text?.content ?? "" } }),
    });
  });
  await client.getEndpoint();
  await client._connect();
  await fake.waitFor((f) => f.openConnections().length === 1, 5000, "the baseline to connect");
  return { name: "bare SDK echo", receivedAt, stop: async () => client.dispose() };
}

async function startFullBot(fake: FakeDingTalk): Promise<Contender> {
  const receivedAt = new Map<string, number>();
  const config = loadConfig({ DATABASE_URL: "sqlite::memory:", ...fake.env(), STEWARD_ADMIN_USERIDS: "admin1" });
  const ds = await openDatabase(config.database);
  const clock = new FixedClock("2024-04-05T06:02:00Z");
  const services = createServices({ ds, clock, log: silentLogger, config });
  await seedContract(ds, { corpId: fake.app.corpId, startsOn: "2023-05-06" });
  const claims = new ClaimsRepository(ds);
  const bot = startBot({
    services, config, clock, log: silentLogger, claimMessage: (id) => claims.claimMessage(id, "bench", clock.now()),
    streamClientFactory: (opts) => new DingTalkStreamClient({
      ...opts, timers: hrTimers,
      onMessage: async (m, meta) => {
        receivedAt.set(m.msgId, meta.receivedAt);
        await opts.onMessage(m, meta);
      },
    }),
  });
  await fake.waitFor((f) => f.openConnections().length === 1, 5000, "the bot to connect");
  return { name: "full bot pipeline", receivedAt, stop: async () => { await bot.stop(); await ds.destroy(); } };
}

async function measure(fake: FakeDingTalk, c: Contender, sequential: number, burst: number): Promise<BotBenchFigures> {
  const latency = (ids: string[]) => ids.map((id) => fake.replies.find((r) => r.inReplyTo === id)!.at - c.receivedAt.get(id)!);
  const push = (i: number) => fake.pushRobotMessage({ text: QUESTIONS[i % QUESTIONS.length], senderStaffId: "admin1" });
  const seqIds: string[] = [];
  for (let i = 0; i < sequential; i++) {
    const id = push(i);
    seqIds.push(id);
    await fake.waitFor((f) => f.replies.length > 0 && f.replies[f.replies.length - 1].inReplyTo === id, 5000, "a reply");
  }
  const seqLat = latency(seqIds);
  const before = fake.replies.length;
  const t0 = hrNow();
  const burstIds = Array.from({ length: burst }, (_, i) => push(i));
  await fake.waitFor((f) => f.replies.length === before + burst, 120_000, "all burst replies");
  const elapsed = (hrNow() - t0) / 1000;
  const burstLat = latency(burstIds);
  return {
    name: c.name,
    sequential: { n: sequential, p50Ms: round(percentile(seqLat, 50)), p99Ms: round(percentile(seqLat, 99)) },
    burst: { n: burst, p50Ms: round(percentile(burstLat, 50)), p99Ms: round(percentile(burstLat, 99)), msgPerSec: Math.round(burst / elapsed) },
  };
}

/** Runs baseline and full bot twice each (the first round warms up) and prints the second round; returns the figures. */
export async function run(opts: { sequential?: number; burst?: number; print?: boolean } = {}) {
  const sequential = opts.sequential ?? 300;
  const burst = opts.burst ?? 2000;
  const results: BotBenchFigures[] = [];
  for (const start of [startBaseline, startFullBot, startBaseline, startFullBot]) {
    const fake = await FakeDingTalk.start({ now: hrNow, gateway: { redeliveryDelayMs: 600_000 } });
    const c = await start(fake);
    try {
      results.push(await measure(fake, c, sequential, burst));
    } finally {
      await c.stop();
      await fake.close();
    }
  }
  const [baseline, ours] = [results[2], results[3]];
  const ratios = { p99Sequential: round(ours.sequential.p99Ms / baseline.sequential.p99Ms), msgPerSec: round(ours.burst.msgPerSec / baseline.burst.msgPerSec) };
  const goals = { p99AtMost10Ms: ours.sequential.p99Ms <= 10, atLeast1000MsgPerSec: ours.burst.msgPerSec >= 1000, atLeastHalfOfEcho: ratios.msgPerSec >= 0.5 };
  if (opts.print ?? true) {
    console.table([baseline, ours].map((r) => ({
      contender: r.name, "seq p50 ms": r.sequential.p50Ms, "seq p99 ms": r.sequential.p99Ms, "burst p50 ms": r.burst.p50Ms,
      "burst p99 ms": r.burst.p99Ms, "burst msg/s": r.burst.msgPerSec,
    })));
    console.log(`full/echo: seq p99 ×${ratios.p99Sequential}, msg/s ×${ratios.msgPerSec}; goals ${JSON.stringify(goals)}`);
  }
  return { ours, baseline, ratios, goals };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [seq, burst] = process.argv.slice(2).map(Number);
  await run({ sequential: seq || undefined, burst: burst || undefined });
}
