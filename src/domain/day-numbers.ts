/**
 * Memoised day arithmetic for hot loops (planning reminders over 100 000 contracts): the same few thousand dates
 * recur, so each date is parsed and formatted once through business-calendar and then looked up. Same results as
 * `addDays` / `daysBetween`; the caches are bounded and hold no state that changes a result.
 */
import { addDays, daysBetween } from "./business-calendar.js";
import type { IsoDate } from "./model.js";

const EPOCH = "1970-01-01";
const MAX_ENTRIES = 200_000;
const toNum = new Map<string, number>();
const toIso = new Map<number, IsoDate>();

/** Days since 1970-01-01 of a business date. */
export function dayNumber(date: IsoDate): number {
  let n = toNum.get(date);
  if (n === undefined) {
    n = daysBetween(EPOCH, date);
    if (toNum.size > MAX_ENTRIES) toNum.clear();
    toNum.set(date, n);
  }
  return n;
}

/** The business date `n` days after 1970-01-01. */
export function dateOfNumber(n: number): IsoDate {
  let d = toIso.get(n);
  if (d === undefined) {
    d = addDays(EPOCH, n);
    if (toIso.size > MAX_ENTRIES) toIso.clear();
    toIso.set(n, d);
  }
  return d;
}

/** `date` moved by `n` days, like addDays. */
export function shiftDays(date: IsoDate, n: number): IsoDate {
  return dateOfNumber(dayNumber(date) + n);
}

/** `b − a` in days, like daysBetween. */
export function dayDiff(a: IsoDate, b: IsoDate): number {
  return dayNumber(b) - dayNumber(a);
}
