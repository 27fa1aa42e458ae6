import type { BotContext } from "../bot-context.js";
import type { Middleware } from "../compose.js";
import { refusalReply } from "../replies/system.reply.js";

/** Non-admins get the polite refusal (no figures) for every intent that is not open to everyone (help, fallback). */
export function authorize(): Middleware<BotContext> {
  return async function authorize(ctx, next) {
    const intent = ctx.route?.intent;
    if (intent && intent.adminOnly !== false && !ctx.sender.isAdmin) {
      ctx.deps.log.info({ msgId: ctx.message.msgId, intent: intent.name, staffId: ctx.sender.staffId }, "bot: non-admin refused");
      ctx.outcome = "refused_non_admin";
      await ctx.reply(refusalReply(ctx.lang));
      return;
    }
    await next();
  };
}
