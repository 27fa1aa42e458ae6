/**
 * The dates that matter in a contract's life: term end, payment and invoice deadlines with their status and late
 * penalty, and what happens to data after expiry. Pure; "today" is a business date the caller passes in.
 */
import { AppError } from "../lib/app-error.js";
import {
  addDays, addMonths, addWorkingDays, daysBetween, holidayDataCovers, nextPeriodStart, parseIsoDate,
} from "./business-calendar.js";
import type { DeadlineAnchor, DeadlineTerm, IsoDate } from "./model.js";

/** What the contract says, as far as it is known; every field may be missing. */
export interface ContractTerms {
  startsOn?: IsoDate | null;
  /** Length of the term in months; ignored when `endsOn` is given. */
  termMonths?: number | null;
  /** Last day of service, inclusive; wins over `startsOn + termMonths`. */
  endsOn?: IsoDate | null;
  signedOn?: IsoDate | null;
  paidOn?: IsoDate | null;
  invoiceRequestedOn?: IsoDate | null;
  invoicedOn?: IsoDate | null;
  paymentTerm?: DeadlineTerm | null;
  invoiceTerm?: DeadlineTerm | null;
  /** Contract amount in fen (分), the base of late penalties. */
  amountFen?: number | null;
}

/** Knobs for the after-expiry dates. */
export interface TimelineOptions {
  /** Days of chat history kept after expiry without renewal (default 180). */
  chatHistoryDays?: number;
  /** Days after the day after expiry before drive data above the free space is at risk (default 0). */
  driveGraceDays?: number;
}

/** Where a deadline stands on a given day. */
export type DeadlineStatus = "pending" | "met" | "overdue";

/** One contractual deadline, resolved against the known dates. */
export interface DeadlineState {
  /** The event it counts from, and that event's date (null when not known or not happened yet). */
  anchor: DeadlineAnchor;
  anchorOn: IsoDate | null;
  /** Last day on which it is met; null while the anchor date is unknown. */
  dueOn: IsoDate | null;
  /** The day it was met (payment date for payment, invoice date for invoice), or null. */
  metOn: IsoDate | null;
  status: DeadlineStatus;
  /** Days from `today` to `dueOn` (0 on the due day) while pending, else null. */
  daysLeft: number | null;
  /** Days past `dueOn`: until `metOn` when met late, until `today` when overdue; 0 when on time or unknown. */
  daysLate: number;
  /** `amountFen × rate × daysLate`, whole fen rounded half up; null when the contract sets no rate or amount. */
  penaltyFen: number | null;
  /** True when working days were counted in a year without holiday data (Mon–Fri assumed). */
  approximate: boolean;
}

/** Everything `contractTimeline` derives; unknown values are null and `missing` names the inputs that were lacking. */
export interface ContractTimeline {
  startsOn: IsoDate | null;
  endsOn: IsoDate | null;
  /** Days from today to the end date: 0 on the end date, negative after it. */
  daysLeft: number | null;
  payment: DeadlineState | null;
  invoice: DeadlineState | null;
  /** Day from which chat history falls back to the last N days, and the earliest day still visible then. */
  chatHistory: { fallbackOn: IsoDate; earliestVisibleOn: IsoDate } | null;
  /** First day data beyond the free drive space may be cleared. */
  driveDataRiskOn: IsoDate | null;
  /** Input names whose absence left something null, e.g. ["termMonths", "paidOn"]. */
  missing: string[];
}

const DEFAULT_CHAT_HISTORY_DAYS = 180;

function invalid(message: string): AppError {
  return new AppError("invalid_input", message);
}

function assertCount(n: number, what: string, allowZero: boolean): void {
  if (!Number.isInteger(n) || n < 0 || (!allowZero && n === 0)) {
    throw invalid(`${what} must be a whole number${allowZero ? " ≥ 0" : " > 0"}, got ${n}; correct the contract data.`);
  }
}

/** Last day (inclusive) of a term of `termMonths` starting on `startsOn` (2023-05-06 + 12 → 2024-05-05). */
export function termEndsOn(startsOn: IsoDate, termMonths: number): IsoDate {
  assertCount(termMonths, "termMonths", false);
  return addDays(nextPeriodStart(startsOn, termMonths), -1);
}

/**
 * Last day to act on a deadline counted from `anchorOn`: calendar days and months start counting the day after
 * the anchor (month ends clamp: 01-31 + 1 month → 02-29); working days skip weekends and Chinese holidays and
 * count 调休 make-up weekends.
 */
export function deadlineDueOn(term: DeadlineTerm, anchorOn: IsoDate): IsoDate {
  const { value, unit } = term.within;
  assertCount(value, "A deadline's `within.value`", true);
  parseIsoDate(anchorOn);
  if (unit === "day") return addDays(anchorOn, value);
  if (unit === "month") return addMonths(anchorOn, value);
  return addWorkingDays(anchorOn, value);
}

/**
 * Late penalty in whole fen: `amountFen × ratePerDay × daysLate`, rounded half up, computed exactly
 * (882000 × 0.002 × 28 = 49392). The rate is honoured to 9 decimal places.
 */
export function latePenaltyFen(amountFen: number, ratePerDay: number, daysLate: number): number {
  assertCount(amountFen, "amountFen", true);
  assertCount(daysLate, "daysLate", true);
  if (!Number.isFinite(ratePerDay) || ratePerDay < 0) {
    throw invalid(`The late penalty rate must be a fraction ≥ 0 per day (0.002 = 0.2 %), got ${ratePerDay}.`);
  }
  const scale = 1_000_000_000n;
  const rateNano = BigInt(Math.round(ratePerDay * 1e9));
  const product = BigInt(amountFen) * rateNano * BigInt(daysLate);
  return Number((product * 2n + scale) / (scale * 2n));
}

/** Status of a deadline on `today`: met once `metOn` is known, overdue after `dueOn`, pending otherwise. */
export function deadlineState(
  term: DeadlineTerm,
  anchorOn: IsoDate | null,
  metOn: IsoDate | null,
  today: IsoDate,
  amountFen: number | null,
): DeadlineState {
  const dueOn = anchorOn ? deadlineDueOn(term, anchorOn) : null;
  let status: DeadlineStatus = "pending";
  let daysLate = 0;
  let daysLeft: number | null = null;
  if (metOn) {
    status = "met";
    if (dueOn) daysLate = Math.max(0, daysBetween(dueOn, metOn));
  } else if (dueOn && daysBetween(dueOn, today) > 0) {
    status = "overdue";
    daysLate = daysBetween(dueOn, today);
  } else if (dueOn) {
    daysLeft = daysBetween(today, dueOn);
  }
  const rate = term.latePenaltyRatePerDay ?? null;
  const penaltyFen = rate !== null && amountFen !== null ? latePenaltyFen(amountFen, rate, daysLate) : null;
  const approximate = term.within.unit === "working_day" && anchorOn !== null && dueOn !== null
    && !holidayDataCovers(anchorOn, dueOn);
  return { anchor: term.from, anchorOn, dueOn, metOn, status, daysLeft, daysLate, penaltyFen, approximate };
}

/** Days from `today` to `endsOn`: 0 on the end date, negative after it. */
export function daysLeft(endsOn: IsoDate, today: IsoDate): number {
  return daysBetween(today, endsOn);
}

/**
 * After expiry without renewal chat history falls back to the last `days` days (default 180), from the day after
 * the end date; the earliest day then still visible is `fallbackOn − days`.
 */
export function chatHistoryFallback(endsOn: IsoDate, days = DEFAULT_CHAT_HISTORY_DAYS): { fallbackOn: IsoDate; earliestVisibleOn: IsoDate } {
  assertCount(days, "chatHistoryDays", false);
  const fallbackOn = addDays(endsOn, 1);
  return { fallbackOn, earliestVisibleOn: addDays(fallbackOn, -days) };
}

/** First day drive data beyond the free space may be cleared: the day after the end date plus `graceDays` (default 0). */
export function driveDataRiskOn(endsOn: IsoDate, graceDays = 0): IsoDate {
  assertCount(graceDays, "driveGraceDays", true);
  return addDays(endsOn, 1 + graceDays);
}

type AnchorField = "signedOn" | "paidOn" | "invoiceRequestedOn" | "startsOn";
const ANCHOR_FIELDS: Record<DeadlineAnchor, AnchorField> = {
  signing: "signedOn", payment: "paidOn", request: "invoiceRequestedOn", start: "startsOn",
};

function resolveEnd(terms: ContractTerms, missing: string[]): IsoDate | null {
  const startsOn = terms.startsOn ?? null;
  if (startsOn) parseIsoDate(startsOn);
  if (terms.endsOn) {
    parseIsoDate(terms.endsOn);
    if (startsOn && daysBetween(startsOn, terms.endsOn) < 0) {
      throw invalid(`The term ends (${terms.endsOn}) before it starts (${startsOn}); correct one of the two dates.`);
    }
    return terms.endsOn;
  }
  if (!startsOn) missing.push("startsOn");
  if (terms.termMonths == null) missing.push("termMonths");
  return startsOn && terms.termMonths != null ? termEndsOn(startsOn, terms.termMonths) : null;
}

function resolveDeadline(
  terms: ContractTerms,
  term: DeadlineTerm | null | undefined,
  termField: string,
  metOn: IsoDate | null,
  today: IsoDate,
  missing: string[],
): DeadlineState | null {
  if (!term) {
    missing.push(termField);
    return null;
  }
  const anchorField = ANCHOR_FIELDS[term.from];
  const anchorOn = terms[anchorField] ?? null;
  if (!anchorOn && !missing.includes(anchorField)) missing.push(anchorField);
  if (metOn) parseIsoDate(metOn);
  return deadlineState(term, anchorOn, metOn, today, terms.amountFen ?? null);
}

/**
 * All derived dates of a contract as of `today` (a business date). Never throws for missing data (those values
 * are null and listed in `missing`); throws AppError('invalid_input') for malformed or contradictory data.
 */
export function contractTimeline(terms: ContractTerms, today: IsoDate, options: TimelineOptions = {}): ContractTimeline {
  parseIsoDate(today);
  const missing: string[] = [];
  const endsOn = resolveEnd(terms, missing);
  const payment = resolveDeadline(terms, terms.paymentTerm, "paymentTerm", terms.paidOn ?? null, today, missing);
  const invoice = resolveDeadline(terms, terms.invoiceTerm, "invoiceTerm", terms.invoicedOn ?? null, today, missing);
  const wantsPenalty = [terms.paymentTerm, terms.invoiceTerm].some((t) => t?.latePenaltyRatePerDay != null);
  if (wantsPenalty && terms.amountFen == null) missing.push("amountFen");
  return {
    startsOn: terms.startsOn ?? null,
    endsOn,
    daysLeft: endsOn ? daysLeft(endsOn, today) : null,
    payment,
    invoice,
    chatHistory: endsOn ? chatHistoryFallback(endsOn, options.chatHistoryDays) : null,
    driveDataRiskOn: endsOn ? driveDataRiskOn(endsOn, options.driveGraceDays) : null,
    missing,
  };
}

/** DingTalk Professional Edition was first sold in 2014: an earlier start date is almost surely a typo. */
const FIRST_PLAUSIBLE_YEAR = 2014;

/**
 * Whether a service start date can be real, as of `today`: "absurd" (before 2000 or more than 10 years ahead — no
 * contract starts then), "unusual" (before 2014 or more than two years ahead — possible, worth a check) or "ok".
 */
export function startDatePlausibility(startsOn: IsoDate, today: IsoDate): "absurd" | "unusual" | "ok" {
  if (startsOn < "2000-01-01" || startsOn > addDays(today, 3660)) return "absurd";
  if (startsOn < `${FIRST_PLAUSIBLE_YEAR}-01-01` || startsOn > addDays(today, 731)) return "unusual";
  return "ok";
}
