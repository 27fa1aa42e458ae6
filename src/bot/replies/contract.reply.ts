/** "合同" / "发票开了吗": parties, amount (¥ + capitals), term, payment and invoice deadlines, late penalty. Pure. */
import { formatCapitalAmount } from "../../domain/chinese-numerals.js";
import type { DeadlineState } from "../../domain/contract-timeline.js";
import type { DeadlineAnchor, DeadlineTerm } from "../../domain/model.js";
import type { ContractOverview } from "../../services/contract-overview.service.js";
import type { BotReply } from "../bot-context.js";
import type { Lang } from "../text-normalize.js";
import { productName, sourceClause } from "./contract-facts.js";
import { clauseRefs, escapeMarkdown, fmtNum, fmtYuan, reply, t } from "./format.js";

/** Which part of the contract the question was about; it is shown first. */
export type ContractFocus = "all" | "amount" | "parties" | "payment" | "invoice";

const ANCHORS: Record<DeadlineAnchor, [string, string]> = {
  signing: ["签约后", "after signing"], payment: ["付款后", "after payment"], request: ["申请开票后", "after the invoice request"], start: ["服务开通后", "after service start"],
};
const ANCHOR_OPTIONS: Partial<Record<DeadlineAnchor, string>> = { payment: "--paid-on", request: "--invoice-requested-on", start: "--starts-on" };
const ANCHOR_EVENTS: Record<DeadlineAnchor, [string, string]> = {
  signing: ["签约日期", "signing date"], payment: ["付款日期", "payment date"], request: ["开票申请日期", "invoice request date"], start: ["开通日期", "start date"],
};

function within(term: DeadlineTerm, lang: Lang): string {
  const { value, unit } = term.within;
  const u = unit === "working_day" ? t(lang, "个工作日", " working days") : unit === "month" ? t(lang, "个月", " months") : t(lang, "天", " days");
  return t(lang, `${ANCHORS[term.from][0]} **${value}${u}内**`, `within **${value}${u}** ${ANCHORS[term.from][1]}`);
}

function statusText(kind: "payment" | "invoice", d: DeadlineState, amountFen: number | null, rate: number | null, lang: Lang, contractId: number): string {
  const approx = d.approximate ? t(lang, "（节假日数据缺失，按周一至周五估算）", " (no holiday data; Mon–Fri assumed)") : "";
  if (!d.dueOn) {
    const opt = ANCHOR_OPTIONS[d.anchor];
    const how = opt ? `\`npm run cli -- contract update ${contractId} ${opt} YYYY-MM-DD\`` : "";
    return t(lang, `尚未登记${ANCHOR_EVENTS[d.anchor][0]}，登记后开始计算${how ? `（${how}）` : ""}。`, `The ${ANCHOR_EVENTS[d.anchor][1]} is not recorded yet${how ? ` (${how})` : ""}.`);
  }
  const done = kind === "invoice" ? t(lang, "开具", "issued") : t(lang, "付款", "paid");
  let s: string;
  if (d.status === "met") {
    s = d.daysLate > 0
      ? t(lang, `已于 ${d.metOn} ${done}，晚了 ${d.daysLate} 天。`, `${done[0].toUpperCase()}${done.slice(1)} on ${d.metOn}, ${d.daysLate} days late.`)
      : t(lang, `已于 ${d.metOn} ${done} ✅`, `${done[0].toUpperCase()}${done.slice(1)} on ${d.metOn} ✅`);
  } else if (d.status === "overdue") {
    s = kind === "invoice"
      ? t(lang, `尚未收到发票，已逾期 ${fmtNum(d.daysLate)} 天。`, `No invoice yet: ${fmtNum(d.daysLate)} days overdue.`)
      : t(lang, `尚未登记付款，已逾期 ${fmtNum(d.daysLate)} 天。`, `No payment recorded: ${fmtNum(d.daysLate)} days overdue.`);
  } else {
    s = t(lang, `尚未${done}，还剩 ${d.daysLeft} 天。`, `Not ${done} yet; ${d.daysLeft} days left.`);
  }
  if (d.penaltyFen !== null && d.daysLate > 0 && rate !== null && amountFen !== null) {
    const pct = `${fmtNum(rate * 100)}%`;
    s += t(lang,
      `按每日 ${pct} 计，滞纳金累计 **${fmtYuan(d.penaltyFen)}**（${fmtYuan(amountFen)} × ${pct} × ${d.daysLate}）。`,
      ` At ${pct} a day the late penalty is **${fmtYuan(d.penaltyFen)}** (${fmtYuan(amountFen)} × ${pct} × ${d.daysLate}).`);
  }
  return s + approx;
}

function deadlineLine(o: ContractOverview, kind: "payment" | "invoice", lang: Lang): string | null {
  const c = o.graph.contract;
  const term = kind === "payment" ? c.paymentTerms : c.invoiceTerms;
  const state = o.timeline[kind];
  if (!term || !state) return null;
  const label = kind === "payment" ? t(lang, "付款", "Payment") : t(lang, "发票", "Invoice");
  const refs = clauseRefs(sourceClause(o, `deadlines.${kind}`), lang);
  const paren = [state.dueOn ? t(lang, `截止 ${state.dueOn}`, `due ${state.dueOn}`) : "", refs].filter(Boolean).join(t(lang, "，", ", "));
  const due = paren ? t(lang, `（${paren}）`, ` (${paren})`) : "";
  const rate = term.latePenaltyRatePerDay ?? null;
  return t(lang, `${label}：${within(term, lang)}${due}。`, `${label}: ${within(term, lang)}${due}. `) + statusText(kind, state, c.amountFen, rate, lang, c.id);
}

function amountLine(o: ContractOverview, lang: Lang): string | null {
  const c = o.graph.contract;
  if (c.amountFen === null) return null;
  const words = c.amountWords ?? formatCapitalAmount(c.amountFen);
  const check = c.amountWords && c.amountWords === formatCapitalAmount(c.amountFen) ? " ✓" : "";
  return t(lang, `金额：**${fmtYuan(c.amountFen)}**（${escapeMarkdown(words)}${check}）`, `Amount: **${fmtYuan(c.amountFen)}** (${escapeMarkdown(words)}${check})`);
}

function partiesLine(o: ContractOverview, lang: Lang): string {
  const c = o.graph.contract;
  const vendors = c.vendors.map(escapeMarkdown).join(t(lang, "、", "; ")) || "—";
  return t(lang, `甲方：${escapeMarkdown(c.customerName ?? "—")}\n乙方：${vendors}`, `Customer: ${escapeMarkdown(c.customerName ?? "—")}\nVendor(s): ${vendors}`);
}

function termLine(o: ContractOverview, lang: Lang): string | null {
  const { startsOn, endsOn } = o.timeline;
  if (!startsOn || !endsOn) return null;
  const months = o.graph.contract.termMonths;
  return t(lang, `服务期：${startsOn} → ${endsOn}${months ? `（${months} 个月）` : ""}`, `Term: ${startsOn} → ${endsOn}${months ? ` (${months} months)` : ""}`);
}

/** The contract card; `focus` decides which facts lead (and which are left out). */
export function contractReply(o: ContractOverview, focus: ContractFocus, lang: Lang): BotReply {
  const c = o.graph.contract;
  const head = `**${c.title ? `《${escapeMarkdown(c.title)}》` : t(lang, "合同", "Contract")}** · ${productName(o, lang)}`;
  const title = t(lang, "合同信息", "Contract");
  const pay = deadlineLine(o, "payment", lang);
  const inv = deadlineLine(o, "invoice", lang);
  const none = t(lang, "合同里没有找到付款或开票期限。", "The contract sets no payment or invoice deadline.");
  if (focus === "invoice") return reply(title, [head, inv ?? t(lang, "合同里没有找到开票期限。", "The contract sets no invoice deadline."), pay]);
  if (focus === "payment") return reply(title, [head, pay ?? t(lang, "合同里没有找到付款期限。", "The contract sets no payment deadline."), inv]);
  if (focus === "amount") return reply(title, [head, amountLine(o, lang) ?? t(lang, "合同里没有识别到金额。", "No amount was found in the contract."), termLine(o, lang)]);
  if (focus === "parties") return reply(title, [head, partiesLine(o, lang)]);
  return reply(title, [head, partiesLine(o, lang), amountLine(o, lang), termLine(o, lang), pay, inv, pay || inv ? null : none]);
}
