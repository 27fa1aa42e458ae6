/**
 * A robot message that arrives while the database is down is held, its claim retried with backoff on virtual timers,
 * and answered exactly once after recovery — or, when the database stays down past the 60 s budget, the sender is
 * told 「暂时无法查询，请稍后再试」 through the session webhook. Real SDK and sockets against the fake DingTalk; the
 * outage is a failing claim on SQLite and a cut TCP connection (test/support/tcp-proxy) on MariaDB.
 */
import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { DataSource } from "typeorm";
import { startBot, type RunningBot } from "../../../src/bot/bot-runtime.js";
import type { DingTalkStreamClient } from "../../../src/bot/stream-client.js";
import { openDatabase } from "../../../src/db/data-source.js";
import { ClaimsRepository } from "../../../src/db/repositories/claims.repository.js";
import { FixedClock } from "../../../src/lib/clock.js";
import { silentLogger } from "../../../src/lib/logger.js";
import { createMetrics } from "../../../src/lib/metrics.js";
import { createServices } from "../../../src/services/create-services.js";
import { FakeDingTalk } from "../../fakes/fake-dingtalk.js";
import { ManualTimers } from "../../fakes/manual-timers.js";
import { BOT_NOW, botConfig } from "../../support/bot-fixtures.js";
import { seedContract } from "../../support/contract-factory.js";
import { startTcpProxy, type TcpProxy } from "../../support/tcp-proxy.js";
import { DRIVERS, openTestDatabase } from "../../support/test-databases.js";

const APOLOGY = "暂时无法查询，请稍后再试。";

/** A database the test can take down and bring back. */
interface Outage {
  ds: DataSource;
  /** Makes the database fail (SQLite: the claim throws SQLITE_BUSY; MariaDB: the TCP proxy cuts every connection). */
  begin(): Promise<void>;
  end(): Promise<void>;
  close(): Promise<void>;
}

/** SQLite in memory, with a test-only failing claim while the outage lasts. */
async function sqliteOutage(): Promise<Outage & { failing: () => boolean }> {
  const db = await openTestDatabase("sqlite");
  let down = false;
  return { ds: db.ds, failing: () => down, begin: async () => void (down = true), end: async () => void (down = false), close: () => db.drop() };
}

/** A fresh MariaDB schema reached through a TCP proxy, so the outage is a real lost connection. */
async function mariadbOutage(): Promise<Outage & { failing: () => boolean }> {
  const base = new URL(process.env.TEST_MYSQL_URL!.replace(/^mariadb:/, "mysql:"));
  const dbName = `steward_t_${randomBytes(5).toString("hex")}`;
  const mysql = await import("mysql2/promise");
  const admin = await mysql.createConnection({ uri: base.toString() });
  await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const proxy: TcpProxy = await startTcpProxy({ targetHost: base.hostname, targetPort: Number(base.port || 3306) });
  const url = new URL(base.toString());
  url.hostname = "127.0.0.1";
  url.port = String(proxy.port);
  url.pathname = `/${dbName}`;
  const ds = await openDatabase({ kind: "mysql", flavor: "mariadb", url: url.toString() });
  return {
    ds,
    failing: () => false,
    begin: () => proxy.stop(),
    end: () => proxy.resume(),
    close: async () => {
      await proxy.close();
      await ds.destroy().catch(() => undefined);
      await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
      await admin.end();
    },
  };
}

describe.each(DRIVERS)("bot during a database outage (%s)", (driver) => {
  let fake: FakeDingTalk;
  let outage: Awaited<ReturnType<typeof sqliteOutage>>;
  const bots: RunningBot[] = [];
  const clock = new FixedClock(BOT_NOW);
  let timers: ManualTimers;
  let metrics: ReturnType<typeof createMetrics>;
  const attempts: { msgId: string; ok: boolean }[] = [];

  beforeAll(async () => {
    fake = await FakeDingTalk.start({ gateway: { redeliveryDelayMs: 150 } });
    outage = driver === "sqlite" ? await sqliteOutage() : await mariadbOutage();
    await seedContract(outage.ds, { corpId: fake.app.corpId, startsOn: "2023-05-06" });
  });
  afterEach(async () => {
    await outage.end();
    await Promise.all(bots.splice(0).map((b) => b.stop()));
  });
  afterAll(async () => {
    await fake?.close();
    await outage?.close();
  });

  /** One steward instance whose claim retries run on virtual timers. */
  async function instance(): Promise<RunningBot> {
    timers = new ManualTimers(Date.now());
    metrics = createMetrics();
    const config = botConfig({ ...fake.env(), STEWARD_ADMIN_USERIDS: "admin1" });
    const services = createServices({ ds: outage.ds, clock, log: silentLogger, config });
    const claims = new ClaimsRepository(outage.ds);
    const bot = startBot({
      services, config, log: silentLogger, clock, timers, metrics, claimRetry: { random: () => 0 },
      claimMessage: async (msgId) => {
        try {
          if (outage.failing()) throw Object.assign(new Error("SQLITE_BUSY: database is locked"), { code: "SQLITE_BUSY" });
          const won = await claims.claimMessage(msgId, "outage-test", clock.now());
          attempts.push({ msgId, ok: true });
          return won;
        } catch (err) {
          attempts.push({ msgId, ok: false });
          throw err;
        }
      },
    });
    bots.push(bot);
    await fake.waitFor((f) => f.openConnections().length === 1, 5000, "the connection");
    return bot;
  }

  const inFlight = () => (bots[0]!.client as DingTalkStreamClient).inFlight;
  const repliesTo = (msgId: string) => fake.replies.filter((r) => r.inReplyTo === msgId);
  const text = (r: { body: Record<string, unknown> }) => (r.body.markdown as { text: string }).text;
  const failures = (ids: string[]) => attempts.filter((a) => ids.includes(a.msgId) && !a.ok).length;

  /**
   * Runs virtual time until `done()`: fires each pending retry timer as soon as one is scheduled, and otherwise lets
   * real I/O (sockets, database) proceed. Returns the virtual time that passed.
   */
  async function runUntil(done: () => boolean, what: string, timeoutMs = 10_000): Promise<number> {
    const stopAt = Date.now() + timeoutMs;
    let elapsed = 0;
    while (!done()) {
      if (Date.now() > stopAt) throw new Error(`timed out waiting for ${what}`);
      if (timers.pending().length > 0) elapsed += timers.runNext();
      else await new Promise((r) => setTimeout(r, 2));
    }
    return elapsed;
  }

  it("holds messages while the database is down and answers each exactly once after recovery (redelivery included)", async () => {
    await instance();
    await outage.begin();
    fake.dropAcks(1);
    const ids = ["DING还剩多少", "专业版什么时候到期", "电话会议还剩多少"].map((q) => fake.pushRobotMessage({ text: q, senderStaffId: "admin1" }));
    await fake.waitFor((f) => f.stream.deliveries.filter((d) => ids.includes(d.msgId)).length === 4, 5000, "3 deliveries + 1 redelivery");
    let elapsed = await runUntil(() => failures(ids) >= 12, "three failed claims per delivery");
    expect(ids.map((id) => repliesTo(id).length)).toEqual([0, 0, 0]);
    await outage.end();
    elapsed += await runUntil(() => ids.every((id) => repliesTo(id).length > 0) && inFlight() === 0, "every delivery to settle");
    expect(ids.map((id) => repliesTo(id).length)).toEqual([1, 1, 1]);
    expect(text(repliesTo(ids[0])[0])).toContain("**DING：剩余 1,000 / 1,000 条**");
    expect(text(repliesTo(ids[1])[0])).toContain("钉钉专业版将于 2024-05-05 到期，还剩 30 天");
    expect(text(repliesTo(ids[2])[0])).toContain("**电话会议：剩余 5,000 / 5,000 分钟**");
    expect(elapsed).toBeLessThan(60_000);
    const m = await metrics.registry.metrics();
    expect(m).toContain('steward_bot_claim_retries_total{result="recovered"} 3');
    expect(m).toContain('steward_bot_messages_total{intent="quota",outcome="answered"} 2');
    expect(m).toContain('steward_bot_messages_total{intent="expiry",outcome="answered"} 1');
    expect(m).toContain('steward_bot_messages_total{intent="none",outcome="deduped"} 1');
  });

  it("tells the sender 「暂时无法查询，请稍后再试」 through the session webhook once 60 s pass without the database — never silence", async () => {
    await instance();
    await outage.begin();
    const msgId = fake.pushRobotMessage({ text: "DING还剩多少", senderStaffId: "admin1" });
    const sentBefore = fake.sent.length;
    const elapsed = await runUntil(() => repliesTo(msgId).length > 0 && inFlight() === 0, "the apology");
    expect(elapsed).toBe(60_000);
    expect(repliesTo(msgId).map(text)).toEqual([APOLOGY]);
    expect(fake.sent.length).toBe(sentBefore);
    await outage.end();
    expect(timers.pending()).toEqual([]);
    expect(repliesTo(msgId)).toHaveLength(1);
    expect(await metrics.registry.metrics()).toContain('steward_bot_messages_total{intent="none",outcome="unavailable"} 1');
  });

  it("a message arriving after recovery is answered at once, without retries", async () => {
    await instance();
    const msgId = fake.pushRobotMessage({ text: "所有额度", senderStaffId: "admin1" });
    await fake.waitFor(() => repliesTo(msgId).length === 1, 5000, "the reply");
    expect(timers.pending()).toEqual([]);
    expect(await metrics.registry.metrics()).not.toContain('steward_bot_claim_retries_total{result="retry"}');
  });
});
