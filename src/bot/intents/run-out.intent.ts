import type { Intent } from "../bot-context.js";
import { metricLabel } from "../../domain/display-labels.js";
import { reply, t } from "../replies/format.js";
import { runOutReply } from "../replies/run-out.reply.js";
import { hasWord } from "../fuzzy.js";
import { loadOverview } from "./intent-kit.js";
import { findMetric } from "./metric-words.js";

/** What the question is about (null: allowances in general). */
export interface RunOutParams {
  metric: string | null;
}

const RUN_OUT = /用完|用光|用尽|耗尽|不够|超了|超额|超出|超过|满了|没了|爆了|run(s)? out|ran out|used up|not enough|exceed/;
const WHAT_TO_DO = /怎么办|咋办|怎么弄|怎么搞|如何处理|怎么处理|怎么解决|怎么扩容|如何扩容|能不能买|可以买|能买|去哪|哪里买|加购|充值|扩容|会怎样|会怎么样|还能用吗|what (now|to do|do we do|can we do|should we do|happens)|how (do|can) (we|i)/;
const BUY = /充值|加购|增购|购买|买|扩容|加量|top ?up|buy/;
const GENERIC = /额度|配额|资源包|quota|allowance/;

/** Parses "what to do when it runs out": a run-out word with a what-to-do word, or a purchase word with a quota. */
export function parseRunOut(text: string): RunOutParams | null {
  const metric = findMetric(text);
  const asks = RUN_OUT.test(text) && (WHAT_TO_DO.test(text) || hasWord(text, ["now"]));
  if (asks && (metric || GENERIC.test(text))) return { metric };
  if (metric && BUY.test(text) && /怎么|如何|哪|能|可以|how|where|can/.test(text)) return { metric };
  return null;
}

/** 「电话会议分钟用完了怎么办」「DING不够用了怎么办」「云盘满了怎么扩容」: status, when it comes back, what to do now. */
export const runOutIntent: Intent<RunOutParams> = {
  name: "quota.run_out",
  examples: {
    zh: ["电话会议分钟用完了怎么办", "DING不够用了怎么办", "云盘满了怎么扩容", "额度用完了怎么办"],
    en: ["what if we run out of phone minutes", "DING messages ran out, what now"],
  },
  match: parseRunOut,
  async handle(ctx, { metric }) {
    const o = await loadOverview(ctx);
    const q = metric ? (o.quotas.find((x) => x.metric === metric) ?? null) : null;
    if (metric && !q) {
      const name = metricLabel(metric, ctx.lang);
      return ctx.reply(reply(name, [t(ctx.lang, `合同里没有「${name}」这项额度。发「所有额度」查看已有的。`, `The contract has no "${name}" quota. Ask "all quotas" to see the ones it has.`)]));
    }
    await ctx.reply(runOutReply(o, q, ctx.lang));
  },
};
