import { asKnownError } from "../../lib/db-errors.js";
import type { BotContext } from "../bot-context.js";
import type { Middleware } from "../compose.js";
import { apologyReply, errorReply } from "../replies/system.reply.js";

/**
 * Outermost step: nothing a handler throws escapes. An AppError (or a database outage, as database_unavailable)
 * becomes the friendly reply mapped once from its code;
 * anything else is logged and answered with a short apology. A failure to send that reply is logged, never thrown.
 * Unexpected failures and AppErrors with a 5xx status count as outcome "error"; refusals of bad input (4xx) as answers.
 */
export function errorBoundary(): Middleware<BotContext> {
  return async function errorBoundary(ctx, next) {
    try {
      await next();
    } catch (err) {
      const log = ctx.deps.log;
      const where = { msgId: ctx.message.msgId, intent: ctx.route?.intent.name ?? null };
      const known = asKnownError(err);
      if (!known || known.status >= 500) ctx.outcome = "error";
      if (known) log.warn({ ...where, code: known.code, err: known.message }, "bot: request could not be served");
      else log.error({ ...where, err: (err as Error)?.stack ?? String(err) }, "bot: handler failed");
      try {
        await ctx.reply(known ? errorReply(known, ctx.lang) : apologyReply(ctx.lang));
      } catch (sendErr) {
        ctx.outcome = "error";
        log.error({ ...where, err: (sendErr as Error)?.message }, "bot: could not send the error reply");
      }
    }
  };
}
