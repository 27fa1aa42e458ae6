import type { Intent } from "../bot-context.js";
import { consequencesReply } from "../replies/consequences.reply.js";
import { loadOverview } from "./intent-kit.js";

const ZH = /不续(费|约|订)?.{0,6}(会|怎|后果|影响|吗|呢|什么)|没续费|未续费|到期后|过期后|到期了(会|怎)|会怎样|会怎么样|后果|影响|数据.{0,6}(删|清|丢|没了|保留)|删除|清除|丢失|被删|聊天记录.{0,8}(保留|多久|丢|删|没|看不)|作废|顺延|清零|会失效|失效吗/;
const EN = /what happens|if we (don'?t|do not) renew|not renew|without renew|consequences?|deleted|delete|lose|lapse/;

/** 「不续费会怎样」「数据会被删除吗」: the dated timeline of what is lost, with clause citations. */
export const consequencesIntent: Intent<Record<string, never>> = {
  name: "consequences",
  examples: { zh: ["不续费会怎样", "数据会被删除吗", "到期后聊天记录还在吗"], en: ["what happens if we don't renew", "will our data be deleted"] },
  match(text) {
    return ZH.test(text) || EN.test(text) ? {} : null;
  },
  async handle(ctx) {
    await ctx.reply(consequencesReply(await loadOverview(ctx), ctx.lang));
  },
};
