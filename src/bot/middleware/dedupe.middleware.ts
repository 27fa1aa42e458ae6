import { realTimers } from "../../lib/timers.js";
import type { BotContext } from "../bot-context.js";
import { claimWithRetry } from "../claim-retry.js";
import type { Middleware } from "../compose.js";
import { unavailableReply } from "../replies/system.reply.js";
import { cleanText, detectLang } from "../text-normalize.js";
import { messageText } from "./text-only.middleware.js";

/**
 * Claims the msgId through the `claimMessage` port before any work and drops a message that was already claimed (a
 * redelivery, or another instance has it). While the database is down the claim is retried with backoff (see
 * claim-retry); if it never answers within the budget the sender is told 「暂时无法查询，请稍后再试」 through the
 * session webhook (no database needed), so a message is answered exactly once or apologised for, never silently
 * dropped. Messages a transport already claimed pass.
 */
export function dedupe(): Middleware<BotContext> {
  return async function dedupe(ctx, next) {
    if (ctx.claimed) return next();
    const { deps, message } = ctx;
    const retried = deps.metrics?.botClaimRetries;
    const r = await claimWithRetry(() => deps.claimMessage(message.msgId), {
      ...deps.claimRetry, timers: deps.timers ?? realTimers, signal: deps.signal, webhookExpiresAt: message.sessionWebhookExpiredTime,
      onRetry: (err, delayMs, retry) => {
        retried?.inc({ result: "retry" });
        deps.log.warn({ msgId: message.msgId, retry, delayMs, err: (err as Error)?.message }, "bot: could not claim message (database?), retrying");
      },
    });
    if (r.result === "duplicate") {
      ctx.outcome = "deduped";
      deps.log.debug({ msgId: message.msgId }, "bot: duplicate message dropped");
      return;
    }
    if (r.result === "unavailable") {
      ctx.outcome = "unavailable";
      retried?.inc({ result: "gave_up" });
      deps.log.error({ msgId: message.msgId, retries: r.retries, aborted: r.aborted, err: (r.error as Error)?.message }, "bot: database unavailable, told the sender to try again");
      await ctx.reply(unavailableReply(detectLang(cleanText(messageText(message) ?? ""))));
      return;
    }
    if (r.retries > 0) {
      retried?.inc({ result: "recovered" });
      deps.log.info({ msgId: message.msgId, retries: r.retries }, "bot: message claimed after the database recovered");
    }
    await next();
  };
}
