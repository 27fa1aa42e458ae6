/** Clause search results: quoted clauses with their refs. Pure. */
import type { Clause } from "../../domain/model.js";
import { hasSensitiveText } from "../../domain/sensitive-text.js";
import type { BotReply } from "../bot-context.js";
import type { Lang } from "../text-normalize.js";
import { clauseRef, escapeMarkdown, quoteUser, redactSensitive, reply, t } from "./format.js";

/** Longest clause excerpt quoted in chat (characters). */
export const CLAUSE_EXCERPT_CHARS = 180;

/** One line of a clause, masked first (so a cut never leaves half a figure) and then cut and escaped. */
function excerpt(text: string, mask: boolean): string {
  const one = (mask ? redactSensitive(text) : text).replace(/\s+/g, " ").trim();
  const chars = [...one];
  const cut = chars.length > CLAUSE_EXCERPT_CHARS ? `${chars.slice(0, CLAUSE_EXCERPT_CHARS).join("")}…` : one;
  return escapeMarkdown(cut);
}

/**
 * The clauses found for `query`; `mask` hides money, account numbers, taxpayer ids, phones and e-mail addresses
 * (conversations that are not 1:1 or an admin group), and says so.
 */
export function clausesReply(query: string, found: readonly Clause[], lang: Lang, mask: boolean): BotReply {
  const title = t(lang, "合同条款", "Clauses");
  if (found.length === 0) {
    return reply(title, [
      t(lang, `没有找到与「${quoteUser(query)}」相关的条款。`, `No clause matches "${quoteUser(query)}".`),
      t(lang, "试试「退款」「保密」「不可抗力」「违约」，或「条款」加编号（如「条款 3.2」）。", "Try \"refund\", \"confidentiality\", \"force majeure\", \"breach\", or \"clause\" with a number (e.g. \"clause 3.2\")."),
    ]);
  }
  return reply(title, [
    t(lang, `**与「${quoteUser(query)}」相关的条款（${found.length}）：**`, `**Clauses about "${quoteUser(query)}" (${found.length}):**`),
    ...found.map((c) => `> **${clauseRef(c, lang)}** ${excerpt(c.text, mask)}`),
    mask && found.some((c) => hasSensitiveText(c.text))
      ? t(lang, "（金额、账号、税号和联系方式已隐藏；私聊我可查看完整条款。）", "(Amounts, account numbers, tax ids and contact details are hidden; message me 1:1 for the full clause.)")
      : null,
  ]);
}
