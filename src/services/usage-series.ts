/**
 * The ledger of one quota as a series for the page's charts: one point per counted entry in the window (the running
 * total after it), replayed the way the quota maths does (a reading sets the level, a delta adds to it).
 */
import { businessDate, daysBetween } from "../domain/business-calendar.js";
import type { IsoDate, QuotaTerm, UsageEntry } from "../domain/model.js";
import type { QuotaWindow } from "../domain/quota-usage.js";

/** One point of a usage series: the business date of an entry and the amount used after it. */
export interface UsagePoint {
  date: IsoDate;
  used: number;
}

/** At most this many points per quota reach the page (the newest ones). */
const MAX_POINTS = 60;

/**
 * Running totals of `term`'s entries in `window` as of `now` (revoked and future entries ignored, caps count readings
 * only, no window = every reading), oldest first, at most the newest {@link MAX_POINTS}.
 */
export function usageSeries(term: QuotaTerm, entries: readonly UsageEntry[], window: QuotaWindow | null, now: Date, tz: string): UsagePoint[] {
  const counted = entries
    .filter((e) => e.metric === term.metric && !e.revokedAt && e.occurredAt.getTime() <= now.getTime())
    .filter((e) => term.period !== "none" || e.kind === "reading")
    .map((e) => ({ e, day: businessDate(e.occurredAt, tz) }))
    .filter(({ day }) => !window || (daysBetween(window.start, day) >= 0 && daysBetween(day, window.end) >= 0))
    .sort((a, b) => a.e.occurredAt.getTime() - b.e.occurredAt.getTime() || (a.e.id ?? 0) - (b.e.id ?? 0));
  let used = 0;
  const points = counted.map(({ e, day }) => {
    used = e.kind === "reading" ? e.amount : used + e.amount;
    return { date: day, used };
  });
  return points.slice(-MAX_POINTS);
}
