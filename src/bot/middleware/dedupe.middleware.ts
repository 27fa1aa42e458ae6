import type { BotContext } from "../bot-context.js";
import type { Middleware } from "../compose.js";

/**
 * Drops a message whose msgId was already claimed (a redelivery, or another instance has it). Messages the transport
 * already claimed (the stream client claims before ACK-time handling) pass; other entry points claim here through the
 * same `claimMessage` port.
 */
export function dedupe(): Middleware<BotContext> {
  return async function dedupe(ctx, next) {
    if (!ctx.claimed && !(await ctx.deps.claimMessage(ctx.message.msgId))) {
      ctx.deps.log.debug({ msgId: ctx.message.msgId }, "bot: duplicate message dropped");
      return;
    }
    await next();
  };
}
