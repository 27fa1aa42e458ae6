import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ContractRepository } from "../../../src/db/repositories/contract.repository.js";
import { ReminderNextDueEntity } from "../../../src/db/entities/index.js";
import { termEndsOn } from "../../../src/domain/contract-timeline.js";
import { FixedClock } from "../../../src/lib/clock.js";
import { FakeDingTalk } from "../../fakes/fake-dingtalk.js";
import { seedContract, termOnlyDocument } from "../../support/contract-factory.js";
import { fakeMessenger, instance, reminderConfig } from "../../support/reminder-harness.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../../support/test-databases.js";

const T0 = "2025-09-30T01:30:00Z"; // Tue 09:30 Shanghai, the send time: the last day of a term that started 2024-10-01
const LATER = "2025-09-30T02:10:00Z"; // the same day, 40 minutes on: nothing new is due
const doc = () => termOnlyDocument([{ metric: "ding.in_app", limit: 10, unit: "message", period: "term" }]);

describe.each(DRIVERS)("the next-due index decides which contracts a sweep plans on %s", (driver) => {
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
    const { messenger } = fakeMessenger(fake, clock);
    const services = instance(db.ds, reminderConfig({ fake, ...opts }), clock, { messenger });
    const sweep = (now: string) => {
      clock.set(now);
      return services.runReminderSweep({ now: new Date(now) });
    };
    return { services, sweep };
  };
  const seedTwo = async () => [
    await seedContract(db.ds, { corpId: fake.app.corpId, startsOn: "2024-10-01", doc: doc() }),
    await seedContract(db.ds, { corpId: fake.app.corpId, startsOn: "2025-03-01", doc: doc() }),
  ];

  it("plans every contract once, then a slot with nothing due plans none and sends nothing", async () => {
    await seedTwo();
    const { sweep } = setup();
    const first = await sweep(T0);
    expect(first.planned).toBe(2);
    expect(first.sent).toBeGreaterThan(0);
    const again = await sweep(LATER);
    expect(again).toMatchObject({ planned: 0, sent: 0, notices: [] });
    expect(fake.sent.length).toBeGreaterThan(0);
    const calls = fake.sent.length;
    expect((await sweep("2025-09-30T05:00:00Z")).planned).toBe(0);
    expect(fake.sent).toHaveLength(calls);
  });

  it("sends at every slot exactly what planning every contract would send (three days of 20-minute slots, with changes)", async () => {
    const [first, second] = await seedTwo();
    await seedContract(db.ds, { corpId: fake.app.corpId, startsOn: "2024-10-03", doc: doc() });
    const { services, sweep } = setup();
    const changes: Record<string, () => Promise<unknown>> = {
      "2025-09-29T03:10:00.000Z": () => services.snoozeReminder({ contractId: first!, kind: "renewal", days: 1, actor: "admin1" }),
      "2025-09-30T02:10:00.000Z": () => services.recordUsage({ contractId: second!, metric: "ding.in_app", amount: 9, kind: "delta", source: "manual", actor: "admin1", occurredAt: new Date("2025-09-30T02:00:00Z") }),
      "2025-09-30T05:30:00.000Z": () => services.acknowledgeReminder({ contractId: first!, kind: "data_deletion", actor: "admin2" }),
    };
    let planned = 0;
    let slots = 0;
    for (let t = Date.parse("2025-09-28T23:50:00Z"); t <= Date.parse("2025-10-01T12:00:00Z"); t += 20 * 60_000) {
      const at = new Date(t).toISOString();
      clock.set(at);
      await changes[at]?.();
      const all = await services.runReminderSweep({ now: new Date(at), dryRun: true });
      const real = await sweep(at);
      expect(real.notices, at).toEqual(all.notices);
      planned += real.planned;
      slots++;
    }
    expect(fake.sent.length).toBeGreaterThan(0);
    expect(planned).toBeLessThan(slots * 3 / 4);
  }, 120_000);

  it("plans every contract again on the next business day", async () => {
    await seedTwo();
    const { sweep } = setup();
    await sweep(T0);
    expect((await sweep("2025-09-30T15:50:00Z")).planned).toBe(0); // 23:50 Shanghai
    expect((await sweep("2025-09-30T16:05:00Z")).planned).toBe(2); // 00:05 the next day
  });

  it.each([
    ["usage recorded", async (s: ReturnType<typeof setup>["services"], id: number) => {
      await s.recordUsage({ contractId: id, metric: "ding.in_app", amount: 9, kind: "delta", source: "manual", actor: "admin1", occurredAt: new Date("2025-09-30T01:40:00Z") });
    }],
    ["usage undone", async (s: ReturnType<typeof setup>["services"], id: number) => {
      await s.recordUsage({ contractId: id, metric: "ding.in_app", amount: 1, kind: "delta", source: "manual", actor: "admin9", occurredAt: new Date("2025-09-30T01:40:00Z") });
      await s.runReminderSweep({ now: new Date(LATER) });
      await s.undoLastUsage({ actor: "admin9", contractId: id });
    }],
    ["a kind snoozed", (s: ReturnType<typeof setup>["services"], id: number) => s.snoozeReminder({ contractId: id, kind: "renewal", days: 1, actor: "admin1" })],
    ["a kind acknowledged", (s: ReturnType<typeof setup>["services"], id: number) => s.acknowledgeReminder({ contractId: id, kind: "renewal", actor: "admin1" })],
    ["a renewal declared", (s: ReturnType<typeof setup>["services"], id: number) => s.declareRenewal({ contractId: id, declaration: "renewing", actor: "admin1" })],
    ["payment reported", (s: ReturnType<typeof setup>["services"], id: number) => s.updateContractDates({ contractId: id, dates: { paidOn: "2025-09-29" }, actor: "admin1" })],
  ] as const)("makes the contract due again when %s", async (_label, change) => {
    const [id] = await seedTwo();
    const { services, sweep } = setup();
    await sweep(T0);
    expect((await sweep(LATER)).planned).toBe(0);
    await change(services, id!);
    const next = await sweep("2025-09-30T02:20:00Z");
    expect(next.planned).toBe(1);
    expect(next.notices.every((n) => n.contractId === id)).toBe(true);
    expect((await sweep("2025-09-30T02:30:00Z")).planned).toBe(0);
  });

  it("plans a new contract, and the contract a renewal links to", async () => {
    const [old] = await seedTwo();
    const { sweep } = setup();
    await sweep(T0);
    const added = await seedContract(db.ds, { corpId: fake.app.corpId, startsOn: "2025-06-01", doc: doc() });
    const r = await sweep(LATER);
    expect(r.planned).toBe(1);
    expect(r.notices.every((n) => n.contractId === added)).toBe(true);
    const repo = new ContractRepository(db.ds);
    const orgId = (await repo.graph(old!))!.contract.orgId;
    await db.ds.transaction((em) => repo.insertGraph(em, doc(), {
      orgId, renewalOfId: old!, startsOn: "2025-10-01", startsOnSource: "renewal", endsOn: termEndsOn("2025-10-01", 12),
      status: "active", docHash: "renewal-doc", docName: "renewal.txt", text: "synthetic", at: new Date(LATER),
    }));
    expect((await sweep("2025-09-30T02:20:00Z")).planned).toBe(2); // the renewal and the contract it renews
  });

  it("plans every contract again when the settings or the recipients change", async () => {
    await seedTwo();
    const { sweep } = setup();
    await sweep(T0);
    expect((await sweep(LATER)).planned).toBe(0);
    const other = setup({ admins: "admin1,admin2,admin3" });
    const r = await other.sweep("2025-09-30T02:20:00Z");
    expect(r.planned).toBe(2);
    expect(r.sent).toBeGreaterThan(0); // admin3 gets today's notices
    expect((await other.sweep("2025-09-30T02:30:00Z")).planned).toBe(0);
    await other.services.subscribe({ userId: "admin4", actor: "admin4" });
    expect((await other.sweep("2025-09-30T02:40:00Z")).planned).toBe(2);
    const quiet = setup({ admins: "admin1,admin2,admin3", settings: { reminders: { sendTime: "10:30" } } });
    expect((await quiet.sweep("2025-09-30T02:50:00Z")).planned).toBe(2);
  });

  it("a dry run plans every contract and leaves the index alone", async () => {
    await seedTwo();
    const { services, sweep } = setup();
    await sweep(T0);
    const rows = await db.ds.manager.find(ReminderNextDueEntity, { order: { contractId: "ASC" } });
    const dry = await services.runReminderSweep({ now: new Date(LATER), dryRun: true });
    expect(dry.planned).toBe(2);
    expect(await db.ds.manager.find(ReminderNextDueEntity, { order: { contractId: "ASC" } })).toEqual(rows);
  });
});
