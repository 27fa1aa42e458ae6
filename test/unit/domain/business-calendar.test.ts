import { describe, expect, it } from "vitest";
import {
  addDays, addMonths, addWorkingDays, atBusinessTime, businessDate, dayOfWeek, daysBetween, describeDay,
  hasHolidayData, holidayDataCovers, isIsoDate, isWorkingDay, nextPeriodStart, startOfBusinessDay,
} from "../../../src/domain/business-calendar.js";
import { codeOf } from "../../support/error-code.js";


describe("businessDate", () => {
  it.each([
    ["2024-05-05T15:59:59Z", "Asia/Shanghai", "2024-05-05"],
    ["2024-05-05T16:00:00Z", "Asia/Shanghai", "2024-05-06"],
    ["2024-05-05T16:30:00Z", "Asia/Shanghai", "2024-05-06"],
    ["2024-05-05T16:30:00Z", "UTC", "2024-05-05"],
    ["2024-02-28T16:00:00Z", "Asia/Shanghai", "2024-02-29"],
    ["2023-12-31T16:00:00Z", "Asia/Shanghai", "2024-01-01"],
    ["2024-03-01T03:00:00Z", "America/Los_Angeles", "2024-02-29"],
  ])("%s in %s is %s", (instant, tz, expected) => {
    expect(businessDate(new Date(instant), tz)).toBe(expected);
  });

  it("defaults to Asia/Shanghai", () => {
    expect(businessDate(new Date("2024-05-05T16:30:00Z"))).toBe("2024-05-06");
  });

  it("rejects an unknown time zone and an invalid Date", () => {
    expect(codeOf(() => businessDate(new Date("2024-05-05T00:00:00Z"), "Mars/Olympus"))).toBe("invalid_input");
    expect(codeOf(() => businessDate(new Date("nope")))).toBe("invalid_input");
  });
});

describe("startOfBusinessDay and atBusinessTime", () => {
  it.each([
    ["2024-05-06", "Asia/Shanghai", "2024-05-05T16:00:00.000Z"],
    ["2024-02-29", "Asia/Shanghai", "2024-02-28T16:00:00.000Z"],
    ["2024-01-01", "Asia/Shanghai", "2023-12-31T16:00:00.000Z"],
    ["2024-05-06", "UTC", "2024-05-06T00:00:00.000Z"],
    ["2024-11-03", "America/New_York", "2024-11-03T04:00:00.000Z"],
    ["2024-09-08", "America/Santiago", "2024-09-08T04:00:00.000Z"],
  ])("00:00 on %s in %s is %s", (date, tz, expected) => {
    expect(startOfBusinessDay(date, tz).toISOString()).toBe(expected);
  });

  it.each([
    ["2024-05-06", "09:30", "Asia/Shanghai", "2024-05-06T01:30:00.000Z"],
    ["2024-05-06", "23:59", "Asia/Shanghai", "2024-05-06T15:59:00.000Z"],
    ["2024-05-06", "07:59", "Asia/Shanghai", "2024-05-05T23:59:00.000Z"],
    ["2024-03-10", "02:30", "America/New_York", "2024-03-10T07:30:00.000Z"],
    ["2024-11-03", "01:30", "America/New_York", "2024-11-03T05:30:00.000Z"],
    ["2024-10-27", "02:30", "Europe/Berlin", "2024-10-27T00:30:00.000Z"],
  ])("%s %s in %s is %s", (date, time, tz, expected) => {
    expect(atBusinessTime(date, time, tz).toISOString()).toBe(expected);
  });

  it("round-trips with businessDate", () => {
    expect(businessDate(startOfBusinessDay("2024-05-06"))).toBe("2024-05-06");
    expect(businessDate(new Date(startOfBusinessDay("2024-05-06").getTime() - 1))).toBe("2024-05-05");
  });

  it.each(["9:30", "24:00", "09:60", "0930", ""])("rejects the time %j", (time) => {
    expect(codeOf(() => atBusinessTime("2024-05-06", time))).toBe("invalid_input");
  });
});

describe("date arithmetic", () => {
  it.each([
    ["2024-02-28", 1, "2024-02-29"],
    ["2024-02-29", 1, "2024-03-01"],
    ["2023-02-28", 1, "2023-03-01"],
    ["2024-12-31", 1, "2025-01-01"],
    ["2024-03-01", -1, "2024-02-29"],
    ["2024-11-04", -180, "2024-05-08"],
    ["2024-05-06", 0, "2024-05-06"],
  ])("addDays(%s, %i) = %s", (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
  });

  it.each([
    ["2024-01-31", 1, "2024-02-29"],
    ["2023-01-31", 1, "2023-02-28"],
    ["2024-02-29", 12, "2025-02-28"],
    ["2024-02-29", 48, "2028-02-29"],
    ["2024-03-31", -1, "2024-02-29"],
    ["2024-08-31", 1, "2024-09-30"],
    ["2023-05-06", 12, "2024-05-06"],
    ["2024-12-15", 1, "2025-01-15"],
    ["2024-01-15", -13, "2022-12-15"],
  ])("addMonths(%s, %i) = %s", (date, n, expected) => {
    expect(addMonths(date, n)).toBe(expected);
  });

  it.each([
    ["2023-05-06", 12, "2024-05-06"],
    ["2024-02-29", 12, "2025-03-01"],
    ["2024-02-29", 48, "2028-02-29"],
    ["2024-01-31", 1, "2024-03-01"],
    ["2024-01-30", 1, "2024-03-01"],
    ["2024-01-29", 1, "2024-02-29"],
    ["2024-05-06", 0, "2024-05-06"],
  ])("nextPeriodStart(%s, %i) = %s", (date, n, expected) => {
    expect(nextPeriodStart(date, n)).toBe(expected);
  });

  it.each([
    ["2024-04-05", "2024-05-05", 30],
    ["2024-05-05", "2024-05-05", 0],
    ["2024-05-06", "2024-05-05", -1],
    ["2024-02-01", "2024-03-01", 29],
    ["2023-02-01", "2023-03-01", 28],
    ["2023-05-06", "2024-05-06", 366],
  ])("daysBetween(%s, %s) = %i", (a, b, expected) => {
    expect(daysBetween(a, b)).toBe(expected);
  });

  it("knows weekdays", () => {
    expect(dayOfWeek("2024-09-29")).toBe(0);
    expect(dayOfWeek("2024-10-12")).toBe(6);
    expect(dayOfWeek("2024-02-29")).toBe(4);
  });

  it.each([
    ["2024-02-29", true], ["2023-02-29", false], ["2024-13-01", false], ["2024-04-31", false],
    ["2024-5-6", false], ["20240506", false], ["", false], [null, false],
  ])("isIsoDate(%j) = %s", (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });

  it("rejects malformed dates and fractional counts with invalid_input", () => {
    expect(codeOf(() => addDays("2023-02-29", 1))).toBe("invalid_input");
    expect(codeOf(() => addMonths("2024/01/31", 1))).toBe("invalid_input");
    expect(codeOf(() => addDays("2024-01-31", 1.5))).toBe("invalid_input");
    expect(codeOf(() => daysBetween("2024-01-31", "x"))).toBe("invalid_input");
  });
});

describe("Chinese working days", () => {
  it.each([
    ["2024-09-29", true, "makeup_workday", "国庆节"],
    ["2024-10-12", true, "makeup_workday", "国庆节"],
    ["2024-10-01", false, "holiday", "国庆节"],
    ["2024-10-07", false, "holiday", "国庆节"],
    ["2024-10-08", true, "workday", null],
    ["2024-10-13", false, "weekend", null],
    ["2025-01-26", true, "makeup_workday", "春节"],
    ["2025-02-08", true, "makeup_workday", "春节"],
    ["2025-01-28", false, "holiday", "春节"],
    ["2025-02-04", false, "holiday", "春节"],
    ["2025-02-05", true, "workday", null],
    ["2024-04-04", false, "holiday", "清明"],
    ["2024-02-29", true, "workday", null],
  ])("%s: working=%s (%s, %s)", (date, working, kind, holiday) => {
    expect(isWorkingDay(date)).toBe(working);
    expect(describeDay(date)).toMatchObject({ working, kind, holiday, fromHolidayData: true });
  });

  it("knows which years chinese-days covers and falls back to Mon–Fri outside them", () => {
    expect(hasHolidayData(2003)).toBe(false);
    expect(hasHolidayData(2004)).toBe(true);
    expect(hasHolidayData(2026)).toBe(true);
    expect(hasHolidayData(2099)).toBe(false);
    expect(describeDay("2099-01-01")).toEqual({
      date: "2099-01-01", working: true, kind: "workday", holiday: null, fromHolidayData: false,
    });
    expect(isWorkingDay("2099-01-03")).toBe(false);
    expect(holidayDataCovers("2025-12-30", "2026-01-05")).toBe(true);
    expect(holidayDataCovers("2099-12-30", "2024-01-05")).toBe(false);
  });

  it.each([
    ["2024-03-01", 5, "2024-03-08"],
    ["2024-09-27", 1, "2024-09-29"],
    ["2024-09-30", 1, "2024-10-08"],
    ["2024-09-30", 5, "2024-10-12"],
    ["2025-01-24", 1, "2025-01-26"],
    ["2025-01-27", 1, "2025-02-05"],
    ["2025-02-05", 3, "2025-02-08"],
    ["2024-10-08", -1, "2024-09-30"],
    ["2024-10-05", 0, "2024-10-05"],
    ["2099-01-02", 1, "2099-01-05"],
  ])("addWorkingDays(%s, %i) = %s", (date, n, expected) => {
    expect(addWorkingDays(date, n)).toBe(expected);
  });
});
