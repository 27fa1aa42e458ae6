/**
 * Bot benchmark as users meet it: the built service (`dist/src/main.js`, what `npm start` runs) in its own process,
 * on a file SQLite database with an imported contract, the real clock and `LOG_LEVEL=info`; the fake DingTalk (the
 * load generator: Stream gateway + session webhooks) in this process. Latency = message pushed by the gateway →
 * reply received by its session webhook. Every intent is asked in isolation (one message at a time) with the
 * overview cache off (cold: every answer reads the database) and on (production default); then a burst, then 30k
 * messages for memory (RSS after ÷ idle). Baseline in the same run: a bare SDK echo client in its own process.
 * Needs `npm run build` first. `npx tsx bench/bot-process.bench.ts [--rounds 3] [--burst 2000] [--soak 30000]`.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { FakeDingTalk } from "../test/fakes/fake-dingtalk.js";
import { median, percentile, printTable, rssMb } from "./bench-kit.js";
import { hrNow, round } from "./bot-harness.js";

const root = new URL("..", import.meta.url).pathname;
const QUESTIONS = [
  "DING还剩多少", "专业版什么时候到期", "电话会议还剩多少", "所有额度", "不续费会怎样", "发票开了吗", "我们买了什么", "退款",
  "提醒列表", "视频会议最多能开多大的会", "电话会议分钟用完了怎么办", "合同概况", "帮助", "帮我订会议室",
];

type Bot = { child: ChildProcess; stop: () => Promise<void> };

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

async function startSteward(fake: FakeDingTalk, dir: string, cacheMs: number): Promise<Bot> {
  const overrides = join(dir, `overrides-${cacheMs}.json`);
  writeFileSync(overrides, JSON.stringify({ http: { overviewCacheMs: cacheMs } }));
  const env = {
    ...process.env, ...fake.env(), DATABASE_URL: `sqlite:${join(dir, "steward.db")}`, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info",
    STEWARD_ADMIN_USERIDS: "admin01", STEWARD_CONFIG_FILE: overrides, LOG_FORMAT: "json",
  };
  const child = spawn(process.execPath, [join(root, "dist/src/main.js")], { env, stdio: ["ignore", "ignore", "inherit"] });
  await fake.waitFor((f) => f.openConnections().length === 1, 30_000, "the steward to connect");
  return { child, stop: async () => { await stopChild(child); await fake.waitFor((f) => f.openConnections().length === 0, 10_000, "the steward to disconnect"); } };
}

function startEcho(fake: FakeDingTalk): Promise<Bot> {
  const child = spawn(process.execPath, ["--import", "tsx", join(root, "bench/echo-bot.main.ts")], { env: { ...process.env, ...fake.env() }, stdio: ["ignore", "ignore", "inherit"] });
  return fake.waitFor((f) => f.openConnections().length === 1, 30_000, "the echo client to connect").then(() => ({ child, stop: async () => {
    await stopChild(child);
    await fake.waitFor((f) => f.openConnections().length === 0, 10_000, "the echo client to disconnect");
  } }));
}

/** Pushes `text` and waits for its reply; the gateway-to-webhook latency in ms. */
async function ask(fake: FakeDingTalk, text: string): Promise<number> {
  const t0 = hrNow();
  const id = fake.pushRobotMessage({ text, senderStaffId: "admin01", isAdmin: true });
  await fake.waitFor((f) => f.replies.some((r) => r.inReplyTo === id), 10_000, `a reply to ${text}`);
  return fake.replies.find((r) => r.inReplyTo === id)!.at - t0;
}

async function burst(fake: FakeDingTalk, n: number): Promise<number> {
  const before = fake.replies.length;
  const t0 = hrNow();
  for (let i = 0; i < n; i++) fake.pushRobotMessage({ text: QUESTIONS[i % QUESTIONS.length]!, senderStaffId: "admin01", isAdmin: true });
  await fake.waitFor((f) => f.replies.length >= before + n, 300_000, "all burst replies");
  return Math.round(n / ((hrNow() - t0) / 1000));
}

/** Per-question p50/p99 over `rounds` isolated askings of every question. */
async function isolated(fake: FakeDingTalk, rounds: number): Promise<{ all: number[]; byQuestion: Record<string, number[]> }> {
  const byQuestion: Record<string, number[]> = {};
  for (const q of QUESTIONS) await ask(fake, q);
  for (let r = 0; r < rounds; r++) for (const q of QUESTIONS) (byQuestion[q] ??= []).push(await ask(fake, q));
  return { all: Object.values(byQuestion).flat(), byQuestion };
}

/** Runs the benchmark (defaults: 20 rounds of every question, bursts of 2,000, 30k soak, 3 repetitions) and prints it. */
export async function run(o: { rounds?: number; burst?: number; soak?: number; reps?: number } = {}): Promise<Record<string, number>> {
  const [rounds, burstN, soakN, reps] = [o.rounds ?? 20, o.burst ?? 2000, o.soak ?? 30_000, o.reps ?? 3];
  const dir = mkdtempSync(join(tmpdir(), "bot-bench-"));
  const fake = await FakeDingTalk.start({ now: hrNow, gateway: { redeliveryDelayMs: 600_000 } });
  try {
    execFileSync(process.execPath, [join(root, "dist/src/cli.js"), "contract", "import", join(root, "test/fixtures/contracts/reseller-basic.txt"), "--org", fake.app.corpId, "--starts-on", "2026-06-01"], {
      env: { ...process.env, DATABASE_URL: `sqlite:${join(dir, "steward.db")}`, LOG_LEVEL: "warn" }, stdio: "ignore",
    });
    const rows: Record<string, string | number>[] = [];
    const result: Record<string, number[]> = { echoP99: [], echoMsgPerSec: [], coldP99: [], warmP99: [], msgPerSec: [], worstQuestionP99: [] };
    let worst = "";
    for (let rep = 0; rep < reps; rep++) {
      const echo = await startEcho(fake);
      const e = await isolated(fake, 3);
      result.echoP99!.push(percentile(e.all, 99));
      result.echoMsgPerSec!.push(await burst(fake, burstN));
      await echo.stop();
      const cold = await startSteward(fake, dir, 0);
      const c = await isolated(fake, rounds);
      result.coldP99!.push(percentile(c.all, 99));
      const perQ = Object.entries(c.byQuestion).map(([q, xs]) => [q, percentile(xs, 99)] as const).sort((a, b) => b[1] - a[1]);
      result.worstQuestionP99!.push(perQ[0]![1]);
      worst = `${perQ[0]![0]} ${round(perQ[0]![1])} ms`;
      await cold.stop();
      const warm = await startSteward(fake, dir, 1000);
      result.warmP99!.push(percentile((await isolated(fake, rounds)).all, 99));
      result.msgPerSec!.push(await burst(fake, burstN));
      await warm.stop();
    }
    const soak = await startSteward(fake, dir, 1000);
    await new Promise((r) => setTimeout(r, 2000));
    const idle = rssMb(soak.child.pid!);
    for (let done = 0; done < soakN; done += burstN) await burst(fake, Math.min(burstN, soakN - done));
    await new Promise((r) => setTimeout(r, 2000));
    const after = rssMb(soak.child.pid!);
    await soak.stop();
    for (const [k, xs] of Object.entries(result)) rows.push({ figure: k, min: round(Math.min(...xs)), median: round(median(xs)), runs: xs.length });
    rows.push({ figure: "rss idle MB", min: round(idle), median: round(idle), runs: 1 }, { figure: `rss after ${soakN} msgs MB`, min: round(after), median: round(after), runs: 1 });
    printTable("The built service in its own process, file SQLite, real clock, LOG_LEVEL=info; latency gateway → reply (ms), burst msg/s, RSS (MB)", rows);
    console.log(`slowest question (cold, last run): ${worst}; msg/s ÷ echo ${round(median(result.msgPerSec!) / median(result.echoMsgPerSec!))}; rss after ÷ idle ${round(after / idle)}`);
    const figures = { coldP99Ms: median(result.coldP99!), warmP99Ms: median(result.warmP99!), msgPerSec: median(result.msgPerSec!), echoMsgPerSec: median(result.echoMsgPerSec!), rssRatio: after / idle };
    console.log(JSON.stringify(figures));
    return figures;
  } finally {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({ options: { rounds: { type: "string" }, burst: { type: "string" }, soak: { type: "string" }, reps: { type: "string" } } });
  const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  await run({ rounds: num(values.rounds), burst: num(values.burst), soak: num(values.soak), reps: num(values.reps) });
}
