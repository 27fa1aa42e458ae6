/**
 * One reminder sweep as of an instant: the contracts due (next-due index) → load → policy → (dry run: every contract,
 * report) → claim, send, mark → record when each may next be due. And the preview of what will fire in a date range.
 * Any number of instances may sweep at once; the delivery claims keep it exactly once.
 */
import { randomBytes } from "node:crypto";
import type { DatabaseClock } from "../db/database-clock.js";
import { addDays, businessDate, isIsoDate } from "../domain/business-calendar.js";
import { CITING_KINDS, withClauses } from "../domain/reminder-facts.js";
import type { DueNotice, NoticeFacts, PlannedNotice, PolicyInput } from "../domain/reminder-model.js";
import { planNotices } from "../domain/reminder-policy.js";
import { AppError } from "../lib/app-error.js";
import type { Messenger } from "./messenger.js";
import { ReminderDispatcher, type DispatchReport } from "./reminder-dispatch.js";
import { loadClauses, loadPolicyInput } from "./reminder-input.js";
import { dueScope, planInSlices, recordNextDue } from "./reminder-next-due.js";
import type { ReminderSenderStatus } from "./reminder-status.js";
import { renderNotice } from "./reminder-text.js";
import type { ServiceDeps } from "./service-deps.js";

/** Options of one sweep. */
export interface SweepOptions {
  /** The instant to sweep as of (default: the clock). */
  now?: Date;
  /** Plan only: nothing is claimed or sent. */
  dryRun?: boolean;
  /** Test hook, see DispatchContext.afterClaim. */
  afterClaim?: (channel: string, claimed: number) => void | Promise<void>;
}

/** What a sweep did (or, dry-run, would do). */
export interface SweepReport extends DispatchReport {
  now: Date;
  dryRun: boolean;
  /** Notices due (one per channel), most urgent first, with their titles. */
  notices: (DueNotice & { title: string })[];
  recipients: { users: number; groups: number };
  /** Contracts the policy looked at: those the next-due index says may have something due (every one on a dry run). */
  planned: number;
}

/** What the sweep runs with besides ServiceDeps. */
export interface SweepRuntime {
  messenger: Messenger;
  dbClock: DatabaseClock;
  /** Told how many deliveries of a kind and channel ended in a status (the service's metrics). */
  onDeliveries?: (labels: { kind: string; channel: string; status: string }, n: number) => void;
  status: ReminderSenderStatus;
  instanceId: string;
}

/** Notices whose wording depends on the clauses, with what their contract's clauses say (one query for all). */
async function cited<N extends { kind: string; contractId: number; facts: NoticeFacts }>(deps: ServiceDeps, notices: N[]): Promise<N[]> {
  const clauses = await loadClauses(deps, [...new Set(notices.filter((n) => CITING_KINDS.has(n.kind)).map((n) => n.contractId))]);
  return notices.map((n) => {
    const k = CITING_KINDS.has(n.kind) ? clauses.get(n.contractId) : undefined;
    return k ? { ...n, facts: withClauses(n.kind, n.facts, k) } : n;
  });
}

/** Runs one sweep; see the module comment. Throws only when the database fails (or a test hook throws). */
export async function runReminderSweep(deps: ServiceDeps, rt: SweepRuntime, opts: SweepOptions = {}): Promise<SweepReport> {
  const now = opts.now ?? deps.clock.now();
  const scope = opts.dryRun ? null : await dueScope(deps, now);
  const input = await loadPolicyInput(deps, now, scope?.contractIds);
  const later = new Map<number, number>();
  const due = await planInSlices(input, later);
  const notices = (await cited(deps, due)).map((n) => ({ ...n, title: renderNotice(n).title }));
  const recipients = { users: input.recipients.users.length, groups: input.recipients.groups.length };
  const empty: DispatchReport = { sent: 0, failed: 0, skipped: 0, taken: 0, messages: 0, dings: 0, pausedUntil: null, outcomes: {} };
  if (recipients.users + recipients.groups === 0 && notices.length === 0 && input.contracts.length > 0) {
    deps.log.warn("reminders: nobody to notify; set STEWARD_ADMIN_USERIDS / STEWARD_ADMIN_GROUPS or let admins subscribe");
  }
  const planned = input.contracts.length;
  if (!scope) return { ...empty, now, dryRun: true, notices, recipients, planned };
  const dispatcher = new ReminderDispatcher(deps, {
    now, instanceId: rt.instanceId, claimToken: `${rt.instanceId.slice(0, 50)}#${randomBytes(6).toString("hex")}`, dbClock: rt.dbClock, messenger: rt.messenger, afterClaim: opts.afterClaim,
    contracts: new Map(input.contracts.map((c) => [c.id, c])),
    facts: { now, tz: input.tz, settings: input.settings, retention: input.retention },
  });
  const report = await dispatcher.dispatch(notices);
  await recordNextDue(deps, scope, input, due, later);
  if (report.pausedUntil) rt.status.notePause(report.pausedUntil, "90020");
  for (const [key, n] of Object.entries(report.outcomes)) {
    const [kind, channel, status] = key.split("|") as [string, string, string];
    rt.onDeliveries?.({ kind, channel, status }, n);
  }
  rt.status.recordSweep({ at: now.toISOString(), due: notices.length, sent: report.sent, failed: report.failed, skipped: report.skipped, messages: report.messages });
  if (notices.length) deps.log.info({ instance: rt.instanceId, due: notices.length, ...report, pausedUntil: report.pausedUntil?.toISOString() ?? null }, "reminder sweep finished");
  return { ...report, now, dryRun: false, notices, recipients, planned };
}

/** A planned notice with its title, for previews and the page. */
export type PreviewEntry = PlannedNotice & { title: string };

/** Range and scope of a preview. */
export interface PreviewOptions {
  contractId?: number;
  from?: string;
  to?: string;
  now?: Date;
}

/** Every notice that will fire between `from` and `to` (default: today and the next 120 days), in send order. */
export async function previewReminders(deps: ServiceDeps, opts: PreviewOptions = {}): Promise<PreviewEntry[]> {
  const now = opts.now ?? deps.clock.now();
  const today = businessDate(now, deps.config.timezone);
  const from = opts.from ?? today;
  for (const [name, v] of [["--from", from], ["--to", opts.to]] as const) {
    if (v !== undefined && !isIsoDate(v)) throw new AppError("invalid_input", `${name} "${v}" is not a date; write it as YYYY-MM-DD, e.g. 2024-05-06.`);
  }
  const to = opts.to ?? addDays(from, 120);
  if (to < from) throw new AppError("invalid_input", `--to (${to}) is before --from (${from}); swap them.`);
  if (addDays(from, 3660) < to) throw new AppError("invalid_input", "The preview range is longer than 10 years; pick a shorter range.");
  const input = await loadPolicyInput(deps, now, opts.contractId === undefined ? undefined : [opts.contractId]);
  if (opts.contractId !== undefined && input.contracts.length === 0) {
    throw new AppError("not_found", `Contract ${opts.contractId} does not exist or is terminated; \`npm run cli -- contract list\` shows the ids.`);
  }
  return (await cited(deps, planNotices(input, { from, to }))).map((n) => ({ ...n, title: renderNotice(n).title }));
}
