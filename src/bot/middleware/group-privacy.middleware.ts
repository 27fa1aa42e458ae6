import type { BotContext } from "../bot-context.js";
import type { Middleware } from "../compose.js";
import { privateOnlyReply } from "../replies/system.reply.js";

/** Money (contract amount, invoice, penalty) is shown only in 1:1 chats and admin groups; elsewhere the bot asks to continue 1:1. */
export function groupPrivacy(): Middleware<BotContext> {
  return async function groupPrivacy(ctx, next) {
    if (ctx.route?.intent.sensitive && !ctx.conversation.privileged) {
      await ctx.reply(privateOnlyReply(ctx.lang));
      return;
    }
    await next();
  };
}
