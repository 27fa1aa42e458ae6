import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DataSource } from "typeorm";
import { openDatabase } from "../../../src/db/data-source.js";
import { JobRunEntity, ReminderDeliveryEntity } from "../../../src/db/entities/index.js";
import { startScheduler, type RunningScheduler } from "../../../src/jobs/scheduler.js";
import { FixedClock } from "../../../src/lib/clock.js";
import { silentLogger } from "../../../src/lib/logger.js";
import type { Services } from "../../../src/services/create-services.js";
import { FakeDingTalk } from "../../fakes/fake-dingtalk.js";
import { bulkContracts, deliveredItems, fakeMessenger, instance, manualDatabaseClock, reminderConfig } from "../../support/reminder-harness.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../../support/test-databases.js";

const T = new Date("2025-09-01T01:30:00Z"); // Mon 09:30 Shanghai: T-30 of terms ending 2025-10-01
const at = (minutes: number) => new Date(T.getTime() + minutes * 60_000);
const TITLE = "钉钉专业版 30 天后到期（2025-10-01）";
const RECIPIENTS = ["admin1", "admin2", "cidAdminGroup1"];

interface Node {
  services: Services;
  clock: FixedClock;
  scheduler: RunningScheduler;
}

describe.each(DRIVERS)("three instances on one %s database", (driver) => {
  let db: TestDatabase;
  let fake: FakeDingTalk;
  const extra: DataSource[] = [];
  const nodes: Node[] = [];
  let ids: number[] = [];
  const dbClock = manualDatabaseClock(T); // the database server's clock: stale claims are judged on it

  beforeAll(async () => {
    db = await openTestDatabase(driver);
    fake = await FakeDingTalk.start();
    ids = await bulkContracts(db.ds, 1000, { startsOn: "2024-10-02", quotas: [{ metric: "api.calls", limit: 500000, unit: "call", period: "month" }] });
    const config = reminderConfig({ fake });
    for (let i = 1; i <= 3; i++) {
      const ds = driver === "sqlite" || i === 1 ? db.ds : await openDatabase(db.config);
      if (ds !== db.ds) extra.push(ds);
      const clock = new FixedClock(T);
      const { messenger } = fakeMessenger(fake, clock, 1000);
      const services = instance(ds, config, clock, { messenger, instanceId: `node-${i}`, dbClock });
      const scheduler = startScheduler({ services, config, log: silentLogger, clock, expression: "0 0 1 1 *" });
      nodes.push({ services, clock, scheduler });
    }
  }, 120_000);
  afterAll(async () => {
    for (const n of nodes) await n.scheduler.stop();
    for (const ds of extra) await ds.destroy();
    await fake?.close();
    await db?.drop();
  });

  /** All three timers fire for the same slot; the run coordinator lets exactly one run it. */
  async function slot(when: Date): Promise<boolean[]> {
    for (const n of nodes) n.clock.set(when);
    dbClock.set(when);
    return Promise.all(nodes.map((n) => n.scheduler.runSlot(when)));
  }

  it("delivers every due notice exactly once despite a crash between claim and send", async () => {
    const planned = await nodes[0]!.services.runReminderSweep({ now: T, dryRun: true });
    expect(planned.notices.filter((n) => n.channel === "robot")).toHaveLength(1000);

    const crash = nodes[0]!.services.runReminderSweep({ now: T, afterClaim: () => { throw new Error("killed between claim and send"); } });
    await expect(crash).rejects.toThrow("killed between claim and send");
    expect(fake.sent).toHaveLength(0);
    const pending = await db.ds.manager.countBy(ReminderDeliveryEntity, { status: "pending" });
    expect(pending).toBe(1000);

    const first = await slot(at(1));
    expect(first.filter(Boolean)).toHaveLength(1);
    expect(await db.ds.manager.countBy(ReminderDeliveryEntity, { status: "pending" })).toBe(1000);

    const second = await slot(at(15));
    expect(second.filter(Boolean)).toHaveLength(1);
    const third = await slot(at(30));
    expect(third.filter(Boolean)).toHaveLength(1);

    const items = deliveredItems(fake);
    const expected = RECIPIENTS.flatMap((r) => ids.map((id) => `${r}|${id}|${TITLE}`)).sort();
    expect(items.length).toBe(3000);
    expect([...items].sort()).toEqual(expected);
    expect(await db.ds.manager.countBy(ReminderDeliveryEntity, { status: "sent" })).toBe(3000);
    const runs = await db.ds.manager.find(JobRunEntity, { order: { period: "ASC" } });
    expect(runs.map((r) => [r.period, r.status])).toEqual([
      [at(1).toISOString(), "succeeded"], [at(15).toISOString(), "succeeded"], [at(30).toISOString(), "succeeded"],
    ]);
  }, 120_000);

  it("three uncoordinated sweeps at once still send each notice once (the delivery claims decide)", async () => {
    const before = deliveredItems(fake).length;
    const now = new Date("2025-09-02T01:30:00Z"); // data-deletion D-30 of every contract
    const reports = await Promise.all(nodes.map((n) => n.services.runReminderSweep({ now })));
    const items = deliveredItems(fake).slice(before);
    expect(items.length).toBe(3000);
    expect(new Set(items).size).toBe(3000);
    expect(reports.reduce((s, r) => s + r.sent, 0)).toBe(3000);
    expect(reports.reduce((s, r) => s + r.taken, 0)).toBe(6000);
  }, 120_000);
});
