import type { BotContext } from "../bot-context.js";
import type { Middleware } from "../compose.js";

/** Runs the routed intent's handler (which replies through `ctx.reply`). */
export function handleIntent(): Middleware<BotContext> {
  return async function handleIntent(ctx, next) {
    if (ctx.route) await ctx.route.intent.handle(ctx, ctx.route.params);
    await next();
  };
}
