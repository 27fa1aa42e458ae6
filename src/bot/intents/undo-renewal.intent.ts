import type { Intent } from "../bot-context.js";
import { renewalUndoneReply } from "../replies/renewal.reply.js";
import { remindersUnavailableReply } from "../replies/reminders.reply.js";
import { compact } from "../text-normalize.js";
import { actorOf, withNextSteps, withSubject } from "./intent-kit.js";

const UNDO = /^(撤销续费|撤回续费|取消续费登记|撤销续费登记|undorenewal|undotherenewal)$/;

/** 「撤销续费」: takes back the sender's own last renewal declaration (within an hour). */
export const undoRenewalIntent: Intent<Record<string, never>> = {
  name: "renewal.undo",
  examples: { zh: ["撤销续费"], en: ["undo renewal"] },
  writes: true,
  match(text) {
    return UNDO.test(compact(text)) ? {} : null;
  },
  async handle(ctx) {
    const undo = ctx.deps.services.undoRenewal;
    if (!undo) return ctx.reply(remindersUnavailableReply(ctx.lang));
    let r;
    try {
      r = await undo({ actor: actorOf(ctx) });
    } catch (err) {
      throw withSubject(withSubject(err, "not_found", "renewal_declaration"), "conflict", "renewal_declaration");
    }
    await ctx.reply(withNextSteps(ctx, renewalUndoneReply(r.status, ctx.lang), ["reminder_list"]));
  },
};
