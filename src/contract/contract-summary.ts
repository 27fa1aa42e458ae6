/**
 * A human-readable, multi-line Chinese summary of a parsed contract (what `contract parse` prints without
 * `--json`): title, product, amount with capitals check, parties, term, signing date, deadlines, entitlements,
 * quotas and warnings.
 */
import type { ContractDocument } from "../domain/contract-document.js";
import type { DeadlineTerm, QuotaTerm } from "../domain/model.js";
import { formatCapitalAmount } from "../domain/chinese-numerals.js";
import { metricPerKind, quotaTermText, type EntitlementRow } from "../domain/entitlement-display.js";
import { formatYuan } from "../domain/display-labels.js";

const DEADLINE_UNIT: Readonly<Record<string, string>> = { day: "天", working_day: "个工作日", month: "个月" };
const ANCHOR: Readonly<Record<string, string>> = { signing: "签署后", payment: "付款后", request: "收到申请后", start: "服务开通后" };
const FORMAT: Readonly<Record<string, string>> = { direct: "钉钉直签", reseller: "服务商代理" };

function deadline(d: DeadlineTerm | null, action: string, ref: string | undefined): string {
  if (!d) return "未识别";
  const penalty = d.latePenaltyRatePerDay ? `；逾期每日 ${Number((d.latePenaltyRatePerDay * 100).toPrecision(6))}%` : "";
  return `${ANCHOR[d.from] ?? d.from} ${d.within.value} ${DEADLINE_UNIT[d.within.unit]}内${action}${penalty}${ref ? `（条款 ${ref}）` : ""}`;
}

/** Formats one quota as the bot and the page do: "DING 条数 1,000 条/年"; per kind for "各1次" rows. */
export function formatQuota(q: QuotaTerm, row?: EntitlementRow): string {
  return quotaTermText(q, "zh", row ? metricPerKind(q.metric, row) : null);
}

/** Renders the summary as lines of text (no trailing newline). */
export function summarizeContract(doc: ContractDocument): string {
  const src = doc.sources ?? {};
  const lines: string[] = [];
  lines.push(`《${doc.title ?? "（未识别标题）"}》${FORMAT[doc.format] ? ` · ${FORMAT[doc.format]}` : ""}`);
  lines.push(`产品：${doc.product ?? "未识别"}${doc.edition ? `（${doc.edition}）` : ""}`);
  if (doc.amount) {
    const a = doc.amount;
    const check = a.words === null ? "（无大写金额）" : a.wordsFen === a.fen ? `（${a.words} ✓）` : `（${a.words} ✗ 应为 ${formatCapitalAmount(a.fen)}）`;
    lines.push(`金额：${formatYuan(a.fen)}${check}`);
  } else lines.push("金额：未识别");
  lines.push(`甲方：${doc.customer?.name ?? "未识别"}`);
  lines.push(`乙方：${doc.vendors.length > 0 ? doc.vendors.map((v) => v.name).join("；") : "未识别"}`);
  const period = doc.servicePeriod ? `${doc.servicePeriod.startsOn} 至 ${doc.servicePeriod.endsOn}（条款 ${src.servicePeriod}）` : null;
  const months = doc.termMonths !== null ? `${doc.termMonths} 个月` : null;
  lines.push(`服务期：${[months, period].filter(Boolean).join("，") || "未识别"}`);
  lines.push(`签署日期：${doc.signedOn ?? "空白"}`);
  lines.push(`付款：${deadline(doc.deadlines.payment, "付款", src["deadlines.payment"])}`);
  lines.push(`开票：${deadline(doc.deadlines.invoice, "开具发票", src["deadlines.invoice"])}`);
  const quotas = doc.entitlements.flatMap((e) => e.quotas);
  lines.push(`权益：${doc.entitlements.length} 项，额度：${quotas.length} 项`);
  for (const e of doc.entitlements.filter((x) => x.quotas.length > 0)) {
    const texts = e.quotas.map((q) => formatQuota(q, e)).join("，");
    lines.push(`  · ${texts.startsWith(e.name) ? texts : `${e.name}：${texts}`}`);
  }
  if (doc.warnings.length > 0) {
    lines.push(`提醒（${doc.warnings.length}）：`);
    for (const w of doc.warnings) lines.push(`  ⚠️ ${w.message}`);
  }
  return lines.join("\n");
}
