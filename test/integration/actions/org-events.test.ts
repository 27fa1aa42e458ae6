import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBot, type RunningBot } from "../../../src/bot/bot-runtime.js";
import { ClaimsRepository } from "../../../src/db/repositories/claims.repository.js";
import { AuditEventEntity, UsageRecordEntity } from "../../../src/db/entities/index.js";
import { FixedClock } from "../../../src/lib/clock.js";
import { silentLogger } from "../../../src/lib/logger.js";
import { createServices, type Services } from "../../../src/services/create-services.js";
import type { OrgEventOutcome } from "../../../src/services/org-events.service.js";
import { FakeDingTalk } from "../../fakes/fake-dingtalk.js";
import { pushOrgEvent } from "../../fakes/fake-events.js";
import { Waiter } from "../../fakes/waiter.js";
import { buildContractDocument, seedContract } from "../../support/contract-factory.js";
import { fakeMessenger, reminderConfig } from "../../support/reminder-harness.js";
import { openTestDatabase, type TestDatabase } from "../../support/test-databases.js";

const T7 = "2025-09-23T01:30:00Z";

describe("org changes from Stream events (real SDK, real sockets, real database)", () => {
  let fake: FakeDingTalk;
  let db: TestDatabase;
  let services: Services;
  let bot: RunningBot;
  const clock = new FixedClock(T7);
  const outcomes: OrgEventOutcome[] = [];
  const waiter = new Waiter();

  beforeAll(async () => {
    fake = await FakeDingTalk.start();
    db = await openTestDatabase("sqlite");
    const config = reminderConfig({ fake });
    const { clients, messenger } = fakeMessenger(fake, clock);
    services = createServices({ ds: db.ds, clock, log: silentLogger, config }, { reminders: { messenger, clients, instanceId: "i1" } });
    const base = buildContractDocument({ deadlines: { payment: null, invoice: null } });
    const members = { code: "contacts", name: "通讯录", category: "feature" as const, description: "通讯录人数", quotas: [{ metric: "contacts.members", limit: 2000, unit: "person" as const, period: "none" as const }] };
    await seedContract(db.ds, { corpId: fake.app.corpId, startsOn: "2024-10-01", doc: { ...base, entitlements: [...base.entitlements, members] } });
    for (const userid of ["u1", "u2", "u3"]) fake.addUser({ userid });
    const claims = new ClaimsRepository(db.ds);
    const observed = {
      ...services,
      handleOrgEvent: async (h: Record<string, unknown>, d: unknown) => {
        const r = await services.handleOrgEvent(h, d);
        outcomes.push(r);
        waiter.notify();
        return r;
      },
    };
    bot = startBot({ services: observed, config, log: silentLogger, clock, dingtalk: clients, claimMessage: (id) => claims.claimMessage(id, "i1", clock.now()) });
    await fake.waitFor((f) => f.openConnections().length === 1, 5000, "the Stream connection");
  });
  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
    await db?.drop();
  });

  const acked = (messageId: string) => fake.stream.acks.find((a) => a.messageId === messageId);

  it("subscribes to events, ACKs each one with SUCCESS as the SDK requires, and a join records the headcount as a live reading", async () => {
    expect(fake.openConnections()[0]!.subscriptions).toContainEqual({ type: "EVENT", topic: "*" });
    const { messageId } = pushOrgEvent(fake, { eventType: "user_add_org", userIds: ["new01"] });
    await fake.waitFor(() => acked(messageId) !== undefined, 5000, "the ACK");
    expect(JSON.parse(String(acked(messageId)!.data))).toEqual({ status: "SUCCESS", message: "success" });
    await waiter.until(() => outcomes.length === 1, 5000, "the event handled");
    expect(outcomes[0]).toMatchObject({ status: "applied", eventType: "user_add_org", userIds: ["new01"], adminsChanged: false });
    const readings = await db.ds.manager.findBy(UsageRecordEntity, { metric: "contacts.members" });
    expect(readings.map((r) => [r.kind, Number(r.amount), r.source])).toEqual([["reading", fake.core.users.size, "api"]]);
  });

  it("org_admin_remove stops that admin's reminders; org_admin_add starts a new admin's", async () => {
    pushOrgEvent(fake, { eventType: "org_admin_remove", userIds: ["admin2"] });
    pushOrgEvent(fake, { eventType: "org_admin_add", userIds: ["boss7"] });
    await waiter.until(() => outcomes.length === 3, 5000, "both events handled");
    const recipients = await services.reminderRecipients();
    expect(recipients.users).toContain("boss7");
    expect(recipients.users).not.toContain("admin2");
    await services.runReminderSweep({ now: new Date(T7) });
    const batch = fake.sent.filter((s) => s.api === "robot.batchSend").flatMap((s) => s.userIds ?? []);
    expect(batch).toContain("boss7");
    expect(batch).toContain("admin1");
    expect(batch).not.toContain("admin2");
  });

  it("a redelivered event (same eventId) is applied once", async () => {
    pushOrgEvent(fake, { eventType: "user_leave_org", userIds: ["admin1"], eventId: "evt-twice" });
    pushOrgEvent(fake, { eventType: "user_leave_org", userIds: ["admin1"], eventId: "evt-twice" });
    await waiter.until(() => outcomes.length === 5, 5000, "both deliveries handled");
    expect(outcomes.slice(3).map((o) => o.status).sort()).toEqual(["applied", "duplicate"]);
    expect(await db.ds.manager.countBy(AuditEventEntity, { action: "org.user_leave_org" })).toBe(1);
    expect((await services.reminderRecipients()).users).not.toContain("admin1");
  });

  it("bad events — another corp, malformed data, unknown type, unknown user — are ACKed, logged and change nothing", async () => {
    const before = (await services.reminderRecipients()).users;
    const ids = [
      pushOrgEvent(fake, { eventType: "org_admin_add", userIds: ["intruder"], corpId: "ding-other-corp" }),
      pushOrgEvent(fake, { eventType: "org_admin_add", userIds: [], data: { userId: "not-a-list" } }),
      pushOrgEvent(fake, { eventType: "bpms_task_change", userIds: ["x"] }),
      pushOrgEvent(fake, { eventType: "org_admin_remove", userIds: ["nobody-we-know"] }),
    ].map((e) => e.messageId);
    await waiter.until(() => outcomes.length === 9, 5000, "all four handled");
    await fake.waitFor(() => ids.every((id) => acked(id) !== undefined), 5000, "every ACK");
    const byType = outcomes.slice(5).map((o) => `${o.eventType}:${o.status}`).sort();
    expect(byType).toEqual(["bpms_task_change:ignored", "org_admin_add:ignored", "org_admin_add:ignored", "org_admin_remove:applied"]);
    expect(outcomes.slice(5).some((o) => o.reason === "event of another corp (ding-other-corp)")).toBe(true);
    expect(outcomes.slice(5).some((o) => o.reason === "event data has no userId list")).toBe(true);
    expect((await services.reminderRecipients()).users).toEqual(before);
    expect(bot.readiness.check().ok).toBe(true);
  });
});
