/**
 * Core vocabulary of the steward: the value types every layer agrees on.
 * Pure data, no behaviour; dates are business dates (`YYYY-MM-DD`, Asia/Shanghai) unless named `...At`
 * (an instant, a `Date` in UTC).
 */

/** A calendar date in business time, `YYYY-MM-DD`. */
export type IsoDate = string;

/** Lifecycle of a contract; drives which reminders are due. */
export const CONTRACT_STATUSES = ["draft", "active", "renewing", "renewed", "expired", "terminated"] as const;
/** Lifecycle of a contract; drives which reminders are due. */
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

/** How a quota replenishes: each contract year, each calendar month, once per term, or never consumed (a cap). */
export const QUOTA_PERIODS = ["year", "month", "term", "none"] as const;
/** How a quota replenishes. */
export type QuotaPeriod = (typeof QUOTA_PERIODS)[number];

/** Units a quota is counted in (spec/contract-json.md). */
export const QUOTA_UNITS = [
  "message", "minute", "meeting", "person", "hour", "room", "gb", "use", "qps", "call", "flow", "api", "device", "map", "account",
] as const;
/** Units a quota is counted in. */
export type QuotaUnit = (typeof QUOTA_UNITS)[number];

/** Entitlement categories: 功能类 / 服务类 / 权益类. */
export type EntitlementCategory = "feature" | "service" | "benefit";

/** Unit of a contractual deadline. */
export type DeadlineUnit = "day" | "working_day" | "month";
/** Event a deadline counts from. */
export type DeadlineAnchor = "signing" | "payment" | "request" | "start";

/** A contractual deadline such as "within 5 working days of payment", with an optional late penalty. */
export interface DeadlineTerm {
  within: { value: number; unit: DeadlineUnit };
  from: DeadlineAnchor;
  /** Fraction of the contract amount charged per day late (0.002 = 0.2 %/day), or null. */
  latePenaltyRatePerDay?: number | null;
}

/** One quota as written in a contract: a limit of a metric per period. */
export interface QuotaTerm {
  metric: string;
  limit: number;
  unit: QuotaUnit;
  period: QuotaPeriod;
}

/** Where a usage figure came from. */
export const USAGE_SOURCES = ["manual", "bot", "api", "self", "import"] as const;
/** Where a usage figure came from. */
export type UsageSource = (typeof USAGE_SOURCES)[number];

/**
 * One ledger entry: either a consumption `delta` (e.g. 30 DING messages sent) or an absolute `reading`
 * (e.g. storage used is 812 GB as of occurredAt). Entries are never edited; an undo appends nothing and
 * instead marks the entry revoked (`revokedAt`), so the history stays auditable.
 */
export interface UsageEntry {
  id?: number;
  metric: string;
  kind: "delta" | "reading";
  amount: number;
  occurredAt: Date;
  source: UsageSource;
  recordedBy?: string | null;
  note?: string | null;
  revokedAt?: Date | null;
}

/** Clause tags (spec/contract-json.md). */
export const CLAUSE_TAGS = [
  "payment", "invoice", "no_refund", "renewal", "termination", "data_retention", "data_deletion", "liability_cap",
  "penalty", "confidentiality", "force_majeure", "dispute", "change_notice",
] as const;
/** Clause tags. */
export type ClauseTag = (typeof CLAUSE_TAGS)[number];

/** A numbered clause of the contract, the unit of citation ("附件 2.4"). */
export interface Clause {
  part: "body" | "annex";
  ref: string;
  text: string;
  tags: ClauseTag[];
}
