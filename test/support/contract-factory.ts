import type { DataSource } from "typeorm";
import type { ContractDocument } from "../../src/domain/contract-document.js";
import { termEndsOn } from "../../src/domain/contract-timeline.js";
import type { QuotaTerm } from "../../src/domain/model.js";
import { ContractRepository } from "../../src/db/repositories/contract.repository.js";

/** A synthetic, parsed Pro contract (like `contract parse --json` output) with the usual quotas; override any part. */
export function buildContractDocument(over: Partial<ContractDocument> = {}): ContractDocument {
  return {
    schemaVersion: 1, format: "direct", title: "钉钉商务套件销售与服务合同", product: "钉钉专业版", edition: "pro",
    customer: { name: "示例科技（杭州）有限公司" }, vendors: [{ name: "示例钉钉服务有限公司" }],
    amount: { fen: 980000, currency: "CNY", words: "玖仟捌佰元整", wordsFen: 980000 }, termMonths: 12, signedOn: "2023-05-06",
    deadlines: {
      payment: { within: { value: 30, unit: "day" }, from: "signing" },
      invoice: { within: { value: 5, unit: "working_day" }, from: "payment", latePenaltyRatePerDay: 0.002 },
    },
    entitlements: [
      { code: "ding", name: "DING", category: "benefit", description: "DING 消息", quotas: [{ metric: "ding.messages", limit: 1000, unit: "message", period: "year" }] },
      { code: "phone_conference", name: "电话会议", category: "benefit", description: "电话会议分钟数", quotas: [{ metric: "phone_conference.minutes", limit: 5000, unit: "minute", period: "year" }] },
      { code: "storage", name: "数字资产管理", category: "feature", description: "云盘空间", quotas: [{ metric: "storage.capacity_gb", limit: 1024, unit: "gb", period: "none" }] },
      {
        code: "app_dev", name: "企业内部应用开发权益", category: "benefit", description: "API 调用",
        quotas: [{ metric: "api.calls", limit: 500000, unit: "call", period: "month" }, { metric: "api.qps", limit: 40, unit: "qps", period: "none" }],
      },
      { code: "data_recovery", name: "数据恢复", category: "service", description: "数据恢复", quotas: [{ metric: "data_recovery.uses", limit: 1, unit: "use", period: "term" }] },
      { code: "secure_groups", name: "保密群", category: "feature", description: "保密群", quotas: [] },
    ],
    clauses: [
      { part: "body", ref: "3.1.5", text: "当年未使用完的电话会议分钟数及DING条数到期作废，不可顺延。", tags: [] },
      { part: "body", ref: "5.2", text: "服务费用一经支付，不予退还。", tags: ["no_refund"] },
      { part: "annex", ref: "2.3", text: "到期未续费的，聊天记录仅保留最近180天。", tags: ["data_retention"] },
      { part: "annex", ref: "2.4", text: "超出免费空间的数据，乙方有权清除且该数据清除不可恢复。", tags: ["data_deletion", "renewal"] },
      { part: "body", ref: "8.1", text: "任何一方违约的，应赔偿守约方损失。", tags: ["penalty"] },
    ],
    warnings: [],
    ...over,
  };
}

let seq = 0;

/** Stores a contract for `corpId` starting on `startsOn` directly (no parsing); returns its id. */
export async function seedContract(ds: DataSource, opts: { corpId?: string; startsOn?: string; doc?: ContractDocument; at?: Date } = {}): Promise<number> {
  const doc = opts.doc ?? buildContractDocument();
  const startsOn = opts.startsOn ?? doc.signedOn ?? "2023-05-06";
  const repo = new ContractRepository(ds);
  const at = opts.at ?? new Date("2024-01-01T00:00:00Z");
  return ds.transaction(async (em) => {
    const org = await repo.ensureOrg(em, opts.corpId ?? "ding-test-corp", doc.customer?.name ?? "org", at);
    const c = await repo.insertGraph(em, doc, {
      orgId: org.id, renewalOfId: null, startsOn, startsOnSource: "option", endsOn: doc.termMonths ? termEndsOn(startsOn, doc.termMonths) : null,
      status: "active", docHash: `seed-${++seq}-${Date.now()}`, docName: "seed.txt", text: "synthetic", at,
    });
    return c.id;
  });
}

/** A contract without payment or invoice deadlines (only term notices fire), plus an "附加权益" row holding `extraQuotas`. */
export function termOnlyDocument(extraQuotas: QuotaTerm[] = []): ContractDocument {
  const base = buildContractDocument({ deadlines: { payment: null, invoice: null } });
  return { ...base, entitlements: [...base.entitlements, { code: "extra", name: "附加权益", category: "benefit", description: "", quotas: extraQuotas }] };
}
