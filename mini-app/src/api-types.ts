/**
 * THE JSON contract between the Koa API and the workbench page (documented in docs/api.md).
 * Pure types, no runtime code: the backend presenter may import them to prove it conforms.
 * Dates are business dates `YYYY-MM-DD` (Asia/Shanghai); fields named `at`/`asOf`/`expiresAt` are ISO instants.
 * Money is integer fen (1 yuan = 100 fen).
 */

/** A calendar date in business time, `YYYY-MM-DD`. */
export type IsoDate = string;
/** An instant, ISO 8601 with offset or `Z` (e.g. `2024-03-31T01:10:00.000Z`). */
export type IsoInstant = string;

/** Every error answer: `{ error: { code, message } }` with a stable snake_case code. */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

/** Every success answer wraps its payload in `data`. */
export interface ApiOk<T> {
  data: T;
}

/** The signed-in person as the page sees them. */
export interface Viewer {
  userId: string;
  name: string;
  isAdmin: boolean;
}

/** `POST /api/miniapp/session` body: a DingTalk free-login code, or a demo request outside DingTalk. */
export type SessionRequest = { authCode: string; corpId: string } | { demo: true };

/** `POST /api/miniapp/session` answer: a short-lived bearer token kept in memory by the page. */
export interface Session {
  token: string;
  expiresAt: IsoInstant;
  user: Viewer;
  demo: boolean;
}

/** Contract lifecycle. */
export type ContractStatus = "draft" | "active" | "renewing" | "renewed" | "expired" | "terminated";
/** State of a payment or invoice deadline. */
export type DeadlineStatus = "pending" | "met" | "overdue" | "unknown";

/** The customer's payment deadline and whether it was met. */
export interface PaymentView {
  deadline: IsoDate | null;
  status: DeadlineStatus;
  paidOn: IsoDate | null;
  daysOverdue: number;
}

/** The vendor's invoice deadline, its state and the late penalty accrued so far. */
export interface InvoiceView {
  deadline: IsoDate | null;
  status: DeadlineStatus;
  invoicedOn: IsoDate | null;
  daysOverdue: number;
  /** Penalty accrued so far in fen (0 when none). */
  penaltyFen: number;
  /** Fraction of the amount per day late (0.002 = 0.2 %/day), or null when the contract sets none. */
  ratePerDay: number | null;
}

/** The current contract as shown on the card. */
export interface ContractView {
  id: number | string;
  title: string;
  product: string;
  customer: string;
  vendors: string[];
  amountFen: number;
  /** The amount in Chinese capitals as written in the contract, or null. */
  amountWords: string | null;
  /** True when the capitals agree with the digits (or are absent). */
  amountWordsOk: boolean;
  startsOn: IsoDate;
  endsOn: IsoDate;
  termMonths: number;
  /** Days until `endsOn` (negative once expired). */
  daysLeft: number;
  /** Share of the term elapsed, 0..1. */
  progress: number;
  status: ContractStatus;
  payment: PaymentView;
  invoice: InvoiceView;
}

/** How a quota replenishes. */
export type QuotaPeriod = "year" | "month" | "term" | "none";
/** Where a usage figure came from. */
export type UsageSource = "manual" | "bot" | "api" | "self" | "import";
/** How a usage figure is recorded: a consumption delta or an absolute reading. */
export type UsageKind = "delta" | "reading";

/** The latest ledger entry of a quota (optional; lets the page echo what was recorded). */
export interface UsageEntryView {
  kind: UsageKind;
  amount: number;
  note: string | null;
  recordedBy: string | null;
  at: IsoInstant;
}

/** One quota with its usage in the current window. */
export interface QuotaView {
  metric: string;
  /** Display name of the metric (optional; the page has labels for catalog metrics). */
  label?: string;
  /** A QuotaUnit of spec/contract-json.md (`minute`, `message`, `gb`…). */
  unit: string;
  /** The unit in words in the page's language ("分钟", "runs"), optional; the page has labels as a fallback. */
  unitLabel?: string;
  period: QuotaPeriod;
  limit: number;
  used: number | null;
  remaining: number | null;
  /** used / limit × 100 (may exceed 100), or null without usage. */
  percent: number | null;
  overLimit: boolean;
  window: { start: IsoDate; end: IsoDate } | null;
  asOf: IsoInstant | null;
  source: UsageSource | null;
  /** Where the figure came from, in words in the page's language (optional; the page has labels as a fallback). */
  sourceLabel?: string | null;
  /** Age in days of the latest figure when it is older than a month, else null (optional). */
  staleDays?: number | null;
  /**
   * "各N次": `each` uses for each kind of data the annex row names (`kinds`, possibly none), and the allowance in
   * words (`text`, e.g. "组织架构、成员信息各 1 次"); `limit` is then each × kinds. Null or absent for other quotas.
   */
  perKind?: { each: number; kinds: string[]; text: string } | null;
  forecast: { exhaustsOn: IsoDate | null; unusedAtWindowEnd: number | null } | null;
  /**
   * How the usage form records this metric; null = not recordable (a cap such as concurrency).
   * Optional: when absent the page infers delta for year/month/term quotas and reading for `gb` caps.
   */
  recordAs?: UsageKind | null;
  /** Latest ledger entry, optional. */
  lastEntry?: UsageEntryView | null;
  /** The window's ledger as running totals, one point per entry, oldest first (optional; drawn as the chart). */
  series?: UsagePoint[];
}

/** One point of a usage chart: the business date of a ledger entry and the amount used after it. */
export interface UsagePoint {
  date: IsoDate;
  used: number;
}

/** Entitlement categories: 功能类 / 服务类 / 权益类. */
export type EntitlementCategory = "feature" | "service" | "benefit";

/** One entitlement of the contract and its quotas. */
export interface EntitlementView {
  code: string;
  name: string;
  category: EntitlementCategory;
  description: string;
  spec?: string;
  quotas: QuotaView[];
}

/** Kinds of key dates on the timeline. */
export type KeyDateKind = "expiry" | "renewal_reminder" | "data_deletion" | "chat_history" | "lapse" | "payment" | "invoice";
/** Severity shared by key dates and reminders. */
export type Severity = "info" | "warning" | "critical";

/** One dated event on the timeline. */
export interface KeyDate {
  date: IsoDate;
  kind: KeyDateKind;
  severity: Severity;
  label: string;
}

/** A quoted clause backing a consequence. */
export interface ClauseQuote {
  part: "body" | "annex";
  ref: string;
  text: string;
}

/** What happens (e.g. without renewal), with the clauses that say so. */
export interface Consequence {
  date: IsoDate | null;
  title: string;
  text: string;
  clauses: ClauseQuote[];
}

/** A reminder due for the contract. */
export interface UpcomingReminder {
  contractId: number | string;
  kind: string;
  dueKey: string;
  date: IsoDate;
  /** Local time `HH:mm` (Asia/Shanghai). */
  time: string;
  channel: string;
  severity: Severity;
  title: string;
  snoozedUntil: IsoDate | null;
  acknowledged: boolean;
}

/** One reminder delivery attempt. */
export interface ReminderLogEntry {
  at: IsoInstant;
  kind: string;
  channel: string;
  recipient: string;
  status: string;
  error: string | null;
}

/** A past or pending renewal of the contract. */
export interface RenewalView {
  id: number | string;
  startsOn: IsoDate;
  endsOn: IsoDate;
  status: string;
  amountFen: number;
}

/** `GET /api/v1/summary` payload: everything the page shows. */
export interface Summary {
  demo: boolean;
  viewer: Viewer;
  org: { corpId: string; name: string } | null;
  contract: ContractView | null;
  entitlements: EntitlementView[];
  keyDates: KeyDate[];
  consequences: Consequence[];
  reminders: { upcoming: UpcomingReminder[]; log: ReminderLogEntry[] };
  renewals: RenewalView[];
  /** When the server built this summary (optional). */
  generatedAt?: IsoInstant;
  /** What stays after expiry without renewal (optional): free drive space and chat history kept. */
  retention?: { freeStorageGb: number; chatHistoryDays: number };
}

/** `POST /api/v1/usage` body. */
export interface UsageRequest {
  contractId: number | string;
  metric: string;
  amount: number;
  kind: UsageKind;
  note?: string;
}

/** `POST /api/v1/usage` answer: the quota after the entry, and whether it is now above its limit. */
export interface UsageResult {
  quota: QuotaView;
  flagged: boolean;
}

/** `POST /api/v1/reminders/acknowledge` body. */
export interface AcknowledgeRequest {
  contractId: number | string;
  kind: string;
}

/** `POST /api/v1/reminders/snooze` body. */
export interface SnoozeRequest {
  contractId: number | string;
  kind: string;
  days: number;
}

/** `POST /api/v1/renewal` body: what the admin declares about the renewal (as 「已续费」 / 「正在续费」 in chat). */
export interface RenewalRequest {
  contractId: number | string;
  declaration: "renewed" | "renewing";
}

/** `POST /api/v1/renewal` answer: the contract's status before and after. */
export interface RenewalResult {
  contractId: number | string;
  status: string;
  previous: string;
}

/** Answer of the reminder mutations. */
export interface OkResult {
  ok: true;
}

/** `POST /api/v1/contracts/import` answer (multipart field `file`; optional route, see docs/api.md). */
export interface ImportResult {
  contractId: number | string;
  warnings: { code: string; message: string }[];
}
