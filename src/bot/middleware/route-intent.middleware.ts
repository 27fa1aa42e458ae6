import type { BotContext, Intent } from "../bot-context.js";
import type { Middleware } from "../compose.js";
import { FALLBACK_INTENT, INTENTS, routeText } from "../intents/index.js";

/** Picks the first intent of the table whose matcher accepts the text (the fallback otherwise) into `ctx.route`. */
export function routeIntent(intents: readonly Intent<unknown>[] = INTENTS, fallback: Intent<unknown> = FALLBACK_INTENT): Middleware<BotContext> {
  return async function routeIntent(ctx, next) {
    ctx.route = routeText(ctx.text, intents, fallback);
    await next();
  };
}
