import { describe, expect, it } from "vitest";
import type { DueNotice, PastDelivery, ReminderContract } from "../../../src/domain/reminder-model.js";
import { dueNotices } from "../../../src/domain/reminder-policy.js";
import type { UsageEntry } from "../../../src/domain/model.js";
import { policyInput, reminderContract, reminderSettings } from "../../support/reminder-fixtures.js";

const robot = (ns: DueNotice[]) => ns.filter((n) => n.channel === "robot");
const keys = (ns: DueNotice[]) => robot(ns).map((n) => `${n.kind} ${n.dueKey}`).sort();
const noReading = reminderSettings({ readingRequest: { dayOfMonth: 1, metrics: [] } });
const due = (now: string, c: ReminderContract, over = {}) => dueNotices(policyInput(now, [c], { settings: noReading, ...over }));
const use = (metric: string, amount: number, at: string, kind: "delta" | "reading" = "delta"): UsageEntry => ({ metric, kind, amount, occurredAt: new Date(at), source: "manual" });
const sentAll = (ns: DueNotice[]): PastDelivery[] => ns.flatMap((n) => n.recipients.map((r) => ({ contractId: n.contractId, kind: n.kind, dueKey: n.dueKey, recipient: r, channel: n.channel, status: "sent" as const })));

describe("quota thresholds: once per window and level", () => {
  const c = (usage: UsageEntry[]) => reminderContract({ usage, terms: { startsOn: "2025-01-01", termMonths: 12 } });

  it.each([
    ["79.9 % of the month: nothing", [use("api.calls", 399_500, "2025-07-10T02:00:00Z")], []],
    ["82 %: the 80 % notice", [use("api.calls", 410_000, "2025-07-10T02:00:00Z")], ["quota_threshold q:api.calls@2025-07-01:80"]],
    ["straight to 95 %: only the 90 % notice", [use("api.calls", 475_000, "2025-07-10T02:00:00Z")], ["quota_threshold q:api.calls@2025-07-01:90"]],
    ["above the limit: 100 %", [use("api.calls", 520_000, "2025-07-10T02:00:00Z")], ["quota_threshold q:api.calls@2025-07-01:100"]],
    ["usage of last month does not count in July", [use("api.calls", 480_000, "2025-06-28T02:00:00Z")], []],
    ["yearly DING: 900 of 1000 after two entries", [use("ding.messages", 500, "2025-03-01T02:00:00Z"), use("ding.messages", 400, "2025-07-09T02:00:00Z")], ["quota_threshold q:ding.messages@2025-01-01:90"]],
    ["storage cap by reading: 830 of 1024 GB", [use("storage.capacity_gb", 830, "2025-07-09T02:00:00Z", "reading")], ["quota_threshold q:storage.capacity_gb@cap:80"]],
  ])("%s", (_name, usage, expected) => {
    expect(keys(due("2025-07-10T03:00:00Z", c(usage)))).toEqual(expected);
  });

  it("announces each higher level once, never a lower one after it, and again in a new window", () => {
    const first = due("2025-07-10T03:00:00Z", c([use("api.calls", 410_000, "2025-07-10T02:00:00Z")]));
    const history = sentAll(first);
    expect(keys(due("2025-07-11T03:00:00Z", c([use("api.calls", 410_000, "2025-07-10T02:00:00Z")]), { deliveries: history }))).toEqual([]);
    const more = [use("api.calls", 410_000, "2025-07-10T02:00:00Z"), use("api.calls", 50_000, "2025-07-11T02:00:00Z")];
    const second = due("2025-07-11T03:00:00Z", c(more), { deliveries: history });
    expect(keys(second)).toEqual(["quota_threshold q:api.calls@2025-07-01:90"]);
    expect(robot(second)[0]!.facts).toMatchObject({ metric: "api.calls", level: 90, percent: 92, used: 460_000, limit: 500_000, window: { start: "2025-07-01", end: "2025-07-31" } });
    const revoked = [use("api.calls", 430_000, "2025-07-10T02:00:00Z")];
    expect(keys(due("2025-07-12T03:00:00Z", c(revoked), { deliveries: [...history, ...sentAll(second)] }))).toEqual([]);
    expect(keys(due("2025-08-12T03:00:00Z", c([use("api.calls", 400_000, "2025-08-12T02:00:00Z")]), { deliveries: [...history, ...sentAll(second)] })))
      .toEqual(["quota_threshold q:api.calls@2025-08-01:80"]);
  });

  it("waits for working hours when usage crosses a level at night", () => {
    const night = c([use("api.calls", 410_000, "2025-07-10T14:00:00Z")]);
    expect(keys(due("2025-07-10T14:30:00Z", night))).toEqual([]);
    expect(keys(due("2025-07-11T01:00:00Z", night))).toEqual(["quota_threshold q:api.calls@2025-07-01:80"]);
  });
});

describe("payment and invoice deadlines", () => {
  it("payment: one month from signing on 01-31 is due on 02-29 in a leap year; reminded until paid, then stops", () => {
    const c = reminderContract({ terms: { startsOn: "2024-02-01", signedOn: "2024-01-31", paidOn: null, invoicedOn: null, paymentTerm: { within: { value: 1, unit: "month" }, from: "signing", latePenaltyRatePerDay: 0.0005 } } });
    expect(keys(due("2024-02-29T01:30:00Z", c))).toEqual(["payment_deadline pay-0@2024-02-29"]);
    const late = robot(due("2024-03-07T01:30:00Z", c));
    expect(late.map((n) => n.dueKey)).toEqual(["pay+7@2024-02-29"]);
    expect(late[0]!.facts).toMatchObject({ dueOn: "2024-02-29", daysLate: 7, amountFen: 980000, penaltyFen: 3430 });
    expect(late[0]!.severity).toBe("critical");
    expect(keys(due("2024-03-07T01:30:00Z", { ...c, terms: { ...c.terms, paidOn: "2024-03-05" } }))).toEqual([]);
  });

  it("invoice: 5 working days from payment on Fri 2024-09-27 count the 调休 Sunday and skip National Day → 10-10", () => {
    const c = reminderContract({ terms: { startsOn: "2024-10-01", paidOn: "2024-09-27", invoicedOn: null } });
    expect(keys(due("2024-10-08T01:00:00Z", c))).toEqual(["invoice_deadline inv-3@2024-10-10"]);
    expect(keys(due("2024-10-10T01:30:00Z", c))).toEqual(["invoice_deadline inv-0@2024-10-10"]);
    const late = robot(due("2024-10-17T01:30:00Z", c));
    expect(late[0]!.facts).toMatchObject({ dueOn: "2024-10-10", anchor: "payment", anchorOn: "2024-09-27", daysLate: 7, penaltyFen: 13720, approximate: false });
  });

  it("invoice deadline does not start before payment", () => {
    const c = reminderContract({ terms: { paidOn: null, invoicedOn: null, signedOn: "2025-06-01" } });
    expect(keys(due("2025-07-01T01:30:00Z", c))).toEqual(["payment_deadline pay-0@2025-07-01"]);
  });
});

describe("reading requests, incomplete contracts, 2-year terms, leap years", () => {
  it("asks monthly for the figures DingTalk has no API for, with the last values and their dates", () => {
    const c = reminderContract({ usage: [use("ding.messages", 360, "2025-06-20T02:00:00Z")] });
    const ns = robot(dueNotices(policyInput("2025-08-01T01:30:00Z", [c])));
    const r = ns.find((n) => n.kind === "reading_request")!;
    expect(r.dueKey).toBe("read@2025-08");
    expect(r.facts.items).toEqual([
      expect.objectContaining({ metric: "ding.messages", used: 360, asOf: "2025-06-20T02:00:00.000Z" }),
      expect.objectContaining({ metric: "phone_conference.minutes", used: null, asOf: null }),
    ]);
    expect(ns.filter((n) => n.channel === "robot").some((n) => n.kind === "reading_request" && n.recipients.length === 2)).toBe(true);
    expect(dueNotices(policyInput("2025-08-01T01:30:00Z", [c])).some((n) => n.kind === "reading_request" && n.channel === "group")).toBe(false);
  });

  it.each([
    ["missing start and term", { startsOn: null, termMonths: null }, "missing_dates", ["startsOn", "termMonths"]],
    ["end before start", { startsOn: "2025-10-01", endsOn: "2025-01-01" }, "end_before_start", ["startsOn", "endsOn"]],
    ["a date that does not exist", { startsOn: "2025-02-30" }, "invalid_dates", ["startsOn", "endsOn"]],
  ])("asks admins to complete a contract with %s instead of skipping it silently", (_name, terms, problem, fields) => {
    const c = reminderContract({ createdOn: "2025-06-03", terms });
    const ns = robot(due("2025-06-03T01:30:00Z", c));
    expect(ns.map((n) => [n.kind, n.dueKey, n.facts.problem, n.facts.fields])).toEqual([["incomplete_contract", "fix@2025-06-03", problem, fields]]);
    expect(keys(due("2025-06-10T01:30:00Z", c, { deliveries: sentAll(ns) }))).toEqual(["incomplete_contract fix@2025-06-10"]);
  });

  it("2-year term: consumables lapse at the end of each contract year, renewal only at the end of the term", () => {
    const c = reminderContract({ terms: { startsOn: "2023-10-01", termMonths: 24 } });
    expect(keys(due("2024-09-02T01:00:00Z", c))).toEqual(["consumable_lapse lapse-30@2024-09-30"]);
    expect(robot(due("2024-09-02T01:00:00Z", c))[0]!.facts).toMatchObject({ lapsesOn: "2024-09-30", items: [{ metric: "ding.messages", remaining: 1000 }, { metric: "phone_conference.minutes", remaining: 5000 }] });
    expect(keys(due("2025-09-01T01:00:00Z", c))).toEqual(["consumable_lapse lapse-30@2025-09-30", "renewal T-30@2025-09-30"]);
  });

  it("says nothing about consumables already used up", () => {
    const c = reminderContract({ quotas: [{ metric: "ding.messages", limit: 1000, unit: "message", period: "year" }], usage: [use("ding.messages", 1000, "2025-08-01T02:00:00Z")] });
    expect(keys(due("2025-09-01T01:00:00Z", c)).filter((k) => k.startsWith("consumable"))).toEqual([]);
  });

  it("leap-year start 2024-02-29: a 12-month term ends 2025-02-28 and T-90 (Sat 11-30) goes out Mon 12-02", () => {
    const c = reminderContract({ terms: { startsOn: "2024-02-29", termMonths: 12 } });
    expect(keys(due("2024-12-02T01:00:00Z", c))).toEqual(["renewal T-90@2025-02-28"]);
    expect(keys(due("2025-02-28T01:30:00Z", c))).toContain("renewal T-0@2025-02-28");
  });
});
