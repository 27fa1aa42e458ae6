import { ContractRepository } from "../db/repositories/contract.repository.js";
import { AuditRepository } from "../db/repositories/audit.repository.js";
import { ClaimsRepository } from "../db/repositories/claims.repository.js";
import { importContract, type ImportContractInput } from "./contract-import.service.js";
import type { WorkerParseOptions } from "../contract/index.js";
import { getContractOverview, noContract } from "./contract-overview.service.js";
import { declareRenewal, recordUsage, undoLastUsage, type RecordUsageInput } from "./usage.service.js";
import { createReminderServices, type ReminderServiceOptions } from "./reminder.service.js";
import type { ServiceDeps } from "./service-deps.js";
import { updateContractDates } from "./contract-admin.service.js";
import { seedDemo } from "./demo-seed.service.js";
import { seedDemoContracts, type DemoContractsInput } from "./demo-bulk-seed.service.js";
import { searchClauses } from "./clause-search.service.js";
import { ReadCache } from "./read-cache.js";
import { refreshStorageReading } from "./storage-reading.service.js";
import { createBotConfirmations } from "./bot-confirmation.service.js";
import { apiCallsOnDay } from "./api-meter.service.js";
import { TodoSync } from "./todo-sync.service.js";
import { createOrgEventServices } from "./org-events.service.js";
import { undoRenewalDeclaration } from "./renewal-undo.service.js";

type Ref = { contractId?: number; corpId?: string };

/**
 * All use cases, bound to their dependencies once. Edges (http, bot, jobs, cli) only ever see this object.
 * `contractParse` sets the time budget (and heap limit) of the worker that reads uploaded contracts.
 */
export function createServices(deps: ServiceDeps, opts: { reminders?: ReminderServiceOptions; contractParse?: WorkerParseOptions } = {}) {
  const contracts = new ContractRepository(deps.ds);
  const audit = new AuditRepository(deps.ds);
  const reminders = createReminderServices(deps, opts.reminders);
  const todoSync = opts.reminders?.clients ? new TodoSync(deps, opts.reminders.clients) : null;
  const claims = new ClaimsRepository(deps.ds);
  const cache = new ReadCache(deps.config.settings.http.overviewCacheMs);
  const confirmations = createBotConfirmations(deps, { instanceId: reminders.reminderInstanceId });
  const orgOapi = opts.reminders?.clients?.oapi;
  const orgEvents = createOrgEventServices(deps, { instanceId: reminders.reminderInstanceId, countUsers: orgOapi ? () => orgOapi.countUsers() : undefined });
  const minute = () => Math.floor(deps.clock.now().getTime() / 60_000);
  const cachedOverview = (ref: Ref) => cache.get(`overview|${ref.contractId ?? ""}|${ref.corpId ?? ""}|${minute()}`, () => getContractOverview(deps, ref));
  /** Runs a write and then forgets cached overviews, whatever the outcome. */
  const writing = <A extends unknown[], R>(fn: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
    try {
      return await fn(...args);
    } finally {
      cache.clear();
    }
  };
  return {
    deps,
    clock: deps.clock,
    config: deps.config,
    /** Parse (in a worker, within the time budget) + store a contract document (one transaction). */
    importContract: writing((input: ImportContractInput) => importContract(deps, input, opts.contractParse)),
    /** Contract + timeline + quota states as of now, or null (cached for `http.overviewCacheMs`, see ReadCache). */
    overview: (ref: Ref = {}) => cachedOverview(ref),
    /** Same, but not_found when nothing is imported. */
    requireOverview: async (ref: Ref = {}) => {
      const o = await cachedOverview(ref);
      if (!o) throw noContract(ref);
      return o;
    },
    /** Contracts, newest first. */
    listContracts: (orgId?: number) => contracts.list(orgId),
    /** Contract with entitlements, quotas and clauses. */
    contractGraph: (id: number) => contracts.graph(id),
    /** True when no org exists yet (fresh database). */
    isEmpty: async () => (await contracts.countOrgs()) === 0,
    /** Append a usage entry. */
    recordUsage: writing((input: RecordUsageInput) => recordUsage(deps, input)),
    /** Revoke the caller's last usage entry. */
    undoLastUsage: writing((input: { actor: string } & Ref) => undoLastUsage(deps, input)),
    /** Record a renewal declaration. */
    declareRenewal: writing((input: Parameters<typeof declareRenewal>[1]) => declareRenewal(deps, input)),
    /** 「撤销续费」: restores the status before the actor's own last renewal declaration (within an hour). */
    undoRenewal: writing((input: { actor: string }) => undoRenewalDeclaration(deps, input)),
    /** Record payment/invoice dates or a corrected start date. */
    updateContractDates: writing((input: Parameters<typeof updateContractDates>[1]) => updateContractDates(deps, input)),
    /** Create the synthetic demo org and contract. */
    seedDemo: writing((opts: { onlyIfEmpty: boolean }) => seedDemo(deps, opts)),
    /** Create N synthetic contracts over M synthetic orgs (load tests, benches). */
    seedDemoContracts: writing((input: DemoContractsInput) => seedDemoContracts(deps, input)),
    /** Newest audit events. */
    auditEvents: (orgId: number | null, limit?: number) => audit.recent(orgId, limit),
    /** Newest demo-mode outbox messages. */
    outbox: (limit?: number) => audit.outbox(limit),
    /**
     * Memoises a derived read for this clock minute, with the same lifetime and invalidation as cached overviews
     * (edges use it for views they build from several reads, e.g. the page summary).
     */
    cachedRead: <T>(key: string, load: () => Promise<T>) => cache.get(`read|${key}|${minute()}`, load),
    /** Ranked clause search over a contract's clauses (the bot's 条款 answers). */
    searchClauses,
    /** Claims a bot message id for this instance; false when it was already taken (redelivery, twin instance). */
    claimBotMessage: (msgId: string) => claims.claimMessage(msgId.slice(0, 128), reminders.reminderInstanceId, deps.clock.now()),
    /** Holds a destructive chat command (「合同终止」, an over-limit figure) for 5 minutes until its sender confirms. */
    requestConfirmation: confirmations.requestConfirmation,
    /** Takes the pending command of a sender in a conversation, once. */
    takeConfirmation: confirmations.takeConfirmation,
    /** Drops the pending command of a sender in a conversation. */
    cancelConfirmation: confirmations.cancelConfirmation,
    /** Reminders: sweep, preview, upcoming, log, acknowledge/snooze, subscribe, scheduler slots, messenger. */
    ...reminders,
    /**
     * One reminder sweep; first refreshes the drive-space reading from DingTalk (at most daily, when clients are
     * configured) so storage thresholds use current figures. DING sends change quotas, so cached reads are dropped.
     */
    runReminderSweep: writing(async (o?: Parameters<typeof reminders.runReminderSweep>[0]) => {
      if (opts.reminders?.clients) await refreshStorageReading(deps, opts.reminders.clients);
      const report = await reminders.runReminderSweep(o);
      if (todoSync && !o?.dryRun) await todoSync.run();
      return report;
    }),
    /** The next notices of a contract (cached like overviews: the preview simulates every day ahead). */
    listUpcoming: (o: Parameters<typeof reminders.listUpcoming>[0] = {}) =>
      cache.get(`upcoming|${JSON.stringify(o)}|${minute()}`, () => reminders.listUpcoming(o)),
    /** Newest deliveries (cached like overviews; every sweep clears it). */
    deliveryLog: (o: Parameters<typeof reminders.deliveryLog>[0] = {}) => cache.get(`log|${JSON.stringify(o)}`, () => reminders.deliveryLog(o)),
    acknowledgeReminder: writing(reminders.acknowledgeReminder),
    snoozeReminder: writing(reminders.snoozeReminder),
    subscribe: writing(reminders.subscribe),
    unsubscribe: writing(reminders.unsubscribe),
    /** An org change pushed over Stream (admin added/removed, user joined/left): recipients follow at once. */
    handleOrgEvent: writing(orgEvents.handleOrgEvent),
    /** The metered DingTalk calls of one business day per API, from the ledger (`reminders log --api`). */
    apiCallsOnDay: (o: { date?: string } = {}) => apiCallsOnDay(deps, o),
  };
}

/** The bound use cases. */
export type Services = ReturnType<typeof createServices>;
