import { describe, expect, it } from "vitest";
import type { QuotaPeriod, QuotaTerm, UsageEntry } from "../../../src/domain/model.js";
import { quotaWindow, summarizeUsage } from "../../../src/domain/quota-usage.js";
import type { QuotaWindow } from "../../../src/domain/quota-usage.js";
import { isAppError } from "../../../src/lib/app-error.js";

/** An instant given as Shanghai wall time, e.g. sh("2024-02-16 00:00"). */
function sh(local: string): Date {
  return new Date(`${local.replace(" ", "T")}:00+08:00`);
}

let nextId = 1;
function entry(metric: string, kind: UsageEntry["kind"], amount: number, at: string, extra: Partial<UsageEntry> = {}): UsageEntry {
  return { id: nextId++, metric, kind, amount, occurredAt: sh(at), source: "manual", ...extra };
}

const minutes: QuotaTerm = { metric: "phone_conference.minutes", limit: 5000, unit: "minute", period: "year" };
const apiCalls = (limit: number): QuotaTerm => ({ metric: "api.calls", limit, unit: "call", period: "month" });
const storage: QuotaTerm = { metric: "storage.capacity_gb", limit: 1024, unit: "gb", period: "none" };
const qps: QuotaTerm = { metric: "api.qps", limit: 40, unit: "qps", period: "none" };
const feb2024: QuotaWindow = { start: "2024-02-01", end: "2024-02-29" };

describe("quotaWindow", () => {
  it.each<[QuotaPeriod, string, string, string, QuotaWindow | null]>([
    ["year", "2024-05-05", "2023-05-06", "2024-04-05 10:00", { start: "2023-05-06", end: "2024-05-05" }],
    ["year", "2025-05-05", "2023-05-06", "2024-05-05 23:59", { start: "2023-05-06", end: "2024-05-05" }],
    ["year", "2025-05-05", "2023-05-06", "2024-05-06 00:00", { start: "2024-05-06", end: "2025-05-05" }],
    ["year", "2026-05-05", "2023-05-06", "2025-12-01 09:00", { start: "2025-05-06", end: "2026-05-05" }],
    ["year", "2026-02-28", "2024-02-29", "2025-02-28 12:00", { start: "2024-02-29", end: "2025-02-28" }],
    ["year", "2026-02-28", "2024-02-29", "2025-03-01 00:00", { start: "2025-03-01", end: "2026-02-28" }],
    ["year", "2025-06-30", "2024-01-01", "2025-03-01 00:00", { start: "2025-01-01", end: "2025-06-30" }],
    ["year", "2025-05-05", "2023-05-06", "2023-01-01 00:00", { start: "2023-05-06", end: "2024-05-05" }],
    ["year", "2025-05-05", "2023-05-06", "2027-01-01 00:00", { start: "2024-05-06", end: "2025-05-05" }],
    ["month", "2025-05-05", "2023-05-06", "2024-02-15 12:00", { start: "2024-02-01", end: "2024-02-29" }],
    ["month", "2025-05-05", "2023-05-06", "2024-02-01 00:30", { start: "2024-02-01", end: "2024-02-29" }],
    ["month", "2025-05-05", "2023-05-06", "2023-05-20 12:00", { start: "2023-05-06", end: "2023-05-31" }],
    ["month", "2025-05-05", "2023-05-06", "2025-05-03 12:00", { start: "2025-05-01", end: "2025-05-05" }],
    ["month", "2025-05-05", "2023-05-06", "2024-12-31 23:59", { start: "2024-12-01", end: "2024-12-31" }],
    ["term", "2026-05-05", "2023-05-06", "2024-02-15 12:00", { start: "2023-05-06", end: "2026-05-05" }],
    ["none", "2026-05-05", "2023-05-06", "2024-02-15 12:00", null],
  ])("%s window of a term ending %s (start %s) at %s Shanghai", (period, endsOn, startsOn, now, expected) => {
    expect(quotaWindow(period, startsOn, endsOn, sh(now))).toEqual(expected);
  });

  it("reads the month in the given time zone", () => {
    const now = new Date("2024-01-31T16:30:00Z");
    expect(quotaWindow("month", "2023-05-06", "2025-05-05", now)).toEqual(feb2024);
    expect(quotaWindow("month", "2023-05-06", "2025-05-05", now, "UTC")).toEqual({ start: "2024-01-01", end: "2024-01-31" });
  });

  it("rejects a term that ends before it starts", () => {
    try {
      quotaWindow("year", "2024-05-06", "2024-05-05", sh("2024-05-01 00:00"));
      expect.unreachable("should throw");
    } catch (err) {
      expect(isAppError(err) && err.code).toBe("invalid_input");
    }
  });
});

describe("summarizeUsage: deltas", () => {
  const yearWindow: QuotaWindow = { start: "2023-05-06", end: "2024-05-05" };
  const ledger = [
    entry(minutes.metric, "delta", 400, "2023-06-01 10:00"),
    entry(minutes.metric, "delta", 600, "2023-10-10 10:00"),
    entry(minutes.metric, "delta", 240, "2024-03-31 18:00", { source: "bot" }),
    entry(minutes.metric, "delta", 500, "2024-03-31 19:00", { revokedAt: sh("2024-03-31 19:05") }),
    entry(minutes.metric, "delta", 77, "2023-05-05 23:59"),
    entry(minutes.metric, "delta", 88, "2024-04-06 09:00"),
    entry("ding.messages", "delta", 99, "2024-01-01 09:00"),
  ];

  it("sums the window's deltas, skipping revoked, other metrics, earlier and future entries", () => {
    const s = summarizeUsage(minutes, ledger, yearWindow, sh("2024-04-05 14:00"));
    expect(s).toMatchObject({
      limit: 5000, used: 1240, remaining: 3760, percent: 24.8, overLimit: false, source: "bot",
    });
    expect(s.asOf?.toISOString()).toBe("2024-03-31T10:00:00.000Z");
    expect(s.forecast?.ratePerDay).toBeCloseTo(1240 / 335.5833, 6);
    expect(s.forecast?.exhaustsOn).toBeNull();
    expect(s.forecast?.unusedAtWindowEnd).toBeCloseTo(3760 - (1240 / 335.5833) * 30.4167, 1);
  });

  it("counts an entry by its Shanghai date at the window start", () => {
    const s = summarizeUsage(minutes, [entry(minutes.metric, "delta", 10, "2023-05-06 00:00")], yearWindow, sh("2023-05-07 00:00"));
    expect(s.used).toBe(10);
  });

  it.each([
    [500, 210, null],
    [300, 10, null],
    [250, 0, "2024-02-26"],
  ])("limit %i: 150 used in 15 days → %i unused at month end, exhausts %s", (limit, unused, exhaustsOn) => {
    const entries = [entry("api.calls", "delta", 100, "2024-02-03 10:00"), entry("api.calls", "delta", 50, "2024-02-12 10:00")];
    const s = summarizeUsage(apiCalls(limit), entries, feb2024, sh("2024-02-16 00:00"));
    expect(s.forecast).toEqual({ ratePerDay: 10, exhaustsOn, unusedAtWindowEnd: unused });
  });

  it("reports the day an exhausted quota ran out", () => {
    const entries = [entry("api.calls", "delta", 60, "2024-02-03 10:00"), entry("api.calls", "delta", 50, "2024-02-10 10:00")];
    const s = summarizeUsage(apiCalls(100), entries, feb2024, sh("2024-02-16 00:00"));
    expect(s).toMatchObject({ used: 110, remaining: 0, percent: 110, overLimit: true });
    expect(s.forecast).toMatchObject({ exhaustsOn: "2024-02-10", unusedAtWindowEnd: 0 });
  });

  it("stops the clock at the window end once the window is over", () => {
    const entries = [entry("api.calls", "delta", 290, "2024-02-03 10:00"), entry("api.calls", "delta", 0, "2024-02-10 10:00")];
    const s = summarizeUsage(apiCalls(1000), entries, feb2024, sh("2024-03-20 00:00"));
    expect(s.forecast).toEqual({ ratePerDay: 10, exhaustsOn: null, unusedAtWindowEnd: 710 });
  });

  it.each<[string, UsageEntry[], string]>([
    ["one entry after 3 days", [entry("api.calls", "delta", 30, "2024-02-02 10:00")], "2024-02-04 00:00"],
    ["no entry after 6 days", [], "2024-02-07 00:00"],
    ["a window that has not started", [], "2024-01-20 00:00"],
    ["only revoked entries after 3 days", [
      entry("api.calls", "delta", 30, "2024-02-02 10:00", { revokedAt: sh("2024-02-02 11:00") }),
      entry("api.calls", "delta", 30, "2024-02-03 10:00", { revokedAt: sh("2024-02-03 11:00") }),
    ], "2024-02-04 00:00"],
  ])("has no forecast with too little data: %s", (_label, entries, now) => {
    expect(summarizeUsage(apiCalls(1000), entries, feb2024, sh(now)).forecast).toBeNull();
  });

  it("forecasts from one entry once 7 days have passed, and from nothing used at all", () => {
    const one = summarizeUsage(apiCalls(1000), [entry("api.calls", "delta", 70, "2024-02-02 10:00")], feb2024, sh("2024-02-08 00:00"));
    expect(one.forecast).toMatchObject({ ratePerDay: 10, exhaustsOn: null, unusedAtWindowEnd: 710 });
    const none = summarizeUsage(apiCalls(1000), [], feb2024, sh("2024-02-08 00:00"));
    expect(none).toMatchObject({ used: 0, remaining: 1000, percent: 0, asOf: null, source: null });
    expect(none.forecast).toEqual({ ratePerDay: 0, exhaustsOn: null, unusedAtWindowEnd: 1000 });
  });

  it("never divides by less than one day", () => {
    const entries = [entry("api.calls", "delta", 5, "2024-02-01 01:00"), entry("api.calls", "delta", 5, "2024-02-01 02:00")];
    expect(summarizeUsage(apiCalls(1000), entries, feb2024, sh("2024-02-01 03:00")).forecast?.ratePerDay).toBe(10);
  });
});

describe("summarizeUsage: readings and caps", () => {
  const now = sh("2024-04-05 14:00");
  const readings = [
    entry(storage.metric, "reading", 500, "2024-02-01 09:00", { source: "api" }),
    entry(storage.metric, "reading", 732, "2024-03-16 09:10", { source: "api" }),
    entry(storage.metric, "reading", 1000, "2024-04-04 09:00", { source: "api", revokedAt: sh("2024-04-04 10:00") }),
    entry(storage.metric, "reading", 812, "2024-04-05 09:10", { source: "api" }),
  ];

  it("takes the latest reading and trends the last 30 days", () => {
    const s = summarizeUsage(storage, readings, null, now);
    expect(s).toMatchObject({ limit: 1024, used: 812, remaining: 212, percent: 79.3, overLimit: false, source: "api" });
    expect(s.asOf?.toISOString()).toBe("2024-04-05T01:10:00.000Z");
    expect(s.forecast).toEqual({ ratePerDay: 4, exhaustsOn: "2024-05-28", unusedAtWindowEnd: null });
  });

  it("reports only the limit of a cap without readings, even when deltas were recorded", () => {
    const deltas = [entry(qps.metric, "delta", 12, "2024-04-01 10:00")];
    expect(summarizeUsage(qps, deltas, null, now)).toEqual({
      limit: 40, used: null, remaining: null, percent: null, overLimit: false, asOf: null, source: null, forecast: null,
    });
  });

  it.each<[string, UsageEntry[]]>([
    ["a single reading", [entry(storage.metric, "reading", 812, "2024-04-05 09:10")]],
    ["readings on one day", [entry(storage.metric, "reading", 800, "2024-04-05 08:00"), entry(storage.metric, "reading", 812, "2024-04-05 09:10")]],
    ["only one reading in the last 30 days", [entry(storage.metric, "reading", 500, "2024-02-01 09:00"), entry(storage.metric, "reading", 812, "2024-04-05 09:10")]],
  ])("has no forecast with %s", (_label, entries) => {
    const s = summarizeUsage(storage, entries, null, now);
    expect(s.used).toBe(812);
    expect(s.forecast).toBeNull();
  });

  it.each<[string, number, number, string | null]>([
    ["shrinking", 900, 812, null],
    ["growing too slowly to matter within 10 years", 811.9, 812, null],
    ["already over the limit", 1000, 1100, "2024-04-05"],
  ])("forecast of a cap %s", (_label, earlier, latest, exhaustsOn) => {
    const entries = [entry(storage.metric, "reading", earlier, "2024-03-16 09:10"), entry(storage.metric, "reading", latest, "2024-04-05 09:10")];
    const s = summarizeUsage(storage, entries, null, now);
    expect(s.overLimit).toBe(latest > 1024);
    expect(s.forecast?.exhaustsOn).toBe(exhaustsOn);
  });

  it("adds deltas recorded after the latest reading of a consumable", () => {
    const term: QuotaTerm = { metric: "hr_onboarding.maps", limit: 20, unit: "map", period: "term" };
    const entries = [
      entry(term.metric, "delta", 100, "2024-01-20 10:00"),
      entry(term.metric, "reading", 10, "2024-02-01 10:00"),
      entry(term.metric, "delta", 5, "2024-02-10 10:00", { source: "bot" }),
    ];
    const s = summarizeUsage(term, entries, { start: "2023-05-06", end: "2024-05-05" }, sh("2024-02-11 00:00"));
    expect(s).toMatchObject({ used: 15, remaining: 5, percent: 75, source: "bot" });
  });

  it("has no percent for a zero limit", () => {
    const zero: QuotaTerm = { ...apiCalls(0) };
    const s = summarizeUsage(zero, [entry("api.calls", "delta", 3, "2024-02-03 10:00")], feb2024, sh("2024-02-16 00:00"));
    expect(s).toMatchObject({ used: 3, remaining: 0, percent: null, overLimit: true });
  });

  it("rejects a negative limit and an entry without a valid time", () => {
    for (const call of [
      () => summarizeUsage({ ...qps, limit: -1 }, [], null, now),
      () => summarizeUsage(qps, [{ ...readings[0], occurredAt: new Date("nope") }], null, now),
    ]) {
      try {
        call();
        expect.unreachable("should throw");
      } catch (err) {
        expect(isAppError(err) && err.code).toBe("invalid_input");
      }
    }
  });
});
