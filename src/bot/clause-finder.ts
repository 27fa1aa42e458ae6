/**
 * The bot's built-in clause search, used when no search is injected (the parser's MiniSearch index lives in the
 * contract layer, which the bot may not import; main.ts and the CLI pass it in). Tag hints plus shared character
 * bigrams. Pure.
 */
import { clauseSays, type ClaimKind } from "../domain/clause-claims.js";
import type { Clause, ClauseTag } from "../domain/model.js";
import { bigrams } from "./fuzzy.js";
import type { ClauseSearch } from "./bot-context.js";

const TAG_HINTS: readonly [RegExp, ClauseTag][] = [
  [/退款|退费|退还|退钱|refund/, "no_refund"],
  [/发票|开票|invoice/, "invoice"],
  [/删除|清除|不可恢复|delet/, "data_deletion"],
  [/保存|保留|聊天记录|retention/, "data_retention"],
  [/续费|续约|renew/, "renewal"],
  [/违约|滞纳金|违约金|逾期|breach|penalt/, "penalty"],
  [/保密|秘密|confidential/, "confidentiality"],
  [/付款|支付|payment/, "payment"],
  [/终止|解除|terminat/, "termination"],
  [/不可抗力|force majeure/, "force_majeure"],
  [/争议|纠纷|诉讼|管辖|仲裁|dispute|arbitrat/, "dispute"],
  [/赔偿|责任|liabilit/, "liability_cap"],
];

/** Tags whose boost needs the clause text to say the claim too (the parser's tag alone is not enough: "删除旧功能"). */
const TAG_CLAIMS: Partial<Record<ClauseTag, ClaimKind>> = { no_refund: "no_refund", data_deletion: "drive_data", data_retention: "chat_history" };

/** True when the clause carries `tag` and, for tags that make a claim, its text says it. */
function reallyTagged(c: Clause, tags: ReadonlySet<ClauseTag>): boolean {
  return c.tags.some((t) => tags.has(t) && (TAG_CLAIMS[t] === undefined || clauseSays(TAG_CLAIMS[t]!, c.text)));
}

/** Ranks clauses by tag hints (strong, when the text bears the tag out) and shared character bigrams (weak); zero-score clauses are dropped. */
export const findClauses: ClauseSearch = (clauses, query, limit) => {
  const q = query.toLowerCase();
  const tags = new Set(TAG_HINTS.filter(([re]) => re.test(q)).map(([, tag]) => tag));
  const grams = new Set(bigrams(q.replace(/[^\p{L}\p{N}]/gu, "")));
  const scored = clauses.map((c, i) => {
    const text = c.text.toLowerCase();
    let score = reallyTagged(c, tags) ? 10 : 0;
    for (const g of grams) if (text.includes(g)) score += 1;
    return { c, i, score };
  });
  return scored.filter((s) => s.score >= Math.min(2, grams.size || 1)).sort((a, b) => b.score - a.score || a.i - b.i).slice(0, limit).map((s) => s.c);
};

/** Clauses with this ref or under it ("3.1" → 3.1, 3.1.1 …), at most `limit`. */
export function clausesByRef(clauses: readonly Clause[], ref: string, limit: number): Clause[] {
  const exact = clauses.filter((c) => c.ref === ref);
  const under = clauses.filter((c) => c.ref.startsWith(`${ref}.`));
  return [...exact, ...under].slice(0, limit);
}
