/**
 * Payment and invoice deadlines ("合同签订后30天内付款", "收到申请…后30天内开具", "付款后5个工作日内开具发票")
 * and the late penalty per day ("每逾期一日…0.2%"), read from clause texts. Linear on hostile text: whitespace
 * between optional parts is matched once, and a number is only tried from the start of its run of digits.
 */
import type { DeadlineAnchor, DeadlineTerm, DeadlineUnit } from "../domain/model.js";
import { parseChineseNumber } from "../domain/chinese-numerals.js";
import { citeClause, type Found } from "./field-extractors.js";
import type { ClauseBlock } from "./clause-splitter.js";

const WITHIN_RE =
  /(\d{1,4}|[一二两三四五六七八九十百]{1,4})\s*(?:[（(]\s*(\d{1,4})\s*[)）]\s*)?(个工作日|工作日|个自然日|自然日|个日历日|日历日|天|日|个月|月)\s*(?:之内|以内|内)/gu;
const SENTENCE_END = /[。；;\n]/u;
const isSentenceEnd = (c: string) => c === "。" || c === "；" || c === ";" || c === "\n";

const UNITS: Readonly<Record<string, DeadlineUnit>> = {
  个工作日: "working_day", 工作日: "working_day", 个自然日: "day", 自然日: "day", 个日历日: "day", 日历日: "day",
  天: "day", 日: "day", 个月: "month", 月: "month",
};

const ANCHORS: readonly [DeadlineAnchor, RegExp][] = [
  ["request", /收到[^，。；]{0,8}(?:申请|请求|要求)|(?:申请|请求)(?:之日|后)|提出[^，。；]{0,6}(?:申请|要求)|索取|开票申请/u],
  ["payment", /付款|支付|到账|收款|付清|收到[^，。；]{0,4}(?:款|费用)/u],
  ["signing", /签署|签订|签约|签字|盖章|生效/u],
  ["start", /开通|服务开始|上线|交付|验收/u],
];

type Kind = "payment" | "invoice";

/** What a within-expression is about, from the words right after it (or the label before it). */
function classify(after: string, before: string): Kind | null {
  const pay = after.search(/付款|支付|付清|缴纳|结清|付费/u);
  const inv = after.search(/开具|开票|发票|开出/u);
  if (pay >= 0 && (inv < 0 || pay < inv)) return "payment";
  if (inv >= 0) return "invoice";
  if (/(?:付款|支付)(?:期限|时间)/u.test(before)) return "payment";
  if (/(?:开票|发票)(?:期限|时间)/u.test(before)) return "invoice";
  return null;
}

function anchorOf(before: string, kind: Kind): DeadlineAnchor {
  for (const [anchor, re] of ANCHORS) if (re.test(before)) return anchor;
  return kind === "payment" ? "signing" : "payment";
}

function sentenceAround(text: string, start: number, end: number): { before: string; after: string; sentence: string } {
  let s = start;
  while (s > 0 && !isSentenceEnd(text[s - 1]) && start - s < 80) s--;
  let e = end;
  while (e < text.length && !isSentenceEnd(text[e]) && e - end < 120) e++;
  const afterEnd = text.slice(end, e).search(/[，,]/u);
  return {
    before: text.slice(s, start),
    after: text.slice(end, afterEnd < 0 ? Math.min(e, end + 30) : end + afterEnd),
    sentence: text.slice(s, e),
  };
}

const RATE_RE = /(?<!\d)(\d+(?:\.\d+)?)\s*(%|‰)|(万|千)分之([零一二两三四五六七八九十\d.]+)/u;

/** The late penalty per day written in a sentence, as a fraction (0.2 % → 0.002), or null. */
export function parseDailyRate(sentence: string): number | null {
  if (!/每逾期|逾期每|每日|按日|每天|日(?:利)?率/u.test(sentence)) return null;
  const m = RATE_RE.exec(sentence.slice(sentence.search(/每逾期|逾期每|每日|按日|每天|日(?:利)?率/u)));
  if (!m) return null;
  let rate: number | null;
  if (m[1] !== undefined) rate = Number(m[1]) / (m[2] === "%" ? 100 : 1000);
  else {
    const n = /^[\d.]+$/.test(m[4]) ? Number(m[4]) : parseChineseNumber(m[4]);
    rate = n === null ? null : n / (m[3] === "万" ? 10000 : 1000);
  }
  return rate !== null && rate > 0 && rate < 1 ? Number(rate.toPrecision(10)) : null;
}

/** Payment and invoice deadlines with the clauses they came from. Body clauses are read before the annex. */
export function extractDeadlines(clauses: readonly ClauseBlock[]): {
  payment: Found<DeadlineTerm> | null;
  invoice: Found<DeadlineTerm> | null;
  penaltyRef: string | null;
} {
  const ordered = [...clauses.filter((c) => c.part === "body"), ...clauses.filter((c) => c.part === "annex")];
  const found: Partial<Record<Kind, Found<DeadlineTerm>>> = {};
  const penalty: Partial<Record<Kind, { rate: number; ref: string }>> = {};
  for (const c of ordered) {
    for (const m of c.text.matchAll(WITHIN_RE)) {
      const value = m[2] !== undefined ? Number(m[2]) : /^\d+$/.test(m[1]) ? Number(m[1]) : parseChineseNumber(m[1]);
      if (value === null || value <= 0 || value > 366) continue;
      const { before, after } = sentenceAround(c.text, m.index, m.index + m[0].length);
      const kind = classify(after, before);
      if (kind === null || found[kind]) continue;
      found[kind] = { value: { within: { value, unit: UNITS[m[3]] }, from: anchorOf(before, kind) }, ref: citeClause(c) };
    }
    for (const sentence of c.text.split(SENTENCE_END)) {
      const rate = parseDailyRate(sentence);
      if (rate === null) continue;
      const kind: Kind | null = /开具|开票|发票/u.test(sentence) ? "invoice" : /付款|支付|款项|费用/u.test(sentence) ? "payment" : null;
      if (kind && !penalty[kind]) penalty[kind] = { rate, ref: citeClause(c) };
    }
  }
  const payment = found.payment ?? null;
  if (payment && penalty.payment) payment.value.latePenaltyRatePerDay = penalty.payment.rate;
  const invoice = found.invoice ?? null;
  if (invoice) invoice.value.latePenaltyRatePerDay = penalty.invoice?.rate ?? null;
  return { payment, invoice, penaltyRef: penalty.invoice?.ref ?? penalty.payment?.ref ?? null };
}
