/**
 * Language choice and lookup of every user-visible string (dictionaries in i18n-zh.ts and i18n-en.ts). `{name}`
 * placeholders are filled by `t()`. Server text (titles, clauses, notes) is never looked up here; it is shown as written.
 */
import { en } from "./i18n-en.js";
import { zh, type MessageKey } from "./i18n-zh.js";

export type { MessageKey };


/**
 * Unit labels, `[zh, en]`: only a fallback, as the server sends every quota's name and unit in the page's language
 * from the shared display labels (the same words the bot and the reminders use).
 */
const UNITS: Record<string, [string, string]> = {
  message: ["条", "messages"], minute: ["分钟", "min"], meeting: ["场", "meetings"], person: ["人", "people"],
  hour: ["小时", "h"], room: ["间", "rooms"], gb: ["GB", "GB"], use: ["次", "uses"], qps: ["QPS", "QPS"],
  call: ["次", "calls"], flow: ["次", "runs"], api: ["个", "APIs"], device: ["台", "devices"], map: ["张", "maps"],
  account: ["个", "accounts"],
};

/** Supported page languages. */
export type Lang = "zh" | "en";

/** Picks the language: `?lang=` wins, then DingTalk's language, then the browser's; Chinese unless it says English. */
export function pickLang(query: string | null, containerLang: string | null, browserLang: string | undefined): Lang {
  const wanted = query ?? containerLang ?? browserLang ?? "zh";
  return /^en/i.test(wanted) ? "en" : "zh";
}

/** The translate function of one language. */
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** Builds `t()` for a language; `{name}` placeholders are replaced by `vars`, `{s}` is "s" unless `n` is 1. */
export function translator(lang: Lang): Translate {
  const dict: Record<MessageKey, string> = lang === "en" ? en : zh;
  return (key, vars) => {
    const all = vars && "n" in vars ? { s: Number(vars.n) === 1 ? "" : "s", ...vars } : vars;
    return dict[key].replace(/\{(\w+)\}/g, (m, name: string) => (all && name in all ? String(all[name]) : m));
  };
}

/** Label of an enum value from the server (`status.active`, `channel.robot`…), or the raw value when unknown. */
export function enumLabel(lang: Lang, prefix: string, value: string): string {
  const dict: Record<string, string> = lang === "en" ? en : zh;
  return dict[`${prefix}.${value}`] ?? value;
}

/** The display label of a unit (the raw unit when unknown). */
export function unitLabel(lang: Lang, unit: string): string {
  const pair = UNITS[unit];
  return pair ? pair[lang === "en" ? 1 : 0] : unit;
}
