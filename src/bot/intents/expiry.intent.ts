import type { Intent } from "../bot-context.js";
import { hasWord } from "../fuzzy.js";
import { expiryReply } from "../replies/expiry.reply.js";
import { loadOverview } from "./intent-kit.js";

const ZH = /到期|过期|有效期|期满|届满|剩几天|还有几天|剩多少天|还有多少天|多少天|还有多久|多久|哪天到|哪天结束|什么时候结束|什么时候截止|截止日期|服务期|续费时间|什么时候续费|何时续费|到哪天|还能用多久/;
const EN = /days? left|how long|when does .{0,30}end|end date|renewal date|valid until|until when|how many days/;

/** 「什么时候到期」「还剩几天」「when does Pro expire」: end date, days left, what to do, consequences in one line. */
export const expiryIntent: Intent<Record<string, never>> = {
  name: "expiry",
  examples: { zh: ["专业版什么时候到期", "还剩几天", "专业版还有多久到期"], en: ["when does Pro expire", "how many days left"] },
  match(text) {
    if (ZH.test(text) || EN.test(text) || hasWord(text, ["expire", "expires", "expiry", "expiration", "expired"])) return {};
    return null;
  },
  async handle(ctx) {
    const o = await loadOverview(ctx);
    await ctx.reply(expiryReply(o, ctx.lang, { chatHistoryDays: ctx.deps.config.settings.dataRetention.chatHistoryDays }));
  },
};
