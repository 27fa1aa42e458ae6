import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { OutboxEntity, ReminderDeliveryEntity, UsageRecordEntity } from "../../../src/db/entities/index.js";
import { FixedClock } from "../../../src/lib/clock.js";
import { FakeDingTalk } from "../../fakes/fake-dingtalk.js";
import { seedContract, termOnlyDocument } from "../../support/contract-factory.js";
import { deliveredItems, fakeMessenger, instance, reminderConfig } from "../../support/reminder-harness.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../../support/test-databases.js";

const T0 = "2025-09-30T01:30:00Z"; // Tue 09:30 Shanghai: the last day of a term that started 2024-10-01
const doc = termOnlyDocument;

describe.each(DRIVERS)("reminder sweep against the fake DingTalk on %s", (driver) => {
  let db: TestDatabase;
  let fake: FakeDingTalk;
  const clock = new FixedClock(T0);

  beforeEach(async () => {
    db = await openTestDatabase(driver);
    fake = await FakeDingTalk.start();
    clock.set(T0);
  });
  afterEach(async () => {
    await fake.close();
    await db.drop();
  });

  const setup = (opts: Parameters<typeof reminderConfig>[0] = {}) => {
    const { clients, messenger } = fakeMessenger(fake, clock);
    const services = instance(db.ds, reminderConfig({ fake, ...opts }), clock, { messenger });
    const sweep = (now: string) => {
      clock.set(now);
      return services.runReminderSweep({ now: new Date(now) });
    };
    return { services, clients, sweep };
  };

  it("sends one digest per admin and group, one DING on T-0, records the DING in the ledger, and never repeats", async () => {
    const id = await seedContract(db.ds, { corpId: fake.app.corpId, startsOn: "2024-10-01", doc: doc([{ metric: "ding.in_app", limit: 1000, unit: "message", period: "term" }]) });
    const { sweep } = setup();
    const r = await sweep(T0);
    expect(r).toMatchObject({ sent: 13, failed: 0, skipped: 0, messages: 2, dings: 1 });
    const batch = fake.sent.filter((s) => s.api === "robot.batchSend");
    expect(batch.map((s) => s.userIds)).toEqual([["admin1", "admin2"]]);
    expect(deliveredItems(fake).filter((x) => x.startsWith("admin1|")).map((x) => x.split("|")[2])).toEqual([
      "钉钉专业版今天到期（2025-09-30）",
      "1 天后（2025-10-01）起数据受影响：聊天记录回落、云盘超额数据可能被清除",
      "DING、电话会议、数据恢复、应用内 DING 将于 2025-09-30 后作废（还剩 0 天）",
    ]);
    expect(fake.sent.find((s) => s.api === "robot.groupSend")).toMatchObject({ openConversationId: "cidAdminGroup1", msgKey: "sampleMarkdown" });
    expect(fake.sent.filter((s) => s.api === "robot.ding").map((s) => [s.userIds, s.remindType])).toEqual([[["admin1", "admin2"], 1]]);
    const ledger = await db.ds.manager.findBy(UsageRecordEntity, { contractId: id, source: "self" });
    expect(ledger.map((e) => [e.metric, Number(e.amount), e.kind])).toEqual([["ding.in_app", 2, "delta"]]);
    const rows = await db.ds.manager.find(ReminderDeliveryEntity);
    expect(rows.every((x) => x.status === "sent" && x.sentAt !== null)).toBe(true);
    const again = await sweep("2025-09-30T01:50:00Z");
    expect(again.notices).toEqual([]);
    expect(fake.sent).toHaveLength(3);
  });

  it("never sends another org's contract to this org's admins (an upload naming another corpId)", async () => {
    await seedContract(db.ds, { corpId: "ding-other-org", startsOn: "2024-10-01", doc: doc() });
    const own = await seedContract(db.ds, { corpId: fake.app.corpId, startsOn: "2024-10-01", doc: doc() });
    const { sweep } = setup();
    const r = await sweep(T0);
    expect(r.notices.length).toBeGreaterThan(0);
    expect(new Set(r.notices.map((n) => n.contractId))).toEqual(new Set([own]));
    expect(deliveredItems(fake).every((x) => x.split("|")[1] === String(own))).toBe(true);
  });

  it("keeps quiet on weekends and at night, and sends at the next allowed time (调休 Sunday)", async () => {
    await seedContract(db.ds, { corpId: fake.app.corpId, startsOn: "2024-10-01", doc: doc() });
    const { sweep } = setup();
    expect((await sweep("2025-09-27T02:00:00Z")).notices).toEqual([]);
    expect((await sweep("2025-09-27T12:00:00Z")).notices).toEqual([]);
    const sunday = await sweep("2025-09-28T01:00:00Z");
    expect(sunday.notices.filter((n) => n.channel === "robot" && n.kind === "renewal").map((n) => n.dueKey)).toEqual(["T-3@2025-09-30"]);
    expect(deliveredItems(fake)).toContain("admin1|1|钉钉专业版 2 天后到期（2025-09-30）");
  });

  it("falls back when the DING quota is used up, says so in the robot digest, and logs why", async () => {
    const id = await seedContract(db.ds, { corpId: fake.app.corpId, startsOn: "2024-10-01", doc: doc([{ metric: "ding.in_app", limit: 5, unit: "message", period: "term" }]) });
    const { services, sweep } = setup();
    await services.recordUsage({ contractId: id, metric: "ding.in_app", amount: 4, kind: "delta", source: "manual", actor: "admin1", occurredAt: new Date("2025-09-01T02:00:00Z") });
    const r = await sweep(T0);
    expect(fake.sent.filter((s) => s.api === "robot.ding")).toEqual([]);
    expect(r.dings).toBe(0);
    const text = String(fake.sent.find((s) => s.api === "robot.batchSend")!.msgParam!.text);
    expect(text).toContain("> 应用内 DING 额度已用完（剩 1 次），本次未发送 DING，改为仅机器人消息提醒");
    const log = await services.deliveryLog({ contractId: id });
    const dings = log.filter((e) => e.channel === "ding");
    expect(dings).toHaveLength(4);
    expect(dings.every((e) => e.status === "skipped" && e.error === "DING quota used up (ding.in_app); fell back to the robot message")).toBe(true);
  });

  it("uses SMS DING only when configured and affordable, otherwise in-app with a note", async () => {
    const id = await seedContract(db.ds, { corpId: fake.app.corpId, startsOn: "2024-10-01", doc: doc() });
    const settings = { reminders: { ding: { renewalWithinDays: 7, deletionDaysBefore: [1, 0], escalation: { remindType: 2, daysBefore: [0] } } } };
    const { services, sweep } = setup({ settings });
    await services.recordUsage({ contractId: id, metric: "ding.messages", amount: 999, kind: "delta", source: "manual", actor: "admin1", occurredAt: new Date("2025-09-01T02:00:00Z") });
    await sweep(T0);
    expect(fake.sent.filter((s) => s.api === "robot.ding").map((s) => s.remindType)).toEqual([1]);
    expect(String(fake.sent.find((s) => s.api === "robot.batchSend")!.msgParam!.text)).toContain("短信/电话 DING 额度不足（剩 1 条），已改为应用内 DING");
  });

  it("records unknown recipients in the delivery log and still delivers to the others", async () => {
    const id = await seedContract(db.ds, { corpId: fake.app.corpId, startsOn: "2024-10-01", doc: doc() });
    fake.markInvalidUsers(["ghost9"]);
    const { services, sweep } = setup({ admins: "admin1,ghost9" });
    await sweep(T0);
    expect(fake.sent.find((s) => s.api === "robot.batchSend")!.userIds).toEqual(["admin1"]);
    const log = await services.deliveryLog({ contractId: id, limit: 100 });
    const ghost = log.filter((e) => e.recipient === "ghost9");
    expect(ghost.length).toBeGreaterThan(0);
    expect(ghost.every((e) => e.status === "skipped" && /does not exist|miss\.staffId/.test(e.error ?? ""))).toBe(true);
    expect(log.filter((e) => e.recipient === "admin1").every((e) => e.status === "sent")).toBe(true);
  });

  it("rides out throttling and an expired token (refreshed once), and delivers once", async () => {
    await seedContract(db.ds, { corpId: fake.app.corpId, startsOn: "2024-10-01", doc: doc() });
    const { sweep, clients } = setup();
    await sweep("2025-09-28T01:00:00Z");
    fake.expireTokens();
    fake.failNext("robot.batchSend", "throttle", 2);
    const r = await sweep("2025-09-28T01:30:00Z");
    expect(r).toMatchObject({ failed: 0, skipped: 0 });
    expect(fake.requestsFor("robot.batchSend").map((q) => q.outcome)).toEqual(["ok", "throttled", "throttled", "invalid_token", "ok"]);
    expect(clients.tokens.fetches).toBe(2);
    expect(deliveredItems(fake).filter((x) => x.startsWith("admin2|") && x.includes("3 天后（2025-10-01）起数据受影响"))).toHaveLength(1);
  });

  it("pauses metered sends on the monthly quota answer, shows it in readiness, and resumes after the reset", async () => {
    await seedContract(db.ds, { corpId: fake.app.corpId, startsOn: "2024-10-01", doc: doc() });
    const { services, sweep } = setup();
    fake.setQuotaExhausted(true);
    const r = await sweep("2025-09-29T01:30:00Z");
    expect(r.pausedUntil?.toISOString()).toBe("2025-09-30T16:00:00.000Z");
    const rows = await db.ds.manager.find(ReminderDeliveryEntity);
    expect(rows.every((x) => x.status === "failed" && x.nextAttemptAt?.toISOString() === "2025-09-30T16:00:00.000Z")).toBe(true);
    expect(services.reminderStatus.check()).toMatchObject({ ok: true, detail: { meteredSendsPaused: true, pausedUntil: "2025-09-30T16:00:00.000Z" } });
    const calls = fake.requests.length;
    await sweep("2025-09-29T02:30:00Z");
    expect(fake.requests.length).toBe(calls);
    fake.setQuotaExhausted(false);
    const after = await sweep("2025-10-01T01:30:00Z");
    expect(after.sent).toBeGreaterThan(0);
    expect(services.reminderStatus.check().detail.meteredSendsPaused).toBe(false);
  });

  it("retries a failed send with backoff, logs the reason, and gives up after maxAttempts", async () => {
    const id = await seedContract(db.ds, { corpId: fake.app.corpId, startsOn: "2024-10-01", doc: doc() });
    const { services, sweep } = setup();
    fake.failNext("robot.groupSend", "server_error", 5);
    const minutes = (m: number) => new Date(new Date(T0).getTime() + m * 60_000).toISOString();
    await sweep(minutes(0));
    const group = async () => (await services.deliveryLog({ contractId: id, limit: 50 })).filter((e) => e.channel === "group");
    expect((await group()).every((e) => e.status === "failed" && /system\.error|did not answer|refused/.test(e.error ?? ""))).toBe(true);
    const row = await db.ds.manager.findOneByOrFail(ReminderDeliveryEntity, { channel: "group", kind: "renewal" });
    expect(row.nextAttemptAt?.toISOString()).toBe(minutes(5));
    expect((await sweep(minutes(2))).sent).toBe(0);
    for (const m of [5, 15, 35, 75]) await sweep(minutes(m));
    const final = await group();
    expect(final.every((e) => e.status === "skipped" && e.attempts === 5 && e.error!.startsWith("gave up after 5 attempt(s)"))).toBe(true);
    expect(fake.sent.filter((s) => s.api === "robot.groupSend")).toHaveLength(0);
    expect(fake.sent.filter((s) => s.api === "robot.batchSend")).toHaveLength(1);
  });

  it("sends a failed group message on the retry once DingTalk answers again", async () => {
    await seedContract(db.ds, { corpId: fake.app.corpId, startsOn: "2024-10-01", doc: doc() });
    const { sweep } = setup();
    fake.failNext("robot.groupSend", "server_error", 1);
    await sweep(T0);
    const retry = await sweep("2025-09-30T01:35:00Z");
    expect(retry.sent).toBe(3);
    expect(fake.sent.filter((s) => s.api === "robot.groupSend")).toHaveLength(1);
  });

  it("writes to the outbox in demo mode and counts nothing against quotas", async () => {
    const id = await seedContract(db.ds, { corpId: fake.app.corpId, startsOn: "2024-10-01", doc: doc([{ metric: "ding.in_app", limit: 1000, unit: "message", period: "term" }]) });
    const services = instance(db.ds, reminderConfig(), clock);
    const r = await services.runReminderSweep({ now: new Date(T0) });
    expect(r.sent).toBe(13);
    const outbox = await db.ds.manager.find(OutboxEntity, { order: { id: "ASC" } });
    expect(outbox.map((o) => `${o.channel}:${o.recipient}`).sort()).toEqual(["ding:admin1", "ding:admin2", "group:cidAdminGroup1", "robot:admin1", "robot:admin2"]);
    expect(await db.ds.manager.countBy(UsageRecordEntity, { contractId: id, source: "self" })).toBe(0);
  });
});
