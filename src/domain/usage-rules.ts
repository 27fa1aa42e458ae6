/**
 * What a usage figure must look like before it enters the ledger, whatever the edge (bot, page, CLI): a finite,
 * non-negative number no larger than {@link MAX_USAGE_AMOUNT}; a delta above zero; a whole number for units that are
 * counted (messages, minutes, calls, uses, seats…); and a figure more than {@link CONFIRM_OVER_LIMIT_FACTOR}× the quota
 * limit only after an explicit confirmation. Free-text notes lose control characters, lone surrogates and bidi
 * overrides. Pure.
 */
import type { QuotaUnit } from "./model.js";

/** Largest amount accepted at all (1 万亿); larger figures are typing mistakes. */
export const MAX_USAGE_AMOUNT = 1e12;

/** A figure above this multiple of the quota limit is stored only after the admin confirms it. */
export const CONFIRM_OVER_LIMIT_FACTOR = 2;

/** Units that may carry fractions (drive space in GB, hours); every other unit is counted in whole numbers. */
const FRACTIONAL_UNITS: ReadonlySet<string> = new Set(["gb", "hour"]);

/** Why a usage figure is refused (or held for confirmation: `over_limit`). */
export type UsageAmountProblem = "not_finite" | "negative" | "zero" | "too_large" | "fraction" | "over_limit";

/** True when the unit is counted in whole numbers (DING messages, minutes, API calls, uses, seats, devices…). */
export function isWholeNumberUnit(unit: QuotaUnit | string): boolean {
  return !FRACTIONAL_UNITS.has(unit);
}

/** Problems that need no quota: not a finite number, negative, zero for a delta, above {@link MAX_USAGE_AMOUNT}. */
export function basicAmountProblem(amount: number, kind: "delta" | "reading"): UsageAmountProblem | null {
  if (typeof amount !== "number" || !Number.isFinite(amount)) return "not_finite";
  if (amount < 0) return "negative";
  if (amount === 0 && kind === "delta") return "zero";
  if (amount > MAX_USAGE_AMOUNT) return "too_large";
  return null;
}

/**
 * Every problem of `amount` against the quota it is recorded on, most basic first; `over_limit` only when the figure
 * exceeds {@link CONFIRM_OVER_LIMIT_FACTOR}× a positive limit. Null when it may be stored as it is.
 */
export function usageAmountProblem(amount: number, kind: "delta" | "reading", quota: { unit: QuotaUnit | string; limit: number }): UsageAmountProblem | null {
  const basic = basicAmountProblem(amount, kind);
  if (basic) return basic;
  if (isWholeNumberUnit(quota.unit) && !Number.isInteger(amount)) return "fraction";
  if (quota.limit > 0 && amount > quota.limit * CONFIRM_OVER_LIMIT_FACTOR) return "over_limit";
  return null;
}

/** C0/C1 control characters except tab and newline, and DEL. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/** Bidirectional embeddings, overrides and isolates (Trojan-source style reordering) and directional marks. */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** A high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Free text safe to store and show: control characters, bidi controls and lone surrogates removed, tabs and newlines
 * turned into spaces, runs of spaces collapsed, trimmed.
 */
export function cleanFreeText(s: string): string {
  return s.replace(LONE_SURROGATE, "").replace(CONTROL, "").replace(BIDI, "").replace(/[\t\n]+/g, " ").replace(/ {2,}/g, " ").trim();
}
