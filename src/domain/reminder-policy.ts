/**
 * The reminder policy: contracts, quotas, usage, past deliveries, preferences, recipients, settings and `now` in;
 * the notices due now out (`dueNotices`), or the timeline of notices that will fire in a date range
 * (`planNotices`). Pure and deterministic; the sweep service claims and sends what it returns.
 */
import { pushTo } from "../lib/multimap.js";
import { atBusinessTime, businessDate } from "./business-calendar.js";
import { shiftDays } from "./day-numbers.js";
import { noticeFacts, quotaUsage, type FactsContext } from "./reminder-facts.js";
import { deriveContract, scheduledOccurrences, type DerivedContract, type Occurrence } from "./reminder-occurrences.js";
import { NOTICE_KINDS, type DueNotice, type NoticeChannel, type NoticeFacts, type PastDelivery, type PlannedNotice, type PolicyInput, type ReminderPreference, type Recipients, type Severity } from "./reminder-model.js";
import { quotaWindow } from "./quota-usage.js";
import { isAllowedAt, nextAllowedInstant } from "./quiet-hours.js";
import type { IsoDate } from "./model.js";

/** How far back a missed occurrence may still be the latest of its series. */
const LOOKBACK_DAYS = 400;
/** Repeating series only need their last period plus the longest quiet-hours deferral (40 days) and some margin. */
const PERIODIC_LOOKBACK_DAYS = 45;
const SEVERITY_RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };
const NEVER: [IsoDate, IsoDate] = ["0000-01-01", "9999-12-31"];

/** Subscribed admins: the configured ones plus anyone who subscribed, minus anyone who unsubscribed. */
export function resolveRecipients(configured: { userIds: string[]; groups: string[] }, subscriptions: { userId: string; subscribed: boolean }[]): Recipients {
  const users = new Set(configured.userIds);
  for (const s of subscriptions) {
    if (s.subscribed) users.add(s.userId);
    else users.delete(s.userId);
  }
  return { users: [...users].sort(), groups: [...new Set(configured.groups)] };
}

/** Short stable hash (FNV-1a, hex) for keys that must fit the 64-character dueKey column. */
function shortHash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, "0");
}

const deliveryKey = (contractId: number, kind: string, dueKey: string, recipient: string, channel: string) => `${contractId}|${kind}|${dueKey}|${recipient}|${channel}`;

interface DeliveryIndex {
  done: Set<string>;
  /** `${contractId}|${kind}|${dueKey}` → `${recipient}|${channel}` of deliveries claimed or failed but not sent. */
  open: Map<string, Set<string>>;
  /** `${contractId}|${series}` → highest quota level ever claimed in that window. */
  levels: Map<string, number>;
}

function indexDeliveries(rows: PastDelivery[]): DeliveryIndex {
  const done = new Set<string>();
  const open = new Map<string, Set<string>>();
  const levels = new Map<string, number>();
  for (const r of rows) {
    if (r.status === "sent" || r.status === "skipped") done.add(deliveryKey(r.contractId, r.kind, r.dueKey, r.recipient, r.channel));
    else {
      const k = `${r.contractId}|${r.kind}|${r.dueKey}`;
      open.set(k, (open.get(k) ?? new Set()).add(`${r.recipient}|${r.channel}`));
    }
    if (r.kind === "quota_threshold" && r.status !== "skipped") {
      const cut = r.dueKey.lastIndexOf(":");
      const key = `${r.contractId}|${r.dueKey.slice(0, cut)}`;
      levels.set(key, Math.max(levels.get(key) ?? -1, Number(r.dueKey.slice(cut + 1))));
    }
  }
  return { done, open, levels };
}

/** Send times of occurrences, memoised per (day, urgency): the same few hundred days recur across contracts. */
class SendTimes {
  private readonly memo = new Map<string, [Date, Date]>();
  private readonly allowed = new Map<boolean, boolean>();
  private readonly days = new Map<number, IsoDate>();
  constructor(private readonly input: PolicyInput) {}

  /** [scheduled instant, first instant quiet hours allow]. */
  of(o: Occurrence): [Date, Date] {
    const { settings: s, tz } = this.input;
    if (o.fireAt) return [o.fireAt, nextAllowedInstant(o.fireAt, s.quietHours, tz, o.urgent)];
    const key = `${o.fireOn}|${o.urgent}`;
    let v = this.memo.get(key);
    if (!v) {
      const fireAt = atBusinessTime(o.fireOn, s.sendTime, tz);
      v = [fireAt, nextAllowedInstant(fireAt, s.quietHours, tz, o.urgent)];
      this.memo.set(key, v);
    }
    return v;
  }

  /** Business date of a send instant. */
  dayOf(instant: Date): IsoDate {
    const key = instant.getTime();
    let d = this.days.get(key);
    if (!d) {
      d = businessDate(instant, this.input.tz);
      this.days.set(key, d);
    }
    return d;
  }

  /** True when notices of this urgency may go out now. */
  allowedNow(urgent: boolean): boolean {
    let v = this.allowed.get(urgent);
    if (v === undefined) {
      v = isAllowedAt(this.input.now, this.input.settings.quietHours, this.input.tz, urgent);
      this.allowed.set(urgent, v);
    }
    return v;
  }
}

function factsContext(input: PolicyInput): FactsContext {
  return { now: input.now, tz: input.tz, settings: input.settings, retention: input.retention };
}

/** Quota levels crossed now (80/90/100 % of the current window) that were not announced in this window yet. */
function thresholdOccurrences(d: DerivedContract, ctx: FactsContext, levels: Map<string, number>, today: IsoDate): Occurrence[] {
  const t = d.timeline;
  const c = d.contract;
  if (!t?.startsOn || !t.endsOn || today < t.startsOn || today > t.endsOn || c.usage.length === 0) return [];
  const metrics = new Set(c.usage.map((e) => e.metric));
  const out: Occurrence[] = [];
  for (const q of c.quotas) {
    if (!metrics.has(q.metric)) continue;
    const u = quotaUsage(d, q, ctx);
    if (!u?.asOf || u.percent === null) continue;
    const level = Math.max(-1, ...ctx.settings.quotaThresholds.percents.filter((p) => u.percent! >= p));
    if (level < 0) continue;
    const window = q.period === "none" ? null : quotaWindow(q.period, t.startsOn, t.endsOn, ctx.now, ctx.tz);
    const series = `q:${q.metric.length <= 40 ? q.metric : shortHash(q.metric)}@${window?.start ?? "cap"}`;
    if ((levels.get(`${c.id}|${series}`) ?? -1) >= level) continue;
    const severity: Severity = level >= 100 ? "critical" : level >= 90 ? "warning" : "info";
    out.push({
      kind: "quota_threshold", dueKey: `${series}:${level}`, series, fireOn: businessDate(u.asOf, ctx.tz), fireAt: u.asOf, urgent: false,
      severity, ding: 0, eventOn: window?.end ?? today, offset: 0, cycle: window ? [window.start, window.end] : NEVER,
      extra: {
        metric: q.metric, label: q.label ?? q.metric, unit: q.unit, period: q.period, level, percent: u.percent, used: u.used,
        limit: u.limit, window, asOf: u.asOf.toISOString(), overLimit: u.overLimit,
      },
    });
  }
  return out;
}

interface Held {
  occ: Occurrence;
  acknowledged: boolean;
  snoozedUntil: Date | null;
}

/** Marks occurrences an acknowledgement covers or a snooze postpones, and adds the snoozed ones' return at `until`. */
function holdByPreferences(occs: Occurrence[], prefs: Map<string, ReminderPreference> | undefined, times: SendTimes, tz: string): Held[] {
  if (!prefs) return occs.map((occ) => ({ occ, acknowledged: false, snoozedUntil: null }));
  const out: Held[] = [];
  const returns = new Map<string, Occurrence>();
  for (const occ of occs) {
    const p = prefs.get(occ.kind);
    const acknowledged = Boolean(p?.acknowledgedOn && p.acknowledgedOn >= occ.cycle[0] && p.acknowledgedOn <= occ.cycle[1]);
    const until = p?.snoozedUntil ?? null;
    const snoozed = until !== null && times.of(occ)[1].getTime() < until.getTime();
    out.push({ occ, acknowledged, snoozedUntil: snoozed ? until : null });
    if (snoozed && !acknowledged) {
      const prev = returns.get(occ.series);
      if (!prev || times.of(prev)[0] < times.of(occ)[0]) returns.set(occ.series, occ);
    }
  }
  for (const occ of returns.values()) {
    const until = prefs.get(occ.kind)!.snoozedUntil!;
    const back: Occurrence = { ...occ, dueKey: `${occ.dueKey}~${businessDate(until, tz)}`.slice(0, 64), fireOn: businessDate(until, tz), fireAt: until };
    out.push({ occ: back, acknowledged: false, snoozedUntil: null });
  }
  return out;
}

/**
 * The latest occurrence whose send time has come, if quiet hours allow sending it now and (for dated ones) it is not
 * older than the catch-up window: after a long outage the next scheduled notice speaks, not a stale one. Past the
 * window it is still `late` due while some of its deliveries were claimed or failed but never sent and its event date
 * has not passed: a claim a crash interrupted is finished, never dropped. When a later occurrence of the series goes
 * out later today, nothing is sent now (one message for the day, not two).
 */
function latestDue(series: Occurrence[], times: SendTimes, now: Date, catchUpMs: number, today: IsoDate, open: (o: Occurrence) => boolean): { occ: Occurrence; late: boolean } | null {
  let best: Occurrence | null = null;
  for (const o of series) {
    const [fireAt, sendAt] = times.of(o);
    if (sendAt.getTime() > now.getTime()) {
      if (times.dayOf(sendAt) === today) return null;
      continue;
    }
    if (!best || times.of(best)[0].getTime() < fireAt.getTime()) best = o;
  }
  if (!best || !times.allowedNow(best.urgent)) return null;
  if (best.fireAt || now.getTime() - times.of(best)[1].getTime() <= catchUpMs) return { occ: best, late: false };
  return best.eventOn >= today && open(best) ? { occ: best, late: true } : null;
}

/** When quiet hours alone hold back the latest sent-time-passed occurrence of a series, notes the instant they end. */
function noteQuietEnd(series: Occurrence[], contractId: number, input: PolicyInput, times: SendTimes, deliveries: DeliveryIndex, note: (t: number) => unknown): void {
  let best: Occurrence | null = null;
  for (const o of series) if (times.of(o)[1] <= input.now && (!best || times.of(best)[0] < times.of(o)[0])) best = o;
  if (!best || times.allowedNow(best.urgent)) return;
  const b = best;
  const delivered = channelsOf(b, input).every(([ch, rs]) => rs.every((r) => deliveries.done.has(deliveryKey(contractId, b.kind, b.dueKey, r, ch))));
  if (!delivered) note(nextAllowedInstant(input.now, input.settings.quietHours, input.tz, b.urgent).getTime());
}

/** True when a later occurrence of the same series goes out no later than `o` would (so `o` never does). */
function superseded(o: Occurrence, live: Occurrence[], times: SendTimes): boolean {
  const [fireAt, sendAt] = times.of(o);
  return live.some((x) => x !== o && x.kind === o.kind && x.series === o.series && times.of(x)[0] > fireAt && times.of(x)[1] <= sendAt);
}

function rankOf(severity: Severity, facts: NoticeFacts, kind: string): number {
  const days = typeof facts.daysLeft === "number" ? Math.max(-9999, Math.min(9999, facts.daysLeft)) : 9999;
  return SEVERITY_RANK[severity] * 1_000_000 + (days + 10_000) * 10 + NOTICE_KINDS.indexOf(kind as (typeof NOTICE_KINDS)[number]);
}

function channelsOf(occ: Occurrence, input: PolicyInput): [NoticeChannel, string[]][] {
  const { users, groups } = input.recipients;
  const out: [NoticeChannel, string[]][] = [["robot", users]];
  if (input.settings.groupKinds.includes(occ.kind)) out.push(["group", groups]);
  if (occ.ding) out.push(["ding", users]);
  return out.filter(([, r]) => r.length > 0);
}

function notice(occ: Occurrence, facts: NoticeFacts, times: [Date, Date], channel: NoticeChannel, recipients: string[]): DueNotice {
  return {
    contractId: facts.contractId, kind: occ.kind, dueKey: occ.dueKey, severity: occ.severity, channel, recipients, facts,
    fireAt: times[0], sendAt: times[1], urgent: occ.urgent, rank: rankOf(occ.severity, facts, occ.kind),
    ...(channel === "ding" && occ.ding ? { dingType: occ.ding } : {}),
  };
}

function indexPreferences(prefs: ReminderPreference[]): Map<number, Map<string, ReminderPreference>> {
  const out = new Map<number, Map<string, ReminderPreference>>();
  for (const p of prefs) {
    const m = out.get(p.contractId) ?? new Map<string, ReminderPreference>();
    m.set(p.kind, p);
    out.set(p.contractId, m);
  }
  return out;
}

/** The order of due notices: most urgent first, then by contract and due key (stable across calls). */
export function byUrgency(a: DueNotice, b: DueNotice): number {
  return a.rank - b.rank || a.contractId - b.contractId || a.dueKey.localeCompare(b.dueKey);
}

/**
 * The notices to send at `now`: for each series only the latest occurrence whose send time has come (earlier
 * unsent ones are superseded), after stop rules, acknowledgements and snoozes, outside quiet hours, one per channel,
 * without recipients who already have it. Most urgent first. With `later`, also notes per contract the earliest
 * instant after `now` at which time alone could change that (a send time to come, a snooze ending, quiet hours ending).
 */
export function dueNotices(input: PolicyInput, later?: Map<number, number>): DueNotice[] {
  const today = businessDate(input.now, input.tz);
  const from = shiftDays(today, -LOOKBACK_DAYS);
  const s = input.settings;
  const longestPeriod = Math.max(s.payment.overdueEveryDays, s.invoice.overdueEveryDays, s.incompleteContract.everyDays, 31);
  const periodicFrom = shiftDays(today, -(PERIODIC_LOOKBACK_DAYS + longestPeriod));
  const deliveries = indexDeliveries(input.deliveries);
  const prefs = indexPreferences(input.preferences);
  const times = new SendTimes(input);
  const ctx = factsContext(input);
  const out: DueNotice[] = [];
  for (const c of input.contracts) {
    const d = deriveContract(c, today, input.retention);
    const occs = scheduledOccurrences(d, input.settings, from, today, today, periodicFrom).filter((o) => o.kind !== "reading_request" || o.cycle[1] >= today);
    if (c.status !== "terminated" && c.status !== "draft") occs.push(...thresholdOccurrences(d, ctx, deliveries.levels, today));
    if (occs.length === 0) continue;
    const bySeries = new Map<string, Occurrence[]>();
    const note = (t: number) => later && t > input.now.getTime() && t < (later.get(c.id) ?? Infinity) && later.set(c.id, t);
    for (const h of holdByPreferences(occs, prefs.get(c.id), times, input.tz)) {
      if (h.snoozedUntil && !h.acknowledged) note(h.snoozedUntil.getTime());
      if (later && !h.acknowledged && !h.snoozedUntil) note(times.of(h.occ)[1].getTime());
      if (h.acknowledged || h.snoozedUntil) continue;
      const key = `${h.occ.kind}|${h.occ.series}`;
      pushTo(bySeries, key, h.occ);
    }
    for (const series of bySeries.values()) {
      const openOf = (o: Occurrence) => deliveries.open.get(`${c.id}|${o.kind}|${o.dueKey}`);
      const due = latestDue(series, times, input.now, input.settings.catchUpDays * 86_400_000, today, (o) => openOf(o) !== undefined);
      if (!due) {
        if (later) noteQuietEnd(series, c.id, input, times, deliveries, note);
        continue;
      }
      const occ = due.occ;
      const facts = noticeFacts(d, occ, today, ctx);
      if (!facts) continue;
      for (const [channel, recipients] of channelsOf(occ, input)) {
        const left = recipients.filter((r) => !deliveries.done.has(deliveryKey(c.id, occ.kind, occ.dueKey, r, channel)) && (!due.late || openOf(occ)!.has(`${r}|${channel}`)));
        if (left.length) out.push(notice(occ, facts, times.of(occ), channel, left.length === recipients.length ? recipients : left));
      }
    }
  }
  return out.sort(byUrgency);
}

/**
 * Every notice that will fire between `from` and `to` (business dates, inclusive), in send order, one per channel,
 * with what holds it back (acknowledged, snoozed, already delivered). Quota crossings appear while pending now.
 */
export function planNotices(input: PolicyInput, range: { from: IsoDate; to: IsoDate; contractIds?: number[] }): PlannedNotice[] {
  const today = businessDate(input.now, input.tz);
  const deliveries = indexDeliveries(input.deliveries);
  const prefs = indexPreferences(input.preferences);
  const times = new SendTimes(input);
  const ctx = factsContext(input);
  const only = range.contractIds ? new Set(range.contractIds) : null;
  const out: PlannedNotice[] = [];
  for (const c of input.contracts) {
    if (only && !only.has(c.id)) continue;
    const d = deriveContract(c, today, input.retention);
    const occs = scheduledOccurrences(d, input.settings, range.from, range.to, today);
    if (today >= range.from && today <= range.to && c.status !== "terminated" && c.status !== "draft") {
      occs.push(...thresholdOccurrences(d, ctx, deliveries.levels, today));
    }
    const held = holdByPreferences(occs, prefs.get(c.id), times, input.tz);
    const live = held.filter((h) => !h.acknowledged && !h.snoozedUntil).map((h) => h.occ);
    for (const h of held) {
      if (h.occ.fireOn < range.from || h.occ.fireOn > range.to || superseded(h.occ, live, times)) continue;
      const sendsOn = businessDate(times.of(h.occ)[1], input.tz); // day counts as of the day it really goes out
      const asOf = sendsOn > today ? sendsOn : today;
      const facts = noticeFacts(d, h.occ, asOf, ctx);
      if (!facts) continue;
      for (const [channel, recipients] of channelsOf(h.occ, input)) {
        const delivered = recipients.every((r) => deliveries.done.has(deliveryKey(c.id, h.occ.kind, h.occ.dueKey, r, channel)));
        out.push({ ...notice(h.occ, facts, times.of(h.occ), channel, recipients), acknowledged: h.acknowledged, snoozedUntil: h.snoozedUntil, delivered });
      }
    }
  }
  return out.sort((a, b) => a.sendAt.getTime() - b.sendAt.getTime() || a.rank - b.rank || a.contractId - b.contractId);
}
