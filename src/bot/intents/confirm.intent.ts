import type { PendingAction } from "../../services/bot-confirmation.service.js";
import type { BotContext, Intent } from "../bot-context.js";
import {
  cancelledReply, expiredConfirmReply, nothingToConfirmReply, otherKindReply, type ConfirmKind,
} from "../replies/confirmation.reply.js";
import { renewalReply } from "../replies/renewal.reply.js";
import { recordedReply } from "../replies/usage.reply.js";
import { compact } from "../text-normalize.js";
import { actorOf, displayName } from "./intent-kit.js";

/** A reply to a pending confirmation: confirm (this kind, or whatever is pending), or cancel. */
export type ConfirmParams = { action: "confirm"; kind?: ConfirmKind } | { action: "cancel" };

const TERMINATE = /^(确认终止|确定终止|确认终止合同|确认合同终止|确认解约|confirmtermination|confirmterminate|yesterminate)$/;
const USAGE = /^(确认录入|确定录入|确认记录|确认用量|confirmentry|confirmusage|confirmfigure)$/;
const ANY = /^(确认|确定|confirm|confirmed)$/;
const CANCEL = /^(取消|算了|不终止|不用了|不录入|取消终止|取消录入|cancel|nevermind)$/;

/** Parses 「确认终止」「确认录入」「确认」「取消」 (whole messages only). */
export function parseConfirm(text: string): ConfirmParams | null {
  const c = compact(text);
  if (TERMINATE.test(c)) return { action: "confirm", kind: "terminate" };
  if (USAGE.test(c)) return { action: "confirm", kind: "usage" };
  if (ANY.test(c)) return { action: "confirm" };
  if (CANCEL.test(c)) return { action: "cancel" };
  return null;
}

/** Does what was confirmed, through the same services as the unconfirmed commands. */
async function execute(ctx: BotContext, action: PendingAction): Promise<void> {
  const s = ctx.deps.services;
  if (action.kind === "terminate") {
    await s.declareRenewal({ actor: actorOf(ctx), declaration: "terminated", contractId: action.contractId });
    return ctx.reply(renewalReply("terminated", ctx.lang));
  }
  const change = await s.recordUsage({ ...action.input, confirmed: true });
  await ctx.reply(recordedReply({
    quota: change.quota, amount: action.input.amount, kind: action.input.kind, flagged: change.flagged, actorName: displayName(ctx),
    at: ctx.deps.clock.now(), tz: ctx.deps.config.timezone,
  }, ctx.lang));
}

/** 「确认终止」「确认录入」「取消」: carries out (or drops) what this sender asked for in this conversation within 5 minutes. */
export const confirmIntent: Intent<ConfirmParams> = {
  name: "confirm",
  examples: { zh: ["确认终止", "确认录入", "取消"], en: ["confirm termination", "cancel"] },
  writes: true,
  match: parseConfirm,
  async handle(ctx, p) {
    const s = ctx.deps.services;
    const key = { actor: actorOf(ctx), conversationId: ctx.conversation.id };
    if (p.action === "cancel") return ctx.reply(cancelledReply(await s.cancelConfirmation(key), ctx.lang));
    const taken = await s.takeConfirmation({ ...key, kind: p.kind });
    if (taken.status === "none") return ctx.reply(nothingToConfirmReply(ctx.lang));
    if (taken.status === "expired") return ctx.reply(expiredConfirmReply(taken.kind, ctx.lang));
    if (taken.status === "other_kind") return ctx.reply(otherKindReply(taken.kind, ctx.lang));
    await execute(ctx, taken.action);
  },
};
