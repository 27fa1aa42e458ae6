import type { Intent } from "../bot-context.js";
import { terminationConfirmReply } from "../replies/confirmation.reply.js";
import { renewalReply, type RenewalDeclaration } from "../replies/renewal.reply.js";
import { compact } from "../text-normalize.js";
import { actorOf, loadOverview, withNextSteps } from "./intent-kit.js";
import type { ChatAction } from "../../domain/action-phrases.js";

const NEXT: Record<Exclude<RenewalDeclaration, "terminated">, ChatAction[]> = {
  renewed: ["undo_renewal", "view_contract", "reminder_list"], renewing: ["renewed", "undo_renewal"], not_renewing: ["undo_renewal", "reminder_list"],
};

const WHO = "(?:我们|我司|公司|咱们)?";
const END = "(?:了|啦|哦|呀|的)?";
const ZH: readonly [RegExp, RenewalDeclaration][] = [
  [new RegExp(`^${WHO}(?:已经?|都)(?:续费|续约|续订|续签)(?:了|啦|完成了?|好了|成功了?)?$|^${WHO}(?:续费|续约|续订|续签)(?:了|啦|完成了?|好了|成功了?|完毕)$`), "renewed"],
  [new RegExp(`^${WHO}(?:正在|在|准备|打算|马上)(?:走)?(?:续费|续约|续签)(?:流程|中)?${END}$|^(?:续费|续约)(?:中|流程中|进行中|办理中)${END}$`), "renewing"],
  [new RegExp(`^${WHO}(?:决定|打算|准备)?(?:不|不再|暂不|不会)(?:续费|续约|续签|续)${END}$`), "not_renewing"],
  [new RegExp(`^(?:合同)?(?:已经?)?(?:终止|解约)(?:合同)?${END}$|^合同已经?(?:终止|解除)${END}$`), "terminated"],
];
const EN: readonly [RegExp, RenewalDeclaration][] = [
  [/^(we('ve| have)? )?(already )?renewed( it)?$|^renewal (is )?(done|complete|completed)$/, "renewed"],
  [/^(we are |we're )?(renewing|in the middle of renewing)( now)?$|^renewal in progress$/, "renewing"],
  [/^(we are |we're )?not renewing$|^(we )?(won't|will not|do not|don't) renew$/, "not_renewing"],
  [/^(the )?contract (is )?terminated$|^terminated$|^we terminated (the contract|it)$/, "terminated"],
];

/** Parses a renewal declaration; only whole statements count (「不续费会怎样」 is a question, not a declaration). */
export function parseRenewal(text: string): { declaration: RenewalDeclaration } | null {
  const c = compact(text);
  for (const [re, declaration] of ZH) if (re.test(c)) return { declaration };
  const en = text.replace(/[.!?]+$/, "").trim();
  for (const [re, declaration] of EN) if (re.test(en)) return { declaration };
  return null;
}

/**
 * 「已续费」「正在续费」「不续费」: records the declaration and says which reminders stop. 「合同终止」 is destructive: it
 * only says what termination does and waits for 「确认终止」 (confirm.intent) from the same sender within 5 minutes.
 */
export const renewalIntent: Intent<{ declaration: RenewalDeclaration }> = {
  name: "renewal",
  examples: { zh: ["已续费", "正在续费", "不续费", "合同终止"], en: ["renewed", "not renewing"] },
  writes: true,
  match: parseRenewal,
  async handle(ctx, { declaration }) {
    const o = await loadOverview(ctx);
    if (declaration === "terminated") {
      const { expiresAt } = await ctx.deps.services.requestConfirmation({
        actor: actorOf(ctx), conversationId: ctx.conversation.id, orgId: o.graph.org.id, action: { kind: "terminate", contractId: o.graph.contract.id },
      });
      return ctx.reply(terminationConfirmReply(o, expiresAt, ctx.deps.config.timezone, ctx.lang));
    }
    await ctx.deps.services.declareRenewal({ actor: actorOf(ctx), declaration, contractId: o.graph.contract.id });
    await ctx.reply(withNextSteps(ctx, renewalReply(declaration, ctx.lang), NEXT[declaration]));
  },
};
