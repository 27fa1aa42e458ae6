/**
 * The intent table, in order: the first intent whose matcher accepts the normalized text wins. Commands with strict
 * shapes (confirm/cancel, undo, usage with a number, reminders, renewal statements) come before questions; "用完了怎么办"
 * before clause and consequence words ("会怎样"); clause words before the broader consequence and contract words;
 * capacity ("最多多少人") before quotas; expiry after quotas so "电话会议还有多久" is a quota question.
 */
import type { Intent } from "../bot-context.js";
import { capacityIntent } from "./capacity.intent.js";
import { clauseSearchIntent } from "./clause-search.intent.js";
import { confirmIntent } from "./confirm.intent.js";
import { consequencesIntent } from "./consequences.intent.js";
import { contractIntent, contractPartiesIntent } from "./contract.intent.js";
import { entitlementsIntent } from "./entitlements.intent.js";
import { expiryIntent } from "./expiry.intent.js";
import { fallbackIntent } from "./fallback.intent.js";
import { helpIntent } from "./help.intent.js";
import { quotaIntent } from "./quota.intent.js";
import { recordUsageIntent } from "./record-usage.intent.js";
import { remindersIntent } from "./reminders.intent.js";
import { renewalIntent } from "./renewal.intent.js";
import { runOutIntent } from "./run-out.intent.js";
import { undoRenewalIntent } from "./undo-renewal.intent.js";
import { undoUsageIntent } from "./undo-usage.intent.js";
import { usagePromptIntent } from "./usage-prompt.intent.js";

/** Every intent, in matching order. */
export const INTENTS: readonly Intent<unknown>[] = [
  helpIntent, confirmIntent, undoRenewalIntent, undoUsageIntent, recordUsageIntent, usagePromptIntent, remindersIntent, renewalIntent, runOutIntent, clauseSearchIntent,
  consequencesIntent, capacityIntent, quotaIntent, contractPartiesIntent, contractIntent, expiryIntent, entitlementsIntent,
] as Intent<unknown>[];

/** The reply for anything no intent matched. */
export const FALLBACK_INTENT: Intent<unknown> = fallbackIntent(INTENTS) as Intent<unknown>;

/** The first intent matching `text` and its params, or the fallback. */
export function routeText(
  text: string,
  intents: readonly Intent<unknown>[] = INTENTS,
  fallback: Intent<unknown> = FALLBACK_INTENT,
): { intent: Intent<unknown>; params: unknown } {
  for (const intent of intents) {
    const params = intent.match(text);
    if (params !== null) return { intent, params };
  }
  return { intent: fallback, params: {} };
}
