import { fileURLToPath, pathToFileURL } from "node:url";
import { loadConfig } from "../src/config/index.js";
import { createDingTalkClients } from "../src/dingtalk/dingtalk-clients.js";
import { robotMsg } from "../src/dingtalk/robot-messages.js";
import { addDays } from "../src/domain/business-calendar.js";
import { contractTimeline } from "../src/domain/contract-timeline.js";
import type { ReminderContract, ReminderSettings } from "../src/domain/reminder-model.js";
import { dueNotices } from "../src/domain/reminder-policy.js";
import { systemClock } from "../src/lib/clock.js";
import { DingTalkMessenger } from "../src/services/messenger.js";
import { PacedMessenger, robotApiHeadroom } from "../src/services/paced-messenger.js";
import { FakeDingTalk } from "../test/fakes/fake-dingtalk.js";
import { printTable, runJsonChild } from "./bench-kit.js";

const SELF = fileURLToPath(import.meta.url);
const NOW = new Date("2025-06-18T02:00:00Z"); // a Wednesday, 10:00 in Shanghai

/** Deterministic pseudo-random numbers (mulberry32) so every run plans the same contracts. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` synthetic contracts: starts spread over 3 years, 1- and 2-year terms, 10 % unpaid, 20 % with usage entries. */
function synthetic(n: number): ReminderContract[] {
  const rnd = prng(42);
  return Array.from({ length: n }, (_, i) => {
    const startsOn = addDays("2023-01-01", Math.floor(rnd() * 1095));
    const unpaid = rnd() < 0.1;
    const usage = rnd() < 0.2
      ? [{ metric: "api.calls", kind: "delta" as const, amount: Math.floor(rnd() * 520_000), occurredAt: new Date(NOW.getTime() - rnd() * 10 * 86_400_000), source: "api" as const },
         { metric: "ding.messages", kind: "delta" as const, amount: Math.floor(rnd() * 900), occurredAt: new Date(NOW.getTime() - rnd() * 60 * 86_400_000), source: "manual" as const }]
      : [];
    return {
      id: i + 1, orgName: `示例组织${i % 500}`, status: "active" as const, createdOn: startsOn, renewedBy: null, usage,
      terms: {
        startsOn, termMonths: rnd() < 0.2 ? 24 : 12, signedOn: startsOn, paidOn: unpaid ? null : addDays(startsOn, 5), invoicedOn: unpaid ? null : addDays(startsOn, 9),
        amountFen: 980_000, paymentTerm: { within: { value: 30, unit: "day" as const }, from: "signing" as const },
        invoiceTerm: { within: { value: 5, unit: "working_day" as const }, from: "payment" as const, latePenaltyRatePerDay: 0.002 },
      },
      quotas: [
        { metric: "ding.messages", limit: 1000, unit: "message" as const, period: "year" as const },
        { metric: "phone_conference.minutes", limit: 5000, unit: "minute" as const, period: "year" as const },
        { metric: "api.calls", limit: 500_000, unit: "call" as const, period: "month" as const },
        { metric: "storage.capacity_gb", limit: 1024, unit: "gb" as const, period: "none" as const },
        { metric: "data_recovery.uses", limit: 1, unit: "use" as const, period: "term" as const },
      ],
    };
  });
}

/** Child process: plans one sweep over `n` contracts and prints its figures as JSON (own process, so RSS is its own). */
function planChild(n: number): void {
  const cfg = loadConfig({});
  const contracts = synthetic(n);
  const t0 = performance.now();
  for (const c of contracts) contractTimeline(c.terms, "2025-06-18");
  const baselineMs = performance.now() - t0;
  const t1 = performance.now();
  const notices = dueNotices({
    now: NOW, tz: "Asia/Shanghai", settings: cfg.settings.reminders as ReminderSettings, retention: cfg.settings.dataRetention, contracts,
    deliveries: [], preferences: [], recipients: { users: ["admin1", "admin2"], groups: ["cidAdminGroup1"] },
  });
  const planMs = performance.now() - t1;
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ contracts: n, notices: notices.length, planMs: Math.round(planMs), timelineOnlyMs: Math.round(baselineMs), ratio: Number((planMs / baselineMs).toFixed(1)), maxRssMb: Math.round(maxRssMb) })}\n`);
}

function runChild(n: number): Promise<Record<string, number>> {
  return runJsonChild(SELF, ["--plan", String(n)]);
}

/** Sends `calls` group messages at once through the messenger limited to `qps`, against a fake enforcing the same limit. */
async function pace(qps: number, calls: number): Promise<Record<string, number>> {
  const fake = await FakeDingTalk.start();
  fake.setQpsLimit(qps);
  const clients = createDingTalkClients({
    clientId: fake.app.clientId, clientSecret: fake.app.clientSecret, robotCode: fake.app.robotCode, apiBase: fake.baseUrl, oapiBase: fake.baseUrl,
    clock: systemClock, qps, qpsPerApi: robotApiHeadroom(qps), backoffBaseMs: 50,
  });
  const messenger = new PacedMessenger(new DingTalkMessenger(clients.openApi, clients.policy), { qps });
  await messenger.sendToGroup("cidWarmup", robotMsg.text("warm-up"));
  await new Promise((r) => setTimeout(r, 1100));
  const before = fake.requests.length;
  await Promise.all(Array.from({ length: calls }, (_, i) => messenger.sendToGroup(`cid${i}`, robotMsg.markdown("提醒", `第 ${i} 条`))));
  const reqs = fake.requests.slice(before).filter((r) => r.api === "robot.groupSend");
  await fake.close();
  const times = reqs.map((r) => r.at).sort((a, b) => a - b);
  let maxInAnySecond = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= 1000) j++;
    maxInAnySecond = Math.max(maxInAnySecond, i - j + 1);
  }
  const sustained = (times.length - 1) / ((times.at(-1)! - times[0]!) / 1000);
  return {
    limitQps: qps, calls: times.length, sustainedQps: Number(sustained.toFixed(2)), deviationPct: Number((((sustained - qps) / qps) * 100).toFixed(1)),
    maxInAnySecond, throttledByFake: reqs.filter((r) => r.outcome === "throttled").length,
  };
}

/**
 * Plans a sweep over 10 000 and 100 000 synthetic contracts (goal ≤ 1 s and ≤ 10 s, RSS ≤ 400 MB; ratio against
 * computing only each contract's timeline), then measures sender pacing at 20 and 40 qps against the fake DingTalk
 * (goal: within ±5 % of the limit and never above it).
 */
export async function run() {
  const plan = [await runChild(10_000), await runChild(100_000)];
  printTable("reminder planning (goal: 10k ≤ 1000 ms, 100k ≤ 10000 ms, max RSS ≤ 400 MB)", plan);
  const pacing = [await pace(20, 400), await pace(40, 400)];
  printTable("sender pacing against the fake DingTalk (goal: within ±5 % of the limit, never above it in any second)", pacing);
  return { plan, pacing };
}

if (process.argv[2] === "--plan") planChild(Number(process.argv[3]));
else if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
