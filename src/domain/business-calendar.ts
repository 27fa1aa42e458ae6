/**
 * Business dates: calendar days in an IANA time zone (default Asia/Shanghai), date arithmetic on `YYYY-MM-DD`
 * strings, and Chinese working days (public holidays and 调休 make-up working weekends) from `chinese-days`.
 * Pure: time-zone math uses Intl.DateTimeFormat only; nothing reads the clock.
 *
 * The holiday data is read from the JSON chinese-days ships, not through its isWorkday(): that function builds its
 * tables by parsing dates as UTC midnight and formatting them in the process time zone, which shifts every
 * holiday one day earlier when the process runs west of UTC (TZ=America/Los_Angeles).
 */
import holidayData from "chinese-days/dist/chinese-days.json" with { type: "json" };
import { AppError } from "../lib/app-error.js";
import type { IsoDate } from "./model.js";

/** The business time zone every date in the steward is read in unless told otherwise. */
export const BUSINESS_TZ = "Asia/Shanghai";

const DAY_MS = 86_400_000;
const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** True when `value` is a real calendar date written `YYYY-MM-DD` (2024-02-29 yes, 2023-02-29 no). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== "string") return false;
  const m = ISO_DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/** Splits a `YYYY-MM-DD` date into [year, month 1–12, day]; throws AppError('invalid_input') when it is not one. */
export function parseIsoDate(date: IsoDate): [number, number, number] {
  if (!isIsoDate(date)) {
    throw new AppError("invalid_input", `"${String(date)}" is not a calendar date; write it as YYYY-MM-DD, e.g. 2024-05-06.`);
  }
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

/** Number of days in `month` (1–12) of `year`, leap years included. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function toDayNumber(date: IsoDate): number {
  const [y, m, d] = parseIsoDate(date);
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

function fromDayNumber(n: number): IsoDate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

function fromParts(y: number, m: number, d: number): IsoDate {
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function assertInteger(n: number, what: string): void {
  if (!Number.isInteger(n)) {
    throw new AppError("invalid_input", `${what} must be a whole number, got ${n}; round it before calling.`);
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat("en-US", {
        timeZone: tz, calendar: "gregory", numberingSystem: "latn", hourCycle: "h23",
        year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit",
      });
    } catch {
      throw new AppError("invalid_input", `"${tz}" is not an IANA time zone; use a name such as Asia/Shanghai.`);
    }
    formatters.set(tz, f);
  }
  return f;
}

/** Wall-clock fields of `instant` in `tz`. */
function wallClock(instant: Date, tz: string): { y: number; m: number; d: number; h: number; mi: number; s: number } {
  if (Number.isNaN(instant.getTime())) {
    throw new AppError("invalid_input", "The instant is an invalid Date; pass a real point in time.");
  }
  const parts: Record<string, number> = {};
  for (const p of formatterFor(tz).formatToParts(instant)) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  return { y: parts.year, m: parts.month, d: parts.day, h: parts.hour, mi: parts.minute, s: parts.second };
}

/** Offset of `tz` from UTC at `instant`, in milliseconds (Asia/Shanghai: +8 h). */
function offsetMs(instant: Date, tz: string): number {
  const w = wallClock(instant, tz);
  const asUtc = Date.UTC(w.y, w.m - 1, w.d, w.h, w.mi, w.s);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant at which the wall clock in `tz` shows date+hh:mm. A repeated time (DST ends) gives its first
 * occurrence; a skipped time (DST starts) maps past the gap, as 02:30 → 03:30.
 */
function zonedToInstant(date: IsoDate, hour: number, minute: number, tz: string): Date {
  const key = `${tz}|${date}|${hour}|${minute}`;
  let ms = zonedCache.get(key);
  if (ms === undefined) {
    if (zonedCache.size >= ZONED_CACHE_MAX) zonedCache.clear();
    ms = computeZonedInstant(date, hour, minute, tz).getTime();
    zonedCache.set(key, ms);
  }
  return new Date(ms);
}

/** Memo of zonedToInstant (a pure function of its arguments; the time-zone maths costs several Intl calls). */
const zonedCache = new Map<string, number>();
const ZONED_CACHE_MAX = 50_000;

function computeZonedInstant(date: IsoDate, hour: number, minute: number, tz: string): Date {
  const [y, m, d] = parseIsoDate(date);
  const wall = Date.UTC(y, m - 1, d, hour, minute);
  const before = wall - offsetMs(new Date(wall - DAY_MS), tz);
  const after = wall - offsetMs(new Date(wall + DAY_MS), tz);
  const shows = (t: number): boolean => {
    const w = wallClock(new Date(t), tz);
    return w.y === y && w.m === m && w.d === d && w.h === hour && w.mi === minute;
  };
  const matches = [before, after].filter(shows);
  return new Date(matches.length > 0 ? Math.min(...matches) : before);
}

/** The calendar date shown in `tz` at `instant` (2024-05-05T16:30Z is already 2024-05-06 in Shanghai). */
export function businessDate(instant: Date, tz: string = BUSINESS_TZ): IsoDate {
  const w = wallClock(instant, tz);
  return fromParts(w.y, w.m, w.d);
}

/** The UTC instant of 00:00 local time on `date` in `tz` (2024-05-06 Shanghai → 2024-05-05T16:00Z). */
export function startOfBusinessDay(date: IsoDate, tz: string = BUSINESS_TZ): Date {
  return zonedToInstant(date, 0, 0, tz);
}

/** The UTC instant of local wall time `hhmm` ("09:30", 24-hour) on `date` in `tz`. */
export function atBusinessTime(date: IsoDate, hhmm: string, tz: string = BUSINESS_TZ): Date {
  const m = TIME_RE.exec(hhmm);
  if (!m) {
    throw new AppError("invalid_input", `"${hhmm}" is not a time of day; write it as HH:MM in 24-hour form, e.g. 09:30.`);
  }
  return zonedToInstant(date, Number(m[1]), Number(m[2]), tz);
}

/** `date` moved by `n` calendar days (negative goes back). */
export function addDays(date: IsoDate, n: number): IsoDate {
  assertInteger(n, "The number of days");
  return fromDayNumber(toDayNumber(date) + n);
}

/** `date` moved by `n` months, clamped to the month's last day (2024-01-31 + 1 → 2024-02-29). */
export function addMonths(date: IsoDate, n: number): IsoDate {
  assertInteger(n, "The number of months");
  const [y, m, d] = parseIsoDate(date);
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  return fromParts(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

/**
 * First day of the period that begins `months` after `start`: the same day of the month, or the 1st of the
 * following month when that day does not exist (2024-02-29 + 12 → 2025-03-01), so consecutive periods never
 * overlap or leave a gap. The period before it ends the day before.
 */
export function nextPeriodStart(start: IsoDate, months: number): IsoDate {
  assertInteger(months, "The number of months");
  const [, , d] = parseIsoDate(start);
  const clamped = addMonths(start, months);
  return Number(clamped.slice(8, 10)) < d ? addDays(clamped, 1) : clamped;
}

/** Signed number of calendar days from `a` to `b` (`b − a`; 0 when equal, negative when `b` is earlier). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

/** Day of the week of `date`, 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  return new Date(toDayNumber(date) * DAY_MS).getUTCDay();
}

/** The earlier of two dates. */
export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return daysBetween(a, b) < 0 ? b : a;
}

/** The later of two dates. */
export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return daysBetween(a, b) > 0 ? b : a;
}

/** Kind of a day in the Chinese working calendar. */
export type DayKind = "workday" | "weekend" | "holiday" | "makeup_workday";

/** What the working calendar says about one date. */
export interface DayInfo {
  date: IsoDate;
  working: boolean;
  kind: DayKind;
  /** Chinese name of the holiday the day belongs to (国庆节, 春节…), also on its make-up working days; else null. */
  holiday: string | null;
  /** False when `chinese-days` has no holiday data for the year and Mon–Fri was assumed. */
  fromHolidayData: boolean;
}

interface HolidayTables {
  /** Date → "English,中文,days" for each day off. */
  holidays: Record<string, string>;
  /** Date → same, for each 调休 make-up working day (a weekend worked). */
  workdays: Record<string, string>;
}

const tables: HolidayTables = holidayData;
const coveredYears = new Set(Object.keys(tables.holidays).map((d) => Number(d.slice(0, 4))));

/** True when `chinese-days` carries the State Council holiday arrangement for `year` (1.5.7: 2004–2026). */
export function hasHolidayData(year: number): boolean {
  return coveredYears.has(year);
}

function holidayName(label: string): string {
  return label.split(",")[1] ?? label;
}

/** Working-calendar facts of `date`: holidays and 调休 from chinese-days, Mon–Fri for years it does not cover. */
export function describeDay(date: IsoDate): DayInfo {
  const weekday = dayOfWeek(date);
  const weekend = weekday === 0 || weekday === 6;
  const fromHolidayData = hasHolidayData(Number(date.slice(0, 4)));
  const makeUp = fromHolidayData ? tables.workdays[date] : undefined;
  const off = fromHolidayData ? tables.holidays[date] : undefined;
  if (makeUp !== undefined) {
    return { date, working: true, kind: weekend ? "makeup_workday" : "workday", holiday: holidayName(makeUp), fromHolidayData };
  }
  if (off !== undefined) return { date, working: false, kind: "holiday", holiday: holidayName(off), fromHolidayData };
  return { date, working: !weekend, kind: weekend ? "weekend" : "workday", holiday: null, fromHolidayData };
}

/** True on a Chinese working day: Mon–Fri unless a public holiday, plus 调休 make-up weekends (Mon–Fri outside the data). */
export function isWorkingDay(date: IsoDate): boolean {
  return describeDay(date).working;
}

/**
 * The `n`-th working day after `date` (the day itself is not counted; 2024-09-30 + 1 → 2024-10-08 over National
 * Day). Negative `n` counts back; 0 returns `date` unchanged.
 */
export function addWorkingDays(date: IsoDate, n: number): IsoDate {
  assertInteger(n, "The number of working days");
  const step = n < 0 ? -1 : 1;
  let left = Math.abs(n);
  let current = date;
  parseIsoDate(date);
  while (left > 0) {
    current = addDays(current, step);
    if (isWorkingDay(current)) left--;
  }
  return current;
}

/** True when every year from `from` to `to` (either order) has holiday data, so working-day counts are exact. */
export function holidayDataCovers(from: IsoDate, to: IsoDate): boolean {
  const [a, b] = [Number(minDate(from, to).slice(0, 4)), Number(maxDate(from, to).slice(0, 4))];
  for (let y = a; y <= b; y++) if (!hasHolidayData(y)) return false;
  return true;
}
