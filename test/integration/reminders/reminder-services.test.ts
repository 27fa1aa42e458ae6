import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuditEventEntity } from "../../../src/db/entities/index.js";
import { FixedClock } from "../../../src/lib/clock.js";
import type { Services } from "../../../src/services/create-services.js";
import { buildContractDocument, seedContract } from "../../support/contract-factory.js";
import { instance, reminderConfig } from "../../support/reminder-harness.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../../support/test-databases.js";

describe.each(DRIVERS)("reminder use cases on %s", (driver) => {
  let db: TestDatabase;
  let services: Services;
  let id: number;
  const clock = new FixedClock("2025-09-15T02:00:00Z");

  beforeAll(async () => {
    db = await openTestDatabase(driver);
    id = await seedContract(db.ds, { corpId: "ding-rem", startsOn: "2024-10-01", doc: buildContractDocument({ deadlines: { payment: null, invoice: null } }) });
    services = instance(db.ds, reminderConfig(), clock);
  });
  afterAll(async () => db?.drop());

  it("lists the upcoming notices of the current contract with date, time, channel and recipients", async () => {
    const up = await services.listUpcoming({ days: 20 });
    const renewal = up.filter((u) => u.kind === "renewal" && u.channel === "robot");
    expect(renewal.map((u) => [u.date, u.time, u.dueKey])).toEqual([
      ["2025-09-16", "09:30", "T-14@2025-09-30"], ["2025-09-23", "09:30", "T-7@2025-09-30"], ["2025-09-28", "09:00", "T-3@2025-09-30"],
      ["2025-09-29", "09:30", "T-1@2025-09-30"], ["2025-09-30", "09:30", "T-0@2025-09-30"],
    ]);
    expect(renewal[0]).toMatchObject({ contractId: id, recipients: ["admin1", "admin2"], severity: "warning", title: "钉钉专业版 14 天后到期（2025-09-30）", acknowledged: false, snoozedUntil: null });
    expect(up.some((u) => u.channel === "ding" && u.dueKey === "T-7@2025-09-30")).toBe(true);
  });

  it("snoozes a kind for N days (returns at the send time) and acknowledges another, with an audit trail", async () => {
    const s = await services.snoozeReminder({ kind: "renewal", days: 7, actor: "admin1" });
    expect(s).toEqual({ contractId: id, kind: "renewal", snoozedUntil: new Date("2025-09-22T01:30:00Z") });
    const up = await services.listUpcoming({ days: 20 });
    expect(up.find((u) => u.dueKey === "T-14@2025-09-30")).toMatchObject({ snoozedUntil: "2025-09-22" });
    expect(up.some((u) => u.dueKey === "T-14@2025-09-30~2025-09-22" && u.date === "2025-09-22")).toBe(true);
    expect(await services.acknowledgeReminder({ contractId: id, kind: "data_deletion", actor: "admin2" })).toEqual({ contractId: id, kind: "data_deletion", acknowledgedOn: "2025-09-15" });
    expect((await services.listUpcoming({ days: 20 })).filter((u) => u.kind === "data_deletion").every((u) => u.acknowledged)).toBe(true);
    const audit = await db.ds.manager.find(AuditEventEntity, { order: { id: "ASC" } });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["reminder.snoozed", "reminder.acknowledged"]));
    const sweep = await services.runReminderSweep({ now: new Date("2025-09-17T01:30:00Z") });
    expect(sweep.notices.filter((n) => n.kind === "renewal" || n.kind === "data_deletion")).toEqual([]);
    const back = await services.runReminderSweep({ now: new Date("2025-09-22T01:30:00Z") });
    expect(back.notices.filter((n) => n.channel === "robot").map((n) => n.dueKey)).toEqual(["T-14@2025-09-30~2025-09-22"]);
  });

  it("subscribes and unsubscribes admins (configured ones too)", async () => {
    await services.subscribe({ userId: "manager7", actor: "admin1" });
    await services.unsubscribe({ userId: "admin2", actor: "admin2" });
    expect(await services.reminderRecipients()).toEqual({ users: ["admin1", "manager7"], groups: ["cidAdminGroup1"] });
    await services.subscribe({ userId: "admin2", actor: "admin2" });
    expect((await services.reminderRecipients()).users).toEqual(["admin1", "admin2", "manager7"]);
    const sweep = await services.runReminderSweep({ now: new Date("2025-09-23T01:30:00Z"), dryRun: true });
    expect(sweep.notices.find((n) => n.channel === "robot")!.recipients).toEqual(["admin1", "admin2", "manager7"]);
  });

  it("shows the delivery log newest first", async () => {
    const log = await services.deliveryLog({ contractId: id, limit: 5 });
    expect(log.length).toBeGreaterThan(0);
    expect(log[0]).toMatchObject({ contractId: id, kind: "renewal", dueKey: "T-14@2025-09-30~2025-09-22", status: "sent", title: "钉钉专业版 8 天后到期（2025-09-30）" });
  });

  it.each([
    ["an unknown kind", () => services.acknowledgeReminder({ kind: "birthday", actor: "a" }), "kind must be one of"],
    ["zero days", () => services.snoozeReminder({ kind: "renewal", days: 0, actor: "a" }), "days must be at least 1"],
    ["a fractional day", () => services.snoozeReminder({ kind: "renewal", days: 1.5, actor: "a" }), "days must be a whole number"],
    ["a userId with spaces", () => services.subscribe({ userId: "a b", actor: "a" }), "userId: is not a DingTalk userId"],
    ["a contract that does not exist", () => services.acknowledgeReminder({ contractId: 999, kind: "renewal", actor: "a" }), "Contract 999 does not exist"],
  ])("refuses %s", async (_name, call, message) => {
    await expect(call()).rejects.toThrow(message);
  });
});
