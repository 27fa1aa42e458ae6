/**
 * Does a clause say what we claim it says? Each claim the steward makes from a contract has key terms a clause must
 * contain (ALL of them) before it may be cited for it: a parser tag is only a ranking hint, never enough on its own
 * (a clause about "删除旧功能" is not about deleting data). And the exceptions a clause states ("除双方另有约定外",
 * "但因钉钉公司原因造成的除外"), so a summary keeps them. Pure.
 */
import type { Clause, ClauseTag } from "./model.js";

/** Claims the steward makes from clauses: the expiry consequences, and what to do when an allowance runs out. */
export type ClaimKind =
  | "no_refund" | "chat_history" | "drive_data" | "consumables_lapse"
  | "top_up" | "beyond_cap" | "api_limit" | "prices_online" | "drive_expansion";

/** What a clause must contain to back a claim, and the tags that rank it first. */
export interface ClaimTerms {
  tags: readonly ClauseTag[];
  /** Every pattern must match the clause text. */
  all: readonly RegExp[];
}

/** The key terms of each claim (README "Citations"). */
export const CLAIM_TERMS: Record<ClaimKind, ClaimTerms> = {
  no_refund: { tags: ["no_refund"], all: [/(不予|不得|不能|不|无法|概不)[^。；]{0,16}(退款|退费|退还)|不予退/] },
  chat_history: { tags: ["data_retention"], all: [/聊天(记录|内容)/, /\d+\s*天/, /不再保存|仅|只/] },
  drive_data: {
    tags: ["data_deletion"],
    all: [/(清除|删除)[^。；]{0,24}(数据|云盘|文件)|(数据|云盘|文件)[^。；]{0,12}(清除|删除)/],
  },
  consumables_lapse: { tags: [], all: [/未使用|未用完|未消耗|剩余/, /不再有效|作废|失效|清零|不可顺延|不予顺延/] },
  top_up: { tags: ["renewal"], all: [/消耗型|继续使用/, /充值|续约|续费/] },
  beyond_cap: { tags: [], all: [/超出|超过/, /另行(选购|购买|订购)|选购相应/] },
  api_limit: { tags: [], all: [/API|接口|连接流/, /超过|超出/, /受限|限制/] },
  prices_online: { tags: [], all: [/费用|价格/, /钉钉页面|订购页面|订购时/] },
  drive_expansion: { tags: [], all: [/云盘/, /扩容/] },
};

/** True when the clause text contains every key term of the claim. */
export function clauseSays(kind: ClaimKind, text: string): boolean {
  return CLAIM_TERMS[kind].all.every((re) => re.test(text));
}

/** Clauses that say `kind`, tagged ones first, in document order otherwise; at most `limit`. */
export function clausesSaying(kind: ClaimKind, clauses: readonly Clause[], limit = 3): Clause[] {
  const { tags } = CLAIM_TERMS[kind];
  const saying = clauses.filter((c) => clauseSays(kind, c.text));
  const tagged = saying.filter((c) => c.tags.some((t) => tags.includes(t)));
  return [...tagged, ...saying.filter((c) => !tagged.includes(c))].slice(0, limit);
}

/** An exception a clause states, as written (zh) and in English when it is a known one. */
export interface ClauseException {
  ref: string;
  part: Clause["part"];
  /** As written, without a leading "但" ("因钉钉公司原因造成的除外", "除双方另有约定外"). */
  zh: string;
  /** In English without a connector ("where it is DingTalk's fault"): "Exception: …" / "(except …)". */
  en: string;
}

const KNOWN_EXCEPTIONS: readonly [RegExp, string][] = [
  [/双方另有(约定|规定)/, "if both parties agreed otherwise"],
  [/法律法规另有规定.*不可抗力|不可抗力.*法律法规另有规定/, "where laws provide otherwise or in force majeure"],
  [/法律法规另有规定/, "where laws provide otherwise"],
  [/不可抗力/, "in force majeure"],
  [/钉钉(公司)?(的)?原因/, "where it is DingTalk's fault"],
];

/** The exceptions a clause states: "除…外" and "但…除外" phrases, each once. */
export function clauseExceptions(c: Pick<Clause, "ref" | "part" | "text">): ClauseException[] {
  const text = c.text.replace(/\s+/g, "");
  const found = [
    ...[...text.matchAll(/(?<![(（])除([^，,。；;（）()]{1,30}?)外(?=[，,])/g)].map((m) => m[0]),
    ...[...text.matchAll(/但([^，,。；;]{1,40}?除外)/g)].map((m) => m[1]!),
  ];
  return [...new Set(found)].map((zh) => ({
    ref: c.ref, part: c.part, zh, en: KNOWN_EXCEPTIONS.find(([re]) => re.test(zh))?.[1] ?? "as the clause states",
  }));
}
