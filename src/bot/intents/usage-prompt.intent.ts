import type { Intent } from "../bot-context.js";
import { usagePromptReply } from "../replies/usage.reply.js";
import { compact } from "../text-normalize.js";

const PROMPT = /^(录入用量|记录用量|填写用量|登记用量|recordusage|logusage|enterusage)$/;

/** 「录入用量」 (the one-tap action of threshold and reading notices): explains how to record a figure; stores nothing. */
export const usagePromptIntent: Intent<Record<string, never>> = {
  name: "usage.prompt",
  examples: { zh: ["录入用量"], en: ["record usage"] },
  match(text) {
    return PROMPT.test(compact(text)) ? {} : null;
  },
  async handle(ctx) {
    await ctx.reply(usagePromptReply(ctx.lang));
  },
};
