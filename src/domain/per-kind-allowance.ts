/**
 * Allowances written "各N次" (data recovery "各1次"): N uses for EACH kind of data the annex row names, not N uses in
 * all. The kinds come from the row's own text (产品内容), in its order; a row that names none gives no kinds, and then
 * the wording says "各 N 次" without inventing any. Pure.
 */
import { parseQuantityNumber, QUANTITY_NUMBER_SOURCE, toHalfWidth } from "./chinese-quantity.js";
import type { Lang } from "./display-labels.js";

/** One kind of data an allowance covers, as the contract names it (zh) and in English (null when not known). */
export interface AllowanceKind {
  zh: string;
  en: string | null;
}

/** "各N次": `each` uses per kind, for the kinds the row names (possibly none). */
export interface PerKindAllowance {
  each: number;
  kinds: AllowanceKind[];
}

const EACH = new RegExp(`各\\s*(${QUANTITY_NUMBER_SOURCE})\\s*次`, "u");

/** Words for kinds of data the standard rows name, most specific first: [pattern, zh label, en label]. */
const KIND_WORDS: readonly [RegExp, string, string][] = [
  [/误?解散的内部群/, "误解散的内部群", "internal groups disbanded by mistake"],
  [/组织架构/, "组织架构", "org structure"],
  [/成员信息/, "成员信息", "member info"],
  [/内部群文件/, "内部群文件", "internal group files"],
  [/群文件/, "群文件", "group files"],
  [/内部群聊/, "内部群聊", "internal group chats"],
  [/群聊/, "群聊", "group chats"],
  [/OA\s*审批/i, "OA 审批数据", "OA approval data"],
  [/审批/, "审批数据", "approval data"],
  [/聊天记录/, "聊天记录", "chat history"],
  [/云盘文件/, "云盘文件", "drive files"],
  [/云盘/, "云盘数据", "drive data"],
];

/** A list item no word above names is kept as a kind only when it is this short (longer ones are prose, not a kind). */
const MAX_UNKNOWN_KIND_CHARS = 10;

/** Terms that appear in exceptions ("家校通讯录、解散组织除外"), in English. */
const EXCEPTION_WORDS: Record<string, string> = { 家校通讯录: "home-school directories", 解散组织: "disbanded organisations" };

/** The part of a row's text that lists what is recovered ("…误删除的A、B及C数据" up to ",支持…" / ",并提供…"). */
function recoverySpan(text: string): string {
  const s = toHalfWidth(text).replace(/\s+/g, "");
  const from = s.includes("误删除的") ? s.indexOf("误删除的") + 4 : s.includes("恢复") ? s.indexOf("恢复") + 2 : 0;
  const rest = s.slice(from);
  const end = rest.search(/,并|,支持|,提供|;|。|,(?![^(]*\))/);
  return end < 0 ? rest : rest.slice(0, end);
}

/** Splits a list on 、/及/和/与 outside parentheses. */
function listItems(span: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  for (const c of span) {
    if (c === "(") depth++;
    if (c === ")") depth = Math.max(0, depth - 1);
    if (depth === 0 && /[、及和与]/.test(c)) {
      out.push(cur);
      cur = "";
    } else cur += c;
  }
  out.push(cur);
  return out.map((x) => x.trim()).filter(Boolean);
}

function exceptionEn(inner: string): string {
  const terms = inner.replace(/除外$/, "").split(/[、,]/).map((t) => EXCEPTION_WORDS[t.trim()] ?? null);
  return terms.every((t) => t !== null) ? `except ${terms.join(" and ")}` : "with exceptions named in the contract";
}

function kindOf(item: string): AllowanceKind | null {
  const paren = /\(([^)]*除外)\)/.exec(item);
  const bare = item.replace(/\([^)]*\)/g, "");
  const hit = KIND_WORDS.find(([re]) => re.test(bare));
  if (!hit && bare.length === 0) return null;
  const zh = hit ? hit[1] : bare.replace(/数据$/, "") || bare;
  const en = hit ? hit[2] : null;
  if (!paren) return { zh, en };
  return { zh: `${zh}（${paren[1]}）`, en: en ? `${en} (${exceptionEn(paren[1]!)})` : null };
}

/** The kinds of data a row's text names, in its order, without repeats ([] when it names none). */
export function allowanceKinds(text: string | null | undefined): AllowanceKind[] {
  if (!text) return [];
  const kinds = listItems(recoverySpan(text)).map(kindOf).filter((k): k is AllowanceKind => k !== null && (k.en !== null || [...k.zh].length <= MAX_UNKNOWN_KIND_CHARS));
  return kinds.filter((k, i) => kinds.findIndex((x) => x.zh === k.zh) === i);
}

/** The per-kind allowance an annex row states ("各 1 次" in its spec), or null when the row does not say 各. */
export function perKindAllowance(spec: string | null | undefined, description: string | null | undefined): PerKindAllowance | null {
  const m = spec ? EACH.exec(toHalfWidth(spec)) : null;
  const each = m ? parseQuantityNumber(m[1]!) : null;
  if (each === null || !(each > 0)) return null;
  return { each, kinds: allowanceKinds(description) };
}

/** How many uses the allowance gives in all: `each` × the kinds named (just `each` when it names none). */
export function perKindCapacity(a: PerKindAllowance): number {
  return a.each * Math.max(1, a.kinds.length);
}

function timesEn(n: number): string {
  return n === 1 ? "once" : n === 2 ? "twice" : `${n} times`;
}

function joinEn(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/**
 * The allowance in words: 「组织架构、成员信息各 1 次」 / "once each for org structure and member info"; without
 * kinds 「各 1 次」 / "once for each kind of data".
 */
export function perKindText(a: PerKindAllowance, lang: Lang): string {
  if (lang === "en") {
    if (a.kinds.length === 0) return `${timesEn(a.each)} for each kind of data`;
    const known = a.kinds.flatMap((k) => (k.en ? [k.en] : []));
    const names = known.length < a.kinds.length ? [...known, "other data the contract names"] : known;
    return `${timesEn(a.each)} each for ${joinEn(names)}`;
  }
  return `${a.kinds.map((k) => k.zh).join("、")}各 ${a.each} 次`;
}
