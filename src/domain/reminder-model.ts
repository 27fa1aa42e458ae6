/**
 * Vocabulary of reminders: notice kinds, channels, the schedule settings the policy reads, and the policy's inputs and
 * outputs. Pure data; dates are business dates (`YYYY-MM-DD`) and instants are `Date`s in UTC.
 */
import type { ContractTerms } from "./contract-timeline.js";
import type { Clause, ContractStatus, IsoDate, QuotaTerm, UsageEntry } from "./model.js";
import type { PerKindAllowance } from "./per-kind-allowance.js";

/** Every kind of notice the steward sends (config/reminders.schema.ts keeps the same list; a test checks). */
export const NOTICE_KINDS = [
  "renewal", "data_deletion", "consumable_lapse", "quota_threshold", "payment_deadline", "invoice_deadline",
  "reading_request", "incomplete_contract",
] as const;
/** A kind of notice. */
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** Where a notice goes: robot 1:1 to each admin, the admin group(s), or a DING. */
export type NoticeChannel = "robot" | "group" | "ding";

/** How urgent a notice is; digests list critical first. */
export type Severity = "info" | "warning" | "critical";

/** DING flavour: 1 in-app, 2 SMS, 3 phone call. */
export type DingType = 1 | 2 | 3;

/** When notices may go out: a daily window, on working days only unless the notice is urgent and may override. */
export interface QuietHours {
  start: string;
  end: string;
  workingDaysOnly: boolean;
  urgentOverride: boolean;
}

/** The schedule of every kind (settings.reminders; all offsets are whole days). */
export interface ReminderSettings {
  sendTime: string;
  /** A dated notice more than this many days past its send time is not sent any more (the next one speaks). */
  catchUpDays: number;
  quietHours: QuietHours;
  renewal: { daysBefore: number[]; graceDays: number; graceEveryDays: number };
  dataDeletion: { daysBefore: number[] };
  consumableLapse: { daysBefore: number[] };
  quotaThresholds: { percents: number[] };
  payment: { daysBefore: number[]; overdueEveryDays: number };
  invoice: { daysBefore: number[]; overdueEveryDays: number };
  readingRequest: { dayOfMonth: number; metrics: string[] };
  incompleteContract: { everyDays: number };
  ding: { renewalWithinDays: number; deletionDaysBefore: number[]; escalation: { remindType: 2 | 3 | null; daysBefore: number[] } };
  groupKinds: readonly string[];
}

/** What happens to data after expiry (settings.dataRetention). */
export interface RetentionSettings {
  chatHistoryDays: number;
  driveGraceDays: number;
  freeStorageGb: number;
}

/**
 * One quota of a contract as the policy sees it; `label` is the entitlement's display name when known, `perKind` the
 * "各N次" allowance its annex row states (usage is then counted against N × kinds).
 */
export type ReminderQuota = QuotaTerm & { label?: string | null; perKind?: PerKindAllowance | null };

/** A contract with what the policy needs: its terms, status, successor, quotas, ledger and (optionally) clauses. */
export interface ReminderContract {
  id: number;
  orgName: string;
  status: ContractStatus;
  /** Business date the contract was stored (the cadence of "please complete the data" notices starts there). */
  createdOn: IsoDate;
  terms: ContractTerms;
  /** A contract linked as this one's renewal, if any. */
  renewedBy: { id: number; startsOn: IsoDate | null } | null;
  quotas: ReminderQuota[];
  usage: UsageEntry[];
  /** Only needed for data-deletion facts (clause citations); omitted in bulk planning. */
  clauses?: Clause[];
}

/** Acknowledgement and snooze of one kind of notice for one contract. */
export interface ReminderPreference {
  contractId: number;
  kind: string;
  snoozedUntil: Date | null;
  acknowledgedOn: IsoDate | null;
}

/** A delivery row as far as the policy cares. */
export interface PastDelivery {
  contractId: number;
  kind: string;
  dueKey: string;
  recipient: string;
  channel: string;
  status: "pending" | "sent" | "failed" | "skipped";
}

/** Who receives notices: subscribed admins (robot, DING) and admin groups. */
export interface Recipients {
  users: string[];
  groups: string[];
}

/** Everything `dueNotices` needs. */
export interface PolicyInput {
  now: Date;
  tz: string;
  settings: ReminderSettings;
  retention: RetentionSettings;
  contracts: ReminderContract[];
  deliveries: PastDelivery[];
  preferences: ReminderPreference[];
  recipients: Recipients;
}

/** JSON-ready facts of a notice (dates as `YYYY-MM-DD`, amounts in fen); the wording is the presenter's. */
export type NoticeFacts = Record<string, unknown> & { contractId: number; orgName: string };

/** One notice due on one channel to some recipients. */
export interface DueNotice {
  contractId: number;
  kind: NoticeKind;
  dueKey: string;
  severity: Severity;
  channel: NoticeChannel;
  recipients: string[];
  facts: NoticeFacts;
  /** The scheduled instant (date at the send time) and the first instant quiet hours allow. */
  fireAt: Date;
  sendAt: Date;
  /** May go out on a non-working day (T-0, final deletion notices). */
  urgent: boolean;
  /** DING flavour wanted (ding channel only). */
  dingType?: DingType;
  /** Sort key inside a digest: lower is more urgent. */
  rank: number;
}

/** One planned notice in a preview, with the stop rules that hold it back. */
export interface PlannedNotice extends DueNotice {
  acknowledged: boolean;
  snoozedUntil: Date | null;
  /** Already delivered to every recipient on this channel. */
  delivered: boolean;
}
