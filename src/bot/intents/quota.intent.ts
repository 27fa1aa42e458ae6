import type { Intent } from "../bot-context.js";
import { hasWord } from "../fuzzy.js";
import { allQuotasReply, quotaReply } from "../replies/quota.reply.js";
import { metricLabel } from "../../domain/display-labels.js";
import { reply, t } from "../replies/format.js";
import { compact } from "../text-normalize.js";
import { loadOverview } from "./intent-kit.js";
import { findMetric } from "./metric-words.js";

const ASK = /剩|还有|多少|几|用了|用量|使用|余|额度|快满|满了|满吗|用完|够|上限|限额|情况|进度|统计|占用|容量|多大/;
const ALL = /额度|余量|用量|配额|资源包/;

/** 「DING还剩多少」「云盘快满了吗」「API调用量」「所有额度」: one quota in detail, or all of them. */
export const quotaIntent: Intent<{ metric: string | null }> = {
  name: "quota",
  examples: {
    zh: ["DING还剩多少", "电话会议还有多少分钟", "云盘快满了吗", "API调用量", "所有额度"],
    en: ["how many DING messages left", "is storage full", "all quotas"],
  },
  match(text) {
    const metric = findMetric(text);
    const en = hasWord(text, ["left", "remaining", "remain", "usage", "used", "quota", "quotas", "limit", "full", "much", "many", "balance"]);
    if (metric && (ASK.test(text) || en || compact(text).length <= 8)) return { metric };
    if (!metric && (ALL.test(text) || hasWord(text, ["quota", "quotas", "usage", "allowance"]))) return { metric: null };
    return null;
  },
  async handle(ctx, { metric }) {
    const o = await loadOverview(ctx);
    if (!metric) return ctx.reply(allQuotasReply(o, ctx.lang));
    const q = o.quotas.find((x) => x.metric === metric);
    if (!q) {
      const name = metricLabel(metric, ctx.lang);
      return ctx.reply(reply(name, [t(ctx.lang, `合同里没有「${name}」这项额度。发「所有额度」查看已有的。`, `The contract has no "${name}" quota. Ask "all quotas" to see the ones it has.`)]));
    }
    await ctx.reply(quotaReply(o, q, ctx.lang, ctx.deps.config.timezone));
  },
};
