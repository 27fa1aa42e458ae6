import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ContractEntity, OrgEntity, ReminderDeliveryEntity } from "../../../src/db/entities/index.js";
import { ClaimsRepository } from "../../../src/db/repositories/claims.repository.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../../support/test-databases.js";

const T0 = new Date("2026-03-01T01:30:00.000Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

describe.each(DRIVERS)("exactly-once claims on %s", (driver) => {
  let db: TestDatabase;
  let claims: ClaimsRepository;
  let contractId: number;

  beforeAll(async () => {
    db = await openTestDatabase(driver);
    claims = new ClaimsRepository(db.ds);
    const org = await db.ds.manager.save(OrgEntity, { corpId: "ding-claims", name: "示例组织", createdAt: T0 });
    const c = await db.ds.manager.save(ContractEntity, {
      orgId: org.id, renewalOfId: null, format: "direct", title: "t", product: "钉钉专业版", edition: "pro", customerName: "甲",
      vendors: ["乙"], amountFen: 980000, amountWords: null, currency: "CNY", signedOn: null, startsOn: "2026-01-01",
      startsOnSource: "option", endsOn: "2026-12-31", termMonths: 12, status: "active", paymentTerms: null, invoiceTerms: null,
      paidOn: null, invoiceRequestedOn: null, invoicedOn: null, docHash: "h1", docName: "a.txt",
      source: { text: "x", warnings: [], sources: {} }, createdAt: T0, updatedAt: T0,
    });
    contractId = c.id;
  });
  afterAll(async () => db?.drop());

  const key = () => ({ contractId, kind: "renewal", dueKey: "T-30", recipient: "admin1", channel: "robot" });

  it("gives the same delivery key to exactly one of many concurrent claimants", async () => {
    const results = await Promise.all(
      ["a", "b", "c", "d"].map((by) => claims.claimDelivery(key(), { by, at: T0, staleBefore: minutes(-10) })),
    );
    expect(results.filter((r) => r.won)).toHaveLength(1);
    expect(results.filter((r) => !r.won).map((r) => (r.won ? "" : r.reason))).toEqual(["taken", "taken", "taken"]);
    expect(await db.ds.manager.countBy(ReminderDeliveryEntity, key())).toBe(1);
  });

  it("lets only the current claimant confirm, never repeats a sent delivery, and reclaims a stale pending row", async () => {
    const row = await db.ds.manager.findOneByOrFail(ReminderDeliveryEntity, key());
    const owner = row.claimedBy!;
    // A fresh pending row is not reclaimable before it goes stale.
    expect((await claims.claimDelivery(key(), { by: "x", at: minutes(1), staleBefore: minutes(-9) })).won).toBe(false);
    // After the stale window another instance takes over; the crashed owner can no longer confirm.
    const retake = await claims.claimDelivery(key(), { by: "x", at: minutes(30), staleBefore: minutes(20) });
    expect(retake.won).toBe(true);
    expect(await claims.markDeliverySent(row.id, owner, minutes(31))).toBe(false);
    expect(await claims.markDeliverySent(row.id, "x", minutes(31))).toBe(true);
    expect(await claims.markDeliverySent(row.id, "x", minutes(32))).toBe(false);
    const again = await claims.claimDelivery(key(), { by: "y", at: minutes(500), staleBefore: minutes(400) });
    expect(again).toEqual({ won: false, reason: "already_sent" });
    const final = await db.ds.manager.findOneByOrFail(ReminderDeliveryEntity, key());
    expect(final.status).toBe("sent");
    expect(final.attempts).toBe(2);
  });

  it("retries a failed delivery only once its retry time has come", async () => {
    const k = { ...key(), dueKey: "T-14" };
    const first = await claims.claimDelivery(k, { by: "a", at: T0, staleBefore: minutes(-10) });
    if (!first.won) throw new Error("expected to win");
    expect(await claims.markDeliveryFailed(first.row.id, "a", "HTTP 503", minutes(5))).toBe(true);
    expect((await claims.claimDelivery(k, { by: "b", at: minutes(4), staleBefore: minutes(-6) })).won).toBe(false);
    expect((await claims.claimDelivery(k, { by: "b", at: minutes(5), staleBefore: minutes(-5) })).won).toBe(true);
  });

  it("claims message ids and job slots once", async () => {
    expect(await claims.claimMessage("msg-1", "i1", T0)).toBe(true);
    expect(await claims.claimMessage("msg-1", "i2", T0)).toBe(false);
    const slots = await Promise.all([1, 2, 3].map((i) => claims.claimJobRun("reminders", "2026-03-01T09:30", `i${i}`, T0)));
    expect(slots.filter(Boolean)).toHaveLength(1);
  });
});
