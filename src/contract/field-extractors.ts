/**
 * Extractors for the header fields of a contract: title, parties, product/edition, amount (digits and capitals),
 * term and signing date. Each returns the value and where it was found. The patterns are linear on hostile text:
 * whitespace between optional parts is matched once, and what is anchored at a line end is read from the end.
 */
import { formatYuan } from "../domain/display-labels.js";
import type { ContractDocument, ParseWarning } from "../domain/contract-document.js";
import type { IsoDate } from "../domain/model.js";
import { CAPITAL_AMOUNT_CHARS, parseCapitalAmount, parseChineseNumber } from "../domain/chinese-numerals.js";
import type { ClauseBlock } from "./clause-splitter.js";

/** A value and the clause ref (or "header"/"signature") it came from. */
export interface Found<T> {
  value: T;
  ref: string;
}

/** How a clause is cited in `sources`: "3.1.7" in the body, "附件 2.4" in the annex. */
export function citeClause(c: ClauseBlock): string {
  return c.part === "annex" ? `附件 ${c.ref}` : c.ref;
}

const stripMarkup = (s: string) => s.replace(/\*\*|__|^#+\s*|【|】|《|》/gu, "").trim();

/** The document title: the first short line in the head that names a 合同/协议. */
export function extractTitle(lines: readonly string[], headEnd: number): Found<string> | null {
  for (let i = 0; i < Math.min(headEnd, 20); i++) {
    const t = stripMarkup(lines[i]).replace(/\s+/gu, "");
    if (t.length >= 4 && t.length <= 40 && /合同|协议|合约/u.test(t) && !/^[甲乙]方|[:：]/u.test(t)) return { value: t, ref: "header" };
  }
  return null;
}

const PARTY_LABEL_RE = /(?:^|\s)([甲乙])\s*方\s*(?:([一二三四1-4])\s*)?(?:[(（][^)）]{1,8}[)）]\s*)?[:：]/gu;
const SEAL_NOTE_RE = /[（(]\s*盖章/gu;
const CLOSE_BRACKET_RE = /[)）]/gu;
const isNameEdge = (c: string) => /[\s:：,，;；.。]/u.test(c);

/**
 * Drops "(盖章…)" notes, as `/[（(]\s*盖章[^)）]*[)）]/gu` would, but stops at the first note that is never closed
 * (the regex would rescan the rest of the text for each of them).
 */
function dropSealNotes(s: string): string {
  const parts: string[] = [];
  let from = 0;
  SEAL_NOTE_RE.lastIndex = 0;
  for (let m = SEAL_NOTE_RE.exec(s); m; m = SEAL_NOTE_RE.exec(s)) {
    CLOSE_BRACKET_RE.lastIndex = m.index + m[0].length;
    const close = CLOSE_BRACKET_RE.exec(s);
    if (!close) break;
    parts.push(s.slice(from, m.index));
    from = close.index + 1;
    SEAL_NOTE_RE.lastIndex = from;
  }
  parts.push(s.slice(from));
  return parts.join("");
}

/** Trims spaces and :：,，;；.。 from both ends (a loop: an end-anchored run is retried from every position). */
function trimNameEdges(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isNameEdge(s[a])) a++;
  while (b > a && isNameEdge(s[b - 1])) b--;
  return s.slice(a, b);
}

function cleanPartyName(raw: string): string {
  const name = trimNameEdges(
    dropSealNotes(stripMarkup(raw).replace(/[（(]\s*(?:以下|下文)?(?:简称|下称|称)[^)）]*(?:[)）]|$)/gu, ""))
      .replace(/(?<=[\u4e00-\u9fff）)])\s+(?=[\u4e00-\u9fff（(])/gu, ""),
  );
  return name.length >= 2 && !/^(?:盖章|签字|签章|地址|联系)/u.test(name) ? name : "";
}

/** The customer (甲方) and vendors (乙方, 乙方一, 乙方二 … in document order) named in the head. */
export function extractParties(lines: readonly string[], headEnd: number): {
  customer: Found<{ name: string }> | null;
  vendors: { name: string }[];
} {
  let customer: Found<{ name: string }> | null = null;
  const vendors: { name: string }[] = [];
  const seenLabels = new Set<string>();
  for (let i = 0; i < headEnd; i++) {
    const line = lines[i].replace(/\*\*|__/g, "");
    const labels = [...line.matchAll(PARTY_LABEL_RE)];
    labels.forEach((m, k) => {
      const label = m[1] + (m[2] ?? "");
      const end = labels[k + 1]?.index ?? line.length;
      const name = cleanPartyName(line.slice(m.index + m[0].length, end));
      if (name === "" || seenLabels.has(label)) return;
      seenLabels.add(label);
      if (m[1] === "甲") customer ??= { value: { name }, ref: "header" };
      else if (!vendors.some((v) => v.name === name)) vendors.push({ name });
    });
  }
  return { customer, vendors };
}

const EDITIONS: Readonly<Record<string, string>> = { 专业: "pro", 专属: "exclusive", 专有: "dedicated" };

/** Words just before an edition's name that say it is NOT sold ("本合同不包含钉钉专业版", "不含", "非…"). */
const NEGATED_BEFORE = /(?:不|未|非|无|并不|不再)(?:包含|包括|含有|含|提供|涉及|销售|开通)?[\s“"「『]*$/u;

/** Mentions of a DingTalk edition that the text does not negate, in order: what the contract actually sells. */
export function soldEditions(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/钉钉\s*(专业|专属|专有)版/gu)) {
    if (!NEGATED_BEFORE.test(text.slice(Math.max(0, m.index - 8), m.index))) out.push(m[1]!);
  }
  return out;
}

/** The DingTalk edition the contract is about: the most mentioned 钉钉专业版/专属版/专有版 that is not negated. */
export function extractProduct(text: string): { product: string; edition: string } | null {
  const counts = new Map<string, number>();
  for (const e of soldEditions(text)) counts.set(e, (counts.get(e) ?? 0) + 1);
  const best = [...counts].sort((a, b) => b[1] - a[1])[0];
  return best ? { product: `钉钉${best[0]}版`, edition: EDITIONS[best[0]] } : null;
}

const AMOUNT_KEY_RE = /总计金额|合同总金额|合同总价|合同金额|总金额|总价款|合同价款|服务费用总额|费用总额|总计|金额为|价款为|费用为|金额[:：]/gu;
const DIGITS_RE = /(?:[¥￥]|RMB|人民币)?\s*(\d{1,3}(?:[,，]\d{3})+|\d+)(?:\.(\d{1,2}))?\s*(万)?\s*元|[¥￥]\s*(\d{1,3}(?:[,，]\d{3})+|\d+)(?:\.(\d{1,2}))?/u;
const WORDS_RE = new RegExp(`[${CAPITAL_AMOUNT_CHARS}]{2,}`, "gu");
/** A digit or a capital digit: a window without one holds no amount (both DIGITS_RE and words need one). */
const AMOUNT_HINT_RE = /[\d壹贰貳叁參肆伍陆陸柒捌玖零]/gu;
/** Amount keys near a digit but without a readable amount examined per document before giving up (bounds hostile text). */
const MAX_AMOUNT_MISSES = 200;

function digitsToFen(intPart: string, dec: string | undefined, wan: boolean): number {
  const fen = Number(intPart.replace(/[,，]/g, "")) * 100 + Number((dec ?? "").padEnd(2, "0"));
  return wan ? fen * 10000 : fen;
}

function findWords(window: string): string | null {
  for (const m of window.matchAll(WORDS_RE)) {
    if (/[壹贰貳叁參肆伍陆陸柒捌玖零]/u.test(m[0]) && /[元圆角分]/u.test(m[0])) return m[0];
  }
  return null;
}

/** The contract amount: digits and capitals near 总计金额/合同金额…, cross-checked; warnings for doubts. */
export function extractAmount(clauses: readonly ClauseBlock[], headText: string): {
  amount: ContractDocument["amount"];
  ref: string | null;
  warnings: ParseWarning[];
} {
  const texts: { text: string; ref: string }[] = [
    ...clauses.filter((c) => c.part === "body").map((c) => ({ text: c.text, ref: citeClause(c) })),
    { text: headText, ref: "header" },
    ...clauses.filter((c) => c.part === "annex").map((c) => ({ text: c.text, ref: citeClause(c) })),
  ];
  let misses = 0;
  for (const { text, ref } of texts) {
    let hintAt = -1;
    for (const key of text.matchAll(AMOUNT_KEY_RE)) {
      if (hintAt < key.index) {
        AMOUNT_HINT_RE.lastIndex = key.index;
        hintAt = AMOUNT_HINT_RE.exec(text)?.index ?? Infinity;
      }
      if (hintAt >= key.index + 400) continue;
      if (misses >= MAX_AMOUNT_MISSES) break;
      const window = stripMarkup(text.slice(key.index, key.index + 160).replace(/\*\*|【|】/gu, ""));
      const d = DIGITS_RE.exec(window);
      const words = findWords(window) ?? findWords(text.slice(key.index, key.index + 400).replace(/\*\*|【|】/gu, ""));
      const wordsFen = words ? parseCapitalAmount(words) : null;
      const fen = d ? (d[1] !== undefined ? digitsToFen(d[1], d[2], d[3] === "万") : digitsToFen(d[4], d[5], false)) : wordsFen;
      if ((!d && !words) || fen === null || !Number.isSafeInteger(fen)) {
        misses++;
        continue;
      }
      const warnings: ParseWarning[] = [];
      if (words && wordsFen === null) {
        warnings.push({ code: "AMOUNT_WORDS_UNREADABLE", message: `无法识别大写金额「${words}」，请核对合同原件。` });
      } else if (wordsFen !== null && wordsFen !== fen) {
        warnings.push({
          code: "AMOUNT_WORDS_MISMATCH",
          message: `合同金额小写 ${formatYuan(fen)} 与大写「${words}」（${formatYuan(wordsFen)}）不一致，请核对合同原件；导入时需确认（--force）。`,
        });
      }
      return { amount: { fen, currency: "CNY", words, wordsFen }, ref, warnings };
    }
  }
  return { amount: null, ref: null, warnings: [{ code: "AMOUNT_MISSING", message: "未找到合同总金额（如“总计金额为：… 元”），请手动填写。" }] };
}


const TERM_NUM = "[\\d一二两三四五六七八九十壹贰叁肆伍]{1,3}";
const TERM_RE = new RegExp(
  `(?:有效期|服务期限|服务期|合同期限|协议期限|使用期限|服务年限|期限)(?:为|是|共|[:：])?\\s*(${TERM_NUM})\\s*(年|个月|月)?\\s*(?:[（(]\\s*(\\d{1,3})\\s*[)）]\\s*(年|个月|月)?)?`,
  "gu",
);
const PRODUCT_RE = /钉钉\s*(?:专业|专属|专有)版/u;
const isSpace = (c: string | undefined) => c !== undefined && /\s/u.test(c);
const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";

/**
 * The term at the end of a product line ("钉钉专业版 … 1 年"): what
 * `/钉钉\s*(?:专业|专属|专有)版.*?\s(\d{1,2})\s*(年|个月)\s*$/u` matches, read from the end of the line (the regex
 * scans to the line end again for every product name on the line).
 */
function productLineTerm(line: string): [num: string, unit: string] | null {
  let end = line.length;
  while (end > 0 && isSpace(line[end - 1])) end--;
  const unit = line.endsWith("个月", end) ? "个月" : line[end - 1] === "年" ? "年" : null;
  if (unit === null) return null;
  let numEnd = end - unit.length;
  while (numEnd > 0 && isSpace(line[numEnd - 1])) numEnd--;
  let numStart = numEnd;
  while (numStart > 0 && numEnd - numStart < 2 && isDigit(line[numStart - 1])) numStart--;
  if (numStart === numEnd || !isSpace(line[numStart - 1])) return null;
  return PRODUCT_RE.test(line.slice(0, numStart - 1)) ? [line.slice(numStart, numEnd), unit] : null;
}

function termFrom(num: string, unit: string | undefined): number | null {
  const n = /^\d+$/.test(num) ? Number(num) : parseChineseNumber(num.replace(/壹/g, "一").replace(/贰/g, "二").replace(/叁/g, "三"));
  if (n === null || !unit) return null;
  const months = unit === "年" ? n * 12 : n;
  return months >= 1 && months <= 120 ? months : null;
}

/** The term in months: "有效期为一年（1）年", "服务期限：24个月", or the 周期 column of the product list ("1年"). */
export function extractTerm(clauses: readonly ClauseBlock[], headText: string): Found<number> | null {
  const ordered = [...clauses.filter((c) => c.part === "body"), ...clauses.filter((c) => c.part === "annex")];
  const sources: { text: string; ref: string }[] = [
    { text: headText, ref: "header" },
    ...ordered.map((c) => ({ text: c.text, ref: citeClause(c) })),
  ];
  for (const { text, ref } of sources) {
    for (const m of text.matchAll(TERM_RE)) {
      const months = m[3] !== undefined ? termFrom(m[3], m[4] ?? m[2]) : termFrom(m[1], m[2]);
      if (months !== null) return { value: months, ref };
    }
    for (const line of text.split("\n")) {
      const p = productLineTerm(line);
      const months = p ? termFrom(p[0], p[1]) : null;
      if (months !== null) return { value: months, ref };
    }
  }
  return null;
}

const DATE_LABEL_RE = /(?:签署|签订|签约|签字|盖章)?(?:时间|日期)\s*[:：]/gu;
const NOT_SIGNING = /(?:生效|到期|开通|起始|终止|开始|结束|付款|开票|申请|操作|服务)$/u;
const DATE_RE = /(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})/u;

function isoDate(y: string, m: string, d: string): IsoDate | null {
  const [yy, mm, dd] = [Number(y), Number(m), Number(d)];
  const dt = new Date(Date.UTC(yy, mm - 1, dd));
  if (yy < 1990 || yy > 2200 || dt.getUTCMonth() !== mm - 1 || dt.getUTCDate() !== dd) return null;
  return `${y}-${String(mm).padStart(2, "0")}-${String(dd).padStart(2, "0")}`;
}

/** The signing date from the signature blocks (时间：2023年05月06日); blank dates give null and a warning. */
export function extractSigningDate(lines: readonly string[], inClause: (line: number) => boolean): {
  signedOn: Found<IsoDate> | null;
  warnings: ParseWarning[];
} {
  const filled: IsoDate[] = [];
  const invalid: string[] = [];
  let blanks = 0;
  lines.forEach((line, i) => {
    if (inClause(i) || (!line.includes("时间") && !line.includes("日期"))) return;
    const labels = [...line.matchAll(DATE_LABEL_RE)].filter((m) => !NOT_SIGNING.test(line.slice(Math.max(0, m.index - 2), m.index)));
    labels.forEach((m, k) => {
      const seg = line.slice(m.index + m[0].length, labels[k + 1]?.index ?? line.length);
      const d = DATE_RE.exec(seg);
      const iso = d ? isoDate(d[1], d[2], d[3]) : null;
      if (iso) filled.push(iso);
      else if (d) invalid.push(`${d[1]}年${d[2]}月${d[3]}日`);
      else if (/年\s*月\s*日|_{2,}|^\s*$/u.test(seg)) blanks++;
    });
  });
  const notDates: ParseWarning[] = invalid.length
    ? [{ code: "SIGNING_DATE_INVALID", message: `签署日期「${invalid.join("」「")}」不是有效日期（该月没有这一天），已忽略；请核对合同，或在导入时用 --starts-on 指定服务开始日期。` }]
    : [];
  if (filled.length === 0) {
    const missing = { code: "SIGNING_DATE_MISSING", message: "签署日期为空，无法确定签约日；请在导入时指定服务开始日期（--starts-on）。" };
    return { signedOn: null, warnings: invalid.length ? notDates : [missing] };
  }
  const latest = [...filled].sort().at(-1) as IsoDate;
  const warnings: ParseWarning[] = blanks > 0
    ? [...notDates, { code: "SIGNING_DATE_INCOMPLETE", message: `有 ${blanks} 处签署日期为空（可能是甲方未填写），已采用 ${latest}，请核对。` }]
    : notDates;
  if (new Set(filled).size > 1) {
    warnings.push({ code: "SIGNING_DATES_DIFFER", message: `各方签署日期不一致（${[...new Set(filled)].join("、")}），已采用最晚的 ${latest}。` });
  }
  return { signedOn: { value: latest, ref: "signature" }, warnings };
}
