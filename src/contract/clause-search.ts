/**
 * A small ranked search over contract clauses: CJK bigram tokens (plus ASCII words) in MiniSearch (BM25),
 * query synonyms (退款/退费, 发票/开票, 删除/清除, 到期/届满, 违约/滞纳金, 保密…) and a boost for clauses whose
 * tag matches what the query is about.
 */
import MiniSearch from "minisearch";
import type { Clause, ClauseTag } from "../domain/model.js";

/** One search result. */
export interface ClauseHit {
  clause: Clause;
  part: Clause["part"];
  ref: string;
  score: number;
}

/** A built index over a contract's clauses. */
export interface ClauseIndex {
  /** Clauses ranked by relevance to `query`, best first (at most `limit`). */
  search(query: string, limit?: number): ClauseHit[];
}

/** Groups of words that mean the same thing in a contract question. */
export const CLAUSE_SYNONYMS: readonly (readonly string[])[] = [
  ["退款", "退费", "退还", "退钱"],
  ["发票", "开票", "开具"],
  ["删除", "清除", "销毁", "不可恢复"],
  ["到期", "届满", "期满", "有效期"],
  ["违约", "滞纳金", "违约金", "逾期"],
  ["保密", "秘密", "专有信息"],
  ["续费", "续约", "续签"],
  ["付款", "支付", "缴费"],
  ["终止", "解除"],
  ["争议", "纠纷", "诉讼", "管辖"],
  ["赔偿", "责任", "损失"],
  ["聊天记录", "聊天内容"],
];

const TAG_HINTS: readonly [RegExp, ClauseTag][] = [
  [/退款|退费|退还|退钱/u, "no_refund"],
  [/发票|开票/u, "invoice"],
  [/删除|清除|销毁|不可恢复/u, "data_deletion"],
  [/保存|保留|聊天记录/u, "data_retention"],
  [/到期|届满|续费|续约/u, "renewal"],
  [/违约|滞纳金|违约金|逾期/u, "penalty"],
  [/保密|秘密/u, "confidentiality"],
  [/付款|支付/u, "payment"],
  [/终止|解除/u, "termination"],
  [/不可抗力/u, "force_majeure"],
  [/争议|纠纷|诉讼|管辖|仲裁/u, "dispute"],
  [/赔偿上限|赔偿总额|责任上限/u, "liability_cap"],
  [/变更|修改|通知/u, "change_notice"],
];

const CJK_RUN = /[\u3400-\u4dbf\u4e00-\u9fff]+|[a-z0-9]+(?:\.[a-z0-9]+)*/giu;

/** Tokenizes text into lower-case ASCII words and CJK bigrams (a single CJK character stays a unigram). */
export function tokenizeCjk(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(CJK_RUN)) {
    const run = m[0];
    if (!/[\u3400-\u9fff]/u.test(run)) {
      out.push(run);
      continue;
    }
    const chars = [...run];
    if (chars.length === 1) out.push(run);
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
  }
  return out;
}

/** The query plus the synonyms of every word it contains. */
export function expandQuery(query: string): string {
  const extra = CLAUSE_SYNONYMS.filter((g) => g.some((w) => query.includes(w))).flat();
  return [query, ...extra].join(" ");
}

/** Builds a search index over clauses (a contract has a few hundred at most; building takes milliseconds). */
export function buildClauseIndex(clauses: readonly Clause[]): ClauseIndex {
  const ms = new MiniSearch<{ id: number; text: string; ref: string }>({
    fields: ["text", "ref"],
    tokenize: tokenizeCjk,
    processTerm: (t) => t,
  });
  ms.addAll(clauses.map((c, id) => ({ id, text: c.text, ref: c.ref })));
  return {
    search(query: string, limit = 5): ClauseHit[] {
      const q = query.trim();
      if (q === "" || clauses.length === 0) return [];
      const tags = new Set(TAG_HINTS.filter(([re]) => re.test(q)).map(([, tag]) => tag));
      const hits = ms.search(expandQuery(q), { combineWith: "OR", boost: { text: 1, ref: 2 } });
      return hits
        .map((h) => {
          const clause = clauses[h.id as number];
          const boost = clause.tags.some((t) => tags.has(t)) ? 1.5 : 1;
          return { clause, part: clause.part, ref: clause.ref, score: Math.round(h.score * boost * 1000) / 1000 };
        })
        .sort((a, b) => b.score - a.score || clauses.indexOf(a.clause) - clauses.indexOf(b.clause))
        .slice(0, Math.max(0, limit));
    },
  };
}
