/**
 * Quota windows (which days a limit applies to) and usage math over the append-only usage ledger:
 * used / remaining / percent, and a burn-rate forecast. Pure; `now` and the time zone are passed in.
 */
import { AppError } from "../lib/app-error.js";
import {
  addDays, BUSINESS_TZ, businessDate, daysBetween, maxDate, minDate, nextPeriodStart, parseIsoDate, startOfBusinessDay,
} from "./business-calendar.js";
import type { IsoDate, QuotaPeriod, QuotaTerm, UsageEntry, UsageSource } from "./model.js";

/** The business days (inclusive) a quota limit applies to. */
export interface QuotaWindow {
  start: IsoDate;
  end: IsoDate;
}

/** Projected consumption within the current window. */
export interface UsageForecast {
  /** Units per day (not rounded). */
  ratePerDay: number;
  /** Day the limit is (or was) reached; null when it will not run out before the window ends (or within 10 years for caps). */
  exhaustsOn: IsoDate | null;
  /** Consumables only: projected amount still unused at the window end, which lapses; null for readings. */
  unusedAtWindowEnd: number | null;
}

/** A quota's state as of `now`. `used` is null for caps with no reading (only the limit is known). */
export interface UsageSummary {
  limit: number;
  used: number | null;
  remaining: number | null;
  /** used ÷ limit × 100, one decimal; null when unknown or the limit is 0. */
  percent: number | null;
  overLimit: boolean;
  /** Instant of the latest counted entry, and where it came from. */
  asOf: Date | null;
  source: UsageSource | null;
  forecast: UsageForecast | null;
}

const DAY_MS = 86_400_000;
/** Readings older than this many days do not feed the trend. */
const READING_TREND_DAYS = 30;
/** Delta forecasts need this many elapsed days when there is only one entry. */
const MIN_ELAPSED_DAYS = 7;
/** Caps have no window; a forecast further out than this is reported as "won't run out". */
const CAP_HORIZON_DAYS = 3650;

/**
 * The window containing `now` (read in `tz`, clamped into the contract term): `year` = contract year counted from
 * `startsOn` (the 2nd year starts on the anniversary), `month` = calendar month, `term` = the whole term — each cut
 * to the term's bounds; `none` = null (a cap is never consumed).
 */
export function quotaWindow(
  period: QuotaPeriod,
  startsOn: IsoDate,
  endsOn: IsoDate,
  now: Date,
  tz: string = BUSINESS_TZ,
): QuotaWindow | null {
  parseIsoDate(startsOn);
  parseIsoDate(endsOn);
  if (daysBetween(startsOn, endsOn) < 0) {
    throw new AppError("invalid_input", `The term ends (${endsOn}) before it starts (${startsOn}); correct one of the two dates.`);
  }
  if (period === "none") return null;
  if (period === "term") return { start: startsOn, end: endsOn };
  const ref = minDate(maxDate(businessDate(now, tz), startsOn), endsOn);
  if (period === "month") {
    const first = `${ref.slice(0, 7)}-01`;
    const last = addDays(nextPeriodStart(first, 1), -1);
    return { start: maxDate(first, startsOn), end: minDate(last, endsOn) };
  }
  let year = 0;
  while (daysBetween(nextPeriodStart(startsOn, 12 * (year + 1)), ref) >= 0) year++;
  const start = nextPeriodStart(startsOn, 12 * year);
  const end = addDays(nextPeriodStart(startsOn, 12 * (year + 1)), -1);
  return { start, end: minDate(end, endsOn) };
}

function assertUsable(quota: QuotaTerm, entries: UsageEntry[]): void {
  if (!Number.isFinite(quota.limit) || quota.limit < 0) {
    throw new AppError("invalid_input", `Quota ${quota.metric} has limit ${quota.limit}; a limit must be a number ≥ 0.`);
  }
  const bad = entries.find((e) => !Number.isFinite(e.amount) || Number.isNaN(e.occurredAt.getTime()));
  if (bad) {
    throw new AppError("invalid_input", `Usage entry ${bad.id ?? ""} of ${bad.metric} has no valid amount or time; revoke it and record it again.`);
  }
}

/** Entries that count for `quota` in `window`: same metric, not revoked, not after `now`, dated inside the window. */
function countedEntries(quota: QuotaTerm, entries: UsageEntry[], window: QuotaWindow | null, now: Date, tz: string): UsageEntry[] {
  return entries
    .filter((e) => e.metric === quota.metric && !e.revokedAt && e.occurredAt.getTime() <= now.getTime())
    .filter((e) => quota.period !== "none" || e.kind === "reading")
    .filter((e) => {
      if (!window) return true;
      const day = businessDate(e.occurredAt, tz);
      return daysBetween(window.start, day) >= 0 && daysBetween(day, window.end) >= 0;
    })
    .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || (a.id ?? 0) - (b.id ?? 0));
}

/** Replays the ledger: a reading sets the amount, a delta adds to it; also when the limit was last reached. */
function replay(counted: UsageEntry[], limit: number): { used: number; exhaustedAt: Date | null } {
  let used = 0;
  let exhaustedAt: Date | null = null;
  for (const e of counted) {
    used = e.kind === "reading" ? e.amount : used + e.amount;
    if (used >= limit) exhaustedAt ??= e.occurredAt;
    else exhaustedAt = null;
  }
  return { used, exhaustedAt };
}

function deltaForecast(
  used: number, limit: number, counted: UsageEntry[], exhaustedAt: Date | null, window: QuotaWindow, now: Date, tz: string,
): UsageForecast | null {
  const startMs = startOfBusinessDay(window.start, tz).getTime();
  const endMs = startOfBusinessDay(addDays(window.end, 1), tz).getTime();
  const nowMs = Math.min(now.getTime(), endMs);
  const elapsedDays = (nowMs - startMs) / DAY_MS;
  if (elapsedDays <= 0 || (counted.length < 2 && elapsedDays < MIN_ELAPSED_DAYS)) return null;
  const ratePerDay = used / Math.max(elapsedDays, 1);
  const leftDays = (endMs - nowMs) / DAY_MS;
  const unusedAtWindowEnd = Math.max(0, limit - used - ratePerDay * leftDays);
  let exhaustsOn: IsoDate | null = null;
  if (exhaustedAt) exhaustsOn = businessDate(exhaustedAt, tz);
  else if (ratePerDay > 0) {
    const at = nowMs + ((limit - used) / ratePerDay) * DAY_MS;
    if (at < endMs) exhaustsOn = businessDate(new Date(at), tz);
  }
  return { ratePerDay, exhaustsOn, unusedAtWindowEnd };
}

function readingForecast(
  used: number, limit: number, counted: UsageEntry[], exhaustedAt: Date | null, window: QuotaWindow | null, now: Date, tz: string,
): UsageForecast | null {
  const since = now.getTime() - READING_TREND_DAYS * DAY_MS;
  const recent = counted.filter((e) => e.kind === "reading" && e.occurredAt.getTime() >= since);
  if (recent.length < 2) return null;
  const first = recent[0];
  const last = recent[recent.length - 1];
  if (businessDate(first.occurredAt, tz) === businessDate(last.occurredAt, tz)) return null;
  const ratePerDay = (last.amount - first.amount) / ((last.occurredAt.getTime() - first.occurredAt.getTime()) / DAY_MS);
  let exhaustsOn: IsoDate | null = null;
  if (exhaustedAt) exhaustsOn = businessDate(exhaustedAt, tz);
  else if (ratePerDay > 0) {
    const at = Math.max(now.getTime(), last.occurredAt.getTime() + ((limit - used) / ratePerDay) * DAY_MS);
    const horizon = window
      ? startOfBusinessDay(addDays(window.end, 1), tz).getTime()
      : now.getTime() + CAP_HORIZON_DAYS * DAY_MS;
    if (at < horizon) exhaustsOn = businessDate(new Date(at), tz);
  }
  return { ratePerDay, exhaustsOn, unusedAtWindowEnd: null };
}

/**
 * Usage of `quota` within `window` as of `now`. Revoked entries and entries after `now` or outside the window are
 * ignored; the latest `reading` sets the amount and later `delta`s add to it (deltas alone are summed). Caps
 * (`none`) count readings only and report just the limit until one exists.
 */
export function summarizeUsage(
  quota: QuotaTerm,
  entries: UsageEntry[],
  window: QuotaWindow | null,
  now: Date,
  tz: string = BUSINESS_TZ,
): UsageSummary {
  assertUsable(quota, entries);
  const counted = countedEntries(quota, entries, window, now, tz);
  const last = counted.at(-1) ?? null;
  if (quota.period === "none" && !last) {
    return { limit: quota.limit, used: null, remaining: null, percent: null, overLimit: false, asOf: null, source: null, forecast: null };
  }
  const { used, exhaustedAt } = replay(counted, quota.limit);
  const hasReadings = counted.some((e) => e.kind === "reading");
  let forecast: UsageForecast | null = null;
  if (hasReadings) forecast = readingForecast(used, quota.limit, counted, exhaustedAt, window, now, tz);
  else if (window) forecast = deltaForecast(used, quota.limit, counted, exhaustedAt, window, now, tz);
  return {
    limit: quota.limit,
    used,
    remaining: Math.max(0, quota.limit - used),
    percent: quota.limit > 0 ? Math.round((used / quota.limit) * 1000) / 10 : null,
    overLimit: used > quota.limit,
    asOf: last ? last.occurredAt : null,
    source: last ? last.source : null,
    forecast,
  };
}
