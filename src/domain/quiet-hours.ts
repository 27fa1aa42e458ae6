/**
 * Quiet hours: notices go out between `start` and `end` local time, on Chinese working days (holidays and 调休
 * included) unless the notice is urgent and urgent notices may override. Pure; the time zone is passed in.
 */
import { addDays, atBusinessTime, businessDate, isWorkingDay } from "./business-calendar.js";
import type { IsoDate } from "./model.js";
import type { QuietHours } from "./reminder-model.js";

const MAX_MEMO = 50_000;
const opening = new Map<string, Date>();

/** atBusinessTime, memoised: a sweep asks for the same few days' opening and closing times thousands of times. */
function at(day: IsoDate, hhmm: string, tz: string): Date {
  const key = `${tz}|${day}|${hhmm}`;
  let v = opening.get(key);
  if (!v) {
    v = atBusinessTime(day, hhmm, tz);
    if (opening.size > MAX_MEMO) opening.clear();
    opening.set(key, v);
  }
  return v;
}

/** Longest stretch of days off looked through (Spring Festival plus weekends stays well below). */
const MAX_DAYS_AHEAD = 40;

function dayAllowed(date: IsoDate, q: QuietHours, urgent: boolean): boolean {
  return !q.workingDaysOnly || (urgent && q.urgentOverride) || isWorkingDay(date);
}

/** The first instant at or after `at` when a notice may go out (`at` itself when it already may). */
export function nextAllowedInstant(instant: Date, q: QuietHours, tz: string, urgent = false): Date {
  let day = businessDate(instant, tz);
  const opens = at(day, q.start, tz);
  const closes = at(day, q.end, tz);
  if (dayAllowed(day, q, urgent)) {
    if (instant.getTime() < opens.getTime()) return opens;
    if (instant.getTime() < closes.getTime()) return instant;
  }
  for (let i = 0; i < MAX_DAYS_AHEAD; i++) {
    day = addDays(day, 1);
    if (dayAllowed(day, q, urgent)) return at(day, q.start, tz);
  }
  return at(day, q.start, tz);
}

/** True when a notice may go out at `at`. */
export function isAllowedAt(instant: Date, q: QuietHours, tz: string, urgent = false): boolean {
  return nextAllowedInstant(instant, q, tz, urgent).getTime() === instant.getTime();
}
