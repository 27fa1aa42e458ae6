import { summarizeContract } from "../contract/index.js";
import type { ContractGraph } from "../db/repositories/contract.repository.js";
import { parseCapitalAmount } from "../domain/chinese-numerals.js";
import type { ContractDocument } from "../domain/contract-document.js";

const STATUS: Readonly<Record<string, string>> = {
  draft: "草稿", active: "生效中", renewing: "续约中", renewed: "已续约", expired: "已到期", terminated: "已终止",
};
const START_SOURCE: Readonly<Record<string, string>> = {
  option: "起始日由导入时的 --starts-on 指定", renewal: "续约：起始日接续上一份合同", signing: "起始日取自签署日期",
  contract: "起止日取自合同写明的服务期限",
  today: "合同未写签署日期，起始日取导入当天", manual: "起始日已手动修改",
};

/** A stored contract as the parser's document, so it can be shown exactly like `contract parse` shows a file. */
export function storedContractDocument(g: ContractGraph): ContractDocument {
  const c = g.contract;
  return {
    schemaVersion: 1, format: c.format, title: c.title, product: c.product, edition: c.edition,
    customer: c.customerName ? { name: c.customerName } : null,
    vendors: c.vendors.map((name) => ({ name })),
    amount: c.amountFen === null ? null : { fen: c.amountFen, currency: "CNY", words: c.amountWords, wordsFen: c.amountWords ? parseCapitalAmount(c.amountWords) : null },
    termMonths: c.termMonths, signedOn: c.signedOn,
    deadlines: { payment: c.paymentTerms, invoice: c.invoiceTerms },
    entitlements: g.entitlements.map((e) => ({
      code: e.code, name: e.name, category: e.category, description: e.description, ...(e.spec ? { spec: e.spec } : {}),
      quotas: g.quotas.filter((q) => q.entitlementId === e.id).map((q) => ({ metric: q.metric, limit: q.quotaLimit, unit: q.unit, period: q.period })),
    })),
    clauses: g.clauses.map((cl) => ({ part: cl.part, ref: cl.ref, text: cl.text, tags: cl.tags })),
    warnings: c.source?.warnings ?? [],
    sources: c.source?.sources ?? {},
  };
}

/**
 * What `contract show ID` prints: a line naming the stored contract, the same summary `contract parse` prints for its
 * file (amount with capitals check, parties, term, deadlines, entitlements with readable quotas, warnings), then what
 * the database adds: the dates of the term, payment and invoice facts, the renewal link and the clauses kept.
 */
export function presentStoredContract(g: ContractGraph): string {
  const c = g.contract;
  const lines = [`合同 #${c.id} · ${STATUS[c.status] ?? c.status}（${c.status}）· 组织 ${g.org.corpId} · 文件 ${c.docName}`, summarizeContract(storedContractDocument(g))];
  const source = c.startsOnSource ? `（${START_SOURCE[c.startsOnSource] ?? c.startsOnSource}）` : "";
  lines.push(`起止：${c.startsOn ?? "未定"} → ${c.endsOn ?? "未定"}${source}`);
  lines.push(`记录：付款 ${c.paidOn ?? "未记录"} · 发票申请 ${c.invoiceRequestedOn ?? "未记录"} · 开票 ${c.invoicedOn ?? "未记录"}（用 contract update 记录）`);
  if (c.renewalOfId) lines.push(`续约：本合同是合同 #${c.renewalOfId} 的续约`);
  lines.push(`条款：已保存 ${g.clauses.length} 条，供机器人引用`);
  return lines.join("\n");
}
