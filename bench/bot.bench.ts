/**
 * Bot benchmark: N robot messages through the fake DingTalk gateway and the real `dingtalk-stream` SDK, answered by
 * the FULL pipeline (stream client ACK + claim in SQLite, zod parse, text normalisation, admin check, intent routing,
 * the contract overview read from SQLite through the real services, markdown reply through the session webhook).
 * Latency = frame received by the client → reply recorded by the fake's session webhook. Baseline in the same run: a
 * bare SDK echo handler (ACK + fetch POST of the text). `npx tsx bench/bot.bench.ts [sequential] [burst]`.
 */
import "reflect-metadata";
import { pathToFileURL } from "node:url";
import { startBot } from "../src/bot/bot-runtime.js";
import { DingTalkStreamClient } from "../src/bot/stream-client.js";
import { loadConfig } from "../src/config/index.js";
import { openDatabase } from "../src/db/data-source.js";
import { ClaimsRepository } from "../src/db/repositories/claims.repository.js";
import { FixedClock } from "../src/lib/clock.js";
import { silentLogger } from "../src/lib/logger.js";
import { createServices } from "../src/services/create-services.js";
import type { FakeDingTalk } from "../test/fakes/fake-dingtalk.js";
import { seedContract } from "../test/support/contract-factory.js";
import { compareWithEcho, hrTimers, round, type Contender } from "./bot-harness.js";

const QUESTIONS = ["DING还剩多少", "专业版什么时候到期", "电话会议还剩多少", "所有额度", "不续费会怎样", "发票开了吗", "我们买了什么", "退款", "帮助", "帮我订会议室"];

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

/** Runs baseline and full bot twice each (the first round warms up) and prints the second round; returns the figures. */
export async function run(opts: { sequential?: number; burst?: number; print?: boolean } = {}) {
  const n = { sequential: opts.sequential ?? 300, burst: opts.burst ?? 2000 };
  const push = (fake: FakeDingTalk) => (i: number) => fake.pushRobotMessage({ text: QUESTIONS[i % QUESTIONS.length], senderStaffId: "admin1" });
  const { baseline, ours } = await compareWithEcho(startFullBot, n, push, opts.print ?? true);
  const ratios = { p99Sequential: round(ours.sequential.p99Ms / baseline.sequential.p99Ms), msgPerSec: round(ours.burst.msgPerSec / baseline.burst.msgPerSec) };
  const goals = { p99AtMost10Ms: ours.sequential.p99Ms <= 10, atLeast1000MsgPerSec: ours.burst.msgPerSec >= 1000, atLeastHalfOfEcho: ratios.msgPerSec >= 0.5 };
  if (opts.print ?? true) console.log(`full/echo: seq p99 ×${ratios.p99Sequential}, msg/s ×${ratios.msgPerSec}; goals ${JSON.stringify(goals)}`);
  return { ours, baseline, ratios, goals };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [seq, burst] = process.argv.slice(2).map(Number);
  await run({ sequential: seq || undefined, burst: burst || undefined });
}
