/** Replies that are not about the contract: help, suggestions, refusals, unsupported messages, errors. Pure. */
import type { AppError } from "../../lib/app-error.js";
import type { BotReply } from "../bot-context.js";
import type { Lang } from "../text-normalize.js";
import { quoteUser, reply, t } from "./format.js";

/** Full help: what the bot answers, with a sample question per topic. */
export function helpReply(lang: Lang, isAdmin: boolean): BotReply {
  return reply(t(lang, "我能做什么", "What I can do"), [
    t(lang, "**我是钉钉专业版管家，可以帮你查：**", "**I'm the DingTalk Pro steward. Ask me about:**"),
    t(lang,
      "- 到期时间：「专业版什么时候到期」\n- 剩余额度：「DING 还剩多少」「云盘快满了吗」「所有额度」\n- 权益：「我们买了什么」\n- 合同与发票：「合同金额」「发票开了吗」\n- 不续费的影响：「不续费会怎样」\n- 条款：「退款条款」「条款 3.1.5」",
      "- Expiry: \"when does Pro expire\"\n- Quotas: \"DING left\", \"is storage full\", \"all quotas\"\n- Entitlements: \"what did we buy\"\n- Contract and invoice: \"contract amount\", \"invoice status\"\n- If we don't renew: \"what happens if we don't renew\"\n- Clauses: \"refund clause\", \"clause 3.1.5\""),
    t(lang,
      "**记录与设置：**「电话会议用了 90 分钟」「云盘已用 300GB」「撤销」「已续费」「提醒列表」「暂停提醒 7 天」",
      "**Record and settings:** \"phone conference used 90 minutes\", \"storage used 300 GB\", \"undo\", \"renewed\", \"reminders\", \"snooze 7 days\""),
    isAdmin ? null : t(lang, "（合同和额度信息仅对企业管理员开放。）", "(Contract and quota details are for org admins only.)"),
  ]);
}

/** Short help for a message the bot did not understand, with up to three suggested phrasings. */
export function fallbackReply(lang: Lang, suggestions: readonly string[]): BotReply {
  const tries = suggestions.map((s) => t(lang, `「${s}」`, `"${s}"`)).join(t(lang, "", ", "));
  return reply(t(lang, "没听懂", "Not sure what you mean"), [
    t(lang, "我可以帮你查：到期时间 · 剩余额度 · 合同条款 · 不续费的影响。", "I can tell you: expiry date · quotas left · contract clauses · what happens if you don't renew."),
    tries ? t(lang, `试试${tries}，或发「帮助」。`, `Try ${tries}, or send "help".`) : t(lang, "发「帮助」查看全部用法。", "Send \"help\" for everything I can do."),
  ]);
}

/** The polite refusal for people who are not org admins (no figures). */
export function refusalReply(lang: Lang): BotReply {
  return reply(t(lang, "仅限管理员", "Admins only"), [
    t(lang, "抱歉，合同和额度信息仅对企业管理员开放。如需查看，请联系管理员。",
      "Sorry, contract and quota information is only available to org admins. Please ask an admin."),
  ]);
}

/** Money facts asked in a group that is not an admin group. */
export function privateOnlyReply(lang: Lang): BotReply {
  return reply(t(lang, "请私聊查看", "Continue in a 1:1 chat"), [
    t(lang, "合同金额、发票和滞纳金只在管理员群或私聊中显示。请私聊我继续查看。",
      "Contract amounts, invoices and penalties are shown only in admin groups or 1:1. Please message me directly."),
  ]);
}

/** A command that changes stored state, sent in a group that is not an admin group. */
export function privateChangeReply(lang: Lang): BotReply {
  return reply(t(lang, "请私聊操作", "Continue in a 1:1 chat"), [
    t(lang, "这项操作会更改合同、用量或提醒设置，只能在与我的私聊或管理员群中进行。请私聊我再发一次。",
      "That command changes the contract, usage or reminder settings, so it only works in a 1:1 chat with me or in an admin group. Please message me directly and send it again."),
  ]);
}

/** The database did not answer while the message waited: ask the sender to try again later (sent without the database). */
export function unavailableReply(lang: Lang): BotReply {
  return reply(t(lang, "暂时无法查询", "Temporarily unavailable"), [
    t(lang, "暂时无法查询，请稍后再试。", "I can't look that up right now; please try again in a few minutes."),
  ]);
}

/** Pictures, files, audio and other non-text messages. */
export function textOnlyReply(lang: Lang): BotReply {
  return reply(t(lang, "仅支持文字", "Text only"), [
    t(lang, "目前只支持文字消息，请直接打字提问，例如「专业版什么时候到期」。",
      "I only understand text messages for now. Type a question, e.g. \"when does Pro expire\"."),
  ]);
}

/** An unexpected failure: a short apology, no internals. */
export function apologyReply(lang: Lang): BotReply {
  return reply(t(lang, "出错了", "Something went wrong"), [
    t(lang, "抱歉，处理这条消息时出错了，请稍后再试。问题已记录。", "Sorry, something went wrong with that message. Please try again later; the problem was logged."),
  ]);
}

type Friendly = [zh: string, en: string, showDetail: boolean];

/** The one mapping from AppError codes to what the user reads; `showDetail` appends the service's own message. */
const FRIENDLY: Partial<Record<AppError["code"], Friendly>> = {
  invalid_input: ["没能记录，输入有误。", "That input could not be used.", true],
  not_found: ["没有找到相关记录。", "Nothing was found for that.", true],
  conflict: ["这项操作已经做过了。", "That was already done.", true],
  quota_exceeded: ["已超出额度上限。", "The quota is exceeded.", true],
  forbidden: ["抱歉，你没有权限做这件事。", "Sorry, you are not allowed to do that.", false],
  unauthenticated: ["抱歉，无法确认你的身份。", "Sorry, I could not verify who you are.", false],
  rate_limited: ["请求太频繁了，请稍后再试。", "Too many requests; please try again shortly.", false],
  dingtalk_error: ["钉钉接口返回了错误，请稍后再试。", "DingTalk returned an error; please try again later.", false],
  dingtalk_unavailable: ["暂时连不上钉钉，请稍后再试。", "DingTalk is unreachable right now; please try again later.", false],
  dingtalk_quota_exhausted: ["本月钉钉接口调用额度已用完，部分功能暂不可用。", "The org's DingTalk API quota for this month is used up; some features are paused.", false],
  database_unavailable: ["数据暂时不可用，请稍后再试。", "The data store is unavailable right now; please try again later.", false],
};

/** Subject-specific wording for some codes (set by handlers in `details.subject`). */
const SUBJECTS: Record<string, [string, string]> = {
  "not_found:contract": [
    "还没有导入合同。请管理员在工作台上传合同，或运行 `npm run cli -- contract import 合同.pdf`。",
    "No contract has been imported yet. An admin can upload it in the workbench page or run `npm run cli -- contract import contract.pdf`.",
  ],
  "not_found:usage_entry": ["没有可以撤销的用量记录。", "You have no usage entry to undo."],
  "conflict:usage_entry": ["这条记录已经撤销过了。", "That entry was already undone."],
  "not_found:renewal_declaration": ["没有可以撤销的续费登记（只能撤销你自己最近的一次）。", "You have no renewal declaration to undo (only your own latest one can be)."],
  "conflict:renewal_declaration": ["这次续费登记已超过 1 小时或合同状态已变化，无法撤销；请直接回复正确的状态，如「正在续费」。", "That declaration is over an hour old or the contract changed since; reply with the right state instead, e.g. \"renewing\"."],
};

/** Maps an AppError to the reply the user sees (once, by code); unknown codes get the apology. */
export function errorReply(err: AppError, lang: Lang): BotReply {
  const subject = typeof err.details?.subject === "string" ? SUBJECTS[`${err.code}:${err.details.subject}`] : undefined;
  if (subject) return reply(t(lang, "提示", "Note"), [t(lang, subject[0], subject[1])]);
  const f = FRIENDLY[err.code];
  if (!f) return apologyReply(lang);
  return reply(t(lang, "提示", "Note"), [t(lang, f[0], f[1]), f[2] ? `> ${quoteUser(err.message, 200)}` : null]);
}
