/**
 * When a contract's reminder plan can next produce a due notice, so a sweep need not plan it before then. Pure; a
 * bound that may come early (the contract is planned and found with nothing due) but never late, as long as the
 * contract, its usage, its deliveries, its preferences, the settings and the recipients stay as they were.
 */
import { addDays, businessDate, startOfBusinessDay } from "./business-calendar.js";
import type { PolicyInput } from "./reminder-model.js";
import { isAllowedAt, nextAllowedInstant } from "./quiet-hours.js";

/**
 * For every contract of `input` not in `stillDue`: the earliest instant after `input.now` at which `dueNotices`
 * could return one of its notices. `later` is what `dueNotices(input, later)` noted (a send time to come today, a
 * snooze ending, quiet hours ending). Everything that depends on the business date is looked at again the next
 * day, so the bound is at most the start of tomorrow; an unfinished delivery (claimed or failed, not sent) brings it
 * to the end of quiet hours, and a usage entry dated later today to that instant.
 */
export function nextDueInstants(input: PolicyInput, later: ReadonlyMap<number, number>, stillDue: ReadonlySet<number>): Map<number, Date> {
  const { now, tz, settings } = input;
  const cap = startOfBusinessDay(addDays(businessDate(now, tz), 1), tz).getTime();
  const quietEnd = (urgent: boolean) => (isAllowedAt(now, settings.quietHours, tz, urgent) ? null : nextAllowedInstant(now, settings.quietHours, tz, urgent).getTime());
  const quietEnds = [quietEnd(false), quietEnd(true)].filter((t): t is number => t !== null);
  const out = new Map<number, number>();
  const earlier = (id: number, t: number) => {
    if (out.has(id) && t > now.getTime() && t < out.get(id)!) out.set(id, t);
  };
  for (const c of input.contracts) {
    if (stillDue.has(c.id)) continue;
    out.set(c.id, cap);
    earlier(c.id, later.get(c.id) ?? cap);
    for (const e of c.usage) earlier(c.id, e.occurredAt.getTime());
  }
  for (const d of input.deliveries) if (d.status !== "sent" && d.status !== "skipped") for (const t of quietEnds) earlier(d.contractId, t);
  return new Map([...out].map(([id, t]) => [id, new Date(t)]));
}
