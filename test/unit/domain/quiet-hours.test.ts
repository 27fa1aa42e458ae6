import { describe, expect, it } from "vitest";
import { isAllowedAt, nextAllowedInstant } from "../../../src/domain/quiet-hours.js";
import type { QuietHours } from "../../../src/domain/reminder-model.js";

const Q: QuietHours = { start: "09:00", end: "18:00", workingDaysOnly: true, urgentOverride: true };
const SH = "Asia/Shanghai";

describe("nextAllowedInstant (09:00–18:00 on Chinese working days, Asia/Shanghai)", () => {
  it.each([
    ["inside the window on a working day: unchanged", "2025-09-01T02:00:00Z", false, "2025-09-01T02:00:00.000Z"],
    ["before the window: 09:00 the same day", "2025-09-01T00:00:00Z", false, "2025-09-01T01:00:00.000Z"],
    ["exactly at the end (18:00): next working day 09:00", "2025-09-01T10:00:00Z", false, "2025-09-02T01:00:00.000Z"],
    ["Saturday: Monday 09:00", "2025-08-30T02:00:00Z", false, "2025-09-01T01:00:00.000Z"],
    ["Saturday 2025-09-27 before a 调休 working Sunday: Sunday 09:00", "2025-09-27T02:00:00Z", false, "2025-09-28T01:00:00.000Z"],
    ["National Day 2025 (10-01 … 10-08): 10-09 09:00", "2025-10-01T01:30:00Z", false, "2025-10-09T01:00:00.000Z"],
    ["Spring Festival 2024 Saturday 02-10: make-up Sunday 02-18 09:00", "2024-02-10T02:00:00Z", false, "2024-02-18T01:00:00.000Z"],
    ["urgent on a holiday may go out inside the hours", "2025-10-01T01:30:00Z", true, "2025-10-01T01:30:00.000Z"],
    ["urgent on a Saturday at 07:00 waits for 09:00", "2025-08-30T23:00:00Z", true, "2025-08-31T01:00:00.000Z"],
    ["00:30 in Shanghai is still 16:30 of the day before in UTC: waits for 09:00 Shanghai", "2025-09-29T16:30:00Z", false, "2025-09-30T01:00:00.000Z"],
  ])("%s", (_name, at, urgent, expected) => {
    expect(nextAllowedInstant(new Date(at), Q, SH, urgent).toISOString()).toBe(expected);
  });

  it("reads the window in the configured time zone, not the process's", () => {
    const at = new Date("2025-09-29T16:30:00Z");
    expect(isAllowedAt(at, Q, SH)).toBe(false);
    expect(isAllowedAt(at, Q, "UTC")).toBe(true);
  });

  it("allows any day when workingDaysOnly is off, and no urgent override when that is off", () => {
    expect(isAllowedAt(new Date("2025-08-30T02:00:00Z"), { ...Q, workingDaysOnly: false }, SH)).toBe(true);
    expect(isAllowedAt(new Date("2025-10-01T02:00:00Z"), { ...Q, urgentOverride: false }, SH, true)).toBe(false);
  });
});
