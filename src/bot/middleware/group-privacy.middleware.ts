import { maskSensitiveText } from "../../domain/sensitive-text.js";
import type { BotContext, BotReply, Intent } from "../bot-context.js";
import type { Middleware } from "../compose.js";
import { privateChangeReply, privateOnlyReply } from "../replies/system.reply.js";

/** The mask as DingTalk markdown shows it literally (bare asterisks would start emphasis). */
export const MARKDOWN_MASK = "\\*\\*\\*";

/** True when the routed command changes stored state (the intent's `writes`, for these params). */
export function writesState(intent: Intent<unknown>, params: unknown): boolean {
  return typeof intent.writes === "function" ? intent.writes(params) : intent.writes === true;
}

/** A reply with money, account numbers, taxpayer ids, phone numbers and e-mail addresses masked. */
export function maskReply(r: BotReply): BotReply {
  return { title: maskSensitiveText(r.title, MARKDOWN_MASK), text: maskSensitiveText(r.text, MARKDOWN_MASK) };
}

/**
 * Outside 1:1 chats and the groups in STEWARD_ADMIN_GROUPS: every reply from here on (error replies included) is
 * masked (money, accounts, taxpayer ids, phones, e-mail); commands that change state are refused with "do it 1:1";
 * money intents (contract amount, invoice, penalty) ask to continue 1:1.
 */
export function groupPrivacy(): Middleware<BotContext> {
  return async function groupPrivacy(ctx, next) {
    if (ctx.conversation.privileged) return next();
    const send = ctx.reply.bind(ctx);
    ctx.reply = (r) => send(maskReply(r));
    const route = ctx.route;
    if (route && writesState(route.intent, route.params)) {
      ctx.outcome = "refused_group";
      await ctx.reply(privateChangeReply(ctx.lang));
      return;
    }
    if (route?.intent.sensitive) {
      ctx.outcome = "refused_group";
      await ctx.reply(privateOnlyReply(ctx.lang));
      return;
    }
    await next();
  };
}
