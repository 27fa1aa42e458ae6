import type { Intent } from "../bot-context.js";
import { contractReply, type ContractFocus } from "../replies/contract.reply.js";
import { loadOverview } from "./intent-kit.js";

const INVOICE = /发票|开票|滞纳金|invoice|late fee/;
const PAYMENT = /付款|支付|打款|缴费|付钱|回款|payment|paid|(?<![a-z])pay(?![a-z])/;
const AMOUNT = /金额|多少钱|价格|价钱|费用|花了多少|总价|合同款|报价|amount|price|cost|how much (did|do) we pay/;
const PARTIES = /甲方|乙方|供应商|服务商|签约方|签约主体|对方公司|经销商|代理商|合作方|vendor|supplier|part(y|ies)|who (did we|do we) (sign|buy)/;
const GENERIC = /合同|contract/;
const NOT_GENERIC = /到期|过期|多久|几天|有效期|条款|clause|expir|第\s*\d/;

/** Money focus of a question, or null when it is not about contract money. */
function moneyFocus(text: string): ContractFocus | null {
  if (INVOICE.test(text)) return "invoice";
  if (PAYMENT.test(text)) return "payment";
  if (AMOUNT.test(text)) return "amount";
  return null;
}

/** 「乙方是谁」「供应商」: the parties only (no money, so fine in any group). */
export const contractPartiesIntent: Intent<Record<string, never>> = {
  name: "contract.parties",
  examples: { zh: ["乙方是谁", "供应商是哪家"], en: ["who is the vendor"] },
  match(text) {
    return PARTIES.test(text) && !moneyFocus(text) ? {} : null;
  },
  async handle(ctx) {
    await ctx.reply(contractReply(await loadOverview(ctx), "parties", ctx.lang));
  },
};

/** 「合同」「金额」「付款」「发票开了吗」: amount, term, payment and invoice deadlines and status, late penalty (money). */
export const contractIntent: Intent<{ focus: ContractFocus }> = {
  name: "contract",
  examples: { zh: ["合同", "合同金额是多少", "发票开了吗", "付款截止日期"], en: ["contract details", "invoice status", "contract amount"] },
  sensitive: true,
  match(text) {
    const focus = moneyFocus(text);
    if (focus) return { focus };
    if (GENERIC.test(text) && !NOT_GENERIC.test(text)) return { focus: "all" };
    return null;
  },
  async handle(ctx, { focus }) {
    await ctx.reply(contractReply(await loadOverview(ctx), focus, ctx.lang));
  },
};
