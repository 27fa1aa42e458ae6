import type { BotReply, PipelineDeps, Replier } from "../../src/bot/bot-context.js";
import type { RobotMessage } from "../../src/bot/robot-message.js";
import { loadConfig, type Config } from "../../src/config/index.js";
import { businessDate } from "../../src/domain/business-calendar.js";
import type { ContractDocument } from "../../src/domain/contract-document.js";
import { contractTimeline, termEndsOn } from "../../src/domain/contract-timeline.js";
import type { ContractStatus, UsageEntry } from "../../src/domain/model.js";
import { FixedClock } from "../../src/lib/clock.js";
import { silentLogger } from "../../src/lib/logger.js";
import type { ContractGraph } from "../../src/db/repositories/contract.repository.js";
import { expiryConsequences } from "../../src/domain/expiry-consequences.js";
import { effectiveStatus, lapsingConsumables, quotaStates, type ContractOverview } from "../../src/services/contract-overview.service.js";
import { buildContractDocument } from "./contract-factory.js";

/** "Today" of the experience spec: 2024-04-05 14:02 in Shanghai, 30 days before the end of a 2023-05-06 term. */
export const BOT_NOW = "2024-04-05T06:02:00.000Z";

/** Config for bot tests: demo mode unless `env` adds credentials; admins and groups as given. */
export function botConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ DATABASE_URL: "sqlite::memory:", LOG_LEVEL: "silent", ...env });
}

/** Options of {@link buildOverview}. */
export interface OverviewOptions {
  doc?: ContractDocument;
  startsOn?: string;
  now?: string;
  status?: ContractStatus;
  entries?: UsageEntry[];
  paidOn?: string | null;
  invoicedOn?: string | null;
  sources?: Record<string, string>;
}

/** A ContractOverview computed purely (domain + quotaStates) from a synthetic document, as the service would return it. */
export function buildOverview(o: OverviewOptions = {}): ContractOverview {
  const doc = o.doc ?? buildContractDocument();
  const now = new Date(o.now ?? BOT_NOW);
  const tz = "Asia/Shanghai";
  const today = businessDate(now, tz);
  const startsOn = o.startsOn ?? doc.signedOn ?? "2023-05-06";
  const endsOn = doc.termMonths ? termEndsOn(startsOn, doc.termMonths) : null;
  const at = new Date("2023-05-06T00:00:00Z");
  const entitlements = doc.entitlements.map((e, i) => ({ id: i + 1, contractId: 1, code: e.code, name: e.name, category: e.category, description: e.description, spec: e.spec ?? null, position: i }));
  let qid = 0;
  const quotaRows = doc.entitlements.flatMap((e, i) => e.quotas.map((q) => ({ id: ++qid, contractId: 1, entitlementId: i + 1, metric: q.metric, quotaLimit: q.limit, unit: q.unit, period: q.period })));
  const contract = {
    id: 1, orgId: 1, renewalOfId: null, format: doc.format, title: doc.title, product: doc.product, edition: doc.edition,
    customerName: doc.customer?.name ?? null, vendors: doc.vendors.map((v) => v.name), amountFen: doc.amount?.fen ?? null,
    amountWords: doc.amount?.words ?? null, currency: "CNY", signedOn: doc.signedOn, startsOn, startsOnSource: "option" as const, endsOn,
    termMonths: doc.termMonths, status: o.status ?? "active", paymentTerms: doc.deadlines.payment, invoiceTerms: doc.deadlines.invoice,
    paidOn: o.paidOn ?? null, invoiceRequestedOn: null, invoicedOn: o.invoicedOn ?? null, docHash: "h", docName: "fixture.txt",
    source: { text: "", warnings: [], sources: o.sources ?? doc.sources ?? {} }, createdAt: at, updatedAt: at,
  };
  const graph = {
    contract, org: { id: 1, corpId: "ding-test-corp", name: "示例科技（杭州）有限公司", createdAt: at }, entitlements, quotas: quotaRows,
    clauses: doc.clauses.map((c, i) => ({ id: i + 1, contractId: 1, part: c.part, ref: c.ref, text: c.text, tags: c.tags, position: i })),
  } as unknown as ContractGraph;
  const timeline = contractTimeline({
    startsOn, endsOn, termMonths: doc.termMonths, signedOn: doc.signedOn, paidOn: contract.paidOn, invoicedOn: contract.invoicedOn,
    paymentTerm: doc.deadlines.payment, invoiceTerm: doc.deadlines.invoice, amountFen: contract.amountFen,
  }, today, { chatHistoryDays: 180, driveGraceDays: 0 });
  const quotas = quotaStates(graph, o.entries ?? [], now, tz);
  const consequences = expiryConsequences({
    timeline, chatHistoryDays: 180, storageUsedGb: quotas.find((q) => q.metric === "storage.capacity_gb")?.usage.used ?? null, freeStorageGb: 100,
    consumables: lapsingConsumables(quotas),
    clauses: doc.clauses,
  });
  return { today, graph, status: effectiveStatus(contract.status, endsOn, today), timeline, quotas, clauses: doc.clauses, consequences, history: [] };
}

/** A robot message like DingTalk's (1:1 text from an admin by default). */
export function robotMessage(over: Partial<RobotMessage> & { content?: unknown } = {}): RobotMessage {
  return {
    msgId: `msg-${Math.random().toString(36).slice(2)}`, conversationId: "cid-1to1", conversationType: "1", msgtype: "text",
    text: { content: "帮助" }, senderStaffId: "admin1", senderNick: "王管理", senderCorpId: "ding-test-corp", chatbotCorpId: "ding-test-corp",
    ...over,
  } as RobotMessage;
}

/** A replier that records replies (and can be told to fail). */
export function memoryReplier(): Replier & { replies: BotReply[]; failNext: number } {
  const r = {
    replies: [] as BotReply[],
    failNext: 0,
    async send(_m: RobotMessage, reply: BotReply) {
      if (r.failNext > 0) {
        r.failNext--;
        throw new Error("replier down");
      }
      r.replies.push(reply);
    },
  };
  return r;
}

/** Pipeline deps with fakes for everything; `services` defaults to ones that answer from `buildOverview()`. */
export function fakeDeps(over: Partial<PipelineDeps> = {}): PipelineDeps & { replier: ReturnType<typeof memoryReplier> } {
  const overview = buildOverview();
  const replier = memoryReplier();
  const services = {
    requireOverview: async () => overview,
    recordUsage: async () => { throw new Error("not in this test"); },
    undoLastUsage: async () => { throw new Error("not in this test"); },
    declareRenewal: async () => ({ contractId: 1, status: "renewed", previous: "active" }),
  } as unknown as PipelineDeps["services"];
  return {
    services, config: botConfig({ STEWARD_ADMIN_USERIDS: "admin1", STEWARD_ADMIN_GROUPS: "cid-admins" }), clock: new FixedClock(BOT_NOW),
    log: silentLogger, claimMessage: async () => true, replier, ...over,
  } as PipelineDeps & { replier: ReturnType<typeof memoryReplier> };
}
