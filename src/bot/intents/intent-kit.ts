/** Helpers the intent handlers share: loading the overview, who the actor is, the reply language. */
import { AppError, isAppError } from "../../lib/app-error.js";
import type { ContractOverview } from "../../services/contract-overview.service.js";
import { actionLinksLine, type ChatAction } from "../../domain/action-phrases.js";
import type { BotContext, BotReply } from "../bot-context.js";

/**
 * The current contract's overview. The steward serves one org (an internal app's robot), so the reference is the
 * configured corp (DINGTALK_CORP_ID) or the only org; a missing contract becomes not_found with subject "contract".
 */
export async function loadOverview(ctx: BotContext): Promise<ContractOverview> {
  try {
    return await ctx.deps.services.requireOverview({});
  } catch (err) {
    throw withSubject(err, "not_found", "contract");
  }
}

/** Re-throws `err` tagged with a subject when it has `code`, so the error boundary words it precisely. */
export function withSubject(err: unknown, code: AppError["code"], subject: string): unknown {
  if (isAppError(err) && err.code === code) return new AppError(err.code, err.message, { ...err.details, subject });
  return err;
}

/** The ledger actor for this sender: the DingTalk userid (stable, so 「撤销」 finds the entry), else the nick. */
export function actorOf(ctx: BotContext): string {
  return ctx.sender.staffId ?? `nick:${ctx.sender.nick ?? "unknown"}`;
}

/** The name shown in confirmations. */
export function displayName(ctx: BotContext): string {
  return ctx.sender.nick ?? ctx.sender.staffId ?? "?";
}

/**
 * The reply with a line of one-tap next steps (dtmd links that send the bot's own phrases) in a 1:1 chat; unchanged
 * in groups, where a tapped link may not reach the robot.
 */
export function withNextSteps(ctx: BotContext, r: BotReply, actions: readonly ChatAction[]): BotReply {
  if (ctx.conversation.isGroup || actions.length === 0) return r;
  return { ...r, text: `${r.text}\n\n${ctx.lang === "en" ? "Next: " : "下一步："}${actionLinksLine(actions, ctx.lang)}` };
}
