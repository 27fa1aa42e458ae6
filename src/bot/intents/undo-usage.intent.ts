import type { Intent } from "../bot-context.js";
import { undoneReply } from "../replies/usage.reply.js";
import { compact } from "../text-normalize.js";
import { actorOf, withSubject } from "./intent-kit.js";

const UNDO = /^(撤销|撤回|撤消|回撤|取消上一条|取消刚才的?|撤销上一条|撤回上一条|撤销刚才的?(记录)?|撤回刚才的?(记录)?|撤销记录|撤销上次(记录)?|撤销一下|undo|undolast|undothat|revert|revertlast)$/;

/** 「撤销」: revokes the sender's own last usage entry on the current contract. */
export const undoUsageIntent: Intent<Record<string, never>> = {
  name: "usage.undo",
  examples: { zh: ["撤销", "撤回上一条"], en: ["undo"] },
  writes: true,
  match(text) {
    return UNDO.test(compact(text)) ? {} : null;
  },
  async handle(ctx) {
    let r;
    try {
      r = await ctx.deps.services.undoLastUsage({ actor: actorOf(ctx) });
    } catch (err) {
      throw withSubject(withSubject(err, "not_found", "usage_entry"), "conflict", "usage_entry");
    }
    await ctx.reply(undoneReply(r.quota, r.amount, r.kind, ctx.lang));
  },
};
