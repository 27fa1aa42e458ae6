/**
 * Reminder use cases for every edge (bot, page, CLI, jobs): sweep, preview, upcoming list, delivery log,
 * acknowledge / snooze per kind, subscribe / unsubscribe, and the job-slot claims the scheduler coordinates with.
 */
import { hostname } from "node:os";
import { z } from "zod";
import { databaseClock, type DatabaseClock } from "../db/database-clock.js";
import { AuditRepository } from "../db/repositories/audit.repository.js";
import { ClaimsRepository } from "../db/repositories/claims.repository.js";
import { ReminderRepository } from "../db/repositories/reminder.repository.js";
import type { DingTalkClients } from "../dingtalk/dingtalk-clients.js";
import { addDays, atBusinessTime, businessDate } from "../domain/business-calendar.js";
import { NOTICE_KINDS, type NoticeKind, type Severity } from "../domain/reminder-model.js";
import { resolveRecipients } from "../domain/reminder-policy.js";
import { ContractRepository } from "../db/repositories/contract.repository.js";
import { currentContractId, noContract, requireContractOverview } from "./contract-overview.service.js";
import { createMessenger, type Messenger } from "./messenger.js";
import { ReminderSenderStatus } from "./reminder-status.js";
import { previewReminders, runReminderSweep, type PreviewOptions, type SweepOptions } from "./reminder-sweep.service.js";
import type { ServiceDeps } from "./service-deps.js";
import { parseInput } from "../lib/parse-input.js";

/** How the reminder services send and who they are (tests run several "instances" on one database). */
export interface ReminderServiceOptions {
  messenger?: Messenger;
  /** DingTalk clients main.ts built (shared rate limiter and token); used when no messenger is given. */
  clients?: DingTalkClients;
  instanceId?: string;
  status?: ReminderSenderStatus;
  /** The clock claims are judged on (default: the database's own). */
  dbClock?: DatabaseClock;
  /** Counts settled deliveries (main.ts: `steward_reminders_sent_total`). */
  onDeliveries?: (labels: { kind: string; channel: string; status: string }, n: number) => void;
}

/** A notice in the upcoming list (page, bot, CLI): when, where, and what holds it back. */
export interface UpcomingReminder {
  contractId: number;
  kind: string;
  dueKey: string;
  date: string;
  time: string;
  channel: string;
  recipients: string[];
  severity: Severity;
  title: string;
  snoozedUntil: string | null;
  acknowledged: boolean;
  delivered: boolean;
}

/** One row of the delivery log. */
export interface DeliveryLogEntry {
  at: string;
  contractId: number;
  kind: string;
  dueKey: string;
  channel: string;
  recipient: string;
  status: string;
  attempts: number;
  error: string | null;
  title: string | null;
}

const Kind = z.enum([...NOTICE_KINDS, "all"], { error: `kind must be one of ${NOTICE_KINDS.join(", ")} or all` });
const UserId = z.string().regex(/^[A-Za-z0-9_\-@.+=$/]{1,128}$/, "is not a DingTalk userId");
const Ref = z.object({ contractId: z.number().int().positive().optional(), corpId: z.string().min(1).max(64).optional(), actor: z.string().min(1).max(128) });

const parse = parseInput;

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** HH:MM of `instant` in `tz` (one formatter per zone: building one costs more than formatting with it). */
function localTime(instant: Date, tz: string): string {
  let f = timeFormats.get(tz);
  if (!f) timeFormats.set(tz, (f = new Intl.DateTimeFormat("en-GB", { timeZone: tz, hour: "2-digit", minute: "2-digit", hourCycle: "h23" })));
  return f.format(instant);
}

/** The reminder use cases bound to their dependencies (spread into createServices). */
export function createReminderServices(deps: ServiceDeps, opts: ReminderServiceOptions = {}) {
  const status = opts.status ?? new ReminderSenderStatus(deps.clock, deps.log);
  const instanceId = (opts.instanceId ?? deps.config.instanceId ?? `${hostname()}-${process.pid}`).slice(0, 64);
  let messenger = opts.messenger ?? null;
  const getMessenger = (): Messenger => {
    messenger ??= createMessenger(deps, { clients: opts.clients, onAlert: status.onAlert });
    status.watch(messenger);
    return messenger;
  };
  if (opts.messenger) status.watch(opts.messenger);
  const dbClock = opts.dbClock ?? databaseClock(deps.ds);
  const repo = new ReminderRepository(deps.ds);
  const claims = new ClaimsRepository(deps.ds);
  const audit = new AuditRepository(deps.ds);
  const tz = deps.config.timezone;

  const kindsOf = (kind: NoticeKind | "all"): NoticeKind[] => (kind === "all" ? [...NOTICE_KINDS] : [kind]);
  const contractOf = async (ref: { contractId?: number; corpId?: string }) => (await requireContractOverview(deps, ref)).graph;
  /** The id of the contract `ref` names (or the current one), without building its overview; not_found when none. */
  const contractIdOf = async (ref: { contractId?: number; corpId?: string }): Promise<number> => {
    const id = ref.contractId ?? (await currentContractId(deps, ref.corpId));
    if (id === null || !(await new ContractRepository(deps.ds).exists(id))) throw noContract(ref);
    return id;
  };

  return {
    /** This instance's id in claims and logs. */
    reminderInstanceId: instanceId,
    /** Readiness source "reminders" (register with HealthService). */
    reminderStatus: status,
    /** The outbound messaging port (also the bot's robot 1:1 fallback). */
    messenger: getMessenger,
    /** One sweep as of `now` (default: the clock); dry-run plans only. */
    runReminderSweep: (o: SweepOptions = {}) => runReminderSweep(deps, { messenger: getMessenger(), status, instanceId, dbClock, onDeliveries: opts.onDeliveries }, o),
    /** Timeline of every notice that will fire in a date range. */
    previewReminders: (o: PreviewOptions = {}) => previewReminders(deps, o),
    /** The next notices of one contract (default: the current one) in the next `days` days (default 60). */
    async listUpcoming(o: { contractId?: number; corpId?: string; days?: number } = {}): Promise<UpcomingReminder[]> {
      const contractId = await contractIdOf(o);
      const today = businessDate(deps.clock.now(), tz);
      const entries = await previewReminders(deps, { contractId, from: today, to: addDays(today, Math.min(Math.max(o.days ?? 60, 1), 3650)) });
      return entries.map((e) => ({
        contractId: e.contractId, kind: e.kind, dueKey: e.dueKey, date: businessDate(e.sendAt, tz), time: localTime(e.sendAt, tz), channel: e.channel,
        recipients: e.recipients, severity: e.severity, title: e.title, snoozedUntil: e.snoozedUntil ? businessDate(e.snoozedUntil, tz) : null,
        acknowledged: e.acknowledged, delivered: e.delivered,
      }));
    },
    /** Newest deliveries (of one contract, or all), with their status and the reason of failures. */
    async deliveryLog(o: { contractId?: number; limit?: number; status?: string } = {}): Promise<DeliveryLogEntry[]> {
      const rows = await repo.deliveryLog({ contractId: o.contractId, limit: Math.min(Math.max(o.limit ?? 50, 1), 1000), status: o.status });
      return rows.map((r) => ({
        at: (r.sentAt ?? r.claimedAt).toISOString(), contractId: r.contractId, kind: r.kind, dueKey: r.dueKey, channel: r.channel,
        recipient: r.recipient, status: r.status, attempts: r.attempts, error: r.lastError, title: (r.payload?.title as string | undefined) ?? null,
      }));
    },
    /** Stops the current cycle of a kind of notice (or "all") for a contract; shared by all admins. */
    async acknowledgeReminder(raw: { contractId?: number; corpId?: string; kind: string; actor: string }) {
      const input = parse(Ref.extend({ kind: Kind }), raw);
      const graph = await contractOf(input);
      const now = deps.clock.now();
      const on = businessDate(now, tz);
      for (const k of kindsOf(input.kind)) await repo.acknowledge(graph.contract.id, k, on, input.actor, now);
      await audit.record({ orgId: graph.org.id, actor: input.actor, action: "reminder.acknowledged", subjectType: "contract", subjectId: String(graph.contract.id), details: { kind: input.kind }, occurredAt: now });
      return { contractId: graph.contract.id, kind: input.kind, acknowledgedOn: on };
    },
    /** Holds a kind of notice (or "all") back for `days` days; it comes back once at the send time of that day. */
    async snoozeReminder(raw: { contractId?: number; corpId?: string; kind: string; days: number; actor: string }) {
      const input = parse(Ref.extend({ kind: Kind, days: z.number({ error: "days must be a number" }).int("days must be a whole number").min(1, "days must be at least 1").max(365, "days must be at most 365") }), raw);
      const graph = await contractOf(input);
      const now = deps.clock.now();
      const until = atBusinessTime(addDays(businessDate(now, tz), input.days), deps.config.settings.reminders.sendTime, tz);
      for (const k of kindsOf(input.kind)) await repo.snooze(graph.contract.id, k, until, input.actor, now);
      await audit.record({ orgId: graph.org.id, actor: input.actor, action: "reminder.snoozed", subjectType: "contract", subjectId: String(graph.contract.id), details: { kind: input.kind, days: input.days, until: until.toISOString() }, occurredAt: now });
      return { contractId: graph.contract.id, kind: input.kind, snoozedUntil: until };
    },
    /** Adds an admin to the reminder recipients. */
    subscribe: (raw: { userId: string; actor: string }) => setSubscription(raw, true),
    /** Removes an admin (configured ones too) from the reminder recipients. */
    unsubscribe: (raw: { userId: string; actor: string }) => setSubscription(raw, false),
    /** Who receives reminders now: configured admins plus subscribers, minus those who unsubscribed; and the groups. */
    async reminderRecipients() {
      const subs = await repo.subscriptions();
      return resolveRecipients({ userIds: deps.config.admins.userIds, groups: deps.config.admins.groups }, subs.map((s) => ({ userId: s.userId, subscribed: s.state === "subscribed" })));
    },
    /** Claims a scheduler slot for this instance; false when another instance has it (node-cron RunCoordinator). */
    claimJobSlot: (job: string, slot: string) => claims.claimJobRun(job.slice(0, 64), slot.slice(0, 64), instanceId, deps.clock.now()),
    /** Records how a claimed slot ended. */
    finishJobSlot: (job: string, slot: string, ok: boolean, error?: string) =>
      claims.finishJobRun(job.slice(0, 64), slot.slice(0, 64), ok ? "succeeded" : "failed", deps.clock.now(), error),
  };

  async function setSubscription(raw: { userId: string; actor: string }, subscribed: boolean) {
    const input = parse(z.object({ userId: UserId, actor: z.string().min(1).max(128) }), raw);
    const now = deps.clock.now();
    await repo.setSubscription(input.userId, subscribed ? "subscribed" : "unsubscribed", input.actor, now);
    await audit.record({ orgId: null, actor: input.actor, action: subscribed ? "reminder.subscribed" : "reminder.unsubscribed", subjectType: "user", subjectId: input.userId, occurredAt: now });
    return { userId: input.userId, subscribed };
  }
}

/** The bound reminder use cases. */
export type ReminderServices = ReturnType<typeof createReminderServices>;
