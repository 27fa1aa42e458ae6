/**
 * The dated occurrences of every scheduled notice of one contract: renewal countdown and grace, data deletion,
 * consumable lapse, payment and invoice deadlines, the monthly reading request, and "please complete the contract".
 * Pure; an occurrence is a date and a stable key, the facts are added later (reminder-facts.ts).
 */
import { daysInMonth, maxDate, minDate, nextPeriodStart, parseIsoDate } from "./business-calendar.js";
import { dayDiff, shiftDays } from "./day-numbers.js";
import { contractTimeline, type ContractTimeline } from "./contract-timeline.js";
import type { IsoDate } from "./model.js";
import type { DingType, NoticeKind, ReminderContract, ReminderSettings, RetentionSettings, Severity } from "./reminder-model.js";

/** One scheduled firing of a notice. */
export interface Occurrence {
  kind: NoticeKind;
  /** Unique per contract and kind; part of the delivery key. */
  dueKey: string;
  /** Occurrences of one series supersede each other: only the latest due one is sent. */
  series: string;
  fireOn: IsoDate;
  /** Exact instant when it is not the send time of `fireOn` (quota crossings, snooze returns). */
  fireAt?: Date;
  urgent: boolean;
  severity: Severity;
  /** DING wanted (0 = none). */
  ding: DingType | 0;
  /** The date the countdown counts to, and the days before it (negative after). */
  eventOn: IsoDate;
  offset: number;
  /** The days an acknowledgement made on any of them covers. */
  cycle: [IsoDate, IsoDate];
  /** Facts fixed when the occurrence is found (quota crossings). */
  extra?: Record<string, unknown>;
}

/** A contract with its derived dates, or the reason they cannot be derived. */
export interface DerivedContract {
  contract: ReminderContract;
  timeline: ContractTimeline | null;
  problem: { kind: "missing_dates" | "end_before_start" | "invalid_dates"; fields: string[]; message: string } | null;
  renewed: boolean;
  /** First day data is lost without renewal (chat history falls back / drive data at risk). */
  lossOn: IsoDate | null;
}

const EVER: [IsoDate, IsoDate] = ["0000-01-01", "9999-12-31"];
/** Units whose unused remainder lapses at the end of the contract year or term. */
export const LAPSING_UNITS: ReadonlySet<string> = new Set(["message", "minute", "use"]);
const CRITICAL_FIELDS = new Set(["startsOn", "termMonths", "signedOn"]);

/**
 * Derives dates once per contract as of `today`; malformed or contradictory dates become a `problem`. Deadlines
 * already met (paid, invoiced) are left out: they cause no notice, and working-day counting is the costly part.
 */
export function deriveContract(c: ReminderContract, today: IsoDate, retention: RetentionSettings): DerivedContract {
  let timeline: ContractTimeline;
  try {
    const t = c.terms;
    const open = { ...t, paymentTerm: t.paidOn ? null : t.paymentTerm, invoiceTerm: t.invoicedOn ? null : t.invoiceTerm };
    timeline = contractTimeline(open, today, { chatHistoryDays: retention.chatHistoryDays, driveGraceDays: retention.driveGraceDays });
  } catch (err) {
    const message = (err as Error).message;
    const kind = /before it starts/.test(message) ? "end_before_start" : "invalid_dates";
    return { contract: c, timeline: null, problem: { kind, fields: ["startsOn", "endsOn"], message }, renewed: false, lossOn: null };
  }
  const fields = timeline.missing.filter((f) => CRITICAL_FIELDS.has(f));
  const problem = fields.length ? { kind: "missing_dates" as const, fields, message: `missing ${fields.join(", ")}` } : null;
  const endsOn = timeline.endsOn;
  const successor = c.renewedBy;
  const renewed = c.status === "renewed"
    || (successor !== null && endsOn !== null && (successor.startsOn === null || dayDiff(successor.startsOn, shiftDays(endsOn, 1)) >= 0));
  const lossOn = endsOn && timeline.chatHistory && timeline.driveDataRiskOn ? minDate(timeline.chatHistory.fallbackOn, timeline.driveDataRiskOn) : null;
  return { contract: c, timeline, problem, renewed, lossOn };
}

function inRange(date: IsoDate, from: IsoDate, to: IsoDate): boolean {
  return date >= from && date <= to;
}

function countdownSeverity(offset: number): Severity {
  if (offset <= 3) return "critical";
  return offset <= 14 ? "warning" : "info";
}

function finalDing(s: ReminderSettings, offset: number): DingType {
  const e = s.ding.escalation;
  return e.remindType !== null && e.daysBefore.includes(offset) ? e.remindType : 1;
}

function renewal(d: DerivedContract, s: ReminderSettings, from: IsoDate, to: IsoDate, today: IsoDate): Occurrence[] {
  const endsOn = d.timeline?.endsOn;
  if (!endsOn || d.renewed || dayDiff(endsOn, today) > s.renewal.graceDays) return [];
  const cycle: [IsoDate, IsoDate] = [EVER[0], shiftDays(endsOn, s.renewal.graceDays + 1)];
  const softened = d.contract.status === "renewing";
  const out: Occurrence[] = [];
  const push = (offset: number, dueKey: string) => {
    const fireOn = shiftDays(endsOn, -offset);
    if (!inRange(fireOn, from, to)) return;
    const ding = !softened && offset >= 0 && offset <= s.ding.renewalWithinDays ? finalDing(s, offset) : 0;
    out.push({ kind: "renewal", dueKey, series: "renewal", fireOn, urgent: offset === 0, severity: countdownSeverity(offset), ding, eventOn: endsOn, offset, cycle });
  };
  for (const n of s.renewal.daysBefore) push(n, `T-${n}@${endsOn}`);
  for (let k = s.renewal.graceEveryDays; k <= s.renewal.graceDays; k += s.renewal.graceEveryDays) push(-k, `T+${k}@${endsOn}`);
  return out;
}

function deletion(d: DerivedContract, s: ReminderSettings, from: IsoDate, to: IsoDate, today: IsoDate): Occurrence[] {
  const lossOn = d.lossOn;
  if (!lossOn || d.renewed || lossOn < today) return [];
  const cycle: [IsoDate, IsoDate] = [EVER[0], lossOn];
  return s.dataDeletion.daysBefore
    .map((n): Occurrence => {
      const final = s.ding.deletionDaysBefore.includes(n);
      return {
        kind: "data_deletion", dueKey: `del-${n}@${lossOn}`, series: "data_deletion", fireOn: shiftDays(lossOn, -n), urgent: final,
        severity: countdownSeverity(n), ding: final ? finalDing(s, n) : 0, eventOn: lossOn, offset: n, cycle,
      };
    })
    .filter((o) => inRange(o.fireOn, from, to));
}

/** Last days of the windows in which consumables lapse: each contract-year end (year quotas) and the term end. */
export function lapseDates(d: DerivedContract): { lapsesOn: IsoDate; windowStart: IsoDate; periods: string[] }[] {
  const t = d.timeline;
  if (!t?.endsOn) return [];
  const lapsing = d.contract.quotas.filter((q) => LAPSING_UNITS.has(q.unit) && (q.period === "year" || q.period === "term"));
  if (lapsing.length === 0) return [];
  const out: { lapsesOn: IsoDate; windowStart: IsoDate; periods: string[] }[] = [];
  const startsOn = t.startsOn;
  let windowStart = startsOn ?? t.endsOn;
  if (startsOn && lapsing.some((q) => q.period === "year")) {
    for (let k = 1; k < 100; k++) {
      const end = shiftDays(nextPeriodStart(startsOn, 12 * k), -1);
      if (dayDiff(end, t.endsOn) <= 0) break;
      out.push({ lapsesOn: end, windowStart, periods: ["year"] });
      windowStart = shiftDays(end, 1);
    }
  }
  out.push({ lapsesOn: t.endsOn, windowStart, periods: [...new Set(lapsing.map((q) => q.period))] });
  return out;
}

function lapse(d: DerivedContract, s: ReminderSettings, from: IsoDate, to: IsoDate, today: IsoDate): Occurrence[] {
  const out: Occurrence[] = [];
  for (const w of lapseDates(d)) {
    if (w.lapsesOn < today) continue;
    for (const n of s.consumableLapse.daysBefore) {
      const fireOn = shiftDays(w.lapsesOn, -n);
      if (!inRange(fireOn, from, to)) continue;
      out.push({
        kind: "consumable_lapse", dueKey: `lapse-${n}@${w.lapsesOn}`, series: `lapse@${w.lapsesOn}`, fireOn, urgent: false,
        severity: n <= 7 ? "warning" : "info", ding: 0, eventOn: w.lapsesOn, offset: n, cycle: [w.windowStart, w.lapsesOn],
      });
    }
  }
  return out;
}

/** Overdue nags after a deadline: every `every` days at most this many times, then monthly until the term ends. */
const OVERDUE_FREQUENT = 4;
const OVERDUE_MONTHLY_DAYS = 30;

function deadline(
  kind: "payment_deadline" | "invoice_deadline", prefix: string, dueOn: IsoDate | null | undefined,
  plan: { daysBefore: number[]; overdueEveryDays: number }, from: IsoDate, to: IsoDate, termEndsOn: IsoDate | null,
): Occurrence[] {
  if (!dueOn) return [];
  const out: Occurrence[] = [];
  const series = `${prefix}@${dueOn}`;
  const push = (offset: number, dueKey: string) => {
    const fireOn = shiftDays(dueOn, -offset);
    if (!inRange(fireOn, from, to)) return;
    const severity: Severity = offset < 0 ? "critical" : offset <= 3 ? "warning" : "info";
    out.push({ kind, dueKey, series, fireOn, urgent: false, severity, ding: 0, eventOn: dueOn, offset, cycle: EVER });
  };
  for (const n of plan.daysBefore) push(n, `${prefix}-${n}@${dueOn}`);
  const every = plan.overdueEveryDays;
  for (let k = 1; k <= OVERDUE_FREQUENT; k++) push(-k * every, `${prefix}+${k * every}@${dueOn}`);
  const last = OVERDUE_FREQUENT * every;
  const until = termEndsOn && termEndsOn < to ? termEndsOn : to;
  const firstM = Math.max(1, Math.ceil((dayDiff(dueOn, from) - last) / OVERDUE_MONTHLY_DAYS));
  for (let m = firstM; shiftDays(dueOn, last + m * OVERDUE_MONTHLY_DAYS) <= until; m++) {
    const days = last + m * OVERDUE_MONTHLY_DAYS;
    push(-days, `${prefix}+${days}@${dueOn}`);
  }
  return out;
}

function reading(d: DerivedContract, s: ReminderSettings, from: IsoDate, to: IsoDate): Occurrence[] {
  const t = d.timeline;
  if (!t?.startsOn || !t.endsOn) return [];
  const wanted = new Set(s.readingRequest.metrics);
  if (!d.contract.quotas.some((q) => wanted.has(q.metric))) return [];
  const out: Occurrence[] = [];
  let [y, m] = parseIsoDate(maxDate(from, t.startsOn));
  for (let i = 0; i < 2400; i++) {
    const first = `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-01`;
    if (first > to || first > t.endsOn) break;
    const fireOn = shiftDays(first, Math.min(s.readingRequest.dayOfMonth, daysInMonth(y, m)) - 1);
    const month = first.slice(0, 7);
    if (inRange(fireOn, from, to) && inRange(fireOn, t.startsOn, t.endsOn)) {
      out.push({
        kind: "reading_request", dueKey: `read@${month}`, series: "reading", fireOn, urgent: false, severity: "info", ding: 0,
        eventOn: fireOn, offset: 0, cycle: [first, shiftDays(nextPeriodStart(first, 1), -1)],
      });
    }
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
  return out;
}

function incomplete(d: DerivedContract, s: ReminderSettings, from: IsoDate, to: IsoDate): Occurrence[] {
  if (!d.problem) return [];
  const start = d.contract.createdOn;
  const every = s.incompleteContract.everyDays;
  const out: Occurrence[] = [];
  for (let k = Math.max(0, Math.ceil(dayDiff(start, from) / every)); shiftDays(start, k * every) <= to; k++) {
    const fireOn = shiftDays(start, k * every);
    out.push({ kind: "incomplete_contract", dueKey: `fix@${fireOn}`, series: "incomplete", fireOn, urgent: false, severity: "warning", ding: 0, eventOn: fireOn, offset: 0, cycle: EVER });
  }
  return out;
}

/**
 * Every scheduled occurrence of the contract firing between `from` and `to` (inclusive) under the stop rules that
 * depend on the contract alone: terminated and draft contracts get nothing; renewed ones no renewal or deletion
 * notices; paid / invoiced deadlines stop; consumables already lapsed are not announced. Repeating series (overdue
 * deadlines, monthly readings, incomplete data) start at `periodicFrom` when given, which bounds the work.
 */
export function scheduledOccurrences(
  d: DerivedContract, s: ReminderSettings, from: IsoDate, to: IsoDate, today: IsoDate, periodicFrom: IsoDate = from,
): Occurrence[] {
  const status = d.contract.status;
  if (status === "terminated" || status === "draft") return [];
  const pf = maxDate(from, periodicFrom);
  const quiet = quietFrom(d, s);
  const until = quiet && quiet <= to ? shiftDays(quiet, -1) : to;
  if (until < from) return [];
  const out = incomplete(d, s, pf, until);
  const t = d.timeline;
  if (!t) return out;
  out.push(...renewal(d, s, from, to, today), ...deletion(d, s, from, to, today), ...lapse(d, s, from, to, today), ...reading(d, s, pf, to));
  if (t.payment && t.payment.status !== "met") out.push(...deadline("payment_deadline", "pay", t.payment.dueOn, s.payment, pf, until, t.endsOn));
  if (t.invoice && t.invoice.status !== "met") out.push(...deadline("invoice_deadline", "inv", t.invoice.dueOn, s.invoice, pf, until, t.endsOn));
  return out;
}

/**
 * The first day nothing more is said about a term: the day after its renewal grace and its last data-deletion notice
 * (null while the end date is unknown). A contract long over goes quiet instead of nagging about it for ever.
 */
export function quietFrom(d: DerivedContract, s: ReminderSettings): IsoDate | null {
  const endsOn = d.timeline?.endsOn;
  if (!endsOn) return null;
  const grace = shiftDays(endsOn, s.renewal.graceDays);
  return shiftDays(d.lossOn && d.lossOn > grace ? d.lossOn : grace, 1);
}
