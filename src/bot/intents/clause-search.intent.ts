import type { Intent } from "../bot-context.js";
import { clausesByRef, findClauses } from "../clause-finder.js";
import { clausesReply } from "../replies/clause.reply.js";
import { loadOverview } from "./intent-kit.js";

const REF = /(?:条款|第|clause|§|条)\s*(\d+(?:\.\d+)*)|(?<![\d.])(\d+(?:\.\d+)+)\s*(?:条|款)?(?![\d.])/;
const REF_ZH = /第\s*([零一二两三四五六七八九十百]+)\s*条/;
const EXPLICIT = /条款|条文|clause|§/;
const TOPIC = /退款|退费|退钱|违约|保密|不可抗力|争议|纠纷|仲裁|诉讼|管辖|赔偿|知识产权|免责|refund|breach|confidential|force majeure|liabilit|dispute|arbitrat|indemn|jurisdiction/;
const FILLER = /条款|条文|的|查一下|查查|查|看看|看一下|一下|关于|是什么|怎么说|怎么写的?|写了什么|有哪些|有什么|有没有|吗|呢|合同里?|请问|麻烦|\b(clauses?|about|the|what|does|do|say|says|show|me|on|our|contract|is|are)\b|[?？。.,，!！]/g;

/** Search words of a clause question ("退款条款是什么" → "退款"); the whole text when nothing is left. */
export function clauseQuery(text: string): string {
  const q = text.replace(FILLER, " ").replace(/\s+/g, " ").trim();
  return q || text.trim();
}

/** 「退款」「违约」「保密」「不可抗力」「条款 3.1.5」「第一条」: quoted clauses with refs. */
export const clauseSearchIntent: Intent<{ query: string; ref: string | null }> = {
  name: "clauses",
  examples: { zh: ["退款条款", "违约怎么算", "保密条款", "不可抗力", "条款 3.1.5", "第一条"], en: ["refund clause", "force majeure", "clause 3.1.5"] },
  match(text) {
    const zh = REF_ZH.exec(text);
    if (zh) return { query: text, ref: `第${zh[1]}条` };
    const ref = REF.exec(text);
    const explicit = EXPLICIT.test(text);
    if (ref && (explicit || /第|条/.test(text) || /^\s*[\d.]+\s*$/.test(text))) return { query: text, ref: ref[1] ?? ref[2] };
    if (explicit || TOPIC.test(text)) return { query: clauseQuery(text), ref: null };
    return null;
  },
  async handle(ctx, { query, ref }) {
    const o = await loadOverview(ctx);
    const search = ctx.deps.searchClauses ?? findClauses;
    const found = ref ? clausesByRef(o.clauses, ref, 3) : search(o.clauses, query, 3);
    await ctx.reply(clausesReply(ref ? ctx.rawText : query, found, ctx.lang, !ctx.conversation.privileged));
  },
};
