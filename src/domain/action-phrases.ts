/**
 * The one-tap actions of a reminder and of the bot's answers: each is a phrase the bot's own intents understand, and a
 * `dtmd://` link that makes DingTalk send that phrase to the robot from the admin's 1:1 chat. Pure.
 */
import type { Lang } from "./display-labels.js";

/** The actions a message can offer. */
export type ChatAction = "undo_renewal" | "renewed" | "snooze_7d" | "acknowledged" | "view_contract" | "record_usage" | "reminder_list";

/** The phrase each action sends, per language; the intents in bot/intents must route every one of them (tested). */
export const ACTION_PHRASES: Readonly<Record<ChatAction, { zh: string; en: string }>> = {
  undo_renewal: { zh: "撤销续费", en: "undo renewal" },
  renewed: { zh: "已续费", en: "renewed" },
  snooze_7d: { zh: "7天后提醒", en: "snooze 7 days" },
  acknowledged: { zh: "已处理", en: "acknowledge" },
  view_contract: { zh: "查看合同", en: "contract details" },
  record_usage: { zh: "录入用量", en: "record usage" },
  reminder_list: { zh: "提醒列表", en: "my reminders" },
};

/** Order in which actions are shown. */
const ORDER: readonly ChatAction[] = ["undo_renewal", "renewed", "snooze_7d", "acknowledged", "record_usage", "view_contract", "reminder_list"];

/** What each notice kind offers (kinds not listed offer only 「查看合同」). */
const BY_KIND: Readonly<Record<string, readonly ChatAction[]>> = {
  renewal: ["renewed", "snooze_7d", "acknowledged", "view_contract"],
  data_deletion: ["renewed", "snooze_7d", "acknowledged", "view_contract"],
  consumable_lapse: ["snooze_7d", "acknowledged", "view_contract"],
  quota_threshold: ["record_usage", "snooze_7d", "acknowledged", "view_contract"],
  payment_deadline: ["snooze_7d", "acknowledged", "view_contract"],
  invoice_deadline: ["snooze_7d", "acknowledged", "view_contract"],
  reading_request: ["record_usage", "snooze_7d", "acknowledged"],
  incomplete_contract: ["view_contract"],
};

/** `dtmd://dingtalkclient/sendMessage?content=<urlencoded text>`: a tap sends `text` to the robot as the admin. */
export function dtmdLink(text: string): string {
  return `dtmd://dingtalkclient/sendMessage?content=${encodeURIComponent(text)}`;
}

/** The actions offered for a set of notice kinds, de-duplicated, in display order. */
export function actionsForKinds(kinds: readonly string[]): ChatAction[] {
  const wanted = new Set(kinds.flatMap((k) => BY_KIND[k] ?? ["view_contract"]));
  return ORDER.filter((a) => wanted.has(a));
}

/** One markdown line of links, e.g. "[已续费](dtmd://…) · [7天后提醒](dtmd://…)"; "" for no actions. */
export function actionLinksLine(actions: readonly ChatAction[], lang: Lang = "zh"): string {
  return actions.map((a) => `[${ACTION_PHRASES[a][lang]}](${dtmdLink(ACTION_PHRASES[a][lang])})`).join(" · ");
}
