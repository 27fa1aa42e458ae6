import type { Intent } from "../bot-context.js";
import { entitlementsReply } from "../replies/entitlements.reply.js";
import { loadOverview } from "./intent-kit.js";

const ZH = /买了(什么|啥|哪些)|购买了(什么|哪些)|包含(什么|哪些|啥)|包括(什么|哪些|啥)|有(哪些|什么|啥)(权益|功能|服务|东西)|权益|功能(清单|列表)|服务内容|套餐|我们有什么|都有啥/;
const EN = /what did we (buy|get|purchase)|what('s| is) included|entitlements?|features|what do we have|our (plan|package)/;

/** 「我们买了什么」「专业版包含哪些权益」: the entitlement list by category with limits. */
export const entitlementsIntent: Intent<Record<string, never>> = {
  name: "entitlements",
  examples: { zh: ["我们买了什么", "专业版包含哪些权益"], en: ["what did we buy", "what's included"] },
  match(text) {
    return ZH.test(text) || EN.test(text) ? {} : null;
  },
  async handle(ctx) {
    await ctx.reply(entitlementsReply(await loadOverview(ctx), ctx.lang));
  },
};
