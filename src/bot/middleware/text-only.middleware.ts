import type { RobotMessage } from "../robot-message.js";
import type { BotContext } from "../bot-context.js";
import type { Middleware } from "../compose.js";
import { textOnlyReply } from "../replies/system.reply.js";
import { cleanText, detectLang, normalizeText } from "../text-normalize.js";

/** Longest user text kept (for echo and notes); DingTalk itself caps messages around this size. */
export const MAX_TEXT_CHARS = 10_000;

/** The text of a message: `text.content`, or the text parts of a richText; null for pictures, files, audio, video. */
export function messageText(m: RobotMessage): string | null {
  if (m.msgtype === "text") return typeof m.text?.content === "string" ? m.text.content : "";
  if (m.msgtype === "richText") {
    const parts = (m.content as { richText?: unknown } | undefined)?.richText;
    if (!Array.isArray(parts)) return null;
    const text = parts.map((p) => (p && typeof (p as { text?: unknown }).text === "string" ? (p as { text: string }).text : "")).join("").trim();
    return text === "" ? null : text;
  }
  return null;
}

/**
 * Reads the text and sets `rawText`, `text` and `lang`. Non-text messages get the polite "text only" reply; a payload
 * that DingTalk emptied (`errorMessage`, e.g. the org's robot quota is exhausted) is logged and dropped. An empty
 * text (only an @mention) continues, and the help intent answers it.
 */
export function textOnly(): Middleware<BotContext> {
  return async function textOnly(ctx, next) {
    const m = ctx.message;
    const raw = messageText(m);
    if (raw === null || (raw === "" && m.msgtype !== "text")) {
      await ctx.reply(textOnlyReply(ctx.lang));
      return;
    }
    if (raw === "" && typeof (m as { errorMessage?: unknown }).errorMessage !== "undefined") {
      ctx.deps.log.warn({ msgId: m.msgId }, "bot: message arrived without text (DingTalk errorMessage), not answered");
      return;
    }
    const bounded = raw.slice(0, MAX_TEXT_CHARS);
    ctx.rawText = cleanText(bounded);
    ctx.text = normalizeText(bounded);
    ctx.lang = detectLang(ctx.rawText);
    await next();
  };
}
