import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseClock, type DatabaseClock } from "../../../src/db/database-clock.js";
import { ReminderDeliveryEntity } from "../../../src/db/entities/index.js";
import { FixedClock } from "../../../src/lib/clock.js";
import type { Services } from "../../../src/services/create-services.js";
import { FakeDingTalk } from "../../fakes/fake-dingtalk.js";
import { bulkContracts, deliveredItems, fakeMessenger, instance, reminderConfig } from "../../support/reminder-harness.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../../support/test-databases.js";

/**
 * Three instances whose own clocks disagree by ±15 minutes sweep one database. Claims are stamped and judged stale
 * on the database's clock, so no instance takes over another's live claim however far ahead its clock runs.
 */
const T = new Date("2025-09-01T01:35:00Z"); // 09:35 Shanghai: T-30 of terms ending 2025-10-01
const SKEWS_MIN = [0, 15, -15];
const N = 200;
const RECIPIENTS = ["admin1", "admin2", "cidAdminGroup1"];

describe.each(DRIVERS)("clock skew between instances on %s", (driver) => {
  let db: TestDatabase;
  let fake: FakeDingTalk;
  let ids: number[] = [];
  let dbClock: DatabaseClock;
  const node = (skewMin: number, name: string, clockOfDb: DatabaseClock = dbClock): { services: Services; clock: FixedClock } => {
    const clock = new FixedClock(new Date(T.getTime() + skewMin * 60_000));
    const { messenger } = fakeMessenger(fake, clock, 1000);
    return { services: instance(db.ds, reminderConfig({ fake }), clock, { messenger, instanceId: name, dbClock: clockOfDb }), clock };
  };
  const expected = () => RECIPIENTS.flatMap((r) => ids.map((id) => `${r}|${id}`)).sort();
  const delivered = (from: number) => deliveredItems(fake).slice(from).map((i) => i.split("|").slice(0, 2).join("|"));

  beforeAll(async () => {
    db = await openTestDatabase(driver);
    fake = await FakeDingTalk.start();
    dbClock = databaseClock(db.ds);
    ids = await bulkContracts(db.ds, N, { startsOn: "2024-10-02" });
  }, 60_000);
  afterAll(async () => {
    await fake?.close();
    await db?.drop();
  });

  it("an instance 15 minutes ahead never takes over a live claim of one that is still sending", async () => {
    const from = deliveredItems(fake).length;
    const [a, ahead, behind] = SKEWS_MIN.map((m, i) => node(m, `skew-${i}`));
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let claimed!: () => void;
    const hasClaimed = new Promise<void>((r) => (claimed = r));
    // A claims everything, then stalls before sending (a long GC pause, a slow network) while the others sweep.
    const slow = a!.services.runReminderSweep({ afterClaim: async () => { claimed(); await held; } });
    await hasClaimed;
    const others = await Promise.all([ahead!, behind!].map((n) => n.services.runReminderSweep()));
    release();
    const first = await slow;
    const rest = await Promise.all([a!, ahead!, behind!].map((n) => n.services.runReminderSweep()));

    const items = delivered(from);
    expect(items.length).toBe(3 * N);
    expect([...items].sort()).toEqual(expected());
    expect(first.sent + [...others, ...rest].reduce((s, r) => s + r.sent, 0)).toBe(3 * N);
    expect(await db.ds.manager.countBy(ReminderDeliveryEntity, { status: "sent" })).toBe(3 * N);
  }, 120_000);

  it("a crashed instance's claims are taken over only once they are stale on the database clock, whatever the instances' clocks say", async () => {
    await db.ds.manager.clear(ReminderDeliveryEntity);
    const from = deliveredItems(fake).length;
    const crash = node(0, "crashing").services.runReminderSweep({ afterClaim: () => { throw new Error("killed between claim and send"); } });
    await expect(crash).rejects.toThrow("killed");
    const orphaned = await db.ds.manager.countBy(ReminderDeliveryEntity, { status: "pending" }); // its first batch
    expect(orphaned).toBeGreaterThan(0);
    // Right away, the others (one 15 minutes ahead) send what nobody claimed, and leave the crashed claims alone.
    const early = await Promise.all(SKEWS_MIN.map((m, i) => node(m, `early-${i}`).services.runReminderSweep()));
    expect(early.reduce((s, r) => s + r.sent, 0)).toBe(3 * N - orphaned);
    expect(await db.ds.manager.countBy(ReminderDeliveryEntity, { status: "pending" })).toBe(orphaned);

    const later: DatabaseClock = { now: async () => new Date((await dbClock.now()).getTime() + 11 * 60_000) };
    const recovered = await Promise.all(SKEWS_MIN.map((m, i) => node(m, `late-${i}`, later).services.runReminderSweep()));
    expect(recovered.reduce((s, r) => s + r.sent, 0)).toBe(orphaned);
    expect([...delivered(from)].sort()).toEqual(expected());
  }, 120_000);
});
