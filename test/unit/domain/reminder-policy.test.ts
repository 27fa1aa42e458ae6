import { describe, expect, it } from "vitest";
import type { DueNotice, PastDelivery } from "../../../src/domain/reminder-model.js";
import { dueNotices, planNotices, resolveRecipients } from "../../../src/domain/reminder-policy.js";
import { policyInput, reminderContract, reminderSettings } from "../../support/reminder-fixtures.js";

/** `kind dueKey` of the notices on one channel. */
const keys = (ns: DueNotice[], channel = "robot") => ns.filter((n) => n.channel === channel).map((n) => `${n.kind} ${n.dueKey}`).sort();
/** Settings without the monthly reading request, so countdown tables show only the countdown. */
const quiet = reminderSettings({ readingRequest: { dayOfMonth: 1, metrics: [] } });
const due = (now: string, c = reminderContract(), over = {}) => dueNotices(policyInput(now, [c], { settings: quiet, ...over }));

/** Runs the policy at each instant in order, treating everything due as delivered, and returns what was new each time. */
function walk(instants: string[], c = reminderContract(), over = {}): string[][] {
  const deliveries: PastDelivery[] = [];
  return instants.map((now) => {
    const ns = due(now, c, { ...over, deliveries: [...deliveries] });
    for (const n of ns) for (const r of n.recipients) deliveries.push({ contractId: n.contractId, kind: n.kind, dueKey: n.dueKey, recipient: r, channel: n.channel, status: "sent" });
    return keys(ns);
  });
}

// One-year term 2024-10-01 … 2025-09-30; data is lost from 2025-10-01 (National Day holidays 10-01 … 10-08).
describe("renewal, data deletion and lapse countdown around National Day 2025", () => {
  const table: [string, string, string[]][] = [
    ["one minute before the send time of T-90 nothing is due", "2025-07-02T01:29:00Z", []],
    ["T-90 at 09:30 on Wed 2025-07-02", "2025-07-02T01:30:00Z", ["renewal T-90@2025-09-30"]],
    ["the same sweep again sends nothing", "2025-07-02T01:40:00Z", []],
    ["T-60 on Fri 08-01", "2025-08-01T01:30:00Z", ["renewal T-60@2025-09-30"]],
    ["Sunday 2025-08-31 is quiet: T-30 waits", "2025-08-31T02:00:00Z", []],
    ["Monday 09:00: T-30 and the lapse notice deferred from Sunday", "2025-09-01T01:00:00Z", ["consumable_lapse lapse-30@2025-09-30", "renewal T-30@2025-09-30"]],
    ["Monday 09:30: data deletion D-30 of 2025-10-01", "2025-09-01T01:30:00Z", ["data_deletion del-30@2025-10-01"]],
    ["T-14 on Tue 09-16 and D-14 on Wed 09-17", "2025-09-17T01:30:00Z", ["data_deletion del-14@2025-10-01", "renewal T-14@2025-09-30"]],
    ["T-7 and lapse T-7 on Tue 09-23", "2025-09-23T01:30:00Z", ["consumable_lapse lapse-7@2025-09-30", "renewal T-7@2025-09-30"]],
    ["D-7 on Wed 09-24", "2025-09-24T01:30:00Z", ["data_deletion del-7@2025-10-01"]],
    ["调休 Sunday 09-28 09:00: T-3 deferred from Saturday", "2025-09-28T01:00:00Z", ["renewal T-3@2025-09-30"]],
    ["09:30 the same Sunday: D-3", "2025-09-28T01:30:00Z", ["data_deletion del-3@2025-10-01"]],
    ["T-1 on Mon 09-29", "2025-09-29T01:30:00Z", ["renewal T-1@2025-09-30"]],
    ["T-0 on Tue 09-30 with the final D-1", "2025-09-30T01:30:00Z", ["data_deletion del-1@2025-10-01", "renewal T-0@2025-09-30"]],
    ["holiday 10-01: only the urgent D-0 overrides quiet hours", "2025-10-01T01:30:00Z", ["data_deletion del-0@2025-10-01"]],
    ["grace T+7 falls on 10-07 (holiday): sent 10-09 09:00", "2025-10-09T01:00:00Z", ["renewal T+7@2025-09-30"]],
    ["jumping to Tue 10-28: only T+28 (T+14 and T+21 are superseded)", "2025-10-28T01:30:00Z", ["renewal T+28@2025-09-30"]],
    ["grace ends after 30 days: nothing on 2025-11-05", "2025-11-05T02:00:00Z", []],
  ];
  it("walks the whole countdown, each notice once, deferred by weekends, 调休 and holidays", () => {
    const got = walk(table.map((r) => r[1]));
    table.forEach(([name, , expected], i) => expect(got[i], name).toEqual(expected));
  });

  it("DINGs only ≤ 7-day renewal notices and the final deletion notices (in-app by default)", () => {
    expect(keys(due("2025-09-01T01:30:00Z"), "ding")).toEqual([]);
    expect(keys(due("2025-09-23T01:30:00Z"), "ding")).toEqual(["renewal T-7@2025-09-30"]);
    const t0 = due("2025-09-30T01:30:00Z").filter((n) => n.channel === "ding");
    expect(t0.map((n) => [n.dueKey, n.dingType, n.recipients])).toEqual([
      ["T-0@2025-09-30", 1, ["admin1", "admin2"]],
      ["del-1@2025-10-01", 1, ["admin1", "admin2"]],
    ]);
    expect(keys(due("2025-10-09T01:00:00Z"), "ding")).toEqual([]);
  });

  it("escalates the final notices to SMS/phone DING only when configured", () => {
    const settings = reminderSettings({ ding: { renewalWithinDays: 7, deletionDaysBefore: [1, 0], escalation: { remindType: 3, daysBefore: [0] } } });
    const ding = dueNotices(policyInput("2025-09-30T01:30:00Z", [reminderContract()], { settings })).filter((n) => n.channel === "ding");
    expect(ding.map((n) => [n.dueKey, n.dingType])).toEqual([["T-0@2025-09-30", 3], ["del-1@2025-10-01", 1]]);
  });

  it("sends only the latest due notice of a series (no pile-up after a restart) and forgets ones older than the catch-up window", () => {
    expect(keys(due("2025-09-29T01:30:00Z")).filter((k) => k.startsWith("renewal"))).toEqual(["renewal T-1@2025-09-30"]);
    expect(keys(due("2025-07-25T02:00:00Z"))).toEqual([]);
    expect(keys(due("2025-07-14T02:00:00Z"))).toEqual(["renewal T-90@2025-09-30"]);
  });

  it("keeps a claimed or failed but unsent notice due past the catch-up window, for its open recipients only, until its event date", () => {
    const open = (status: PastDelivery["status"], recipient = "admin1"): PastDelivery => ({ contractId: 1, kind: "renewal", dueKey: "T-90@2025-09-30", recipient, channel: "robot", status });
    const c = reminderContract();
    const id = c.id;
    const fix = (d: PastDelivery) => ({ ...d, contractId: id });
    // T-90 went out on 2025-07-02; on 07-25 it is past the 14-day catch-up window. A crash left admin1's claim pending.
    const late = due("2025-07-25T02:00:00Z", c, { deliveries: [fix(open("pending")), fix(open("sent", "admin2"))] }).filter((n) => n.channel === "robot");
    expect(late.map((n) => [n.dueKey, n.recipients])).toEqual([["T-90@2025-09-30", ["admin1"]]]);
    expect(keys(due("2025-07-25T02:00:00Z", c, { deliveries: [fix(open("failed"))] }))).toEqual(["renewal T-90@2025-09-30"]);
    // Never for someone who had no claim, and not once a later notice of the series is due (it speaks instead).
    expect(keys(due("2025-07-25T02:00:00Z", c, { deliveries: [fix(open("sent"))] }))).toEqual([]);
    expect(keys(due("2025-08-01T01:30:00Z", c, { deliveries: [fix(open("pending"))] }))).toEqual(["renewal T-60@2025-09-30"]);
  });

  it("holds a late notice back when the next one of its series goes out later the same day (one message, not two)", () => {
    expect(keys(due("2025-09-28T01:00:00Z"))).toEqual(["consumable_lapse lapse-7@2025-09-30", "renewal T-3@2025-09-30"]);
    expect(keys(due("2025-09-28T01:30:00Z"))).toContain("data_deletion del-3@2025-10-01");
  });

  it("orders most urgent first and says what lapses and what data is lost", () => {
    const ns = due("2025-09-01T01:30:00Z").filter((n) => n.channel === "robot");
    expect(ns.map((n) => n.kind)).toEqual(["renewal", "consumable_lapse", "data_deletion"]);
    expect(ns[0]!.facts).toMatchObject({ endsOn: "2025-09-30", daysLeft: 29, lapsing: [{ metric: "ding.messages", remaining: 1000 }, { metric: "phone_conference.minutes", remaining: 5000 }] });
    expect(ns[2]!.facts).toMatchObject({ lossOn: "2025-10-01", chat: { fallbackOn: "2025-10-01", earliestVisibleOn: "2025-04-04", days: 180 }, drive: { usedGb: null, freeGb: 100 } });
  });
});

describe("a contract goes quiet when it is over", () => {
  const unpaid = () => reminderContract({ terms: { paidOn: null, invoicedOn: null } });
  const all = (c = unpaid()) => planNotices(policyInput("2024-09-20T02:00:00Z", [c], { settings: quiet }), { from: "2024-09-20", to: "2027-12-31" })
    .filter((n) => n.channel === "robot");

  it("nags about an overdue payment weekly four times, then monthly until the term ends, never after", () => {
    const pay = all().filter((n) => n.kind === "payment_deadline" && n.dueKey.includes("+")).map((n) => n.dueKey);
    // Due 2024-10-20 (30 days after signing): +7 … +28, then every 30 days up to the end of the term (2025-09-30).
    expect(pay.slice(0, 6)).toEqual(["pay+7@2024-10-20", "pay+14@2024-10-20", "pay+21@2024-10-20", "pay+28@2024-10-20", "pay+58@2024-10-20", "pay+88@2024-10-20"]);
    expect(pay.at(-1)).toBe("pay+328@2024-10-20"); // 2025-09-13, the last one inside the term
    expect(pay).toHaveLength(4 + 10);
  });

  it("says nothing at all once the renewal grace and the deletion notices are over", () => {
    const last = all().at(-1)!;
    expect(last.sendAt.toISOString() < "2025-11-01").toBe(true);
    expect(due("2027-04-28T02:00:00Z", unpaid())).toEqual([]); // 576 days after the end, unpaid and uninvoiced
    const incomplete = reminderContract({ terms: { signedOn: null, paidOn: null } });
    expect(due("2027-04-28T02:00:00Z", incomplete)).toEqual([]);
    const fixes = all(incomplete).filter((n) => n.kind === "incomplete_contract");
    expect(fixes.length).toBeGreaterThan(4); // weekly during the term…
    expect(fixes.every((n) => n.sendAt.toISOString() < "2025-11-01")).toBe(true); // …and not after it is over
  });
});

describe("stop rules and preferences", () => {
  it("stops renewal and deletion (not lapse) once renewed: by status or by a linked renewal covering the next term", () => {
    expect(keys(due("2025-09-01T01:30:00Z", reminderContract({ status: "renewed" })))).toEqual(["consumable_lapse lapse-30@2025-09-30"]);
    const linked = reminderContract({ renewedBy: { id: 2, startsOn: "2025-10-01" } });
    expect(keys(due("2025-09-01T01:30:00Z", linked))).toEqual(["consumable_lapse lapse-30@2025-09-30"]);
    const gap = reminderContract({ renewedBy: { id: 2, startsOn: "2026-01-01" } });
    expect(keys(due("2025-09-01T01:30:00Z", gap))).toContain("renewal T-30@2025-09-30");
  });

  it("stops everything once terminated, even an overdue payment", () => {
    const c = reminderContract({ status: "terminated", terms: { paidOn: null } });
    expect(due("2025-09-01T01:30:00Z", c)).toEqual([]);
  });

  it("keeps renewal notices for a contract being renewed but without DING", () => {
    const ns = due("2025-09-30T01:30:00Z", reminderContract({ status: "renewing" }));
    expect(keys(ns)).toContain("renewal T-0@2025-09-30");
    expect(keys(ns, "ding")).toEqual(["data_deletion del-1@2025-10-01"]);
  });

  it("an acknowledgement stops the kind's current cycle for this contract only", () => {
    const preferences = [{ contractId: 1, kind: "renewal", acknowledgedOn: "2025-09-01", snoozedUntil: null }];
    expect(keys(due("2025-09-17T01:30:00Z", reminderContract(), { preferences }))).toEqual(["data_deletion del-14@2025-10-01"]);
    expect(keys(due("2025-09-17T01:30:00Z", reminderContract({ id: 2 }), { preferences }))).toContain("renewal T-14@2025-09-30");
  });

  it("a snooze holds the kind back and brings the last held notice back once at its end", () => {
    const preferences = [{ contractId: 1, kind: "renewal", acknowledgedOn: null, snoozedUntil: new Date("2025-09-08T01:30:00Z") }];
    const c = reminderContract();
    expect(keys(due("2025-09-05T02:00:00Z", c, { preferences })).filter((k) => k.startsWith("renewal"))).toEqual([]);
    expect(keys(due("2025-09-08T01:30:00Z", c, { preferences })).filter((k) => k.startsWith("renewal"))).toEqual(["renewal T-30@2025-09-30~2025-09-08"]);
    expect(keys(due("2025-09-16T01:30:00Z", c, { preferences })).filter((k) => k.startsWith("renewal"))).toEqual(["renewal T-14@2025-09-30"]);
  });

  it("leaves out recipients who already have a notice, and drops notices everyone has", () => {
    const sent = (recipient: string, channel: string): PastDelivery => ({ contractId: 1, kind: "renewal", dueKey: "T-90@2025-09-30", recipient, channel, status: "sent" });
    const once = due("2025-07-02T01:30:00Z", reminderContract(), { deliveries: [sent("admin1", "robot")] });
    expect(once.map((n) => [n.channel, n.recipients])).toEqual([["robot", ["admin2"]], ["group", ["cidAdminGroup=="]]]);
    const all = due("2025-07-02T01:30:00Z", reminderContract(), { deliveries: [sent("admin1", "robot"), sent("admin2", "robot"), sent("cidAdminGroup==", "group")] });
    expect(all).toEqual([]);
    const failed = due("2025-07-02T01:30:00Z", reminderContract(), { deliveries: [{ ...sent("admin1", "robot"), status: "failed" }] });
    expect(failed[0]!.recipients).toEqual(["admin1", "admin2"]);
  });

  it("resolves recipients: configured admins plus subscribers, minus those who unsubscribed", () => {
    const r = resolveRecipients({ userIds: ["a1", "a2"], groups: ["g1", "g1"] }, [{ userId: "a3", subscribed: true }, { userId: "a1", subscribed: false }]);
    expect(r).toEqual({ users: ["a2", "a3"], groups: ["g1"] });
  });
});

describe("time zone and preview", () => {
  it("counts days in the business time zone: 16:30 UTC on 09-29 is already T-0 in Shanghai (but quiet)", () => {
    expect(keys(due("2025-09-29T16:30:00Z"))).toEqual([]);
    const utc = dueNotices(policyInput("2025-09-29T16:30:00Z", [reminderContract()], { tz: "UTC" }));
    expect(keys(utc).filter((k) => k.startsWith("renewal"))).toEqual(["renewal T-1@2025-09-30"]);
  });

  it("previews every notice that will fire, in send order, without superseded ones", () => {
    const plan = planNotices(policyInput("2025-09-20T02:00:00Z", [reminderContract()]), { from: "2025-09-20", to: "2025-10-31" })
      .filter((n) => n.channel === "robot");
    expect(plan.map((n) => `${n.sendAt.toISOString()} ${n.kind} ${n.dueKey}`)).toEqual([
      "2025-09-23T01:30:00.000Z renewal T-7@2025-09-30",
      "2025-09-23T01:30:00.000Z consumable_lapse lapse-7@2025-09-30",
      "2025-09-24T01:30:00.000Z data_deletion del-7@2025-10-01",
      "2025-09-28T01:00:00.000Z renewal T-3@2025-09-30",
      "2025-09-28T01:30:00.000Z data_deletion del-3@2025-10-01",
      "2025-09-29T01:30:00.000Z renewal T-1@2025-09-30",
      "2025-09-30T01:30:00.000Z renewal T-0@2025-09-30",
      "2025-09-30T01:30:00.000Z data_deletion del-1@2025-10-01",
      "2025-10-01T01:30:00.000Z data_deletion del-0@2025-10-01",
      "2025-10-09T01:00:00.000Z renewal T+7@2025-09-30",
      "2025-10-14T01:30:00.000Z renewal T+14@2025-09-30",
      "2025-10-21T01:30:00.000Z renewal T+21@2025-09-30",
      "2025-10-28T01:30:00.000Z renewal T+28@2025-09-30",
    ]);
  });

  it("counts every previewed day for the day the notice really goes out (a notice deferred past a holiday counts from then)", () => {
    const plan = planNotices(policyInput("2025-09-01T02:00:00Z", [reminderContract()]), { from: "2025-09-01", to: "2025-10-31" });
    const dayMs = 86_400_000;
    const shanghaiDay = (d: Date) => Math.floor((d.getTime() + 8 * 3600_000) / dayMs);
    const checked = plan.filter((n) => typeof n.facts.daysLeft === "number" && typeof n.facts.eventOn === "string");
    expect(checked.length).toBeGreaterThan(10);
    for (const n of checked) {
      const distance = Date.parse(`${n.facts.eventOn as string}T00:00:00Z`) / dayMs - shanghaiDay(n.sendAt);
      expect(n.facts.daysLeft, `${n.kind} ${n.dueKey} sent ${n.sendAt.toISOString()}`).toBe(distance);
    }
    // T+7 of 2025-09-30 falls on the National Day holiday and goes out on 10-09: 9 days after, not 7.
    expect(plan.find((n) => n.dueKey === "T+7@2025-09-30" && n.channel === "robot")?.facts.daysLeft).toBe(-9);
  });

  it("previews held notices with the reason they will not fire", () => {
    const preferences = [{ contractId: 1, kind: "renewal", acknowledgedOn: "2025-09-20", snoozedUntil: null }];
    const plan = planNotices(policyInput("2025-09-20T02:00:00Z", [reminderContract()], { preferences }), { from: "2025-09-20", to: "2025-09-30" });
    expect(plan.filter((n) => n.kind === "renewal").every((n) => n.acknowledged)).toBe(true);
  });
});
