import type { BotContext } from "../bot-context.js";
import type { Middleware } from "../compose.js";

/**
 * Outermost step: once the rest has run, settles the message's outcome (the deciding step's, else "answered" when a
 * reply went out and "ignored" when none did) and counts it in `steward_bot_messages_total{intent,outcome}`.
 */
export function countOutcome(): Middleware<BotContext> {
  return async function countOutcome(ctx, next) {
    try {
      await next();
    } finally {
      ctx.outcome ??= ctx.sent.length > 0 ? "answered" : "ignored";
      ctx.deps.metrics?.botMessages.inc({ intent: ctx.route?.intent.name ?? "none", outcome: ctx.outcome });
    }
  };
}
