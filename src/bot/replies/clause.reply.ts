/** Clause search results: quoted clauses with their refs. Pure. */
import type { Clause } from "../../domain/model.js";
import type { BotReply } from "../bot-context.js";
import type { Lang } from "../text-normalize.js";
import { clauseRef, escapeMarkdown, quoteUser, redactMoney, reply, t } from "./format.js";

/** Longest clause excerpt quoted in chat (characters). */
export const CLAUSE_EXCERPT_CHARS = 180;

function excerpt(text: string, hideMoney: boolean): string {
  const one = text.replace(/\s+/g, " ").trim();
  const chars = [...one];
  const cut = chars.length > CLAUSE_EXCERPT_CHARS ? `${chars.slice(0, CLAUSE_EXCERPT_CHARS).join("")}…` : one;
  return escapeMarkdown(hideMoney ? redactMoney(cut) : cut);
}

/** The clauses found for `query`; `hideMoney` masks amounts (groups that are not admin groups). */
export function clausesReply(query: string, found: readonly Clause[], lang: Lang, hideMoney: boolean): BotReply {
  const title = t(lang, "合同条款", "Clauses");
  if (found.length === 0) {
    return reply(title, [
      t(lang, `没有找到与「${quoteUser(query)}」相关的条款。`, `No clause matches "${quoteUser(query)}".`),
      t(lang, "试试「退款」「保密」「不可抗力」「违约」，或「条款」加编号（如「条款 3.2」）。", "Try \"refund\", \"confidentiality\", \"force majeure\", \"breach\", or \"clause\" with a number (e.g. \"clause 3.2\")."),
    ]);
  }
  return reply(title, [
    t(lang, `**与「${quoteUser(query)}」相关的条款（${found.length}）：**`, `**Clauses about "${quoteUser(query)}" (${found.length}):**`),
    ...found.map((c) => `> **${clauseRef(c, lang)}** ${excerpt(c.text, hideMoney)}`),
  ]);
}
