/**
 * Normalisation of what people type to the bot, before intent matching: NFKC (full-width → half-width), zero-width
 * characters and @mentions removed, whitespace collapsed, lower case, and common pinyin-input typos of the words the
 * intents look for corrected ("到其" → "到期"). Pure.
 */
import type { Lang } from "../domain/display-labels.js";

/** Reply language (the domain's display language). */
export type { Lang };

/** Longest text the matchers look at; anything longer is not a command (the rest is ignored for matching). */
export const MAX_MATCH_CHARS = 500;

const ZERO_WIDTH = /[\u200b-\u200f\u2060\ufeff]/g;
const LEADING_MENTION = /^@[^\s@]+\s+/u;
const TRAILING_MENTION = /\s+@[^\s@]+$/u;
const HAN = /\p{Script=Han}/u;

/** Typos a pinyin keyboard produces for the words the intents key on, mapped to the intended word. */
const TYPOS: readonly [RegExp, string][] = [
  [/到[其气起齐七奇汽]/g, "到期"],
  [/过[其气起齐七]/g, "过期"],
  [/续[废肺飞非]/g, "续费"],
  [/额[渡读独]/g, "额度"],
  [/电[话化华]会[议意义以易]/g, "电话会议"],
  [/撤[消]/g, "撤销"],
  [/发[漂飘]/g, "发票"],
  [/权[意义]/g, "权益"],
  [/帮[主住]/g, "帮助"],
  [/合[童铜]/g, "合同"],
  [/提[型行]/g, "提醒"],
];

/** Removes @mentions at the start and the end ("@钉钉管家 DING还剩多少" → "DING还剩多少"). */
export function stripMentions(s: string): string {
  let out = s.trim();
  for (let prev = ""; prev !== out; ) {
    prev = out;
    out = out.replace(LEADING_MENTION, "").replace(TRAILING_MENTION, "").trim();
  }
  return /^@[^\s@]+$/u.test(out) ? "" : out;
}

/** The text as the user meant it: NFKC, no zero-width characters or @mentions, single spaces, trimmed. */
export function cleanText(raw: string): string {
  const nfkc = raw.normalize("NFKC").replace(ZERO_WIDTH, "").replace(/\s+/gu, " ");
  return stripMentions(nfkc);
}

/** The form intents match on: {@link cleanText}, at most {@link MAX_MATCH_CHARS}, lower case, typos corrected. */
export function normalizeText(raw: string): string {
  let t = cleanText(raw).slice(0, MAX_MATCH_CHARS).toLowerCase();
  for (const [re, to] of TYPOS) t = t.replace(re, to);
  return t;
}

/** Letters, digits and CJK only: spaces and punctuation removed ("DING 还剩 多少？" → "ding还剩多少"). */
export function compact(text: string): string {
  return text.replace(/[^\p{L}\p{N}]/gu, "");
}

/** Latin tokens Chinese speakers use too; they alone do not make a message English ("DING", "API"). */
const NEUTRAL_TOKENS = new Set(["ding", "dings", "api", "apis", "qps", "gb", "tb", "g", "t", "pro", "oa", "ok", "id"]);

/** English when the text has no Chinese characters and an English word besides product tokens; Chinese otherwise. */
export function detectLang(text: string): Lang {
  if (HAN.test(text)) return "zh";
  return (text.toLowerCase().match(/[a-z]+/g) ?? []).some((w) => !NEUTRAL_TOKENS.has(w)) ? "en" : "zh";
}
